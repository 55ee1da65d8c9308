import type { EntityManager } from 'typeorm';
import type { RetentionCounts } from '@fieldwork/contracts';

/**
 * The retention rules, as SQL over one tenant as of an instant `at` (the run's time). Every
 * statement takes `$1` = tenant id and `$2` = `at`; dates are compared in the career center's
 * time zone ("36 months after the cohort ends" is a day there).
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

/** The run's day and the tenant's periods. */
const POLICY = `policy AS (
    SELECT ($2::timestamptz AT TIME ZONE tn.timezone)::date AS today, tn.timezone AS tz,
           tn.retention_reflections_months AS reflections_months,
           tn.retention_accounts_months AS accounts_months,
           tn.retention_audit_months AS audit_months
      FROM tenants tn WHERE tn.id = $1)`;

/** Each student's last cohort end: NULL while they are in a cohort without an end date. */
const LAST_END = `last_end AS (
    SELECT mb.user_id, CASE WHEN bool_or(c.ends_on IS NULL) THEN NULL ELSE max(c.ends_on) END AS ends_on
      FROM cohort_members mb JOIN cohorts c ON c.tenant_id = mb.tenant_id AND c.id = mb.cohort_id
     WHERE mb.tenant_id = $1 AND mb.role = 'student'
     GROUP BY mb.user_id)`;

/** `day` plus `months` has been reached on the run's day. */
const passed = (day: string, months: string) => `(${day} + make_interval(months => ${months}))::date <= p.today`;

/** Students whose account is due for erasure. */
const DUE_ACCOUNTS = `due_accounts AS (
    SELECT u.id
      FROM users u
      JOIN last_end l ON l.user_id = u.id
     CROSS JOIN policy p
     WHERE u.tenant_id = $1 AND u.role = 'student' AND u.erased_at IS NULL AND l.ends_on IS NOT NULL
       AND ${passed('l.ends_on', 'p.accounts_months')}
       AND GREATEST(
             u.created_at,
             (SELECT max(m.joined_at) FROM cohort_members m WHERE m.tenant_id = u.tenant_id AND m.user_id = u.id),
             (SELECT max(GREATEST(t.draft_saved_at, t.submitted_at)) FROM tasks t WHERE t.tenant_id = u.tenant_id AND t.student_id = u.id),
             (SELECT max(c.created_at) FROM contacts c WHERE c.tenant_id = u.tenant_id AND c.owner_id = u.id),
             (SELECT max(i.created_at) FROM interactions i WHERE i.tenant_id = u.tenant_id AND i.owner_id = u.id),
             (SELECT max(r.created_at) FROM refresh_tokens r WHERE r.tenant_id = u.tenant_id AND r.user_id = u.id)
           ) < ((l.ends_on + 1)::timestamp AT TIME ZONE p.tz))`;

/** Owners whose content the rules may touch: not erased, and (in a preview) not about to be. */
function keptOwner(alias: string, excludeDueAccounts: boolean): string {
  const notDue = excludeDueAccounts ? ` AND ${alias}.id NOT IN (SELECT id FROM due_accounts)` : '';
  return `${alias}.erased_at IS NULL${notDue}`;
}

/** Submitted versions whose content is due to be blanked. */
function dueReflections(excludeDueAccounts: boolean): string {
  return `due_reflections AS (
    SELECT s.id, s.task_id
      FROM submissions s
      JOIN tasks t ON t.tenant_id = s.tenant_id AND t.id = s.task_id
      JOIN users u ON u.tenant_id = t.tenant_id AND u.id = t.student_id
      LEFT JOIN cohorts c ON c.tenant_id = t.tenant_id AND c.id = t.cohort_id
      LEFT JOIN last_end l ON t.cohort_id IS NULL AND l.user_id = t.student_id
     CROSS JOIN policy p
     WHERE s.tenant_id = $1 AND s.redacted_at IS NULL AND ${keptOwner('u', excludeDueAccounts)}
       AND ${passed('CASE WHEN t.cohort_id IS NULL THEN l.ends_on ELSE c.ends_on END', 'p.reflections_months')})`;
}

