import { MigrationInterface, QueryRunner } from 'typeorm';
import { dropInOrder, enableTenantRls, tenantTableSql } from './ddl';

/**
 * Dashboards: roll-ups kept true by statement-level triggers.
 *
 * Why triggers with transition tables: every writer (the API's one-statement fan-out of 5,000 tasks,
 * the worker, a bulk seed of 500,000 tasks, a psql session) changes the roll-ups in the same
 * transaction, once per statement, at set-based cost: each trigger aggregates the changed rows
 * (`REFERENCING NEW TABLE / OLD TABLE`, `FOR EACH STATEMENT`) and upserts deltas with
 * `INSERT … ON CONFLICT DO UPDATE SET n = r.n + excluded.n`, which is safe under concurrency (the
 * conflicting row is locked and re-read). Rows are upserted in key order, so two concurrent writers
 * cannot deadlock on them. Nothing is eventually consistent: a submission shows on the next read.
 *
 * The triggers are NOT security definer: they run as the invoking role, so for the app role the
 * roll-up tables' own row-level security applies (tenant_id first in every key, RLS forced) and a
 * trigger can only ever write the tenant of the transaction. Deletes (which also arrive by cascade,
 * e.g. when a tenant is removed) only UPDATE existing roll-up rows, never insert.
 *
 * What is stored, and why it makes every read a bounded lookup:
 * - dash_task_rollups: per assignment and due time, counts of tasks by funnel stage, open, awaiting
 *   review, on time / late. "Overdue now" is the sum of `open` over rows whose due time is past, read
 *   at query time with now(). Size ≈ assignments × distinct due times (1 for a fixed due date).
 * - dash_submit_days: per assignment and due time, a histogram days-to-first-submission → tasks; the
 *   median is read from it.
 * - dash_weekly: per scope (a cohort, or the zero uuid for the whole tenant) and week (Monday, in the
 *   tenant's time zone), submissions (every version) and approvals.
 * - dash_network / dash_sectors: per scope, students, contacts, conversations (interactions other than
 *   introductions) and introductions; contacts per sector (sector text only, never a name).
 * - dash_students: per student, the last activity (latest of: became a user, joined a cohort, saved a
 *   draft, submitted, added a contact, logged an interaction) and the due times of their two earliest
 *   open tasks of live assignments, so "no activity in N days" and "two or more overdue" are indexed
 *   comparisons with now(). Non-monotonic changes (deletes, status or due date changes, archiving)
 *   recompute the affected students from the base tables, after locking their rows.
 */
export const ZERO_SCOPE = '00000000-0000-0000-0000-000000000000';
const OPEN = `('assigned', 'in_progress', 'revision_requested')`;
const ROLLUP_TABLES = ['dash_task_rollups', 'dash_submit_days', 'dash_weekly', 'dash_network', 'dash_sectors', 'dash_students'];
const BASE_TABLES = ['users', 'cohort_members', 'assignments', 'tasks', 'submissions', 'reviews', 'contacts', 'interactions'];

/** One task row's contribution to its roll-up row, signed. */
function taskContribution(rel: string, sign: 1 | -1): string {
  const s = (expr: string) => `${sign} * COALESCE(${expr}, false)::int`;
  return `SELECT tenant_id, assignment_id, due_at, cohort_id,
      ${s(`status <> 'excused'`)} AS assigned,
      ${s(`status IN ('in_progress', 'submitted', 'revision_requested', 'approved')`)} AS started,
      ${s(`status <> 'excused' AND first_submitted_at IS NOT NULL`)} AS submitted,
      ${s(`status = 'approved'`)} AS approved,
      ${s(`status = 'excused'`)} AS excused,
      ${s(`status IN ${OPEN}`)} AS open,
      ${s(`status = 'submitted'`)} AS awaiting_review,
      ${s(`status <> 'excused' AND first_submitted_at <= due_at`)} AS on_time,
      ${s(`status <> 'excused' AND first_submitted_at > due_at`)} AS late
    FROM ${rel}`;
}

