import type { EntityManager } from 'typeorm';
import { execute, queryOne, queryRows, raw, sql, type Sql } from '@fieldwork/server-core';
import type { RetentionCounts } from '@fieldwork/contracts';

/**
 * The retention rules, as SQL over one tenant as of an instant `at` (the run's time), and every
 * other statement of retention (its runs, the preview, the privacy page). Dates are compared in
 * the career center's time zone ("36 months after the cohort ends" is a day there).
 *
 * - Reflections: a submitted version's content (answers, evidence, contact snapshot), its review's
 *   comment and the task's draft are blanked `reflectionsMonths` after the task's cohort ends
 *   (`cohorts.ends_on`); work outside any cohort follows its student's last cohort. Rows stay: the
 *   dashboards' roll-ups count tasks, submissions and reviews, and blanking changes none of the
 *   columns they read (see the dashboards migration), so every count stays as it was, anonymous.
 * - Contacts and their interactions: deleted `reflectionsMonths` after their owner's LAST cohort
 *   ends (a student in any cohort without an end date keeps them). Deletes go through the
 *   dashboards' delete triggers, which take them out of the network roll-ups.
 * - Accounts: a student is erased (`eraseUsers`, reason 'retention') `accountsMonths` after their
 *   last cohort ends, when they are in no cohort without an end date and have had no activity since
 *   the end of that day (activity: joining a cohort, saving or submitting work, adding a contact or
 *   an interaction, signing in).
 * - Audit events: deleted `auditMonths` after they happened.
 * A student in no cohort at all keeps everything (no cohort has ended for them). Accounts already
 * erased are left alone (their content was blanked or deleted by the erasure).
 */

/** `day` plus `months` has been reached on the run's day. */
const passed = (day: string, months: string) => raw(`(${day} + make_interval(months => ${months}))::date <= p.today`);

/** Owners whose content the rules may touch: not erased, and (in a preview) not about to be. */
function keptOwner(alias: string, excludeDueAccounts: boolean): Sql {
  const notDue = excludeDueAccounts ? ` AND ${alias}.id NOT IN (SELECT id FROM due_accounts)` : '';
  return raw(`${alias}.erased_at IS NULL${notDue}`);
}

