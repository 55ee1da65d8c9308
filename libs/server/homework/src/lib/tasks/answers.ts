import { ANSWER_MAX_LENGTH, type Answers, type FieldError, type ReflectionPrompt } from '@fieldwork/contracts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_TEXT = ANSWER_MAX_LENGTH;

/**
 * Checks answers against the assignment's prompts. A draft may be incomplete
 * (`complete: false`), but every answer it has must still have the right type.
 */
export function answerProblems(prompts: ReflectionPrompt[], answers: Answers, complete: boolean): FieldError[] {
  const problems: FieldError[] = [];
  const byKey = new Map(prompts.map((prompt) => [prompt.key, prompt]));
  for (const key of Object.keys(answers)) {
    if (!byKey.has(key)) problems.push({ field: `answers.${key}`, problems: ['is not a question of this task'] });
  }
  for (const prompt of prompts) {
    const value = answers[prompt.key];
    const field = `answers.${prompt.key}`;
    if (value === undefined || value === null || value === '') {
      if (complete && prompt.required) problems.push({ field, problems: [`${prompt.label} is required`] });
      continue;
    }
    const problem = typeProblem(prompt, value);
    if (problem) problems.push({ field, problems: [problem] });
  }
  return problems;
}

function typeProblem(prompt: ReflectionPrompt, value: unknown): string | null {
  switch (prompt.type) {
    case 'short_text':
    case 'long_text':
      if (typeof value !== 'string') return 'must be text';
      return value.length > MAX_TEXT[prompt.type] ? `must be at most ${MAX_TEXT[prompt.type]} characters` : null;
    case 'url':
      return typeof value === 'string' && isHttpUrl(value) && value.length <= MAX_TEXT.url ? null : 'must be a web address starting with http:// or https://';
    case 'date':
      return typeof value === 'string' && DATE.test(value) && !Number.isNaN(Date.parse(value)) ? null : 'must be a date (YYYY-MM-DD)';
    case 'choice':
      return typeof value === 'string' && (prompt.options ?? []).includes(value) ? null : `must be one of: ${(prompt.options ?? []).join(', ')}`;
    case 'scale':
      return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 5 ? null : 'must be a whole number from 1 to 5';
  }
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