function submitDaysContribution(rel: string, sign: 1 | -1): string {
  return `SELECT tenant_id, assignment_id, due_at,
      GREATEST(0, floor(extract(epoch FROM first_submitted_at - opens_at) / 86400))::int AS days, ${sign} AS tasks
    FROM ${rel} WHERE status <> 'excused' AND first_submitted_at IS NOT NULL`;
}

const TASK_COUNTS = ['assigned', 'started', 'submitted', 'approved', 'excused', 'open', 'awaiting_review', 'on_time', 'late'];

function applyTaskDeltas(changes: string, insert: boolean): string {
  const sums = TASK_COUNTS.map((c) => `sum(${c})::int AS ${c}`).join(', ');
  const nonZero = TASK_COUNTS.map((c) => `sum(${c}) <> 0`).join(' OR ');
  const grouped = `SELECT tenant_id, assignment_id, due_at, cohort_id, ${sums} FROM (${changes}) d GROUP BY 1, 2, 3, 4 HAVING ${nonZero}`;
  if (insert) {
    return `INSERT INTO dash_task_rollups AS r (tenant_id, assignment_id, due_at, cohort_id, ${TASK_COUNTS.join(', ')})
      SELECT * FROM (${grouped}) g ORDER BY 1, 2, 3
      ON CONFLICT (tenant_id, assignment_id, due_at) DO UPDATE SET ${TASK_COUNTS.map((c) => `${c} = r.${c} + excluded.${c}`).join(', ')}`;
  }
  return `UPDATE dash_task_rollups r SET ${TASK_COUNTS.map((c) => `${c} = r.${c} + g.${c}`).join(', ')}
      FROM (${grouped}) g WHERE r.tenant_id = g.tenant_id AND r.assignment_id = g.assignment_id AND r.due_at = g.due_at`;
}

function applySubmitDays(changes: string, insert: boolean): string {
  const grouped = `SELECT tenant_id, assignment_id, due_at, days, sum(tasks)::int AS tasks FROM (${changes}) d GROUP BY 1, 2, 3, 4 HAVING sum(tasks) <> 0`;
  if (insert) {
    return `INSERT INTO dash_submit_days AS r (tenant_id, assignment_id, due_at, days, tasks)
      SELECT * FROM (${grouped}) g ORDER BY 1, 2, 3, 4
      ON CONFLICT (tenant_id, assignment_id, due_at, days) DO UPDATE SET tasks = r.tasks + excluded.tasks`;
  }
  return `UPDATE dash_submit_days r SET tasks = r.tasks + g.tasks FROM (${grouped}) g
      WHERE r.tenant_id = g.tenant_id AND r.assignment_id = g.assignment_id AND r.due_at = g.due_at AND r.days = g.days`;
}

const NETWORK_COUNTS = ['students', 'contacts', 'conversations', 'introductions'];

/** changes: rows (tenant_id, scope_id, students, contacts, conversations, introductions). */
function applyNetwork(changes: string, insert: boolean): string {
  const sums = NETWORK_COUNTS.map((c) => `sum(${c})::int AS ${c}`).join(', ');
  const grouped = `SELECT tenant_id, scope_id, ${sums} FROM (${changes}) d GROUP BY 1, 2 HAVING ${NETWORK_COUNTS.map((c) => `sum(${c}) <> 0`).join(' OR ')}`;
  if (insert) {
    return `INSERT INTO dash_network AS r (tenant_id, scope_id, ${NETWORK_COUNTS.join(', ')})
      SELECT * FROM (${grouped}) g ORDER BY 1, 2
      ON CONFLICT (tenant_id, scope_id) DO UPDATE SET ${NETWORK_COUNTS.map((c) => `${c} = r.${c} + excluded.${c}`).join(', ')}`;
  }
  return `UPDATE dash_network r SET ${NETWORK_COUNTS.map((c) => `${c} = r.${c} + g.${c}`).join(', ')}
      FROM (${grouped}) g WHERE r.tenant_id = g.tenant_id AND r.scope_id = g.scope_id`;
}

