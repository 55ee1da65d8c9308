import { labelledLines } from './labelled-lines';

describe('labelledLines', () => {
  const prompts = [
    { key: 'who', label: 'Who did you talk to?' },
    { key: 'learned', label: 'What did you learn?' },
  ];

  it('writes the named values in the prompts’ order, then the ones no prompt names, leaving empty ones out', () => {
    const answers = { learned: 'Ask for the next person', gone: 'An answer to a prompt since removed', who: 'Ada', empty: '', none: null };
    expect(labelledLines(prompts, answers)).toBe(
      'Who did you talk to?: Ada\nWhat did you learn?: Ask for the next person\ngone: An answer to a prompt since removed',
    );
  });

  it('shows numbers as they are and lists joined by commas (rubric scores, multi-valued answers)', () => {
    expect(labelledLines([{ key: 'depth', label: 'Depth' }], { depth: 3, tags: ['a', 'b'] })).toBe('Depth: 3\ntags: a, b');
  });

  it('is empty for no values at all', () => {
    expect(labelledLines(prompts, null)).toBe('');
    expect(labelledLines(null, {})).toBe('');
  });
});
