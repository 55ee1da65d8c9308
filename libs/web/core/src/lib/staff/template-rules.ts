import {
  INTERACTION_KINDS,
  PROMPT_TYPES,
  TEMPLATE_CATEGORIES,
  TEMPLATE_LIMITS,
  isTemplateKey,
  type EvidenceRule,
  type InteractionKind,
  type PromptType,
  type ReflectionPrompt,
  type RubricCriterion,
  type Template,
  type TemplateCategory,
  type TemplateInput,
} from '@fieldwork/contracts';

export const PROMPT_TYPE_LABELS: Record<PromptType, string> = {
  short_text: 'Short text',
  long_text: 'Long text',
  date: 'Date',
  choice: 'Choice',
  url: 'Link (URL)',
  scale: 'Scale 1–5',
};

export const EVIDENCE_KIND_LABELS: Record<EvidenceRule['kind'], string> = {
  none: 'No evidence',
  url: 'A link (URL)',
  text: 'Some text',
};

/** "What surprised you?" -> "what_surprised_you"; always a valid key (or '' for an empty label). */
export function deriveKey(label: string): string {
  const base = (label ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, TEMPLATE_LIMITS.keyMaxLength)
    .replace(/_+$/, '');
  if (!base) return '';
  return /^[a-z]/.test(base) ? base : `q_${base}`.slice(0, TEMPLATE_LIMITS.keyMaxLength);
}

/** `base`, or `base_2`, `base_3`… — the first one not in `taken`. */
export function uniqueKey(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const root = base || 'field';
  if (!used.has(root)) return root;
  for (let n = 2; ; n++) {
    const suffix = `_${n}`;
    const candidate = root.slice(0, TEMPLATE_LIMITS.keyMaxLength - suffix.length) + suffix;
    if (!used.has(candidate)) return candidate;
  }
}

// ---------- The editor's working copy ----------

let nextUid = 0;
/** A stable id for `track` while rows move around. */
export function draftUid(): string {
  return `d${++nextUid}`;
}

export interface PromptDraft {
  uid: string;
  key: string;
  /** true once someone typed in the key field: the label stops driving it. */
  keyEdited: boolean;
  label: string;
  type: PromptType;
  required: boolean;
  help: string;
  options: { uid: string; value: string }[];
}

export interface LevelDraft {
  uid: string;
  label: string;
  /** As typed. */
  points: string;
}

export interface CriterionDraft {
  uid: string;
  key: string;
  keyEdited: boolean;
  label: string;
  levels: LevelDraft[];
}

export interface TemplateDraft {
  title: string;
  category: TemplateCategory;
  instructions: string;
  /** As typed. */
  estimatedMinutes: string;
  contactRequired: boolean;
  /** What a submitted reflection records on the contact's timeline; null: by category. */
  interactionKind: InteractionKind | null;
  evidence: { kind: EvidenceRule['kind']; required: boolean; label: string };
  prompts: PromptDraft[];
  rubricEnabled: boolean;
  rubric: CriterionDraft[];
}

export function blankPrompt(taken: Iterable<string> = []): PromptDraft {
  return {
    uid: draftUid(),
    key: uniqueKey('', taken),
    keyEdited: false,
    label: '',
    type: 'short_text',
    required: true,
    help: '',
    options: [],
  };
}

export function blankLevel(label = '', points = ''): LevelDraft {
  return { uid: draftUid(), label, points };
}

export function blankCriterion(taken: Iterable<string> = []): CriterionDraft {
  return {
    uid: draftUid(),
    key: uniqueKey('criterion', taken),
    keyEdited: false,
    label: '',
    levels: [blankLevel('Not yet', '0'), blankLevel('Meets expectations', '1'), blankLevel('Exceeds', '2')],
  };
}

/** A fresh template: one required long-text prompt, no rubric. */
export function newTemplateDraft(category: TemplateCategory = 'gather-information'): TemplateDraft {
  return {
    title: '',
    category,
    instructions: '',
    estimatedMinutes: '30',
    contactRequired: false,
    interactionKind: null,
    evidence: { kind: 'none', required: false, label: '' },
    prompts: [{ ...blankPrompt(), label: 'What did you learn?', key: 'what_did_you_learn', type: 'long_text' }],
    rubricEnabled: false,
    rubric: [],
  };
}