/** changes: rows (tenant_id, scope_id, sector, contacts). */
function applySectors(changes: string, insert: boolean): string {
  const grouped = `SELECT tenant_id, scope_id, sector, sum(contacts)::int AS contacts FROM (${changes}) d GROUP BY 1, 2, 3 HAVING sum(contacts) <> 0`;
  if (insert) {
    return `INSERT INTO dash_sectors AS r (tenant_id, scope_id, sector, contacts)
      SELECT * FROM (${grouped}) g ORDER BY 1, 2, 3
      ON CONFLICT (tenant_id, scope_id, sector) DO UPDATE SET contacts = r.contacts + excluded.contacts`;
  }
  return `UPDATE dash_sectors r SET contacts = r.contacts + g.contacts FROM (${grouped}) g
      WHERE r.tenant_id = g.tenant_id AND r.scope_id = g.scope_id AND r.sector = g.sector`;
}

/** changes: rows (tenant_id, scope_id, week, submissions, approvals). */
function applyWeekly(changes: string, insert: boolean): string {
  const grouped = `SELECT tenant_id, scope_id, week, sum(submissions)::int AS submissions, sum(approvals)::int AS approvals
      FROM (${changes}) d GROUP BY 1, 2, 3 HAVING sum(submissions) <> 0 OR sum(approvals) <> 0`;
  if (insert) {
    return `INSERT INTO dash_weekly AS r (tenant_id, scope_id, week, submissions, approvals)
      SELECT * FROM (${grouped}) g ORDER BY 1, 2, 3
      ON CONFLICT (tenant_id, scope_id, week) DO UPDATE SET submissions = r.submissions + excluded.submissions, approvals = r.approvals + excluded.approvals`;
  }
  return `UPDATE dash_weekly r SET submissions = r.submissions + g.submissions, approvals = r.approvals + g.approvals
      FROM (${grouped}) g WHERE r.tenant_id = g.tenant_id AND r.scope_id = g.scope_id AND r.week = g.week`;
}

/** The scopes a student's network counts in: the whole tenant, and every cohort they are a student of. */
function ownerScopes(alias: string): string {
  return `CROSS JOIN LATERAL (
      SELECT '${ZERO_SCOPE}'::uuid AS scope_id
      UNION ALL
      SELECT m.cohort_id FROM cohort_members m WHERE m.tenant_id = ${alias}.tenant_id AND m.user_id = ${alias}.owner_id AND m.role = 'student') sc`;
}

const contactNetwork = (rel: string, sign: 1 | -1) =>
  `SELECT c.tenant_id, sc.scope_id, 0 AS students, ${sign} AS contacts, 0 AS conversations, 0 AS introductions FROM ${rel} c ${ownerScopes('c')}`;
const contactSectors = (rel: string, sign: 1 | -1) =>
  `SELECT c.tenant_id, sc.scope_id, COALESCE(btrim(c.sector), '') AS sector, ${sign} AS contacts FROM ${rel} c ${ownerScopes('c')}`;
const interactionNetwork = (rel: string, sign: 1 | -1) =>
  `SELECT i.tenant_id, sc.scope_id, 0 AS students, 0 AS contacts, ${sign} * (i.kind <> 'introduction')::int AS conversations,
          ${sign} * (i.kind = 'introduction')::int AS introductions FROM ${rel} i ${ownerScopes('i')}`;

/** A membership brings (or takes away) the student and their whole network to (from) the cohort's counts. */
const memberNetwork = (rel: string, sign: 1 | -1) =>
  `SELECT m.tenant_id, m.cohort_id AS scope_id, ${sign} AS students,
          ${sign} * (SELECT count(*) FROM contacts c WHERE c.tenant_id = m.tenant_id AND c.owner_id = m.user_id)::int AS contacts,
          ${sign} * (SELECT count(*) FILTER (WHERE i.kind <> 'introduction') FROM interactions i WHERE i.tenant_id = m.tenant_id AND i.owner_id = m.user_id)::int AS conversations,
          ${sign} * (SELECT count(*) FILTER (WHERE i.kind = 'introduction') FROM interactions i WHERE i.tenant_id = m.tenant_id AND i.owner_id = m.user_id)::int AS introductions
     FROM ${rel} m WHERE m.role = 'student'`;
