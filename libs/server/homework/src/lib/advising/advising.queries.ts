import { execute, queryOne, queryRows, raw, sql, type Sql } from '@fieldwork/server-core';
import { TASK_STATUSES, type GradebookAssignment, type GradebookCell, type GradebookStatus, type TaskStatus } from '@fieldwork/contracts';
import type { EntityManager } from 'typeorm';
import { localDay } from '../dates/dates.queries';
import { TASK_IS_OPEN, openTask } from '../tasks/tasks.queries';

/** The gradebook's word for each stored task status (overdue is open work past due, not a stored status). */
export const GRADEBOOK_STATUS_OF: Record<TaskStatus, Exclude<GradebookStatus, 'overdue'>> = {
  assigned: 'not_started',
  in_progress: 'in_progress',
  submitted: 'submitted',
  revision_requested: 'needs_revision',
  approved: 'approved',
  excused: 'excused',
};

/** A task `t` in a gradebook status (overdue: open work past due, by the partial index's literal statuses). */
export function inGradebookStatus(status: GradebookStatus): Sql {
  if (status === 'overdue') return sql`${TASK_IS_OPEN} AND t.due_at < now()`;
  const stored = TASK_STATUSES.find((taskStatus) => GRADEBOOK_STATUS_OF[taskStatus] === status);
  // A status from the contracts' list (code, never a request's text), written as a literal.
  return raw(`t.status = '${stored}'`);
}

// --- the gradebook ---------------------------------------------------------------------

/** One row of `gradebookCohort`. */
export interface GradebookCohortRow {
  id: string;
  name: string;
  timezone: string;
}

export function gradebookCohort(db: EntityManager, tenantId: string, cohortId: string): Promise<GradebookCohortRow | undefined> {
  return queryOne<GradebookCohortRow>(
    db,
    sql`SELECT c.id, c.name, tn.timezone FROM cohorts c JOIN tenants tn ON tn.id = c.tenant_id WHERE c.tenant_id = ${tenantId} AND c.id = ${cohortId}`,
  );
}

/** One row of `gradebookAssignments`. */
export interface GradebookAssignmentRow {
  id: string;
  title: string;
  category: GradebookAssignment['category'];
  due_at: Date | null;
  due_on: string | null;
  due_days_after_join: number | null;
}

/** The cohort's live assignments by due date, `limit` at most. */
export function gradebookAssignments(db: EntityManager, tenantId: string, cohortId: string, limit: number): Promise<GradebookAssignmentRow[]> {
  return queryRows<GradebookAssignmentRow>(
    db,
    sql`SELECT a.id, a.title, a.category, a.due_at, ${localDay('a.due_at')} AS due_on, a.due_days_after_join
          FROM assignments a JOIN tenants tn ON tn.id = a.tenant_id
         WHERE a.tenant_id = ${tenantId} AND a.cohort_id = ${cohortId} AND a.archived_at IS NULL
         ORDER BY a.due_at NULLS LAST, a.created_at, a.id
         LIMIT ${raw(String(limit))}`,
  );
}

/**
 * The cohort's students as `FROM … WHERE …`, narrowed by `filters` (conditions on `m` and `u`).
 * Each member's user row by primary key (the fence keeps the planner from walking the tenant's users for a big tenant).
 */
export function cohortStudents(tenantId: string, cohortId: string, filters: Sql): Sql {
  return sql`FROM cohort_members m
             CROSS JOIN LATERAL (SELECT u.id, u.name, u.email, u.student_id FROM users u
                                  WHERE u.tenant_id = m.tenant_id AND u.id = m.user_id OFFSET 0) u
             WHERE m.tenant_id = ${tenantId} AND m.cohort_id = ${cohortId} AND m.role = 'student' AND ${filters}`;
}

/** One row of `countOf`. */
export interface TotalRow {
  total: number;
}

/** How many rows `fromWhere` (a `FROM … WHERE …` fragment) reaches. */
export async function countOf(db: EntityManager, fromWhere: Sql): Promise<number> {
  return (await queryOne<TotalRow>(db, sql`SELECT count(*)::int AS total ${fromWhere}`))?.total ?? 0;
}

/** One row of `gradebookStudents`. */
export interface GradebookStudentRow {
  id: string;
  name: string;
  email: string;
  student_id: string | null;
}

/** A page of the students (`members`, see cohortStudents) by name; `after` is the keyset condition. */
export function gradebookStudents(db: EntityManager, members: Sql, after: Sql, limit: number): Promise<GradebookStudentRow[]> {
  return queryRows<GradebookStudentRow>(db, sql`SELECT u.id, u.name, u.email, u.student_id ${members} AND ${after} ORDER BY lower(u.name), u.id LIMIT ${limit}`);
}

