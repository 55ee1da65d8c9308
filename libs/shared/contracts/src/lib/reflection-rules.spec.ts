import type { ReflectionPrompt } from './homework';
import { reflectionProblems, type ReflectionRules } from './reflection-rules';

const prompts: ReflectionPrompt[] = [
  { key: 'org', label: 'Organization', type: 'short_text', required: true },
  { key: 'story', label: 'What happened', type: 'long_text', required: false },
  { key: 'when', label: 'Date', type: 'date', required: true },
  { key: 'channel', label: 'Channel', type: 'choice', required: true, options: ['Phone', 'Email'] },
  { key: 'link', label: 'Link', type: 'url', required: false },
  { key: 'confidence', label: 'Confidence', type: 'scale', required: false },
];
const rules: ReflectionRules = { prompts, evidence: { kind: 'url', required: true }, contactRequired: true };
const complete = { answers: { org: 'Acme', when: '2026-11-20', channel: 'Phone', link: 'https://acme.test', confidence: 4 }, evidence: 'https://x.test/post', contactId: 'c1' };

describe('reflectionProblems', () => {
  it('finds nothing in a complete, well-typed reflection', () => {
    expect(reflectionProblems(rules, complete, 'submission')).toEqual([]);
  });

  it('names every missing required part on submission, in the order of the form, and lets a draft be incomplete', () => {
    const missing = reflectionProblems(rules, { answers: { org: 'Acme' } }, 'submission');
    expect(missing.map((p) => [p.field, p.problem.kind])).toEqual([
      ['answers.when', 'missing'],
      ['answers.channel', 'missing'],
      ['evidence', 'missing'],
      ['contactId', 'missing'],
    ]);
    expect(missing[0].prompt?.label).toBe('Date');
    expect(reflectionProblems(rules, { answers: { org: 'Acme' } }, 'draft')).toEqual([]);
  });

  it('counts null and the empty string as not answered', () => {
    expect(reflectionProblems(rules, { answers: { org: '', when: null, channel: 'Email' }, evidence: '', contactId: null }, 'draft')).toEqual([]);
  });

  it('names every answer of the wrong type, even in a draft', () => {
    const problems = reflectionProblems(
      rules,
      { answers: { org: 42, when: '20/11/2026', channel: 'Carrier pigeon', link: 'javascript:alert(1)', confidence: 9, extra: 'x' } },
      'draft',
    );
    expect(Object.fromEntries(problems.map((p) => [p.field, p.problem]))).toEqual({
      'answers.extra': { kind: 'unknown_prompt' },
      'answers.org': { kind: 'not_text' },
      'answers.when': { kind: 'not_date' },
      'answers.channel': { kind: 'not_an_option', options: ['Phone', 'Email'] },
      'answers.link': { kind: 'not_url' },
      'answers.confidence': { kind: 'not_on_scale' },
    });
  });

  it('holds text and links to the shared lengths', () => {
    const long = reflectionProblems(rules, { answers: { org: 'a'.repeat(501), story: 'b'.repeat(10_000), link: `https://x.test/${'c'.repeat(2_000)}` } }, 'draft');
    expect(long.map((p) => [p.field, p.problem])).toEqual([
      ['answers.org', { kind: 'too_long', max: 500 }],
      ['answers.link', { kind: 'too_long', max: 2_000 }],
    ]);
  });

  it('takes whole numbers from 1 to 5 on a scale', () => {
    for (const confidence of [1, 5]) expect(reflectionProblems(rules, { answers: { confidence } }, 'draft')).toEqual([]);
    for (const confidence of [0, 6, 2.5, '3']) {
      expect(reflectionProblems(rules, { answers: { confidence } }, 'draft').map((p) => p.problem.kind)).toEqual(['not_on_scale']);
    }
  });

  it('checks evidence against the task: a link where a link is asked, none where none is taken', () => {
    expect(reflectionProblems(rules, { answers: {}, evidence: 'my post' }, 'draft').map((p) => [p.field, p.problem.kind])).toEqual([['evidence', 'not_url']]);
    const none: ReflectionRules = { ...rules, evidence: { kind: 'none', required: false } };
    expect(reflectionProblems(none, { answers: {}, evidence: 'anything' }, 'draft').map((p) => p.problem.kind)).toEqual(['no_evidence_taken']);
    const text: ReflectionRules = { ...rules, evidence: { kind: 'text', required: true } };
    expect(reflectionProblems(text, { ...complete, evidence: 'I posted it' }, 'submission')).toEqual([]);
  });
});