const memberSectors = (rel: string, sign: 1 | -1) =>
  `SELECT m.tenant_id, m.cohort_id AS scope_id, COALESCE(btrim(c.sector), '') AS sector, ${sign} AS contacts
     FROM ${rel} m JOIN contacts c ON c.tenant_id = m.tenant_id AND c.owner_id = m.user_id WHERE m.role = 'student'`;

const userNetwork = (rel: string, sign: 1 | -1) =>
  `SELECT tenant_id, '${ZERO_SCOPE}'::uuid AS scope_id, ${sign} * (role = 'student')::int AS students, 0 AS contacts, 0 AS conversations, 0 AS introductions FROM ${rel}`;

function weekOf(column: string, tenantAlias: string): string {
  return `date_trunc('week', ${column} AT TIME ZONE (SELECT tn.timezone FROM tenants tn WHERE tn.id = ${tenantAlias}.tenant_id))::date`;
}
const submissionWeekly = (rel: string, sign: 1 | -1) =>
  `SELECT s.tenant_id, sc.scope_id, ${weekOf('s.submitted_at', 's')} AS week, ${sign} AS submissions, 0 AS approvals
     FROM ${rel} s JOIN tasks t ON t.tenant_id = s.tenant_id AND t.id = s.task_id
     CROSS JOIN LATERAL (VALUES ('${ZERO_SCOPE}'::uuid), (t.cohort_id)) sc(scope_id) WHERE sc.scope_id IS NOT NULL`;
const reviewWeekly = (rel: string, sign: 1 | -1) =>
  `SELECT r.tenant_id, sc.scope_id, ${weekOf('r.created_at', 'r')} AS week, 0 AS submissions, ${sign} AS approvals
     FROM ${rel} r JOIN tasks t ON t.tenant_id = r.tenant_id AND t.id = r.task_id
     CROSS JOIN LATERAL (VALUES ('${ZERO_SCOPE}'::uuid), (t.cohort_id)) sc(scope_id) WHERE sc.scope_id IS NOT NULL AND r.decision = 'approve'`;

const both = (contribution: (rel: string, sign: 1 | -1) => string) => `${contribution('new_rows', 1)} UNION ALL ${contribution('old_rows', -1)}`;

/** Raises students' last activity to the given times (activity only moves forward on inserts and updates). */
function touchStudents(pairs: string): string {
  return `UPDATE dash_students s SET last_activity_at = GREATEST(s.last_activity_at, a.at)
      FROM (SELECT tenant_id, student_id, max(at) AS at FROM (${pairs}) p WHERE at IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2) a
     WHERE s.tenant_id = a.tenant_id AND s.student_id = a.student_id AND (s.last_activity_at IS NULL OR s.last_activity_at < a.at)`;
}

/** Recomputes the given students (tenant_id, student_id rows) from the base tables. */
function refreshStudents(pairs: string): string {
  return `PERFORM dash_refresh_students(array_agg(DISTINCT tenant_id), array_agg(DISTINCT student_id)) FROM (${pairs}) k`;
}

/**
 * Each updated row of `table` as `p.n` (new) beside `p.o` (old), paired by grouping on the key rather than
 * by joining the two transition tables. A trigger's plans are cached from the first statement that fires
 * it in a session, often a one-row update, so both tables are estimated at one row and a join planned
 * then is a nested loop: 25 million comparisons when a later statement updates 5,000 rows. Grouping is
 * linear whatever the estimate.
 */
export function updatedRows(table: string): string {
  return `(SELECT (array_agg(r) FILTER (WHERE is_new))[1] AS n, (array_agg(r) FILTER (WHERE NOT is_new))[1] AS o
      FROM (SELECT ROW(x.*)::${table} AS r, true AS is_new FROM new_rows x UNION ALL SELECT ROW(x.*)::${table}, false FROM old_rows x) v
     GROUP BY (r).tenant_id, (r).id) p`;
}

function triggerFunction(name: string, body: string): string {
  return `CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      ${body}
      RETURN NULL;
    END
    $fn$`;
}

