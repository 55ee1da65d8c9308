/**
 * CSV formula injection: a spreadsheet runs a cell that starts with = + - @
 * (or a tab / carriage return, which some spreadsheets skip before such a
 * character) as a formula. csv-stringify has no option for it, so every string
 * cell goes through this guard, which makes such a value plain text with a
 * leading apostrophe (OWASP's advice). Numbers, dates and booleans are never
 * strings here, so a negative number stays a number.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralizeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The cast options of csv-stringify that every export uses. */
export const SAFE_CAST = {
  string: (value: string): string => neutralizeFormula(value),
  date: (value: Date): string => value.toISOString(),
  boolean: (value: boolean): string => (value ? 'yes' : 'no'),
};
