import type { Template } from '@fieldwork/contracts';
import {
  blankCriterion,
  blankPrompt,
  deriveKey,
  describeFieldPath,
  draftToInput,
  moveItem,
  newTemplateDraft,
  normalizeFieldPath,
  normalizeProblems,
  templateToDraft,
  uniqueKey,
  validateTemplate,
  withLabel,
} from './template-rules';

describe('prompt keys', () => {
  it('derives a key from a label', () => {
    expect(deriveKey('What surprised you?')).toBe('what_surprised_you');
    expect(deriveKey('  Organization / role  ')).toBe('organization_role');
    expect(deriveKey('Café visit — été')).toBe('cafe_visit_ete');
    expect(deriveKey('3 things you learned')).toBe('q_3_things_you_learned');
    expect(deriveKey('???')).toBe('');
    expect(deriveKey('a'.repeat(60)).length).toBe(40);
  });

  it('keeps keys unique', () => {
    expect(uniqueKey('date', [])).toBe('date');
    expect(uniqueKey('date', ['date', 'date_2'])).toBe('date_3');
    expect(uniqueKey('', ['field'])).toBe('field_2');
  });

  it('lets the label drive the key until the key is edited by hand', () => {
    const first = { ...blankPrompt(), key: 'date', keyEdited: true, label: 'Date' };
    const second = blankPrompt(['date']);
    let prompts = withLabel([first, second], 1, 'Date');
    expect(prompts[1].key).toBe('date_2');
    prompts = withLabel(prompts, 1, 'Follow-up date');
    expect(prompts[1].key).toBe('follow_up_date');
    prompts = withLabel(prompts, 0, 'Date of the conversation');
    expect(prompts[0].key).toBe('date');
    prompts = withLabel([{ ...prompts[1], label: '' }], 0, '!!!');
    expect(prompts[0].key).toBe('field');
  });

  it('moves rows up and down, and not past the ends', () => {
    expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
    expect(moveItem(['a', 'b'], 1, 1)).toEqual(['a', 'b']);
  });
});

describe('template drafts', () => {
  const template: Template = {
    id: 't1',
    title: 'Informational interview',
    category: 'gather-information',
    instructions: 'Talk to someone.',
    prompts: [
      { key: 'channel', label: 'Channel', type: 'choice', required: true, options: ['In person', 'Video'] },
      { key: 'learned', label: 'What you learned', type: 'long_text', required: true, help: 'About the work' },
    ],
    contactRequired: true,
    interactionKind: 'thank_you',
    evidence: { kind: 'none', required: false },
    rubric: [{ key: 'insight', label: 'Insight', levels: [{ label: 'Thin', points: 0 }, { label: 'Deep', points: 2 }] }],
    estimatedMinutes: 60,
    archived: false,
    createdAt: '',
    updatedAt: '',
  };

  it('round-trips a template through the editor', () => {
    const input = draftToInput(templateToDraft(template));
    const { id: _id, archived: _a, createdAt: _c, updatedAt: _u, ...expected } = template;
    expect(input).toEqual(expected);
    expect(validateTemplate(input)).toEqual({});
    // No kind chosen: null, "by category".
    expect(draftToInput(templateToDraft({ ...template, interactionKind: undefined })).interactionKind).toBeNull();
    expect(validateTemplate({ ...input, interactionKind: 'gossip' as never })).toEqual({
      interactionKind: 'Choose a kind of interaction, or "By category".',
    });
  });

  it('trims text, drops options of non-choice prompts and the rubric when it is off', () => {
    const draft = templateToDraft(template);
    draft.title = '  Spaced  ';
    draft.prompts[0].type = 'short_text';
    draft.rubricEnabled = false;
    draft.evidence = { kind: 'none', required: true, label: 'ignored' };
    const input = draftToInput(draft);
    expect(input.title).toBe('Spaced');
    expect(input.prompts[0].options).toBeUndefined();
    expect(input.rubric).toBeNull();
    expect(input.evidence).toEqual({ kind: 'none', required: false });
  });

  it('names each bad field with the API’s paths', () => {
    const draft = newTemplateDraft();
    draft.estimatedMinutes = 'soon';
    draft.prompts.push({ ...blankPrompt(), key: 'what_did_you_learn', label: 'Pick one', type: 'choice', options: [] });
    draft.prompts.push({ ...blankPrompt(), key: 'Bad Key', label: '' });
    draft.rubricEnabled = true;
    const criterion = blankCriterion();
    criterion.levels = [{ uid: 'x', label: '', points: '-1' }];
    draft.rubric = [criterion];
    const problems = validateTemplate(draftToInput(draft));
    expect(Object.keys(problems).sort()).toEqual(
      [
        'estimatedMinutes',
        'instructions',
        'prompts[1].key',
        'prompts[1].options',
        'prompts[2].key',
        'prompts[2].label',
        'rubric[0].label',
        'rubric[0].levels',
        'rubric[0].levels[0].label',
        'rubric[0].levels[0].points',
        'title',
      ].sort(),
    );
    expect(problems['prompts[1].key']).toContain('already uses');
  });

  it('asks for at least one prompt and complete choice options', () => {
    const draft = newTemplateDraft();
    draft.title = 'T';
    draft.instructions = 'Do it';
    draft.prompts = [];
    expect(validateTemplate(draftToInput(draft))).toEqual({ prompts: 'Add at least one prompt.' });
    draft.prompts = [
      { ...blankPrompt(), key: 'c', label: 'C', type: 'choice', options: [{ uid: 'a', value: 'Yes' }, { uid: 'b', value: ' ' }] },
    ];
    expect(validateTemplate(draftToInput(draft))['prompts[0].options']).toBe('Fill in or remove the empty option.');
    draft.prompts[0].options[1].value = 'yes';
    expect(validateTemplate(draftToInput(draft))['prompts[0].options']).toBe('Each option must be different.');
  });

  it('follows the API limits: minutes, distinct level points', () => {
    const draft = newTemplateDraft();
    draft.title = 'T';
    draft.instructions = 'Do it';
    draft.estimatedMinutes = '4';
    draft.rubricEnabled = true;
    const criterion = blankCriterion();
    criterion.label = 'Depth';
    criterion.levels[1].points = '0';
    draft.rubric = [criterion];
    expect(validateTemplate(draftToInput(draft))).toEqual({
      estimatedMinutes: 'Enter a whole number of minutes from 5 to 1440.',
      'rubric[0].levels': 'Give each level different points.',
    });
  });

  it('describes field paths in words', () => {
    expect(describeFieldPath('prompts[2].options')).toBe('Prompt 3, options');
    expect(describeFieldPath('rubric[0].levels[1].points')).toBe('Rubric criterion 1, level 2, points');
    expect(describeFieldPath('title')).toBe('title');
  });
});

describe('normalizeFieldPath', () => {
  it('spells array indexes one way', () => {
    expect(normalizeFieldPath('prompts.2.options')).toBe('prompts[2].options');
    expect(normalizeFieldPath('rubric.0.levels.1.points')).toBe('rubric[0].levels[1].points');
    expect(normalizeFieldPath('prompts[1].key')).toBe('prompts[1].key');
    expect(normalizeProblems({ 'prompts.0.label': 'A.', 'prompts[0].label': 'B.' })).toEqual({ 'prompts[0].label': 'A. B.' });
  });
});