interface TriggerSet {
  table: string;
  insert?: string[];
  update?: string[];
  delete?: string[];
}

const TRIGGERS: TriggerSet[] = [
  {
    table: 'tasks',
    insert: [
      applyTaskDeltas(taskContribution('new_rows', 1), true),
      applySubmitDays(submitDaysContribution('new_rows', 1), true),
      // New open tasks of live assignments: merge their due times into each student's two earliest.
      `INSERT INTO dash_students AS s (tenant_id, student_id, first_open_due_at, second_open_due_at)
         SELECT n.tenant_id, n.student_id, (array_agg(n.due_at ORDER BY n.due_at))[1], (array_agg(n.due_at ORDER BY n.due_at))[2]
           FROM new_rows n JOIN assignments a ON a.tenant_id = n.tenant_id AND a.id = n.assignment_id AND a.archived_at IS NULL
          WHERE n.status IN ${OPEN}
          GROUP BY 1, 2 ORDER BY 1, 2
       ON CONFLICT (tenant_id, student_id) DO UPDATE SET
         first_open_due_at = (SELECT min(d) FROM unnest(ARRAY[s.first_open_due_at, s.second_open_due_at, excluded.first_open_due_at, excluded.second_open_due_at]) d),
         second_open_due_at = (SELECT d FROM unnest(ARRAY[s.first_open_due_at, s.second_open_due_at, excluded.first_open_due_at, excluded.second_open_due_at]) d
                                WHERE d IS NOT NULL ORDER BY d OFFSET 1 LIMIT 1)`,
      touchStudents(`SELECT tenant_id, student_id, GREATEST(draft_saved_at, submitted_at) AS at FROM new_rows`),
    ],
    update: [
      applyTaskDeltas(both(taskContribution), true),
      applySubmitDays(both(submitDaysContribution), true),
      // A task that opens or closes, moves its due time or changes hands: its student (both, if it changes hands).
      refreshStudents(
        `SELECT (p.n).tenant_id, s.student_id FROM ${updatedRows('tasks')} CROSS JOIN LATERAL (VALUES ((p.n).student_id), ((p.o).student_id)) s(student_id)
          WHERE ((p.o).status IN ${OPEN}) <> ((p.n).status IN ${OPEN}) OR (p.o).due_at <> (p.n).due_at OR (p.o).student_id <> (p.n).student_id`,
      ),
      touchStudents(
        `SELECT (p.n).tenant_id, (p.n).student_id, GREATEST((p.n).draft_saved_at, (p.n).submitted_at) AS at FROM ${updatedRows('tasks')}
          WHERE (p.n).draft_saved_at IS DISTINCT FROM (p.o).draft_saved_at OR (p.n).submitted_at IS DISTINCT FROM (p.o).submitted_at`,
      ),
    ],
    delete: [
      applyTaskDeltas(taskContribution('old_rows', -1), false),
      applySubmitDays(submitDaysContribution('old_rows', -1), false),
      refreshStudents(`SELECT tenant_id, student_id FROM old_rows`),
    ],
  },
  {
    table: 'assignments',
    // Archiving (or restoring) an assignment takes its open tasks out of (or back into) "overdue".
    update: [
      refreshStudents(
        `SELECT t.tenant_id, t.student_id FROM ${updatedRows('assignments')}
           JOIN tasks t ON t.tenant_id = (p.n).tenant_id AND t.assignment_id = (p.n).id
          WHERE ((p.o).archived_at IS NULL) <> ((p.n).archived_at IS NULL) AND t.status IN ${OPEN}`,
      ),
    ],
  },
  {
    table: 'submissions',
    insert: [applyWeekly(submissionWeekly('new_rows', 1), true)],
    delete: [applyWeekly(submissionWeekly('old_rows', -1), false)],
  },
  {
    table: 'reviews',
    insert: [applyWeekly(reviewWeekly('new_rows', 1), true)],
    delete: [applyWeekly(reviewWeekly('old_rows', -1), false)],
  },
  {
    table: 'contacts',
    insert: [
      applyNetwork(contactNetwork('new_rows', 1), true),
      applySectors(contactSectors('new_rows', 1), true),
      touchStudents(`SELECT tenant_id, owner_id AS student_id, created_at AS at FROM new_rows`),
    ],
    // Only a change of sector (or owner) moves anything; the HAVING clauses drop zero deltas.
    update: [applyNetwork(both(contactNetwork), true), applySectors(both(contactSectors), true)],
    delete: [
      applyNetwork(contactNetwork('old_rows', -1), false),
      applySectors(contactSectors('old_rows', -1), false),
      refreshStudents(`SELECT tenant_id, owner_id AS student_id FROM old_rows`),
    ],
  },
  {
    table: 'interactions',
    insert: [
      applyNetwork(interactionNetwork('new_rows', 1), true),
      touchStudents(`SELECT tenant_id, owner_id AS student_id, created_at AS at FROM new_rows`),
    ],
    update: [applyNetwork(both(interactionNetwork), true)],
    delete: [applyNetwork(interactionNetwork('old_rows', -1), false), refreshStudents(`SELECT tenant_id, owner_id AS student_id FROM old_rows`)],
  },
  {
    table: 'cohort_members',
    insert: [
      applyNetwork(memberNetwork('new_rows', 1), true),
      applySectors(memberSectors('new_rows', 1), true),
      touchStudents(`SELECT tenant_id, user_id AS student_id, joined_at AS at FROM new_rows WHERE role = 'student'`),
    ],
    update: [
      applyNetwork(both(memberNetwork), true),
      applySectors(both(memberSectors), true),
      refreshStudents(`SELECT tenant_id, user_id AS student_id FROM new_rows UNION ALL SELECT tenant_id, user_id FROM old_rows`),
    ],
    delete: [
      applyNetwork(memberNetwork('old_rows', -1), false),
      applySectors(memberSectors('old_rows', -1), false),
      refreshStudents(`SELECT tenant_id, user_id AS student_id FROM old_rows WHERE role = 'student'`),
    ],
  },
  {
    table: 'users',
    insert: [applyNetwork(userNetwork('new_rows', 1), true), refreshStudents(`SELECT tenant_id, id AS student_id FROM new_rows WHERE role = 'student'`)],
    update: [
      applyNetwork(both(userNetwork), true),
      refreshStudents(`SELECT (p.n).tenant_id, (p.n).id AS student_id FROM ${updatedRows('users')} WHERE (p.o).role <> (p.n).role`),
    ],
    delete: [
      applyNetwork(userNetwork('old_rows', -1), false),
      `DELETE FROM dash_students s USING old_rows o WHERE s.tenant_id = o.tenant_id AND s.student_id = o.id`,
    ],
  },
];

