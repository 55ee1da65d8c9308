import {
  INTERACTION_KINDS,
  PROMPT_TYPES,
  TEMPLATE_CATEGORIES,
  type EvidenceRule,
  type InteractionKind,
  type PromptType,
  type ReflectionPrompt,
  type RubricCriterion,
  type Template,
  type TemplateCategory,
  type TemplateInput,
} from '@fieldwork/contracts';

/** Keys of prompts and rubric criteria: lower-case letters, digits and underscores, starting with a letter. */
export const KEY_PATTERN = /^[a-z][a-z0-9_]*$/;
export const KEY_MAX_LENGTH = 40;
export const TITLE_MAX_LENGTH = 200;
export const LABEL_MAX_LENGTH = 200;
export const PROMPT_LABEL_MAX_LENGTH = 300;
export const HELP_MAX_LENGTH = 500;
export const INSTRUCTIONS_MAX_LENGTH = 20_000;
export const MINUTES_MIN = 5;
export const MINUTES_MAX = 24 * 60;
export const MAX_PROMPTS = 40;
export const MAX_OPTIONS = 20;
export const MAX_CRITERIA = 12;
export const MIN_LEVELS = 2;
export const MAX_LEVELS = 10;
export const MAX_POINTS = 100;

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
    .slice(0, KEY_MAX_LENGTH)
    .replace(/_+$/, '');
  if (!base) return '';
  return /^[a-z]/.test(base) ? base : `q_${base}`.slice(0, KEY_MAX_LENGTH);
}

/** `base`, or `base_2`, `base_3`… — the first one not in `taken`. */
export function uniqueKey(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const root = base || 'field';
  if (!used.has(root)) return root;
  for (let n = 2; ; n++) {
    const suffix = `_${n}`;
    const candidate = root.slice(0, KEY_MAX_LENGTH - suffix.length) + suffix;
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
    else if (key.length > KEY_MAX_LENGTH) problems[path(i)] = `Use at most ${KEY_MAX_LENGTH} characters.`;
    else if (!KEY_PATTERN.test(key))
      problems[path(i)] = 'Use lower-case letters, digits and underscores, starting with a letter.';
    else if (seen.has(key)) problems[path(i)] = `Another item already uses the key "${key}".`;
    else seen.set(key, i);
  });
}

/** Client-side checks before saving, keyed like the API's `details[].field`. Empty when fine. */
export function validateTemplate(input: TemplateInput): FieldProblems {
  const problems: FieldProblems = {};
  if (!input.title) problems['title'] = 'Enter a title.';
  else if (input.title.length > TITLE_MAX_LENGTH) problems['title'] = `Use at most ${TITLE_MAX_LENGTH} characters.`;
  if (!(TEMPLATE_CATEGORIES as readonly string[]).includes(input.category)) problems['category'] = 'Choose a category.';
  if (!input.instructions) problems['instructions'] = 'Write instructions for the student.';
  else if (input.instructions.length > INSTRUCTIONS_MAX_LENGTH)
    problems['instructions'] = `Use at most ${INSTRUCTIONS_MAX_LENGTH.toLocaleString('en-US')} characters.`;
  const minutes = input.estimatedMinutes;
  if (!Number.isInteger(minutes) || minutes < MINUTES_MIN || minutes > MINUTES_MAX) {
    problems['estimatedMinutes'] = `Enter a whole number of minutes from ${MINUTES_MIN} to ${MINUTES_MAX}.`;
  }
  if (input.interactionKind != null && !(INTERACTION_KINDS as readonly string[]).includes(input.interactionKind)) {
    problems['interactionKind'] = 'Choose a kind of interaction, or "By category".';
  }
  if (input.evidence.kind !== 'none' && input.evidence.label && input.evidence.label.length > LABEL_MAX_LENGTH) {
    problems['evidence.label'] = `Use at most ${LABEL_MAX_LENGTH} characters.`;
  }

  if (!input.prompts.length) problems['prompts'] = 'Add at least one prompt.';
  else if (input.prompts.length > MAX_PROMPTS) problems['prompts'] = `Use at most ${MAX_PROMPTS} prompts.`;
  input.prompts.forEach((p, i) => {
    if (!p.label) problems[`prompts[${i}].label`] = 'Enter the question the student answers.';
    else if (p.label.length > PROMPT_LABEL_MAX_LENGTH)
      problems[`prompts[${i}].label`] = `Use at most ${PROMPT_LABEL_MAX_LENGTH} characters.`;
    if (p.help && p.help.length > HELP_MAX_LENGTH) problems[`prompts[${i}].help`] = `Use at most ${HELP_MAX_LENGTH} characters.`;
    if (!(PROMPT_TYPES as readonly string[]).includes(p.type)) problems[`prompts[${i}].type`] = 'Choose a type.';
    if (p.type === 'choice') {
      const options = p.options ?? [];
      const filled = options.filter((o) => !!o);
      if (filled.length !== options.length) problems[`prompts[${i}].options`] = 'Fill in or remove the empty option.';
      else if (filled.length < 2) problems[`prompts[${i}].options`] = 'Give at least two options.';
      else if (filled.length > MAX_OPTIONS) problems[`prompts[${i}].options`] = `Use at most ${MAX_OPTIONS} options.`;
      else if (options.some((o) => o.length > LABEL_MAX_LENGTH))
        problems[`prompts[${i}].options`] = `Keep each option under ${LABEL_MAX_LENGTH} characters.`;
      else if (new Set(options.map((o) => o.toLowerCase())).size !== options.length)
        problems[`prompts[${i}].options`] = 'Each option must be different.';
    }
  });
  checkKeys(input.prompts, (i) => `prompts[${i}].key`, problems);

  if (input.rubric) {
    if (!input.rubric.length) problems['rubric'] = 'Add a criterion, or turn the rubric off.';
    else if (input.rubric.length > MAX_CRITERIA) problems['rubric'] = `Use at most ${MAX_CRITERIA} criteria.`;
    input.rubric.forEach((c, i) => {
      if (!c.label) problems[`rubric[${i}].label`] = 'Enter what this criterion looks at.';
      else if (c.label.length > LABEL_MAX_LENGTH) problems[`rubric[${i}].label`] = `Use at most ${LABEL_MAX_LENGTH} characters.`;
      if (c.levels.length < MIN_LEVELS) problems[`rubric[${i}].levels`] = 'Give at least two levels.';
      else if (c.levels.length > MAX_LEVELS) problems[`rubric[${i}].levels`] = `Use at most ${MAX_LEVELS} levels.`;
      else {
        const points = c.levels.map((l) => l.points).filter((p) => Number.isInteger(p));
        if (new Set(points).size !== points.length) problems[`rubric[${i}].levels`] = 'Give each level different points.';
      }
      c.levels.forEach((level, j) => {
        if (!level.label) problems[`rubric[${i}].levels[${j}].label`] = 'Name this level.';
        else if (level.label.length > LABEL_MAX_LENGTH)
          problems[`rubric[${i}].levels[${j}].label`] = `Use at most ${LABEL_MAX_LENGTH} characters.`;
        if (!Number.isInteger(level.points) || level.points < 0 || level.points > MAX_POINTS)
          problems[`rubric[${i}].levels[${j}].points`] = `Enter whole points from 0 to ${MAX_POINTS}.`;
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
