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

  it('keep the numbers the API has always used', () => {
    expect(TEMPLATE_LIMITS).toEqual({
      keyMaxLength: 40,
      titleMaxLength: 200,
      instructionsMaxLength: 20_000,
      labelMaxLength: 200,
      promptLabelMaxLength: 300,
      helpMaxLength: 500,
      minPrompts: 1,
      maxPrompts: 40,
      minOptions: 2,
      maxOptions: 20,
      maxCriteria: 12,
      minLevels: 2,
      maxLevels: 10,
      minPoints: 0,
      maxPoints: 100,
      minMinutes: 5,
      maxMinutes: 1_440,
    });
  });
});
