import type { EntityManager } from 'typeorm';
import { execute, queryOne, queryRows, raw, sql, type Sql } from '@fieldwork/server-core';
import type { DeletionImpact, DeletionRequestStatus } from '@fieldwork/contracts';
import { quoteIdent } from '../offboarding/tenant-catalog';

/** Every SQL statement of erasure: erasing accounts, and deletion requests from asking to done. */

// --- erasing accounts -----------------------------------------------------------

/** One row of `lockErasableUsers`: what the scrub looks for in other people's texts. */
export interface ErasedUserRow {
  id: string;
  name: string;
  email: string;
  student_id: string | null;
}

/** The accounts of `userIds` not yet erased, locked, in id order. */
export function lockErasableUsers(db: EntityManager, tenantId: string, userIds: string[]): Promise<ErasedUserRow[]> {
  return queryRows<ErasedUserRow>(
    db,
    sql`SELECT id, name, email, student_id FROM users
         WHERE tenant_id = ${tenantId} AND id = ANY(${userIds}::uuid[]) AND erased_at IS NULL
         ORDER BY id FOR UPDATE`,
  );
}

/** Tables of what could reach or authenticate a person: their rows go with the account. */
const DELIVERY_TABLES = ['refresh_tokens', 'invitations', 'notification_preferences', 'notifications', 'email_deliveries'];

/**
 * The account part of an erasure (see `eraseUsers`): sign-in and delivery rows and
 * third parties' data deleted, their work's content blanked, their copies and the
 * staff's exports expired, the account rewritten.
 */
export async function eraseAccounts(db: EntityManager, tenantId: string, userIds: string[]): Promise<void> {
  const ids = sql`ANY(${userIds}::uuid[])`;
  // Sign-in and delivery: nothing left that could reach or authenticate them.
  for (const table of DELIVERY_TABLES) await execute(db, sql`DELETE FROM ${raw(table)} WHERE tenant_id = ${tenantId} AND user_id = ${ids}`);

  // Third parties' data: interactions first (their triggers read the owner's memberships), then contacts.
  await execute(db, sql`DELETE FROM interactions WHERE tenant_id = ${tenantId} AND owner_id = ${ids}`);
  await execute(db, sql`DELETE FROM contacts WHERE tenant_id = ${tenantId} AND owner_id = ${ids}`);

  // Their work: rows (and so every count) stay, content goes.
  await execute(
    db,
    sql`UPDATE tasks SET draft = '{}'::jsonb, draft_contact_id = NULL, draft_evidence = NULL,
               excused_reason = NULL, extension_reason = NULL
         WHERE tenant_id = ${tenantId} AND student_id = ${ids}`,
  );
  await execute(
    db,
    sql`UPDATE submissions s SET answers = '{}'::jsonb, evidence = NULL, contact_id = NULL, contact_name = NULL, contact_organization = NULL,
               contact_removed_at = CASE WHEN s.contact_name IS NOT NULL THEN coalesce(s.contact_removed_at, now()) ELSE s.contact_removed_at END
          FROM tasks t
         WHERE s.tenant_id = ${tenantId} AND t.tenant_id = s.tenant_id AND t.id = s.task_id AND t.student_id = ${ids}`,
  );
  await execute(
    db,
    sql`UPDATE reviews r SET comment = NULL
          FROM tasks t
         WHERE r.tenant_id = ${tenantId} AND t.tenant_id = r.tenant_id AND t.id = r.task_id AND t.student_id = ${ids} AND r.comment IS NOT NULL`,
  );
  await execute(db, sql`UPDATE deletion_requests SET reason = NULL WHERE tenant_id = ${tenantId} AND user_id = ${ids} AND reason IS NOT NULL`);
  // Their "download my data" ZIPs and the staff's CSV exports (which list names) expire now: the daily sweeps delete the files.
  await execute(
    db,
    sql`UPDATE data_exports SET expires_at = now() WHERE tenant_id = ${tenantId} AND user_id = ${ids} AND status = 'done' AND expires_at > now()`,
  );
  await execute(db, sql`UPDATE exports SET expires_at = now() WHERE tenant_id = ${tenantId} AND status = 'done' AND expires_at > now()`);

  // Audit events keep their rows; the addresses they were made from are personal data.
  await execute(db, sql`UPDATE audit_events SET ip = NULL WHERE tenant_id = ${tenantId} AND actor_id = ${ids} AND ip IS NOT NULL`);

  // The account itself.
  await execute(
    db,
    sql`UPDATE users SET name = 'Deleted user #' || left(id::text, 8), email = 'deleted-' || id::text || '@erased.invalid',
               student_id = NULL, password_hash = NULL, calendar_token_hash = NULL, calendar_token_created_at = NULL,
               active = false, erased_at = now(), updated_at = now()
         WHERE tenant_id = ${tenantId} AND id = ${ids}`,
  );
}

/** One row of `scrubbableColumns`. */
export interface ScrubColumnRow {
  table_name: string;
  column_name: string;
  is_json: boolean;
}