export function templateToDraft(template: TemplateInput | Template): TemplateDraft {
  return {
    title: template.title,
    category: template.category,
    instructions: template.instructions ?? '',
    estimatedMinutes: String(template.estimatedMinutes ?? ''),
    contactRequired: !!template.contactRequired,
    interactionKind: template.interactionKind ?? null,
    evidence: {
      kind: template.evidence?.kind ?? 'none',
      required: !!template.evidence?.required,
      label: template.evidence?.label ?? '',
    },
    prompts: (template.prompts ?? []).map((p) => ({
      uid: draftUid(),
      key: p.key,
      keyEdited: true,
      label: p.label,
      type: p.type,
      required: !!p.required,
      help: p.help ?? '',
      options: (p.options ?? []).map((value) => ({ uid: draftUid(), value })),
    })),
    rubricEnabled: !!template.rubric?.length,
    rubric: (template.rubric ?? []).map((c) => ({
      uid: draftUid(),
      key: c.key,
      keyEdited: true,
      label: c.label,
      levels: c.levels.map((l) => blankLevel(l.label, String(l.points))),
    })),
  };
}

/** A number typed in a field: NaN when it is not one. */
function parseNumber(text: string): number {
  const t = (text ?? '').trim();
  return t && /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : NaN;
}

/** What the API receives. Text is trimmed; options only on choice prompts. */
export function draftToInput(draft: TemplateDraft): TemplateInput {
  const prompts: ReflectionPrompt[] = draft.prompts.map((p) => {
    const prompt: ReflectionPrompt = {
      key: p.key.trim(),
      label: p.label.trim(),
      type: p.type,
      required: p.required,
    };
    if (p.help.trim()) prompt.help = p.help.trim();
    if (p.type === 'choice') prompt.options = p.options.map((o) => o.value.trim());
    return prompt;
  });
  const rubric: RubricCriterion[] | null = draft.rubricEnabled
    ? draft.rubric.map((c) => ({
        key: c.key.trim(),
        label: c.label.trim(),
        levels: c.levels.map((l) => ({ label: l.label.trim(), points: parseNumber(l.points) })),
      }))
    : null;
  const evidence: EvidenceRule =
    draft.evidence.kind === 'none'
      ? { kind: 'none', required: false }
      : {
          kind: draft.evidence.kind,
          required: draft.evidence.required,
          ...(draft.evidence.label.trim() ? { label: draft.evidence.label.trim() } : {}),
        };
  return {
    title: draft.title.trim(),
    category: draft.category,
    instructions: draft.instructions.trim(),
    prompts,
    contactRequired: draft.contactRequired,
    interactionKind: draft.interactionKind,
    evidence,
    rubric,
    estimatedMinutes: parseNumber(draft.estimatedMinutes),
  };
}

/** Changes a label; the key follows it until someone edits the key by hand. */
export function withLabel<T extends { key: string; keyEdited: boolean; label: string; uid: string }>(
  items: readonly T[],
  index: number,
  label: string,
  fallbackKey = 'field',
): T[] {
  return items.map((item, i) => {
    if (i !== index) return item;
    if (item.keyEdited) return { ...item, label };
    const taken = items.filter((_, j) => j !== index).map((other) => other.key);
    return { ...item, label, key: uniqueKey(deriveKey(label) || fallbackKey, taken) };
  });
}

/** Moves one item up (-1) or down (+1); the same list when it cannot move. */
export function moveItem<T>(items: readonly T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (index < 0 || index >= items.length || to < 0 || to >= items.length) return [...items];
  const copy = [...items];
  const [item] = copy.splice(index, 1);
  copy.splice(to, 0, item);
  return copy;
}

// ---------- Validation (same field paths as the API's details) ----------

export type FieldProblems = Record<string, string>;

