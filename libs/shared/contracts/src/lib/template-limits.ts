/**
 * The limits of a homework template, one set for the API's validation and the
 * template editor's checks and counters.
 */
export const TEMPLATE_LIMITS = {
  /** Prompt and rubric criterion keys. */
  keyMaxLength: 40,
  titleMaxLength: 200,
  instructionsMaxLength: 20_000,
  /** Labels of rubric criteria and levels, choice options, the evidence label. */
  labelMaxLength: 200,
  promptLabelMaxLength: 300,
  helpMaxLength: 500,
  minPrompts: 1,
  maxPrompts: 40,
  /** A choice prompt offers at least this many options, each different. */
  minOptions: 2,
  maxOptions: 20,
  maxCriteria: 12,
  minLevels: 2,
  maxLevels: 10,
  minPoints: 0,
  maxPoints: 100,
  minMinutes: 5,
  maxMinutes: 24 * 60,
} as const;

/** A prompt or criterion key: starts with a lower-case letter, then a-z, 0-9 and _, at most `keyMaxLength` in all. */
export const TEMPLATE_KEY_PATTERN = new RegExp(`^[a-z][a-z0-9_]{0,${TEMPLATE_LIMITS.keyMaxLength - 1}}$`);

export function isTemplateKey(value: string): boolean {
  return TEMPLATE_KEY_PATTERN.test(value);
}
