import type { ReflectionPrompt } from '@fieldwork/contracts';
import { answerProblems } from './answers';

const prompts: ReflectionPrompt[] = [
  { key: 'org', label: 'Organization', type: 'short_text', required: true },
  { key: 'when', label: 'Date', type: 'date', required: true },
  { key: 'channel', label: 'Channel', type: 'choice', required: true, options: ['Phone', 'Email'] },
  { key: 'link', label: 'Link', type: 'url', required: false },
  { key: 'confidence', label: 'Confidence', type: 'scale', required: false },
];

describe('answerProblems', () => {
  it('accepts complete, well-typed answers', () => {
    expect(answerProblems(prompts, { org: 'Acme', when: '2026-11-20', channel: 'Phone', link: 'https://acme.test', confidence: 4 }, true)).toEqual([]);
  });

  it('names every missing required answer on submit, but lets a draft be incomplete', () => {
    expect(answerProblems(prompts, { org: 'Acme' }, true).map((p) => p.field)).toEqual(['answers.when', 'answers.channel']);
    expect(answerProblems(prompts, { org: 'Acme' }, false)).toEqual([]);
  });

  it('names every answer of the wrong type, even in a draft', () => {
    const problems = answerProblems(prompts, { org: 42 as never, when: '20/11/2026', channel: 'Carrier pigeon', link: 'javascript:alert(1)', confidence: 9, extra: 'x' }, false);
    expect(problems.map((p) => p.field).sort()).toEqual([
      'answers.channel',
      'answers.confidence',
      'answers.extra',
      'answers.link',
      'answers.org',
      'answers.when',
    ]);
  });
});
