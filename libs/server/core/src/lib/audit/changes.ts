/** A value short enough to keep in the audit log as it was and as it became. */
export type AuditValue = string | number | boolean | null;

export interface FieldChange {
  from: AuditValue;
  to: AuditValue;
}

/**
 * What an edit actually changed, for an audit event's details: `changed` names
 * every field whose value differs (sorted), `changes` holds before → after for
 * the short ones. Long text, lists and objects are named only — the log says
 * *that* the instructions changed, never copies them.
 */
export interface AuditChanges {
  changed: string[];
  changes: Record<string, FieldChange>;
}

/** Strings longer than this are named only, like fields listed as long. */
export const AUDIT_SHORT_TEXT = 120;

/**
 * Compares `before` and `after` on `fields` by value (JSON with sorted keys: an
 * unchanged list sent again is no change, whether it came from jsonb or a DTO) and answers what changed. `long` fields are
 * never copied, whatever their length.
 */
export function auditChanges<T extends object, K extends keyof T & string>(
  before: T,
  after: T,
  fields: readonly K[],
  options: { long?: readonly K[] } = {},
): AuditChanges {
  const result: AuditChanges = { changed: [], changes: {} };
  for (const field of [...fields].sort()) {
    const from = normalise(before[field]);
    const to = normalise(after[field]);
    if (canonical(from) === canonical(to)) continue;
    result.changed.push(field);
    if (!options.long?.includes(field) && isShort(from) && isShort(to)) result.changes[field] = { from, to };
  }
  return result;
}

/** `undefined` and `null` both mean "not set"; an empty list is a list. */
function normalise(value: unknown): unknown {
  return value === undefined ? null : value;
}

function isShort(value: unknown): value is AuditValue {
  if (value === null || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  return typeof value === 'string' && value.length <= AUDIT_SHORT_TEXT && !/[\r\n]/.test(value);
}

/** JSON with object keys sorted: jsonb reorders keys, and DTO instances are not plain objects. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}
