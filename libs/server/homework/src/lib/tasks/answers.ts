import {
  SCALE_MAX,
  SCALE_MIN,
  reflectionProblems,
  type Answers,
  type FieldError,
  type ReflectionFieldProblem,
  type ReflectionPrompt,
  type ReflectionRules,
  type ReflectionStage,
  type SaveDraftRequest,
} from '@fieldwork/contracts';

const URL_MESSAGE = 'must be a web address starting with http:// or https://';

/**
 * Checks answers against the assignment's prompts (the shared rules of the
 * contracts, in the API's words). A draft may be incomplete (`complete: false`),
 * but every answer it has must still have the right type.
 */
export function answerProblems(prompts: ReflectionPrompt[], answers: Answers, complete: boolean): FieldError[] {
  return reflectionFieldErrors({ prompts, evidence: { kind: 'none', required: false }, contactRequired: false }, { answers }, complete ? 'submission' : 'draft');
}

/** Every problem of a draft or a submission: answers, evidence, a missing contact; as the API reports them. */
export function reflectionFieldErrors(rules: ReflectionRules, reflection: SaveDraftRequest, stage: ReflectionStage): FieldError[] {
  return reflectionProblems(rules, reflection, stage).map((found) => ({ field: found.field, problems: [apiMessage(found)] }));
}

/** The API's words for a problem (clients may show their own). */
function apiMessage({ field, problem, prompt }: ReflectionFieldProblem): string {
  switch (problem.kind) {
    case 'unknown_prompt':
      return 'is not a question of this task';
    case 'missing':
      if (prompt) return `${prompt.label} is required`;
      return field === 'evidence' ? 'evidence is required for this task' : 'link the person you talked to (choose or add a contact)';
    case 'not_text':
      return 'must be text';
    case 'too_long':
      return prompt?.type === 'url' ? URL_MESSAGE : `must be at most ${problem.max} characters`;
    case 'not_url':
      return URL_MESSAGE;
    case 'not_date':
      return 'must be a date (YYYY-MM-DD)';
    case 'not_an_option':
      return `must be one of: ${problem.options.join(', ')}`;
    case 'not_on_scale':
      return `must be a whole number from ${SCALE_MIN} to ${SCALE_MAX}`;
    case 'no_evidence_taken':
      return 'this task takes no evidence';
  }
}