/** Tasks whose unsubmitted draft is due to be blanked (same rule; not counted: the reflections count submitted versions). */
const DUE_DRAFTS = `due_drafts AS (
    SELECT t.id
      FROM tasks t
      JOIN users u ON u.tenant_id = t.tenant_id AND u.id = t.student_id
      LEFT JOIN cohorts c ON c.tenant_id = t.tenant_id AND c.id = t.cohort_id
      LEFT JOIN last_end l ON t.cohort_id IS NULL AND l.user_id = t.student_id
     CROSS JOIN policy p
     WHERE t.tenant_id = $1 AND u.erased_at IS NULL
       AND (t.draft <> '{}'::jsonb OR t.draft_evidence IS NOT NULL OR t.draft_contact_id IS NOT NULL)
       AND ${passed('CASE WHEN t.cohort_id IS NULL THEN l.ends_on ELSE c.ends_on END', 'p.reflections_months')})`;

/** Contacts due to be deleted. */
function dueContacts(excludeDueAccounts: boolean): string {
  return `due_contacts AS (
    SELECT ct.id
      FROM contacts ct
      JOIN users u ON u.tenant_id = ct.tenant_id AND u.id = ct.owner_id
      JOIN last_end l ON l.user_id = ct.owner_id
     CROSS JOIN policy p
     WHERE ct.tenant_id = $1 AND ${keptOwner('u', excludeDueAccounts)} AND l.ends_on IS NOT NULL
       AND ${passed('l.ends_on', 'p.reflections_months')})`;
}

const DUE_INTERACTIONS = `due_interactions AS (
    SELECT i.id FROM interactions i JOIN due_contacts d ON i.contact_id = d.id WHERE i.tenant_id = $1)`;

/** Audit events due; `$3` (when given) bounds them to events older than the run's start, so the run never deletes what it wrote itself. */
function dueAudit(boundedByStart: boolean): string {
  return `due_audit AS (
    SELECT a.id FROM audit_events a CROSS JOIN policy p
     WHERE a.tenant_id = $1 AND a.occurred_at < $2::timestamptz - make_interval(months => p.audit_months)
       ${boundedByStart ? 'AND a.occurred_at < $3::timestamptz' : ''})`;
}

/**
 * What a run as of `at` would delete, counted on the data as it is now. Content of accounts that are
 * due themselves is counted under accounts only (the erasure removes it with the account).
 */
export async function countDue(db: EntityManager, tenantId: string, at: Date): Promise<RetentionCounts> {
  const [row] = await db.query(
    `WITH ${POLICY}, ${LAST_END}, ${DUE_ACCOUNTS}, ${dueReflections(true)}, ${dueContacts(true)}, ${DUE_INTERACTIONS}, ${dueAudit(false)}
     SELECT (SELECT count(*) FROM due_accounts)::int AS accounts,
            (SELECT count(*) FROM due_reflections)::int AS reflections,
            (SELECT count(*) FROM due_contacts)::int AS contacts,
            (SELECT count(*) FROM due_interactions)::int AS interactions,
            (SELECT count(*) FROM due_audit)::int AS audit_events`,
    [tenantId, at.toISOString()],
  );
  return {
    accounts: row.accounts,
    reflections: row.reflections,
    contacts: row.contacts,
    interactions: row.interactions,
    auditEvents: row.audit_events,
  };
}

/** The next `limit` accounts due for erasure, in id order. */
export async function dueAccountBatch(db: EntityManager, tenantId: string, at: Date, limit: number): Promise<string[]> {
  const rows: { id: string }[] = await db.query(
    `WITH ${POLICY}, ${LAST_END}, ${DUE_ACCOUNTS} SELECT id FROM due_accounts ORDER BY id LIMIT $3`,
    [tenantId, at.toISOString(), limit],
  );
  return rows.map((r) => r.id);
}