/**
 * Recomputes students from the base tables: the students `p_students` of the career centers `p_tenants`
 * (in practice one: row security keeps a statement in its tenant). Their rows are locked first, in key
 * order, so a concurrent writer waits and then recomputes on a snapshot that includes this one's work.
 * Every read finds the students by their keys (`= ANY` on the primary keys), never by joining the list
 * to a table: with a table's statistics out of date (a first import of 5,000 students into a new career
 * center) a join can be planned as a nested loop over the whole tenant, once per student. A student
 * listed under the wrong tenant is only recomputed, which changes nothing.
 */
const REFRESH_STUDENTS = `
  CREATE OR REPLACE FUNCTION dash_refresh_students(p_tenants uuid[], p_students uuid[]) RETURNS void LANGUAGE plpgsql AS $fn$
  BEGIN
    IF p_tenants IS NULL THEN RETURN; END IF;
    PERFORM 1 FROM dash_students s WHERE s.tenant_id = ANY(p_tenants) AND s.student_id = ANY(p_students)
      ORDER BY s.tenant_id, s.student_id FOR UPDATE;
    DELETE FROM dash_students s WHERE s.tenant_id = ANY(p_tenants) AND s.student_id = ANY(p_students)
       AND NOT EXISTS (SELECT 1 FROM users u WHERE u.tenant_id = s.tenant_id AND u.id = s.student_id AND u.role = 'student');
    INSERT INTO dash_students AS s (tenant_id, student_id, last_activity_at, first_open_due_at, second_open_due_at)
    SELECT u.tenant_id, u.id,
           GREATEST(u.created_at,
             (SELECT max(m.joined_at) FROM cohort_members m WHERE m.tenant_id = u.tenant_id AND m.user_id = u.id AND m.role = 'student'),
             (SELECT max(GREATEST(t.draft_saved_at, t.submitted_at)) FROM tasks t WHERE t.tenant_id = u.tenant_id AND t.student_id = u.id),
             (SELECT max(c.created_at) FROM contacts c WHERE c.tenant_id = u.tenant_id AND c.owner_id = u.id),
             (SELECT max(i.created_at) FROM interactions i WHERE i.tenant_id = u.tenant_id AND i.owner_id = u.id)),
           d.dues[1], d.dues[2]
      FROM users u
      CROSS JOIN LATERAL (
        SELECT array_agg(o.due_at ORDER BY o.due_at) AS dues FROM (
          SELECT t.due_at FROM tasks t JOIN assignments a ON a.tenant_id = t.tenant_id AND a.id = t.assignment_id AND a.archived_at IS NULL
           WHERE t.tenant_id = u.tenant_id AND t.student_id = u.id AND t.status IN ${OPEN}
           ORDER BY t.due_at LIMIT 2) o) d
     WHERE u.tenant_id = ANY(p_tenants) AND u.id = ANY(p_students) AND u.role = 'student'
     ORDER BY u.tenant_id, u.id
    ON CONFLICT (tenant_id, student_id) DO UPDATE SET
      last_activity_at = excluded.last_activity_at, first_open_due_at = excluded.first_open_due_at, second_open_due_at = excluded.second_open_due_at;
  END
  $fn$`;

