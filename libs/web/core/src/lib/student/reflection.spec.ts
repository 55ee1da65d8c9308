import type { ReflectionPrompt, TaskDetail } from '@fieldwork/contracts';
import { ANSWER_MAX_LENGTH } from '@fieldwork/contracts';
import {
  answerMaxLength,
  draftRequest,
  lengthCount,
  mapReflectionErrors,
  reflectionErrorSummary,
  reflectionFromDraft,
  reflectionRequest,
  validateReflection,
} from './reflection';

const prompts: ReflectionPrompt[] = [
  { key: 'learned', label: 'What did you learn?', type: 'long_text', required: true },
  { key: 'channel', label: 'Channel', type: 'choice', required: true, options: ['In person', 'Video', 'Phone', 'Email'] },
  { key: 'fit', label: 'How well would you fit?', type: 'scale', required: false },
  { key: 'met_on', label: 'Date', type: 'date', required: false },
  { key: 'link', label: 'Link', type: 'url', required: false },
];

function task(extra: Partial<TaskDetail> = {}): Pick<TaskDetail, 'prompts' | 'contactRequired' | 'evidence' | 'draft'> {
  return {
    prompts,
    contactRequired: true,
    evidence: { kind: 'url', required: false, label: 'Link to your post' },
    draft: { answers: {}, contactId: null, evidence: null, savedAt: null },
    ...extra,
  };
}

describe('reflection form logic', () => {
  it('starts from the draft with one entry per prompt', () => {
    const state = reflectionFromDraft(
      task({ draft: { answers: { learned: 'A lot', gone: 'x' }, contactId: 'c1', evidence: null, savedAt: null } }),
    );
    expect(state).toEqual({
      answers: { learned: 'A lot', channel: null, fit: null, met_on: null, link: null },
      contactId: 'c1',
      evidence: null,
    });
  });

  it('builds a trimmed request with scales as numbers and blanks as null', () => {
    const body = reflectionRequest(task(), {
      answers: { learned: '  lots  ', channel: 'Video', fit: '4', met_on: '', link: null },
      contactId: '',
      evidence: '  ',
    });
    expect(body).toEqual({
      answers: { learned: 'lots', channel: 'Video', fit: 4, met_on: null, link: null },
      contactId: null,
      evidence: null,
    });
    expect('evidence' in reflectionRequest(task({ evidence: { kind: 'none', required: false } }), { answers: {}, contactId: null, evidence: 'x' })).toBe(false);
  });

  it('leaves answers of the wrong shape out of a draft', () => {
    const body = draftRequest(task(), {
      answers: { learned: 'half done', channel: null, fit: 3, met_on: '2026-0', link: 'www.linked' },
      contactId: 'c1',
      evidence: 'htt',
    });
    expect(body).toEqual({
      answers: { learned: 'half done', channel: null, fit: 3, met_on: null, link: null },
      contactId: 'c1',
      evidence: null,
    });
  });

  it('checks required answers, types, the contact and the evidence before submitting', () => {
    const errors = validateReflection(task({ evidence: { kind: 'url', required: true } }), {
      answers: { learned: ' ', channel: 'Carrier pigeon', fit: 9, met_on: '2026-02-30', link: 'example.org' },
      contactId: null,
      evidence: null,
    });
    expect(errors).toEqual({
      'answers.learned': 'Answer this question.',
      'answers.channel': 'Choose one of the options.',
      'answers.fit': 'Choose a number from 1 to 5.',
      'answers.met_on': 'Enter a date like 2026-03-03.',
      'answers.link': 'Enter a full link starting with https://',
      contactId: 'Choose the person this reflection is about, or add them to your network.',
      evidence: 'Add the link to your evidence.',
    });
    expect(
      validateReflection(task(), {
        answers: { learned: 'x', channel: 'Phone', fit: 3, met_on: '2026-03-03', link: 'https://example.org' },
        contactId: 'c1',
        evidence: null,
      }),
    ).toEqual({});
  });

  it('maps the API validation details onto prompts, the contact and the evidence', () => {
    const mapped = mapReflectionErrors(task(), {
      'answers.learned': 'Answer is required.',
      'answers[channel]': 'Must be one of the options.',
      'answers.fit.value': 'Must be an integer.',
      'answers.unknown': 'Not a prompt.',
      contactId: 'Not your contact.',
      evidence: 'Must be a URL.',
      answers: 'Too many answers.',
    });
    expect(mapped.fields).toEqual({
      'answers.learned': 'Answer is required.',
      'answers.channel': 'Must be one of the options.',
      'answers.fit': 'Must be an integer.',
      contactId: 'Not your contact.',
      evidence: 'Must be a URL.',
    });
    expect(mapped.other).toEqual(['Not a prompt.', 'Too many answers.']);
  });

  it('lists the problems in page order with the field labels', () => {
    const summary = reflectionErrorSummary(task(), {
      evidence: 'Must be a URL.',
      contactId: 'Required.',
      'answers.fit': 'Choose.',
      'answers.learned': 'Required.',
    });
    expect(summary.map((s) => `${s.label}: ${s.message}`)).toEqual([
      'What did you learn?: Required.',
      'How well would you fit?: Choose.',
      'Contact: Required.',
      'Link to your post: Must be a URL.',
    ]);
    expect(summary[0].field).toBe('answers.learned');
  });
});

describe('answer limits shared with the API', () => {
  it('uses the contracts’ limits per prompt type', () => {
    expect(answerMaxLength({ type: 'url' })).toBe(ANSWER_MAX_LENGTH.url);
    expect(answerMaxLength({ type: 'long_text' })).toBe(10_000);
    expect(answerMaxLength({ type: 'short_text' })).toBe(500);
    expect(answerMaxLength({ type: 'choice' })).toBeNull();
  });

  it('counts from 90% of the limit and names the excess', () => {
    expect(lengthCount('a'.repeat(1_799), 2_000)).toBeNull();
    expect(lengthCount('a'.repeat(1_950), 2_000)).toEqual({ text: '1,950 / 2,000', over: false });
    expect(lengthCount('a'.repeat(2_000), 2_000)).toEqual({ text: '2,000 / 2,000', over: false });
    expect(lengthCount('a'.repeat(2_001), 2_000)).toEqual({ text: '2,001 / 2,000 — 1 over the limit', over: true });
    expect(lengthCount(null, 2_000)).toBeNull();
  });

  it('refuses a too-long answer before submitting and leaves it out of the draft', () => {
    const t = task();
    const state = { ...reflectionFromDraft(t), answers: { ...reflectionFromDraft(t).answers, learned: 'x'.repeat(10_001), channel: 'Video' } };
    expect(validateReflection(t, state)['answers.learned']).toBe('Shorten this to 10,000 characters or fewer; it has 10,001.');
    expect(draftRequest(t, state).answers['learned']).toBeNull();
  });
});
