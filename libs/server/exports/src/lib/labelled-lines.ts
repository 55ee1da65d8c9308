/** A key and the words shown for it: a reflection prompt, a rubric criterion (as assignments store them). */
export interface Labelled {
  key: string;
  label: string;
}

/**
 * One export cell of `label: value` lines: the values `named` names, in its order (a reflection's
 * prompts, a rubric's criteria), then those no item names any more, under their key. Empty values
 * (missing, null, '') are left out. The staff CSV exports and a student's copy of their data both
 * write answers and rubric scores this way.
 */
export function labelledLines(named: readonly Labelled[] | null, values: Readonly<Record<string, unknown>> | null): string {
  const lines: string[] = [];
  const known = new Set<string>();
  for (const item of named ?? []) {
    known.add(item.key);
    const value = values?.[item.key];
    if (!isEmpty(value)) lines.push(`${item.label}: ${shown(value)}`);
  }
  for (const [key, value] of Object.entries(values ?? {})) {
    if (!known.has(key) && !isEmpty(value)) lines.push(`${key}: ${shown(value)}`);
  }
  return lines.join('\n');
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

function shown(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(shown).join(', ');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