/** The rules of one tenant as of `at`: named subqueries (CTEs) to compose into a statement. */
function rulesOf(tenantId: string, at: Date) {
  const asOf = at.toISOString();
  const reflectionsEnd = passed('CASE WHEN t.cohort_id IS NULL THEN l.ends_on ELSE c.ends_on END', 'p.reflections_months');
  return {
    /** The run's day and the tenant's periods. */
    policy: sql`policy AS (
    SELECT (${asOf}::timestamptz AT TIME ZONE tn.timezone)::date AS today, tn.timezone AS tz,
           tn.retention_reflections_months AS reflections_months,
           tn.retention_accounts_months AS accounts_months,
           tn.retention_audit_months AS audit_months
      FROM tenants tn WHERE tn.id = ${tenantId})`,

    /** Each student's last cohort end: NULL while they are in a cohort without an end date. */
    lastEnd: sql`last_end AS (
    SELECT mb.user_id, CASE WHEN bool_or(c.ends_on IS NULL) THEN NULL ELSE max(c.ends_on) END AS ends_on
      FROM cohort_members mb JOIN cohorts c ON c.tenant_id = mb.tenant_id AND c.id = mb.cohort_id
     WHERE mb.tenant_id = ${tenantId} AND mb.role = 'student'
     GROUP BY mb.user_id)`,

    /** Students whose account is due for erasure. */
    dueAccounts: sql`due_accounts AS (
    SELECT u.id
      FROM users u
      JOIN last_end l ON l.user_id = u.id
     CROSS JOIN policy p
     WHERE u.tenant_id = ${tenantId} AND u.role = 'student' AND u.erased_at IS NULL AND l.ends_on IS NOT NULL
       AND ${passed('l.ends_on', 'p.accounts_months')}
       AND GREATEST(
             u.created_at,
             (SELECT max(m.joined_at) FROM cohort_members m WHERE m.tenant_id = u.tenant_id AND m.user_id = u.id),
             (SELECT max(GREATEST(t.draft_saved_at, t.submitted_at)) FROM tasks t WHERE t.tenant_id = u.tenant_id AND t.student_id = u.id),
             (SELECT max(c.created_at) FROM contacts c WHERE c.tenant_id = u.tenant_id AND c.owner_id = u.id),
             (SELECT max(i.created_at) FROM interactions i WHERE i.tenant_id = u.tenant_id AND i.owner_id = u.id),
             (SELECT max(r.created_at) FROM refresh_tokens r WHERE r.tenant_id = u.tenant_id AND r.user_id = u.id)
           ) < ((l.ends_on + 1)::timestamp AT TIME ZONE p.tz))`,

    /** Submitted versions whose content is due to be blanked. */
    dueReflections: (excludeDueAccounts: boolean) => sql`due_reflections AS (
    SELECT s.id, s.task_id
      FROM submissions s
      JOIN tasks t ON t.tenant_id = s.tenant_id AND t.id = s.task_id
      JOIN users u ON u.tenant_id = t.tenant_id AND u.id = t.student_id
      LEFT JOIN cohorts c ON c.tenant_id = t.tenant_id AND c.id = t.cohort_id
      LEFT JOIN last_end l ON t.cohort_id IS NULL AND l.user_id = t.student_id
     CROSS JOIN policy p
     WHERE s.tenant_id = ${tenantId} AND s.redacted_at IS NULL AND ${keptOwner('u', excludeDueAccounts)}
       AND ${reflectionsEnd})`,

    /** Tasks whose unsubmitted draft is due to be blanked (same rule; not counted: the reflections count submitted versions). */
    dueDrafts: sql`due_drafts AS (
    SELECT t.id
      FROM tasks t
      JOIN users u ON u.tenant_id = t.tenant_id AND u.id = t.student_id
      LEFT JOIN cohorts c ON c.tenant_id = t.tenant_id AND c.id = t.cohort_id
      LEFT JOIN last_end l ON t.cohort_id IS NULL AND l.user_id = t.student_id
     CROSS JOIN policy p
     WHERE t.tenant_id = ${tenantId} AND u.erased_at IS NULL
       AND (t.draft <> '{}'::jsonb OR t.draft_evidence IS NOT NULL OR t.draft_contact_id IS NOT NULL)
       AND ${reflectionsEnd})`,

    /** Contacts due to be deleted. */
    dueContacts: (excludeDueAccounts: boolean) => sql`due_contacts AS (
    SELECT ct.id
      FROM contacts ct
      JOIN users u ON u.tenant_id = ct.tenant_id AND u.id = ct.owner_id
      JOIN last_end l ON l.user_id = ct.owner_id
     CROSS JOIN policy p
     WHERE ct.tenant_id = ${tenantId} AND ${keptOwner('u', excludeDueAccounts)} AND l.ends_on IS NOT NULL
       AND ${passed('l.ends_on', 'p.reflections_months')})`,

    dueInteractions: sql`due_interactions AS (
    SELECT i.id FROM interactions i JOIN due_contacts d ON i.contact_id = d.id WHERE i.tenant_id = ${tenantId})`,

    /** Audit events due; bounded (when `startedAt` is given) to events older than the run's start, so the run never deletes what it wrote itself. */
    dueAudit: (startedAt: Date | null) => sql`due_audit AS (
    SELECT a.id FROM audit_events a CROSS JOIN policy p
     WHERE a.tenant_id = ${tenantId} AND a.occurred_at < ${asOf}::timestamptz - make_interval(months => p.audit_months)
       ${startedAt ? sql`AND a.occurred_at < ${startedAt.toISOString()}::timestamptz` : raw('')})`,
  };
}

/** One row of the counts of a run or a preview (the columns of `retention_runs`). */
export interface RetentionCountsRow {
  accounts: number;
  reflections: number;
  contacts: number;
  interactions: number;
  audit_events: number;
}

/** The contract's counts of a counts row. */
export function toRetentionCounts(row: RetentionCountsRow): RetentionCounts {
  const { accounts, reflections, contacts, interactions } = row;
  return { accounts, reflections, contacts, interactions, auditEvents: row.audit_events };
}

/**
 * What a run as of `at` would delete, counted on the data as it is now. Content of accounts that are
 * due themselves is counted under accounts only (the erasure removes it with the account).
 */
