import {
  ANSWER_MAX_LENGTH,
  EVIDENCE_MAX_LENGTH,
  type Answers,
  type EvidenceRule,
  type ReflectionPrompt,
  type SaveDraftRequest,
  type TaskDetail,
  type TaskStatus,
  type ReflectionFieldProblem,
  type ReflectionProblem,
  type ReflectionStage,
  SCALE_MAX,
  SCALE_MIN,
  isOpenTaskStatus,
  reflectionProblems,
} from '@fieldwork/contracts';

/** What the student can still change: drafts and submissions are allowed while the task is open. */
export function isTaskEditable(status: TaskStatus): boolean {
  return isOpenTaskStatus(status);
}

/** Field names as the API reports them in validation details. */
export const CONTACT_FIELD = 'contactId';
export const EVIDENCE_FIELD = 'evidence';
export function answerField(key: string): string {
  return `answers.${key}`;
}

export const SCALE_VALUES = [1, 2, 3, 4, 5] as const;

/** The longest answer the API takes for a prompt (the shared limit), or null for choices, dates and scales. */
export function answerMaxLength(prompt: Pick<ReflectionPrompt, 'type'>): number | null {
  return prompt.type === 'short_text' || prompt.type === 'long_text' || prompt.type === 'url' ? ANSWER_MAX_LENGTH[prompt.type] : null;
}

/** The longest evidence the API takes: a link or pasted text. */
export function evidenceMaxLength(kind: EvidenceRule['kind']): number | null {
  return kind === 'none' ? null : EVIDENCE_MAX_LENGTH[kind];
}

/** From this share of the limit on, the form shows a counter. */
export const COUNTER_FROM = 0.9;

const COUNT = new Intl.NumberFormat('en-US');

export interface LengthCount {
  /** "1,950 / 2,000", or "2,340 / 2,000 — 340 over the limit". */
  text: string;
  over: boolean;
}

/**
 * The counter beside a text field once its answer is near the limit (a pasted
 * answer is never cut: an answer over the limit says by how much, and the form
 * refuses to submit it). Null while the answer is comfortably short.
 */
export function lengthCount(value: string | number | null | undefined, max: number | null): LengthCount | null {
  if (!max || value === null || value === undefined) return null;
  const length = String(value).trim().length;
  if (length < Math.floor(max * COUNTER_FROM)) return null;
  const counted = `${COUNT.format(length)} / ${COUNT.format(max)}`;
  return length > max ? { text: `${counted} — ${COUNT.format(length - max)} over the limit`, over: true } : { text: counted, over: false };
}

function tooLong(length: number, max: number): string {
  return `Shorten this to ${COUNT.format(max)} characters or fewer; it has ${COUNT.format(length)}.`;
}

/** The reflection as the form holds it. */
export interface ReflectionState {
  answers: Answers;
  contactId: string | null;
  evidence: string | null;
}

type TaskShape = Pick<TaskDetail, 'prompts' | 'contactRequired' | 'evidence'>;

/** The form's starting point from a saved draft: one entry per prompt. */
export function reflectionFromDraft(task: TaskShape & Pick<TaskDetail, 'draft'>): ReflectionState {
  const saved = task.draft?.answers ?? {};
  const answers: Answers = {};
  for (const prompt of task.prompts) {
    const value = saved[prompt.key];
    answers[prompt.key] = value === undefined ? null : value;
  }
  return {
    answers,
    contactId: task.draft?.contactId ?? null,
    evidence: task.draft?.evidence ?? null,
  };
}

/** The request body for a draft or a submission: trimmed, empty answers as null, scales as numbers. */
export function reflectionRequest(task: TaskShape, state: ReflectionState): SaveDraftRequest {
  const answers: Answers = {};
  for (const prompt of task.prompts) answers[prompt.key] = normalizeAnswer(prompt, state.answers[prompt.key]);
  const request: SaveDraftRequest = { answers, contactId: state.contactId || null };
  if (task.evidence.kind !== 'none') request.evidence = blankToNull(state.evidence);
  return request;
}

/**
 * The body for a draft save. A draft may be incomplete, but the API refuses a
 * draft in which any answer has the wrong shape (a half-typed link, say), so
 * those answers are left out of the draft until they are right; the form
 * keeps them on screen.
 */
export function draftRequest(task: TaskShape, state: ReflectionState): SaveDraftRequest {
  const request = reflectionRequest(task, state);
  for (const { field, prompt } of reflectionFieldProblems(task, request, 'draft')) {
    if (prompt) request.answers[prompt.key] = null;
    else if (field === EVIDENCE_FIELD) request.evidence = null;
  }
  return request;
}

export function normalizeAnswer(prompt: ReflectionPrompt, value: string | number | null | undefined): string | number | null {
  if (value === null || value === undefined) return null;
  if (prompt.type === 'scale') {
    const n = typeof value === 'number' ? value : Number(String(value).trim());
    return String(value).trim() === '' || !Number.isFinite(n) ? null : n;
  }
  return blankToNull(String(value));
}

/** True when a prompt has an answer worth showing. */
export function hasAnswer(value: string | number | null | undefined): boolean {
  return value !== null && value !== undefined && String(value).trim() !== '';
}

/**
 * Client-side checks before submitting, keyed like the API's validation details. The rules
 * are the contracts' `reflectionProblems` (the API checks the same); the words are the form's.
 */