/** One row of `gradebookCells`. */
export interface CellRow {
  id: string;
  assignment_id: string;
  student_id: string;
  status: GradebookCell['taskStatus'];
  due_at: Date;
  due_on: string;
  submitted_at: Date | null;
  extended: boolean;
  overdue: boolean;
  late: boolean;
  last_nudged_at: Date | null;
}

/** The tasks of the students for the assignments: one probe per cell on (tenant, assignment, student). */
export function gradebookCells(db: EntityManager, tenantId: string, assignmentIds: string[], studentIds: string[]): Promise<CellRow[]> {
  return queryRows<CellRow>(
    db,
    sql`SELECT t.id, t.assignment_id, t.student_id, t.status, t.due_at, ${localDay('t.due_at')} AS due_on, t.submitted_at,
               t.extended_at IS NOT NULL AS extended,
               (${openTask()} AND t.due_at < now()) AS overdue,
               COALESCE(t.first_submitted_at > t.due_at, false) AS late,
               (SELECT max(r.nudged_at) FROM nudge_recipients r WHERE r.tenant_id = t.tenant_id AND r.task_id = t.id) AS last_nudged_at
          FROM tasks t JOIN tenants tn ON tn.id = t.tenant_id
         WHERE t.tenant_id = ${tenantId} AND t.assignment_id = ANY(${assignmentIds}::uuid[]) AND t.student_id = ANY(${studentIds}::uuid[])`,
  );
}

// --- acting on students ----------------------------------------------------------------

/** One row of `liveAssignment`. */
export interface LiveAssignmentRow {
  id: string;
  title: string;
}

export function liveAssignment(db: EntityManager, tenantId: string, cohortId: string, assignmentId: string): Promise<LiveAssignmentRow | undefined> {
  return queryOne<LiveAssignmentRow>(
    db,
    sql`SELECT id, title FROM assignments WHERE tenant_id = ${tenantId} AND id = ${assignmentId} AND cohort_id = ${cohortId} AND archived_at IS NULL`,
  );
}

/** One row of `cohortTasks`. */
export interface ChosenTaskRow {
  id: string;
  student_id: string;
  status: TaskStatus;
}

/** The assignment's tasks of the cohort's students that `condition` (on `t`) picks. */
export function cohortTasks(db: EntityManager, tenantId: string, cohortId: string, assignmentId: string, condition: Sql): Promise<ChosenTaskRow[]> {
  return queryRows<ChosenTaskRow>(
    db,
    sql`SELECT t.id, t.student_id, t.status FROM tasks t
          JOIN cohort_members m ON m.tenant_id = t.tenant_id AND m.cohort_id = ${cohortId} AND m.user_id = t.student_id AND m.role = 'student'
         WHERE t.tenant_id = ${tenantId} AND t.assignment_id = ${assignmentId} AND ${condition}`,
  );
}

/** One row of `recentlyNudged`. */
export interface PersonRow {
  id: string;
  name: string;
}

/** The students of the tasks nudged within `within` (an interval chosen by code), by name. */
export function recentlyNudged(db: EntityManager, tenantId: string, taskIds: string[], within: string): Promise<PersonRow[]> {
  return queryRows<PersonRow>(
    db,
    sql`SELECT DISTINCT u.id, u.name FROM nudge_recipients r JOIN users u ON u.tenant_id = r.tenant_id AND u.id = r.student_id
         WHERE r.tenant_id = ${tenantId} AND r.task_id = ANY(${taskIds}::uuid[]) AND r.nudged_at > now() - ${raw(within)}
         ORDER BY u.name`,
  );
}

export interface NewNudge {
  id: string;
  cohortId: string;
  assignmentId: string;
  senderId: string;
  message: string;
}

export function insertNudge(db: EntityManager, tenantId: string, n: NewNudge): Promise<number> {
  return execute(
    db,
    sql`INSERT INTO nudges (tenant_id, id, cohort_id, assignment_id, sender_id, message)
        VALUES (${tenantId}, ${n.id}, ${n.cohortId}, ${n.assignmentId}, ${n.senderId}, ${n.message})`,
  );
}