export async function countDue(db: EntityManager, tenantId: string, at: Date): Promise<RetentionCounts> {
  const r = rulesOf(tenantId, at);
  const row = await queryOne<RetentionCountsRow>(
    db,
    sql`WITH ${r.policy}, ${r.lastEnd}, ${r.dueAccounts}, ${r.dueReflections(true)}, ${r.dueContacts(true)}, ${r.dueInteractions}, ${r.dueAudit(null)}
     SELECT (SELECT count(*) FROM due_accounts)::int AS accounts,
            (SELECT count(*) FROM due_reflections)::int AS reflections,
            (SELECT count(*) FROM due_contacts)::int AS contacts,
            (SELECT count(*) FROM due_interactions)::int AS interactions,
            (SELECT count(*) FROM due_audit)::int AS audit_events`,
  );
  if (!row) throw new Error('the counts query returns one row');
  return toRetentionCounts(row);
}

/** The next `limit` accounts due for erasure, in id order. */
export async function dueAccountBatch(db: EntityManager, tenantId: string, at: Date, limit: number): Promise<string[]> {
  const r = rulesOf(tenantId, at);
  const rows = await queryRows<{ id: string }>(db, sql`WITH ${r.policy}, ${r.lastEnd}, ${r.dueAccounts} SELECT id FROM due_accounts ORDER BY id LIMIT ${limit}`);
  return rows.map((row) => row.id);
}

/** Blanks up to `limit` due reflections (and their reviews' comments, and due drafts); answers how many versions it blanked. */
export async function blankReflectionBatch(db: EntityManager, tenantId: string, at: Date, limit: number): Promise<number> {
  const r = rulesOf(tenantId, at);
  const row = await queryOne<{ blanked: number; comments: number }>(
    db,
    sql`WITH ${r.policy}, ${r.lastEnd}, ${r.dueReflections(false)},
          batch AS (SELECT id FROM due_reflections ORDER BY id LIMIT ${limit}),
          blanked AS (
            UPDATE submissions s
               SET answers = '{}'::jsonb, evidence = NULL, contact_id = NULL, contact_name = NULL, contact_organization = NULL,
                   redacted_at = ${at.toISOString()}::timestamptz
              FROM batch b WHERE s.tenant_id = ${tenantId} AND s.id = b.id
            RETURNING s.id),
          comments AS (
            UPDATE reviews r SET comment = NULL FROM blanked b
             WHERE r.tenant_id = ${tenantId} AND r.submission_id = b.id AND r.comment IS NOT NULL
            RETURNING r.id)
     SELECT (SELECT count(*) FROM blanked)::int AS blanked, (SELECT count(*) FROM comments)::int AS comments`,
  );
  await execute(
    db,
    sql`WITH ${r.policy}, ${r.lastEnd}, ${r.dueDrafts}
     UPDATE tasks t SET draft = '{}'::jsonb, draft_evidence = NULL, draft_contact_id = NULL
       FROM (SELECT id FROM due_drafts ORDER BY id LIMIT ${limit}) b
      WHERE t.tenant_id = ${tenantId} AND t.id = b.id`,
  );
  return row?.blanked ?? 0;
}

/** The number of rows a `gone AS (DELETE … RETURNING …)` statement deleted. */
async function deletedCount(db: EntityManager, statement: Sql): Promise<number> {
  return (await queryOne<{ n: number }>(db, sql`${statement}
     SELECT count(*)::int AS n FROM gone`))?.n ?? 0;
}

/** Deletes up to `limit` interactions of due contacts. */
export function deleteInteractionBatch(db: EntityManager, tenantId: string, at: Date, limit: number): Promise<number> {
  const r = rulesOf(tenantId, at);
  return deletedCount(
    db,
    sql`WITH ${r.policy}, ${r.lastEnd}, ${r.dueContacts(false)}, ${r.dueInteractions},
          gone AS (DELETE FROM interactions i USING (SELECT id FROM due_interactions ORDER BY id LIMIT ${limit}) b
                    WHERE i.tenant_id = ${tenantId} AND i.id = b.id RETURNING i.id)`,
  );
}

/** Deletes up to `limit` due contacts (their interactions went first, so no cascade hides in the count). */
export function deleteContactBatch(db: EntityManager, tenantId: string, at: Date, limit: number): Promise<number> {
  const r = rulesOf(tenantId, at);
  return deletedCount(
    db,
    sql`WITH ${r.policy}, ${r.lastEnd}, ${r.dueContacts(false)},
          gone AS (DELETE FROM contacts ct USING (SELECT id FROM due_contacts ORDER BY id LIMIT ${limit}) b
                    WHERE ct.tenant_id = ${tenantId} AND ct.id = b.id RETURNING ct.id)`,
  );
}