function checkKeys(
  items: readonly { key: string }[],
  path: (i: number) => string,
  problems: FieldProblems,
): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const key = item.key;
    if (!key) problems[path(i)] = 'Enter a key.';
    else if (key.length > TEMPLATE_LIMITS.keyMaxLength) problems[path(i)] = `Use at most ${TEMPLATE_LIMITS.keyMaxLength} characters.`;
    else if (!isTemplateKey(key))
      problems[path(i)] = 'Use lower-case letters, digits and underscores, starting with a letter.';
    else if (seen.has(key)) problems[path(i)] = `Another item already uses the key "${key}".`;
    else seen.set(key, i);
  });
}

/**
 * Client-side checks before saving, keyed like the API's `details[].field`. Empty when fine.
 * The limits are the contracts' TEMPLATE_LIMITS (the API checks the same); the words are the editor's.
 */
export function validateTemplate(input: TemplateInput): FieldProblems {
  const problems: FieldProblems = {};
  if (!input.title) problems['title'] = 'Enter a title.';
  else if (input.title.length > TEMPLATE_LIMITS.titleMaxLength) problems['title'] = `Use at most ${TEMPLATE_LIMITS.titleMaxLength} characters.`;
  if (!(TEMPLATE_CATEGORIES as readonly string[]).includes(input.category)) problems['category'] = 'Choose a category.';
  if (!input.instructions) problems['instructions'] = 'Write instructions for the student.';
  else if (input.instructions.length > TEMPLATE_LIMITS.instructionsMaxLength)
    problems['instructions'] = `Use at most ${TEMPLATE_LIMITS.instructionsMaxLength.toLocaleString('en-US')} characters.`;
  const minutes = input.estimatedMinutes;
  if (!Number.isInteger(minutes) || minutes < TEMPLATE_LIMITS.minMinutes || minutes > TEMPLATE_LIMITS.maxMinutes) {
    problems['estimatedMinutes'] = `Enter a whole number of minutes from ${TEMPLATE_LIMITS.minMinutes} to ${TEMPLATE_LIMITS.maxMinutes}.`;
  }
  if (input.interactionKind != null && !(INTERACTION_KINDS as readonly string[]).includes(input.interactionKind)) {
    problems['interactionKind'] = 'Choose a kind of interaction, or "By category".';
  }
  if (input.evidence.kind !== 'none' && input.evidence.label && input.evidence.label.length > TEMPLATE_LIMITS.labelMaxLength) {
    problems['evidence.label'] = `Use at most ${TEMPLATE_LIMITS.labelMaxLength} characters.`;
  }

  if (input.prompts.length < TEMPLATE_LIMITS.minPrompts) problems['prompts'] = 'Add at least one prompt.';
  else if (input.prompts.length > TEMPLATE_LIMITS.maxPrompts) problems['prompts'] = `Use at most ${TEMPLATE_LIMITS.maxPrompts} prompts.`;
  input.prompts.forEach((p, i) => {
    if (!p.label) problems[`prompts[${i}].label`] = 'Enter the question the student answers.';
    else if (p.label.length > TEMPLATE_LIMITS.promptLabelMaxLength)
      problems[`prompts[${i}].label`] = `Use at most ${TEMPLATE_LIMITS.promptLabelMaxLength} characters.`;
    if (p.help && p.help.length > TEMPLATE_LIMITS.helpMaxLength) problems[`prompts[${i}].help`] = `Use at most ${TEMPLATE_LIMITS.helpMaxLength} characters.`;
    if (!(PROMPT_TYPES as readonly string[]).includes(p.type)) problems[`prompts[${i}].type`] = 'Choose a type.';
    if (p.type === 'choice') {
      const options = p.options ?? [];
      const filled = options.filter((o) => !!o);
      if (filled.length !== options.length) problems[`prompts[${i}].options`] = 'Fill in or remove the empty option.';
      else if (filled.length < TEMPLATE_LIMITS.minOptions) problems[`prompts[${i}].options`] = 'Give at least two options.';
      else if (filled.length > TEMPLATE_LIMITS.maxOptions) problems[`prompts[${i}].options`] = `Use at most ${TEMPLATE_LIMITS.maxOptions} options.`;
      else if (options.some((o) => o.length > TEMPLATE_LIMITS.labelMaxLength))
        problems[`prompts[${i}].options`] = `Keep each option under ${TEMPLATE_LIMITS.labelMaxLength} characters.`;
      else if (new Set(options.map((o) => o.toLowerCase())).size !== options.length)
        problems[`prompts[${i}].options`] = 'Each option must be different.';
    }
  });
  checkKeys(input.prompts, (i) => `prompts[${i}].key`, problems);

  if (input.rubric) {
    if (!input.rubric.length) problems['rubric'] = 'Add a criterion, or turn the rubric off.';
    else if (input.rubric.length > TEMPLATE_LIMITS.maxCriteria) problems['rubric'] = `Use at most ${TEMPLATE_LIMITS.maxCriteria} criteria.`;
    input.rubric.forEach((c, i) => {
      if (!c.label) problems[`rubric[${i}].label`] = 'Enter what this criterion looks at.';
      else if (c.label.length > TEMPLATE_LIMITS.labelMaxLength) problems[`rubric[${i}].label`] = `Use at most ${TEMPLATE_LIMITS.labelMaxLength} characters.`;
      if (c.levels.length < TEMPLATE_LIMITS.minLevels) problems[`rubric[${i}].levels`] = 'Give at least two levels.';
      else if (c.levels.length > TEMPLATE_LIMITS.maxLevels) problems[`rubric[${i}].levels`] = `Use at most ${TEMPLATE_LIMITS.maxLevels} levels.`;
      else {
        const points = c.levels.map((l) => l.points).filter((p) => Number.isInteger(p));
        if (new Set(points).size !== points.length) problems[`rubric[${i}].levels`] = 'Give each level different points.';
      }
      c.levels.forEach((level, j) => {
        if (!level.label) problems[`rubric[${i}].levels[${j}].label`] = 'Name this level.';
        else if (level.label.length > TEMPLATE_LIMITS.labelMaxLength)
          problems[`rubric[${i}].levels[${j}].label`] = `Use at most ${TEMPLATE_LIMITS.labelMaxLength} characters.`;
        if (!Number.isInteger(level.points) || level.points < TEMPLATE_LIMITS.minPoints || level.points > TEMPLATE_LIMITS.maxPoints)
          problems[`rubric[${i}].levels[${j}].points`] = `Enter whole points from ${TEMPLATE_LIMITS.minPoints} to ${TEMPLATE_LIMITS.maxPoints}.`;
      });
    });
    checkKeys(input.rubric, (i) => `rubric[${i}].key`, problems);
  }
  return problems;
}

