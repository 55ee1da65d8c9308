import type { EntityManager } from 'typeorm';
import { eraseAccounts, lockErasableUsers, scrubColumn, scrubbableColumns, type ErasedUserRow } from './erasure.queries';

/** What an erased account is called everywhere it is still referenced (audit log, reviews…). */
export function deletedUserName(userId: string): string {
  return `Deleted user #${userId.slice(0, 8)}`;
}

/** A unique address that can never receive mail (`.invalid` is reserved, RFC 2606). */
export function deletedUserEmail(userId: string): string {
  return `deleted-${userId}@erased.invalid`;
}

/** Columns that hold codes, not prose: never rewritten by the scrub (a name like "Student" must not touch a role). */
const CODE_COLUMNS = [
  'kind',
  'status',
  'role',
  'decision',
  'action',
  'subject_type',
  'topic',
  'period',
  'mode',
  'category',
  'interaction_kind',
  'file_path',
  'timezone',
  'slug',
  'password_hash',
];
/** Tables the scrub leaves alone: accounts are rewritten explicitly (another person may share the name). */
const SKIPPED_TABLES = ['users'];

/** Shorter names are not searched for in other people's texts: "Al" would mangle every "also". */
const MIN_NAME_LENGTH = 3;
const MIN_STUDENT_ID_LENGTH = 5;

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
}

/** A whole-word pattern (case-insensitive at use): letters or digits around it are not part of it. */
function wholeWord(text: string): string {
  return `(?<![[:alnum:]_])${escapeRegex(text)}(?![[:alnum:]_])`;
}

/**
 * Erases several accounts of one tenant, inside the caller's tenant transaction, set-based and
 * idempotent (an account already erased is skipped; a second call erases nothing):
 * - the account: name → "Deleted user #<first 8 of id>", e-mail → a unique undeliverable placeholder,
 *   student id, password, calendar link gone, inactive; refresh tokens, invitations, notification
 *   preferences, notifications and e-mails to them deleted; their "download my data" files expire now;
 * - their contacts and interactions (third parties' data) deleted (the dashboards' triggers adjust
 *   the network roll-ups);
 * - their work: tasks and submission rows stay (the dashboards' counts stay consistent), their
 *   content is blanked: answers `{}`, drafts, evidence, the contact snapshot, reviews' comments;
 * - other people's texts that name them (inbox items, e-mails, audit details, nudges, outbox payloads,
 *   any text or jsonb column of a tenant table) have the name and e-mail replaced;
 * - staff CSV exports of the tenant (they list names) expire now; the daily sweep removes the files.
 * Audit events keep their rows: they refer to the account by id, which now reads "Deleted user #…".
 */
export async function eraseUsers(
  db: EntityManager,
  tenantId: string,
  userIds: string[],
  reason: 'request' | 'retention',
): Promise<{ erased: number }> {
  const ids = [...new Set(userIds)];
  if (!ids.length) return { erased: 0 };
  const rows = await lockErasableUsers(db, tenantId, ids);
  if (!rows.length) return { erased: 0 };
  await eraseAccounts(db, tenantId, rows.map((r) => r.id));
  await scrubOtherTexts(db, tenantId, rows);
  void reason; // The caller audits the run (a deletion request's `user.erased`, or the retention run's counts).
  return { erased: rows.length };
}

/** Replaces the erased people's names, e-mails and student ids in every prose column of every tenant table. */
async function scrubOtherTexts(db: EntityManager, tenantId: string, rows: ErasedUserRow[]): Promise<void> {
  const plain: { pattern: string; replacement: string }[] = [];
  const json: { pattern: string; replacement: string }[] = [];
  const add = (needle: string, replacement: string) => {
    plain.push({ pattern: wholeWord(needle), replacement });
    json.push({ pattern: wholeWord(JSON.stringify(needle).slice(1, -1)), replacement });
  };
  for (const row of rows) {
    add(row.email, deletedUserEmail(row.id));
    if (row.name.trim().length >= MIN_NAME_LENGTH) add(row.name.trim(), deletedUserName(row.id));
    if (row.student_id && row.student_id.length >= MIN_STUDENT_ID_LENGTH) add(row.student_id, '[removed]');
  }
  for (const column of await scrubbableColumns(db, SKIPPED_TABLES, CODE_COLUMNS)) {
    const set = column.is_json ? json : plain;
    await scrubColumn(db, tenantId, column, set.map((s) => s.pattern), set.map((s) => s.replacement));
  }
}