/** Blanks up to `limit` due reflections (and their reviews' comments, and due drafts); answers how many versions it blanked. */
export async function blankReflectionBatch(db: EntityManager, tenantId: string, at: Date, limit: number): Promise<number> {
  const params = [tenantId, at.toISOString(), limit];
  const [row] = await db.query(
    `WITH ${POLICY}, ${LAST_END}, ${dueReflections(false)},
          batch AS (SELECT id FROM due_reflections ORDER BY id LIMIT $3),
          blanked AS (
            UPDATE submissions s
               SET answers = '{}'::jsonb, evidence = NULL, contact_id = NULL, contact_name = NULL, contact_organization = NULL,
                   redacted_at = $2::timestamptz
              FROM batch b WHERE s.tenant_id = $1 AND s.id = b.id
            RETURNING s.id),
          comments AS (
            UPDATE reviews r SET comment = NULL FROM blanked b
             WHERE r.tenant_id = $1 AND r.submission_id = b.id AND r.comment IS NOT NULL
            RETURNING r.id)
     SELECT (SELECT count(*) FROM blanked)::int AS blanked, (SELECT count(*) FROM comments)::int AS comments`,
    params,
  );
  await db.query(
    `WITH ${POLICY}, ${LAST_END}, ${DUE_DRAFTS}
     UPDATE tasks t SET draft = '{}'::jsonb, draft_evidence = NULL, draft_contact_id = NULL
       FROM (SELECT id FROM due_drafts ORDER BY id LIMIT $3) b
      WHERE t.tenant_id = $1 AND t.id = b.id`,
    params,
  );
  return row.blanked;
}

/** Deletes up to `limit` interactions of due contacts. */
export async function deleteInteractionBatch(db: EntityManager, tenantId: string, at: Date, limit: number): Promise<number> {
  const [row] = await db.query(
    `WITH ${POLICY}, ${LAST_END}, ${dueContacts(false)}, ${DUE_INTERACTIONS},
          gone AS (DELETE FROM interactions i USING (SELECT id FROM due_interactions ORDER BY id LIMIT $3) b
                    WHERE i.tenant_id = $1 AND i.id = b.id RETURNING i.id)
     SELECT count(*)::int AS n FROM gone`,
    [tenantId, at.toISOString(), limit],
  );
  return row.n;
}

/** Deletes up to `limit` due contacts (their interactions went first, so no cascade hides in the count). */
export async function deleteContactBatch(db: EntityManager, tenantId: string, at: Date, limit: number): Promise<number> {
  const [row] = await db.query(
    `WITH ${POLICY}, ${LAST_END}, ${dueContacts(false)},
          gone AS (DELETE FROM contacts ct USING (SELECT id FROM due_contacts ORDER BY id LIMIT $3) b
                    WHERE ct.tenant_id = $1 AND ct.id = b.id RETURNING ct.id)
     SELECT count(*)::int AS n FROM gone`,
    [tenantId, at.toISOString(), limit],
  );
  return row.n;
}

/** Deletes up to `limit` due audit events that happened before `startedAt` (the run's own events stay). */
export async function deleteAuditBatch(db: EntityManager, tenantId: string, at: Date, startedAt: Date, limit: number): Promise<number> {
  const [row] = await db.query(
    `WITH ${POLICY}, ${dueAudit(true)},
          gone AS (DELETE FROM audit_events a USING (SELECT id FROM due_audit ORDER BY id LIMIT $4) b
                    WHERE a.tenant_id = $1 AND a.id = b.id RETURNING a.id)
     SELECT count(*)::int AS n FROM gone`,
    [tenantId, at.toISOString(), startedAt.toISOString(), limit],
  );
  return row.n;
}