const PATH_WORDS: Record<string, string> = {
  prompts: 'Prompt',
  rubric: 'Rubric criterion',
  levels: 'level',
  options: 'options',
  estimatedMinutes: 'Estimated time',
  contactRequired: 'Contact',
  interactionKind: 'Records on the contact\'s timeline as',
  evidence: 'Evidence',
};

/** `prompts[2].options` -> "Prompt 3, options"; `rubric[0].levels[1].points` -> "Rubric criterion 1, level 2, points". */
export function describeFieldPath(path: string): string {
  return path
    .split('.')
    .map((part) => {
      const m = /^(\w+)\[(\d+)\]$/.exec(part);
      if (m) return `${PATH_WORDS[m[1]] ?? m[1]} ${Number(m[2]) + 1}`;
      return PATH_WORDS[part] ?? part;
    })
    .join(', ');
}

/** Problems whose path has no place in the form, as sentences for a summary at the top. */
export function unplacedProblems(problems: FieldProblems, shown: (path: string) => boolean): string[] {
  return Object.entries(problems)
    .filter(([path]) => !shown(path))
    .map(([path, problem]) => `${describeFieldPath(path)}: ${problem}`);
}

/** `prompts.2.options` or `prompts[2].options` -> `prompts[2].options` (one spelling for lookups). */
export function normalizeFieldPath(path: string): string {
  return path.replace(/\.(\d+)(?=\.|$)/g, '[$1]');
}

/** Server field problems keyed by normalized path. */
export function normalizeProblems(problems: Record<string, string>): FieldProblems {
  const out: FieldProblems = {};
  for (const [path, text] of Object.entries(problems)) {
    const key = normalizeFieldPath(path);
    out[key] = out[key] ? `${out[key]} ${text}` : text;
  }
  return out;
}