/** The nudge's recipients: the students of the tasks; answers how many. */
export function insertNudgeRecipients(db: EntityManager, tenantId: string, nudgeId: string, taskIds: string[]): Promise<number> {
  return execute(
    db,
    sql`INSERT INTO nudge_recipients (tenant_id, nudge_id, task_id, student_id)
        SELECT ${tenantId}, ${nudgeId}, t.id, t.student_id FROM tasks t WHERE t.tenant_id = ${tenantId} AND t.id = ANY(${taskIds}::uuid[])`,
  );
}

/** Excuses the tasks (approved and excused work is left alone); answers how many. */
export function excuseTasks(db: EntityManager, tenantId: string, taskIds: string[], reason: string): Promise<number> {
  return execute(
    db,
    sql`UPDATE tasks SET status = 'excused', excused_reason = ${reason}, updated_at = now()
         WHERE tenant_id = ${tenantId} AND id = ANY(${taskIds}::uuid[]) AND status NOT IN ('approved', 'excused')`,
  );
}

/** One row of `extendTasks`. */
export interface TaskIdRow {
  id: string;
}

/** Sets the override on the tasks whose original due date is before `dueAt`; answers those tasks. */
export function extendTasks(
  db: EntityManager,
  tenantId: string,
  taskIds: string[],
  extension: { dueAt: Date; reason: string | null; grantedBy: string },
): Promise<TaskIdRow[]> {
  return queryRows<TaskIdRow>(
    db,
    // In a WITH: TypeORM answers a bare UPDATE … RETURNING with [rows, count] instead of the rows.
    sql`WITH changed AS (
          UPDATE tasks SET extended_from = COALESCE(extended_from, due_at), due_at = ${extension.dueAt}, extension_reason = ${extension.reason},
                 extended_at = now(), extended_by = ${extension.grantedBy}, updated_at = now()
           WHERE tenant_id = ${tenantId} AND id = ANY(${taskIds}::uuid[]) AND COALESCE(extended_from, due_at) < ${extension.dueAt}
           RETURNING id)
        SELECT id FROM changed`,
  );
}

// --- what needs the advisor now ------------------------------------------------------------

/** The live cohorts the advisor advises (`advises`: a condition on `c`), materialized first: a handful. */
function myCohorts(tenantId: string, advises: Sql): Sql {
  return sql`WITH mine AS MATERIALIZED (SELECT c.id, c.name FROM cohorts c WHERE c.tenant_id = ${tenantId} AND c.archived_at IS NULL AND ${advises})`;
}

/** One row of `reviewsWaiting`. */
export interface WaitingRow {
  waiting: number;
  oldest: Date | null;
}

/** Submitted work of live homework waiting in the advisor's cohorts: how much, and since when. */
export function reviewsWaiting(db: EntityManager, tenantId: string, advises: Sql): Promise<WaitingRow | undefined> {
  return queryOne<WaitingRow>(
    db,
    sql`${myCohorts(tenantId, advises)}
        SELECT count(*)::int AS waiting, min(t.submitted_at) AS oldest
          FROM mine
          JOIN tasks t ON t.tenant_id = ${tenantId} AND t.cohort_id = mine.id AND t.status = 'submitted'
          JOIN assignments a ON a.tenant_id = t.tenant_id AND a.id = t.assignment_id AND a.archived_at IS NULL`,
  );
}

/** One row of `notStartedDueSoon`. */
export interface SoonRow {
  cohort_id: string;
  cohort_name: string;
  id: string;
  title: string;
  due_at: Date;
  due_on: string;
  not_started: number;
}

/** Homework of the advisor's cohorts due within 7 days that students have not started, soonest first (20 at most). */
export function notStartedDueSoon(db: EntityManager, tenantId: string, advises: Sql): Promise<SoonRow[]> {
  return queryRows<SoonRow>(
    db,
    sql`${myCohorts(tenantId, advises)}
        SELECT mine.id AS cohort_id, mine.name AS cohort_name, a.id, a.title, min(t.due_at) AS due_at,
               ${localDay('min(t.due_at)')} AS due_on, count(*)::int AS not_started
          FROM mine
          JOIN assignments a ON a.tenant_id = ${tenantId} AND a.cohort_id = mine.id AND a.archived_at IS NULL
          JOIN tasks t ON t.tenant_id = ${tenantId} AND t.cohort_id = mine.id AND t.assignment_id = a.id AND t.status = 'assigned'
                      AND t.due_at >= now() AND t.due_at < now() + interval '7 days' AND t.opens_at <= now()
          JOIN tenants tn ON tn.id = a.tenant_id
         GROUP BY mine.id, mine.name, a.id, a.title, tn.timezone
         ORDER BY min(t.due_at), a.title
         LIMIT 20`,
  );
}