/** Deletes up to `limit` due audit events that happened before `startedAt` (the run's own events stay). */
export function deleteAuditBatch(db: EntityManager, tenantId: string, at: Date, startedAt: Date, limit: number): Promise<number> {
  const r = rulesOf(tenantId, at);
  return deletedCount(
    db,
    sql`WITH ${r.policy}, ${r.dueAudit(startedAt)},
          gone AS (DELETE FROM audit_events a USING (SELECT id FROM due_audit ORDER BY id LIMIT ${limit}) b
                    WHERE a.tenant_id = ${tenantId} AND a.id = b.id RETURNING a.id)`,
  );
}

// --- runs -----------------------------------------------------------------------

/** The phases of a run whose count has a column in `retention_runs`. */
export type CountedPhase = 'audit' | 'accounts' | 'reflections' | 'interactions' | 'contacts';

/** One row of `lockRun`. */
export interface RetentionRunRow extends RetentionCountsRow {
  id: string;
  phase: CountedPhase | 'done';
  started_at: Date;
}

/** Starts the run of (tenant, at) unless there is one. */
export function insertRun(db: EntityManager, tenantId: string, id: string, at: Date): Promise<number> {
  return execute(db, sql`INSERT INTO retention_runs (tenant_id, id, at) VALUES (${tenantId}, ${id}, ${at.toISOString()}) ON CONFLICT (tenant_id, at) DO NOTHING`);
}

/** The run of (tenant, at), locked. */
export async function lockRun(db: EntityManager, tenantId: string, at: Date): Promise<RetentionRunRow> {
  const run = await queryOne<RetentionRunRow>(
    db,
    sql`SELECT id, phase, started_at, accounts, reflections, contacts, interactions, audit_events
          FROM retention_runs WHERE tenant_id = ${tenantId} AND at = ${at.toISOString()} FOR UPDATE`,
  );
  if (!run) throw new Error(`no retention run of tenant ${tenantId} at ${at.toISOString()}`);
  return run;
}

const COUNT_COLUMN: Record<CountedPhase, keyof RetentionCountsRow> = {
  audit: 'audit_events',
  accounts: 'accounts',
  reflections: 'reflections',
  interactions: 'interactions',
  contacts: 'contacts',
};

/** Adds a batch's rows to its phase's count and moves the run to `next` (done: finished now). */
export function recordBatch(db: EntityManager, tenantId: string, runId: string, phase: CountedPhase, rows: number, next: CountedPhase | 'done'): Promise<number> {
  const column = raw(COUNT_COLUMN[phase]);
  return execute(
    db,
    sql`UPDATE retention_runs SET ${column} = ${column} + ${rows}, batches = batches + 1, phase = ${next}::text,
               finished_at = CASE WHEN ${next}::text = 'done' THEN now() END
         WHERE tenant_id = ${tenantId} AND id = ${runId}`,
  );
}

// --- the preview and the privacy page -------------------------------------------

/** One row of `retentionPolicy` and `publicPolicy`. */
export interface RetentionPolicyRow {
  retention_reflections_months: number;
  retention_accounts_months: number;
  retention_audit_months: number;
}

export function retentionPolicy(db: EntityManager, tenantId: string): Promise<RetentionPolicyRow | undefined> {
  return queryOne<RetentionPolicyRow>(
    db,
    sql`SELECT retention_reflections_months, retention_accounts_months, retention_audit_months FROM tenants WHERE id = ${tenantId}`,
  );
}

/** One row of `publicPolicy`. */
export interface PublicPolicyRow extends RetentionPolicyRow {
  name: string;
  slug: string;
  timezone: string;
}

/** An open career center's name and periods, by slug (platform transaction). */
export function publicPolicy(db: EntityManager, slug: string): Promise<PublicPolicyRow | undefined> {
  return queryOne<PublicPolicyRow>(
    db,
    sql`SELECT name, slug, timezone, retention_reflections_months, retention_accounts_months, retention_audit_months
          FROM tenants WHERE slug = ${slug} AND state = 'active'`,
  );
}