export function validateReflection(task: TaskShape, state: ReflectionState): Record<string, string> {
  const request = reflectionRequest(task, state);
  const errors: Record<string, string> = {};
  for (const refused of reflectionFieldProblems(task, request, 'submission')) {
    errors[refused.field] = problemMessage(task, request, refused);
  }
  return errors;
}

/**
 * The contracts' problems plus what only the form checks: a date that does not exist
 * (2026-02-30) and evidence over its length (the API checks that one itself).
 */
function reflectionFieldProblems(task: TaskShape, request: SaveDraftRequest, stage: ReflectionStage): ReflectionFieldProblem[] {
  const problems = reflectionProblems(task, request, stage);
  const refused = new Set(problems.map((p) => p.field));
  for (const prompt of task.prompts) {
    const value = request.answers[prompt.key];
    const field = answerField(prompt.key);
    if (prompt.type === 'date' && typeof value === 'string' && !refused.has(field) && !isDateValue(value)) {
      problems.push({ field, problem: { kind: 'not_date' }, prompt });
    }
  }
  const evidenceMax = evidenceMaxLength(task.evidence.kind);
  if (evidenceMax !== null && request.evidence && request.evidence.length > evidenceMax) {
    const tooLongEvidence: ReflectionFieldProblem = { field: EVIDENCE_FIELD, problem: { kind: 'too_long', max: evidenceMax } };
    return [...problems.filter((p) => p.field !== EVIDENCE_FIELD), tooLongEvidence];
  }
  return problems;
}

/** A refused field in the form's words. */
function problemMessage(task: TaskShape, request: SaveDraftRequest, { field, problem, prompt }: ReflectionFieldProblem): string {
  const value = prompt ? request.answers[prompt.key] : request.evidence;
  switch (problem.kind) {
    case 'missing':
      if (prompt) return missingAnswerMessage(prompt);
      if (field === CONTACT_FIELD) return 'Choose the person this reflection is about, or add them to your network.';
      return task.evidence.kind === 'url' ? 'Add the link to your evidence.' : 'Add your evidence.';
    case 'too_long':
      return tooLong(String(value ?? '').length, problem.max);
    default:
      return PROBLEM_MESSAGES[problem.kind];
  }
}

/** The form's words for the problems that need no detail (reflectionRequest never sends an unknown key, text that is not text, or evidence a task takes none of). */
const PROBLEM_MESSAGES: Record<Exclude<ReflectionProblem['kind'], 'missing' | 'too_long'>, string> = {
  not_url: 'Enter a full link starting with https://',
  not_date: 'Enter a date like 2026-03-03.',
  not_an_option: 'Choose one of the options.',
  not_on_scale: `Choose a number from ${SCALE_MIN} to ${SCALE_MAX}.`,
  not_text: 'Answer this question.',
  unknown_prompt: 'Answer this question.',
  no_evidence_taken: 'Leave the evidence empty.',
};

function missingAnswerMessage(prompt: ReflectionPrompt): string {
  switch (prompt.type) {
    case 'choice':
    case 'scale':
      return 'Choose an answer.';
    case 'date':
      return 'Enter a date.';
    case 'url':
      return 'Enter a link.';
    default:
      return 'Answer this question.';
  }
}

/** Server field problems split into the ones the form can show beside a field, and the rest. */
export interface MappedReflectionErrors {
  fields: Record<string, string>;
  other: string[];
}

/**
 * Maps the API's `details` (already read into `{field: message}`) onto the
 * form: `answers.<key>` (also `answers[key]` or a nested path) to its prompt,
 * `contactId` / `contact` to the contact picker, `evidence` to the evidence field.
 */
export function mapReflectionErrors(task: TaskShape, fieldErrors: Record<string, string>): MappedReflectionErrors {
  const keys = new Set(task.prompts.map((p) => p.key));
  const fields: Record<string, string> = {};
  const other: string[] = [];
  const add = (field: string, message: string) => {
    fields[field] = fields[field] ? `${fields[field]} ${message}` : message;
  };
  for (const [field, message] of Object.entries(fieldErrors)) {
    const answer = /^answers(?:\.([^.[\]]+)|\[["']?([^\]"']+)["']?\])/.exec(field);
    const key = answer ? (answer[1] ?? answer[2]) : null;
    if (key && keys.has(key)) add(answerField(key), message);
    else if (field === CONTACT_FIELD || field === 'contact') add(CONTACT_FIELD, message);
    else if (field === EVIDENCE_FIELD && task.evidence.kind !== 'none') add(EVIDENCE_FIELD, message);
    else other.push(message);
  }
  return { fields, other };
}

export interface ErrorSummaryItem {
  field: string;
  label: string;
  message: string;
}

/** The problems in the order the fields appear on the page, each with the field's label. */
export function reflectionErrorSummary(task: TaskShape, fields: Record<string, string>): ErrorSummaryItem[] {
  const items: ErrorSummaryItem[] = [];
  for (const prompt of task.prompts) {
    const message = fields[answerField(prompt.key)];
    if (message) items.push({ field: answerField(prompt.key), label: prompt.label, message });
  }
  if (fields[CONTACT_FIELD]) items.push({ field: CONTACT_FIELD, label: 'Contact', message: fields[CONTACT_FIELD] });
  if (fields[EVIDENCE_FIELD]) {
    items.push({ field: EVIDENCE_FIELD, label: task.evidence.label || 'Evidence', message: fields[EVIDENCE_FIELD] });
  }
  return items;
}

function isDateValue(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

function blankToNull(value: string | null | undefined): string | null {
  const t = value?.trim();
  return t ? t : null;
}
