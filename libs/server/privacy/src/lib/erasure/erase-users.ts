import type { EntityManager } from 'typeorm';

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

interface ErasedRow {
  id: string;
  name: string;
  email: string;
  student_id: string | null;
}

interface ScrubColumn {
  table_name: string;
  column_name: string;
  is_json: boolean;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
}

/** A whole-word pattern (case-insensitive at use): letters or digits around it are not part of it. */
function wholeWord(text: string): string {
  return `(?<![[:alnum:]_])${escapeRegex(text)}(?![[:alnum:]_])`;
}

function identifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
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
  const rows: ErasedRow[] = await db.query(
    `SELECT id, name, email, student_id FROM users
      WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND erased_at IS NULL
      ORDER BY id FOR UPDATE`,
    [tenantId, ids],
  );
  if (!rows.length) return { erased: 0 };
  const erased = rows.map((r) => r.id);
  const params = [tenantId, erased];

  // Sign-in and delivery: nothing left that could reach or authenticate them.
  await db.query(`DELETE FROM refresh_tokens WHERE tenant_id = $1 AND user_id = ANY($2::uuid[])`, params);
  await db.query(`DELETE FROM invitations WHERE tenant_id = $1 AND user_id = ANY($2::uuid[])`, params);
  await db.query(`DELETE FROM notification_preferences WHERE tenant_id = $1 AND user_id = ANY($2::uuid[])`, params);
  await db.query(`DELETE FROM notifications WHERE tenant_id = $1 AND user_id = ANY($2::uuid[])`, params);
  await db.query(`DELETE FROM email_deliveries WHERE tenant_id = $1 AND user_id = ANY($2::uuid[])`, params);

  // Third parties' data: interactions first (their triggers read the owner's memberships), then contacts.
  await db.query(`DELETE FROM interactions WHERE tenant_id = $1 AND owner_id = ANY($2::uuid[])`, params);
  await db.query(`DELETE FROM contacts WHERE tenant_id = $1 AND owner_id = ANY($2::uuid[])`, params);

  // Their work: rows (and so every count) stay, content goes.
  await db.query(
    `UPDATE tasks SET draft = '{}'::jsonb, draft_contact_id = NULL, draft_evidence = NULL,
            excused_reason = NULL, extension_reason = NULL
      WHERE tenant_id = $1 AND student_id = ANY($2::uuid[])`,
    params,
  );
  await db.query(
    `UPDATE submissions s SET answers = '{}'::jsonb, evidence = NULL, contact_id = NULL, contact_name = NULL, contact_organization = NULL,
            contact_removed_at = CASE WHEN s.contact_name IS NOT NULL THEN coalesce(s.contact_removed_at, now()) ELSE s.contact_removed_at END
       FROM tasks t
      WHERE s.tenant_id = $1 AND t.tenant_id = s.tenant_id AND t.id = s.task_id AND t.student_id = ANY($2::uuid[])`,
    params,
  );
  await db.query(
    `UPDATE reviews r SET comment = NULL
       FROM tasks t
      WHERE r.tenant_id = $1 AND t.tenant_id = r.tenant_id AND t.id = r.task_id AND t.student_id = ANY($2::uuid[]) AND r.comment IS NOT NULL`,
    params,
  );
  await db.query(`UPDATE deletion_requests SET reason = NULL WHERE tenant_id = $1 AND user_id = ANY($2::uuid[]) AND reason IS NOT NULL`, params);
  // Their "download my data" ZIPs and the staff's CSV exports (which list names) expire now: the daily sweeps delete the files.
  await db.query(
    `UPDATE data_exports SET expires_at = now() WHERE tenant_id = $1 AND user_id = ANY($2::uuid[]) AND status = 'done' AND expires_at > now()`,
    params,
  );
  await db.query(`UPDATE exports SET expires_at = now() WHERE tenant_id = $1 AND status = 'done' AND expires_at > now()`, [tenantId]);

  // Audit events keep their rows; the addresses they were made from are personal data.
  await db.query(`UPDATE audit_events SET ip = NULL WHERE tenant_id = $1 AND actor_id = ANY($2::uuid[]) AND ip IS NOT NULL`, params);

  // The account itself.
  await db.query(
    `UPDATE users SET name = 'Deleted user #' || left(id::text, 8), email = 'deleted-' || id::text || '@erased.invalid',
            student_id = NULL, password_hash = NULL, calendar_token_hash = NULL, calendar_token_created_at = NULL,
            active = false, erased_at = now(), updated_at = now()
      WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
    params,
  );

  await scrubOtherTexts(db, tenantId, rows);
  void reason; // The caller audits the run (a deletion request's `user.erased`, or the retention run's counts).
  return { erased: rows.length };
}

/** Replaces the erased people's names, e-mails and student ids in every prose column of every tenant table. */
async function scrubOtherTexts(db: EntityManager, tenantId: string, rows: ErasedRow[]): Promise<void> {
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
  const columns: ScrubColumn[] = await db.query(
    `SELECT c.table_name, c.column_name, c.data_type = 'jsonb' AS is_json
       FROM information_schema.columns c
       JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name AND tb.table_type = 'BASE TABLE'
      WHERE c.table_schema = 'public'
        AND c.data_type IN ('text', 'character varying', 'jsonb')
        AND c.table_name <> ALL($1::text[]) AND c.column_name <> ALL($2::text[])
        AND EXISTS (SELECT 1 FROM information_schema.columns k
                     WHERE k.table_schema = 'public' AND k.table_name = c.table_name AND k.column_name = 'tenant_id')
      ORDER BY c.table_name, c.column_name`,
    [SKIPPED_TABLES, CODE_COLUMNS],
  );
  for (const column of columns) {
    const col = identifier(column.column_name);
    const set = column.is_json ? json : plain;
    const patterns = set.map((s) => s.pattern);
    const replacements = set.map((s) => s.replacement);
    const value = column.is_json ? `${col}::text` : col;
    const scrubbed = column.is_json ? `privacy_scrub_text(${value}, $2, $3)::jsonb` : `privacy_scrub_text(${value}, $2, $3)`;
    await db.query(
      `UPDATE ${identifier(column.table_name)} SET ${col} = ${scrubbed}
        WHERE tenant_id = $1 AND ${value} ~* ANY($2::text[])`,
      [tenantId, patterns, replacements],
    );
  }
}