type TriggerEvent = 'insert' | 'update' | 'delete';
const EVENTS: TriggerEvent[] = ['insert', 'update', 'delete'];

/**
 * The roll-ups' functions as they are now (`CREATE OR REPLACE`): the student recompute and one trigger
 * function per table and event. Run by this migration, and again by a later one that changes them.
 */
export function dashboardFunctions(): string[] {
  return [
    REFRESH_STUDENTS,
    ...TRIGGERS.flatMap((set) =>
      EVENTS.flatMap((event) => {
        const statements = set[event];
        return statements ? [triggerFunction(`dash_${set.table}_${event}`, statements.map((s) => `${s};`).join('\n'))] : [];
      }),
    ),
  ];
}

export class Dashboards1764500000000 implements MigrationInterface {
  name = 'Dashboards1764500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE tenants ADD COLUMN at_risk_inactive_days integer NOT NULL DEFAULT 14 CHECK (at_risk_inactive_days BETWEEN 1 AND 365)`,
    );
    const counts = (names: string[]) => names.map((c) => `${c} integer NOT NULL DEFAULT 0`).join(',\n');
    // Row-level security comes at the end, once the backfill (as the owner, no tenant set) has filled them.
    await db.query(tenantTableSql('dash_task_rollups', `
        assignment_id uuid NOT NULL,
        due_at timestamptz NOT NULL,
        cohort_id uuid,
        ${counts(TASK_COUNTS)}`, { key: 'assignment_id, due_at' }));
    await db.query(`CREATE INDEX dash_task_rollups_by_cohort ON dash_task_rollups (tenant_id, cohort_id)`);
    await db.query(tenantTableSql('dash_submit_days', `
        assignment_id uuid NOT NULL,
        due_at timestamptz NOT NULL,
        days integer NOT NULL,
        tasks integer NOT NULL DEFAULT 0`, { key: 'assignment_id, due_at, days' }));
    await db.query(tenantTableSql('dash_weekly', `
        scope_id uuid NOT NULL,
        week date NOT NULL,
        submissions integer NOT NULL DEFAULT 0,
        approvals integer NOT NULL DEFAULT 0`, { key: 'scope_id, week' }));
    await db.query(tenantTableSql('dash_network', `
        scope_id uuid NOT NULL,
        ${counts(NETWORK_COUNTS)}`, { key: 'scope_id' }));
    await db.query(tenantTableSql('dash_sectors', `
        scope_id uuid NOT NULL,
        sector text NOT NULL,
        contacts integer NOT NULL DEFAULT 0`, { key: 'scope_id, sector' }));
    await db.query(tenantTableSql('dash_students', `
        student_id uuid NOT NULL,
        last_activity_at timestamptz,
        first_open_due_at timestamptz,
        second_open_due_at timestamptz`, { key: 'student_id' }));
    await db.query(`CREATE INDEX dash_students_inactive ON dash_students (tenant_id, last_activity_at, student_id)`);
    await db.query(`CREATE INDEX dash_students_overdue ON dash_students (tenant_id, second_open_due_at, student_id) WHERE second_open_due_at IS NOT NULL`);
    // Bounded reads and recomputes on the base tables.
    await db.query(`CREATE INDEX tasks_awaiting_review_by_cohort ON tasks (tenant_id, cohort_id, submitted_at, id) WHERE status = 'submitted'`);
    await db.query(`CREATE INDEX interactions_by_owner ON interactions (tenant_id, owner_id, created_at)`);
    await db.query(`CREATE INDEX cohort_members_advisors ON cohort_members (tenant_id, cohort_id, user_id) WHERE role = 'advisor'`);

    for (const fn of dashboardFunctions()) await db.query(fn);
    for (const set of TRIGGERS) {
      for (const event of EVENTS) {
        if (!set[event]) continue;
        const fn = `dash_${set.table}_${event}`;
        const referencing = event === 'insert' ? 'NEW TABLE AS new_rows' : event === 'delete' ? 'OLD TABLE AS old_rows' : 'NEW TABLE AS new_rows OLD TABLE AS old_rows';
        await db.query(`CREATE TRIGGER ${fn} AFTER ${event.toUpperCase()} ON ${set.table} REFERENCING ${referencing} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
      }
    }

    await this.backfill(db);
    await enableTenantRls(db, ...ROLLUP_TABLES);
  }

  /** Existing data: the roll-ups from the base tables, as the owner, with forced RLS lifted for this transaction only. */
  private async backfill(db: QueryRunner): Promise<void> {
    for (const table of BASE_TABLES) await db.query(`ALTER TABLE ${table} NO FORCE ROW LEVEL SECURITY`);
    await db.query(applyTaskDeltas(taskContribution('tasks', 1), true));
    await db.query(applySubmitDays(submitDaysContribution('tasks', 1), true));
    await db.query(applyWeekly(`${submissionWeekly('submissions', 1)} UNION ALL ${reviewWeekly('reviews', 1)}`, true));
    await db.query(
      applyNetwork(`${userNetwork('users', 1)} UNION ALL ${contactNetwork('contacts', 1)} UNION ALL ${interactionNetwork('interactions', 1)}
        UNION ALL SELECT tenant_id, cohort_id, 1, 0, 0, 0 FROM cohort_members WHERE role = 'student'`, true),
    );
    await db.query(applySectors(contactSectors('contacts', 1), true));
    await db.query(`SELECT dash_refresh_students(array_agg(tenant_id), array_agg(id)) FROM users WHERE role = 'student'`);
    for (const table of BASE_TABLES) await db.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const set of TRIGGERS) {
      for (const event of EVENTS) {
        if (!set[event]) continue;
        await db.query(`DROP TRIGGER dash_${set.table}_${event} ON ${set.table}`);
        await db.query(`DROP FUNCTION dash_${set.table}_${event}()`);
      }
    }
    await db.query(`DROP FUNCTION dash_refresh_students(uuid[], uuid[])`);
    await dropInOrder(db, 'INDEX', ['tasks_awaiting_review_by_cohort', 'interactions_by_owner', 'cohort_members_advisors']);
    await dropInOrder(db, 'TABLE', [...ROLLUP_TABLES].reverse());
    await db.query(`ALTER TABLE tenants DROP COLUMN at_risk_inactive_days`);
  }
}
