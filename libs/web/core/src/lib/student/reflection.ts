import {
  ANSWER_MAX_LENGTH,
  EVIDENCE_MAX_LENGTH,
  type Answers,
  type EvidenceRule,
  type ReflectionPrompt,
  type SaveDraftRequest,
  type TaskDetail,
  type TaskStatus,
} from '@fieldwork/contracts';

/** What the student can still change: drafts and submissions are allowed in these statuses. */
export const EDITABLE_TASK_STATUSES: readonly TaskStatus[] = ['assigned', 'in_progress', 'revision_requested'];

export function isTaskEditable(status: TaskStatus): boolean {
  return EDITABLE_TASK_STATUSES.includes(status);
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
  for (const prompt of task.prompts) {
    const value = request.answers[prompt.key];
    if (value !== null && promptProblem(prompt, value)) request.answers[prompt.key] = null;
  }
  if (task.evidence.kind === 'url' && request.evidence && !isWebUrl(request.evidence)) request.evidence = null;
  if (request.evidence && request.evidence.length > (evidenceMaxLength(task.evidence.kind) ?? Infinity)) request.evidence = null;
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

/** Client-side checks before submitting, keyed like the API's validation details. */
export function validateReflection(task: TaskShape, state: ReflectionState): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const prompt of task.prompts) {
    const problem = promptProblem(prompt, normalizeAnswer(prompt, state.answers[prompt.key]));
    if (problem) errors[answerField(prompt.key)] = problem;
  }
  if (task.contactRequired && !state.contactId) {
    errors[CONTACT_FIELD] = 'Choose the person this reflection is about, or add them to your network.';
  }
  const evidence = blankToNull(state.evidence);
  if (task.evidence.kind !== 'none') {
    if (!evidence && task.evidence.required) {
      errors[EVIDENCE_FIELD] = task.evidence.kind === 'url' ? 'Add the link to your evidence.' : 'Add your evidence.';
    } else if (evidence && (evidenceMaxLength(task.evidence.kind) ?? Infinity) < evidence.length) {
      errors[EVIDENCE_FIELD] = tooLong(evidence.length, evidenceMaxLength(task.evidence.kind) ?? 0);
    } else if (evidence && task.evidence.kind === 'url' && !isWebUrl(evidence)) {
      errors[EVIDENCE_FIELD] = 'Enter a full link starting with https://';
    }
  }
  return errors;
}

function promptProblem(prompt: ReflectionPrompt, value: string | number | null): string | null {
  if (value === null) {
    if (!prompt.required) return null;
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
  const max = answerMaxLength(prompt);
  if (max !== null && String(value).length > max) return tooLong(String(value).length, max);
  switch (prompt.type) {
    case 'url':
      return isWebUrl(String(value)) ? null : 'Enter a full link starting with https://';
    case 'date':
      return isDateValue(String(value)) ? null : 'Enter a date like 2026-03-03.';
    case 'choice':
      return !prompt.options?.length || prompt.options.includes(String(value)) ? null : 'Choose one of the options.';
    case 'scale':
      return Number.isInteger(value) && Number(value) >= 1 && Number(value) <= 5 ? null : 'Choose a number from 1 to 5.';
    default:
      return null;
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

export function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value.trim());
    return (url.protocol === 'https:' || url.protocol === 'http:') && !!url.hostname;
  } catch {
    return false;
  }
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
