import { TEMPLATE_KEY_PATTERN, TEMPLATE_LIMITS, isTemplateKey } from './template-limits';

describe('template limits', () => {
  it('take keys that start with a letter and use a-z, 0-9 and _ up to the key limit', () => {
    expect(isTemplateKey('what_surprised_you')).toBe(true);
    expect(isTemplateKey('q2')).toBe(true);
    expect(isTemplateKey('a'.repeat(TEMPLATE_LIMITS.keyMaxLength))).toBe(true);
    expect(isTemplateKey('a'.repeat(TEMPLATE_LIMITS.keyMaxLength + 1))).toBe(false);
    for (const key of ['', '2nd', '_x', 'Org', 'with space', 'dash-ed', 'é']) expect(isTemplateKey(key)).toBe(false);
    expect(TEMPLATE_KEY_PATTERN.source).toBe('^[a-z][a-z0-9_]{0,39}$');
  });
});