/** Every text or jsonb column of every tenant table, except the skipped tables and code columns. */
export function scrubbableColumns(db: EntityManager, skippedTables: string[], codeColumns: string[]): Promise<ScrubColumnRow[]> {
  return queryRows<ScrubColumnRow>(
    db,
    sql`SELECT c.table_name, c.column_name, c.data_type = 'jsonb' AS is_json
          FROM information_schema.columns c
          JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name AND tb.table_type = 'BASE TABLE'
         WHERE c.table_schema = 'public'
           AND c.data_type IN ('text', 'character varying', 'jsonb')
           AND c.table_name <> ALL(${skippedTables}::text[]) AND c.column_name <> ALL(${codeColumns}::text[])
           AND EXISTS (SELECT 1 FROM information_schema.columns k
                        WHERE k.table_schema = 'public' AND k.table_name = c.table_name AND k.column_name = 'tenant_id')
         ORDER BY c.table_name, c.column_name`,
  );
}

/** Replaces each case-insensitive pattern with its replacement in one column of the tenant's rows. */
export function scrubColumn(db: EntityManager, tenantId: string, column: ScrubColumnRow, patterns: string[], replacements: string[]): Promise<number> {
  const col = quoteIdent(column.column_name);
  const value = raw(column.is_json ? `${col}::text` : col);
  const scrubbed = column.is_json
    ? sql`privacy_scrub_text(${value}, ${patterns}, ${replacements})::jsonb`
    : sql`privacy_scrub_text(${value}, ${patterns}, ${replacements})`;
  return execute(
    db,
    sql`UPDATE ${raw(quoteIdent(column.table_name))} SET ${raw(col)} = ${scrubbed}
         WHERE tenant_id = ${tenantId} AND ${value} ~* ANY(${patterns}::text[])`,
  );
}

// --- deletion requests ------------------------------------------------------------

/** What erasing a person touches, counted now; `tenant` and `user` are expressions or values. */
const impactOf = (tenant: Sql, user: Sql) => sql`
         (SELECT count(*)::int FROM tasks t WHERE t.tenant_id = ${tenant} AND t.student_id = ${user}) AS tasks,
         (SELECT count(*)::int FROM submissions s JOIN tasks t ON t.tenant_id = s.tenant_id AND t.id = s.task_id
           WHERE s.tenant_id = ${tenant} AND t.student_id = ${user}) AS reflections,
         (SELECT count(*)::int FROM contacts c WHERE c.tenant_id = ${tenant} AND c.owner_id = ${user}) AS contacts,
         (SELECT count(*)::int FROM interactions i WHERE i.tenant_id = ${tenant} AND i.owner_id = ${user}) AS interactions`;

/** One row of the request reads: the request, its people, and the live counts of what erasure touches. */
export interface DeletionRequestRow extends DeletionImpact {
  id: string;
  status: DeletionRequestStatus;
  user_id: string;
  user_name: string;
  user_email: string;
  user_role: string;
  user_erased_at: Date | null;
  requested_by: string;
  requester_name: string;
  reason: string | null;
  created_at: Date;
  approved_at: Date | null;
  approved_by: string | null;
  approver_name: string | null;
  finished_at: Date | null;
  cancelled_at: Date | null;
  result: DeletionImpact | null;
}

/** One row per request, with counts of what erasing the user will touch, now. */
const SELECT_REQUEST = sql`
  SELECT d.id, d.status, d.user_id, u.name AS user_name, u.email AS user_email, u.role AS user_role, u.erased_at AS user_erased_at,
         d.requested_by, rb.name AS requester_name, d.reason, d.created_at, d.approved_at, d.approved_by, ab.name AS approver_name,
         d.finished_at, d.cancelled_at, d.result,${impactOf(raw('d.tenant_id'), raw('d.user_id'))}
    FROM deletion_requests d
    JOIN users u ON u.tenant_id = d.tenant_id AND u.id = d.user_id
    JOIN users rb ON rb.tenant_id = d.tenant_id AND rb.id = d.requested_by
    LEFT JOIN users ab ON ab.tenant_id = d.tenant_id AND ab.id = d.approved_by`;

/** A person's open request if any, else their latest. */
export function latestRequestOf(db: EntityManager, tenantId: string, userId: string, open: DeletionRequestStatus[]): Promise<DeletionRequestRow | undefined> {
  return queryOne<DeletionRequestRow>(
    db,
    sql`${SELECT_REQUEST} WHERE d.tenant_id = ${tenantId} AND d.user_id = ${userId}
         ORDER BY (d.status = ANY(${open}::text[])) DESC, d.created_at DESC, d.id DESC LIMIT 1`,
  );
}

