import { ANSWER_MAX_LENGTH, type Answers, type EvidenceRule, type ReflectionPrompt, type SaveDraftRequest } from './homework';
import { isHttpUrl } from './web-links';

/**
 * Why one field of a reflection is refused. The rule lives here once; each side
 * words it (the API in its error details, the form beside the field).
 */
export type ReflectionProblem =
  /** An answer under a key that is not one of the task's prompts. */
  | { kind: 'unknown_prompt' }
  /** A required answer, the required evidence or the required contact is missing (only when submitting). */
  | { kind: 'missing' }
  /** A text prompt's answer is not text. */
  | { kind: 'not_text' }
  /** A text or link answer is longer than `max` characters. */
  | { kind: 'too_long'; max: number }
  /** A link answer or link evidence is not an http:// or https:// address. */
  | { kind: 'not_url' }
  /** A date answer is not YYYY-MM-DD. */
  | { kind: 'not_date' }
  /** A choice answer is not one of the prompt's options. */
  | { kind: 'not_an_option'; options: readonly string[] }
  /** A scale answer is not a whole number from SCALE_MIN to SCALE_MAX. */
  | { kind: 'not_on_scale' }
  /** Evidence was given for a task that takes none. */
  | { kind: 'no_evidence_taken' };

/** One refused field, named as the API names it: `answers.<key>`, `evidence` or `contactId`. */
export interface ReflectionFieldProblem {
  field: string;
  problem: ReflectionProblem;
  /** For `answers.<key>`: the prompt it answers (absent for an unknown key). */
  prompt?: ReflectionPrompt;
}

/** The range of a `scale` prompt. */
export const SCALE_MIN = 1;
export const SCALE_MAX = 5;

/** What a reflection is checked against: the task's prompts, evidence rule and whether a contact is needed. */
export interface ReflectionRules {
  prompts: readonly ReflectionPrompt[];
  evidence: Pick<EvidenceRule, 'kind' | 'required'>;
  contactRequired: boolean;
}

/**
 * A draft may be incomplete; a submission must have every required answer, the
 * required evidence and, when asked for, a contact.
 */
export type ReflectionStage = 'draft' | 'submission';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The problems of a reflection, one per refused field, in the order of the form
 * (answers by prompt, evidence, contact). A draft may leave things out, but every
 * answer it has must still have the right type. Lengths of evidence and whether a
 * contact is the student's own are the API's to check (a database read).
 *
 * The API words each problem in its error details; a form words it its own way:
 *
 *   const request = reflectionRequest(task, state);              // trimmed, blanks as null
 *   const errors: Record<string, string> = {};
 *   for (const { field, problem, prompt } of reflectionProblems(task, request, 'submission')) {
 *     errors[field] = formMessage(problem, prompt);              // e.g. 'too_long' → `Shorten this to ${problem.max}…`
 *   }
 */
export function reflectionProblems(rules: ReflectionRules, reflection: SaveDraftRequest, stage: ReflectionStage): ReflectionFieldProblem[] {
  const complete = stage === 'submission';
  const problems: ReflectionFieldProblem[] = [];
  const keys = new Set(rules.prompts.map((prompt) => prompt.key));
  for (const key of Object.keys(reflection.answers)) {
    if (!keys.has(key)) problems.push({ field: answerFieldName(key), problem: { kind: 'unknown_prompt' } });
  }
  for (const prompt of rules.prompts) {
    const problem = answerProblem(prompt, reflection.answers, complete);
    if (problem) problems.push({ field: answerFieldName(prompt.key), problem, prompt });
  }
  const evidence = evidenceProblem(rules.evidence, reflection.evidence, complete);
  if (evidence) problems.push({ field: 'evidence', problem: evidence });
  if (complete && rules.contactRequired && !reflection.contactId) problems.push({ field: 'contactId', problem: { kind: 'missing' } });
  return problems;
}

/** The field name of a prompt's answer, as the API reports it. */
export function answerFieldName(key: string): string {
  return `answers.${key}`;
}

function isBlank(value: unknown): value is undefined | null | '' {
  return value === undefined || value === null || value === '';
}

function answerProblem(prompt: ReflectionPrompt, answers: Answers, complete: boolean): ReflectionProblem | null {
  const value = answers[prompt.key];
  if (isBlank(value)) return complete && prompt.required ? { kind: 'missing' } : null;
  switch (prompt.type) {
    case 'short_text':
    case 'long_text':
      if (typeof value !== 'string') return { kind: 'not_text' };
      return value.length > ANSWER_MAX_LENGTH[prompt.type] ? { kind: 'too_long', max: ANSWER_MAX_LENGTH[prompt.type] } : null;
    case 'url':
      if (typeof value !== 'string' || !isHttpUrl(value)) return { kind: 'not_url' };
      return value.length > ANSWER_MAX_LENGTH.url ? { kind: 'too_long', max: ANSWER_MAX_LENGTH.url } : null;
    case 'date':
      return typeof value === 'string' && DATE.test(value) && !Number.isNaN(Date.parse(value)) ? null : { kind: 'not_date' };
    case 'choice': {
      const options = prompt.options ?? [];
      return typeof value === 'string' && options.includes(value) ? null : { kind: 'not_an_option', options };
    }
    case 'scale':
      return Number.isInteger(value) && Number(value) >= SCALE_MIN && Number(value) <= SCALE_MAX ? null : { kind: 'not_on_scale' };
  }
}

function evidenceProblem(rule: ReflectionRules['evidence'], evidence: string | null | undefined, complete: boolean): ReflectionProblem | null {
  if (isBlank(evidence)) return complete && rule.required ? { kind: 'missing' } : null;
  if (rule.kind === 'none') return { kind: 'no_evidence_taken' };
  if (rule.kind === 'url' && !isHttpUrl(evidence)) return { kind: 'not_url' };
  return null;
}