/** Every request of the career center (at most 500): pending first, then approved or erasing, newest first. */
export function allRequests(db: EntityManager, tenantId: string): Promise<DeletionRequestRow[]> {
  return queryRows<DeletionRequestRow>(
    db,
    sql`${SELECT_REQUEST} WHERE d.tenant_id = ${tenantId}
         ORDER BY CASE d.status WHEN 'pending' THEN 0 WHEN 'approved' THEN 1 WHEN 'erasing' THEN 1 ELSE 2 END, d.created_at DESC, d.id DESC
         LIMIT 500`,
  );
}

/** One request; only `ownerId`'s when given; locked when asked. */
export function deletionRequest(
  db: EntityManager,
  tenantId: string,
  id: string,
  options: { ownerId: string | null; lock: boolean },
): Promise<DeletionRequestRow | undefined> {
  const own = options.ownerId ? sql` AND d.user_id = ${options.ownerId}` : raw('');
  return queryOne<DeletionRequestRow>(db, sql`${SELECT_REQUEST} WHERE d.tenant_id = ${tenantId} AND d.id = ${id}${own}${raw(options.lock ? ' FOR UPDATE OF d' : '')}`);
}

/** A person's open request, locked. */
export function lockOpenRequestOf(
  db: EntityManager,
  tenantId: string,
  userId: string,
  open: DeletionRequestStatus[],
): Promise<{ id: string; status: DeletionRequestStatus } | undefined> {
  return queryOne<{ id: string; status: DeletionRequestStatus }>(
    db,
    sql`SELECT id, status FROM deletion_requests WHERE tenant_id = ${tenantId} AND user_id = ${userId} AND status = ANY(${open}::text[]) FOR UPDATE`,
  );
}

export function cancelRequest(db: EntityManager, tenantId: string, id: string): Promise<number> {
  return execute(db, sql`UPDATE deletion_requests SET status = 'cancelled', cancelled_at = now() WHERE tenant_id = ${tenantId} AND id = ${id}`);
}

export function approveRequest(db: EntityManager, tenantId: string, id: string, approverId: string): Promise<number> {
  return execute(
    db,
    sql`UPDATE deletion_requests SET status = 'approved', approved_at = now(), approved_by = ${approverId} WHERE tenant_id = ${tenantId} AND id = ${id}`,
  );
}

/** The person to erase, locked (undefined when there is no such user). */
export function lockUserToErase(db: EntityManager, tenantId: string, userId: string): Promise<{ erased_at: Date | null } | undefined> {
  return queryOne<{ erased_at: Date | null }>(db, sql`SELECT erased_at FROM users WHERE tenant_id = ${tenantId} AND id = ${userId} FOR UPDATE`);
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505';
}

/**
 * A new pending request; false (and nothing written, the transaction still usable)
 * when the person already has an open one (a unique index keeps one per person).
 */
export async function insertRequest(
  db: EntityManager,
  request: { tenantId: string; id: string; userId: string; requestedBy: string; reason: string | null },
): Promise<boolean> {
  try {
    await execute(db, sql`SAVEPOINT deletion_request`);
    await execute(
      db,
      sql`INSERT INTO deletion_requests (tenant_id, id, user_id, requested_by, reason)
          VALUES (${request.tenantId}, ${request.id}, ${request.userId}, ${request.requestedBy}, ${request.reason})`,
    );
    await execute(db, sql`RELEASE SAVEPOINT deletion_request`);
    return true;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    await execute(db, sql`ROLLBACK TO SAVEPOINT deletion_request`);
    return false;
  }
}

// --- the worker ---------------------------------------------------------------------

/** One row of `lockRequestToErase`. */
export interface RequestToEraseRow {
  user_id: string;
  approved_by: string | null;
  status: DeletionRequestStatus;
}

export function lockRequestToErase(db: EntityManager, tenantId: string, id: string): Promise<RequestToEraseRow | undefined> {
  return queryOne<RequestToEraseRow>(
    db,
    sql`SELECT user_id, approved_by, status FROM deletion_requests WHERE tenant_id = ${tenantId} AND id = ${id} FOR UPDATE`,
  );
}

export function markRequestErasing(db: EntityManager, tenantId: string, id: string): Promise<number> {
  return execute(db, sql`UPDATE deletion_requests SET status = 'erasing' WHERE tenant_id = ${tenantId} AND id = ${id}`);
}

/** What erasing the person touches, counted now. */
export async function deletionImpact(db: EntityManager, tenantId: string, userId: string): Promise<DeletionImpact> {
  const row = await queryOne<DeletionImpact>(db, sql`SELECT${impactOf(sql`${tenantId}`, sql`${userId}`)}`);
  return row ?? { tasks: 0, reflections: 0, contacts: 0, interactions: 0 };
}

/** Done: the reason goes, the counts of what was erased stay. */
export function finishRequest(db: EntityManager, tenantId: string, id: string, result: DeletionImpact): Promise<number> {
  return execute(
    db,
    sql`UPDATE deletion_requests SET status = 'done', finished_at = now(), reason = NULL, result = ${JSON.stringify(result)} WHERE tenant_id = ${tenantId} AND id = ${id}`,
  );
}
