import { execute, queryOne, queryRows, raw, sql, type ContractRow, type Sql } from '@fieldwork/server-core';
import type { Assignment, AssignmentSummary } from '@fieldwork/contracts';
import type { EntityManager } from 'typeorm';
import { localDay, relativeDue } from '../dates/dates.queries';
import { TASK_IS_OPEN } from '../tasks/tasks.queries';

/**
 * One assignment with its cohort's name, its local days and its tasks counted by status (`assignmentPage`):
 * the contract's `AssignmentSummary`, its instants as Dates.
 */
export type AssignmentSummaryRow = ContractRow<AssignmentSummary, 'opensAt' | 'dueAt' | 'createdAt'>;

/** An assignment with the content it copied from its template (`assignmentById`): the contract's `Assignment`. */
export type AssignmentRow = ContractRow<Assignment, 'opensAt' | 'dueAt' | 'createdAt'>;

/** The summary's columns, and its FROM: `extra` adds columns of `a` after them. */
function selectSummary(extra: Sql = raw('')): Sql {
  return sql`
  SELECT a.id, a.template_id AS "templateId", a.title, a.category, a.cohort_id AS "cohortId", c.name AS "cohortName",
         a.opens_at AS "opensAt", ${localDay('a.opens_at')} AS "opensOn", a.due_at AS "dueAt", ${localDay('a.due_at')} AS "dueOn",
         a.due_days_after_join AS "dueDaysAfterJoin", a.archived_at IS NOT NULL AS archived, a.created_at AS "createdAt", p.progress${extra}
    FROM assignments a
    JOIN tenants tn ON tn.id = a.tenant_id
    LEFT JOIN cohorts c ON c.tenant_id = a.tenant_id AND c.id = a.cohort_id
    CROSS JOIN LATERAL (
      SELECT json_build_object(
               'total', count(*)::int,
               'assigned', count(*) FILTER (WHERE t.status = 'assigned')::int,
               'in_progress', count(*) FILTER (WHERE t.status = 'in_progress')::int,
               'submitted', count(*) FILTER (WHERE t.status = 'submitted')::int,
               'revision_requested', count(*) FILTER (WHERE t.status = 'revision_requested')::int,
               'approved', count(*) FILTER (WHERE t.status = 'approved')::int,
               'excused', count(*) FILTER (WHERE t.status = 'excused')::int) AS progress
        FROM tasks t WHERE t.tenant_id = a.tenant_id AND t.assignment_id = a.id) p`;
}

/** A page of assignments, newest first (keyset on created_at, id); `where` holds visibility, filters and the cursor. */
export function assignmentPage(db: EntityManager, tenantId: string, archived: boolean, where: Sql, limit: number): Promise<AssignmentSummaryRow[]> {
  return queryRows<AssignmentSummaryRow>(
    db,
    sql`${selectSummary()} WHERE a.tenant_id = ${tenantId} AND (a.archived_at IS NOT NULL) = ${archived} AND ${where}
         ORDER BY a.created_at DESC, a.id DESC LIMIT ${limit}`,
  );
}

export function assignmentById(db: EntityManager, tenantId: string, id: string): Promise<AssignmentRow | undefined> {
  const content = raw(
    ', a.instructions, a.prompts, a.contact_required AS "contactRequired", a.evidence, a.rubric, a.estimated_minutes AS "estimatedMinutes", a.interaction_kind AS "interactionKind"',
  );
  return queryOne<AssignmentRow>(db, sql`${selectSummary(content)} WHERE a.tenant_id = ${tenantId} AND a.id = ${id}`);
}

/** What an assignment adds to its template: where it goes, its dates, who made it. */
export interface NewAssignment {
  id: string;
  templateId: string;
  cohortId: string | null;
  opensAt: Date;
  dueAt: Date | null;
  dueDaysAfterJoin: number | null;
  createdBy: string;
}

/** A new assignment with a copy of its template's content. */
export function insertAssignment(db: EntityManager, tenantId: string, a: NewAssignment): Promise<number> {
  return execute(
    db,
    sql`INSERT INTO assignments (tenant_id, id, template_id, cohort_id, title, category, instructions, prompts, contact_required,
                                 evidence, rubric, estimated_minutes, interaction_kind, opens_at, due_at, due_days_after_join, created_by)
        SELECT tenant_id, ${a.id}, id, ${a.cohortId}, title, category, instructions, prompts, contact_required, evidence, rubric, estimated_minutes,
               interaction_kind, ${a.opensAt}, ${a.dueAt}, ${a.dueDaysAfterJoin}, ${a.createdBy}
          FROM templates WHERE tenant_id = ${tenantId} AND id = ${a.templateId}`,
  );
}

/** New dates (a fixed due date or one relative to joining) and the archived flag. */
export function updateAssignment(
  db: EntityManager,
  tenantId: string,
  id: string,
  change: { opensAt: Date; dueAt: Date | null; dueDaysAfterJoin: number | null; archived: boolean },
): Promise<number> {
  return execute(
    db,
    sql`UPDATE assignments SET opens_at = ${change.opensAt}, due_at = ${change.dueAt}, due_days_after_join = ${change.dueDaysAfterJoin},
               archived_at = CASE WHEN ${change.archived}::boolean THEN COALESCE(archived_at, now()) END, updated_at = now()
         WHERE tenant_id = ${tenantId} AND id = ${id}`,
  );
}

/** One row of `liveInCohort`. */
export interface AssignmentTitleRow {
  id: string;
  title: string;
}

/** The newest live assignment of the template in the cohort, if there is one. */
export function liveInCohort(db: EntityManager, tenantId: string, cohortId: string, templateId: string): Promise<AssignmentTitleRow | undefined> {
  return queryOne<AssignmentTitleRow>(
    db,
    sql`SELECT id, title FROM assignments
         WHERE tenant_id = ${tenantId} AND cohort_id = ${cohortId} AND template_id = ${templateId} AND archived_at IS NULL
         ORDER BY created_at DESC LIMIT 1`,
  );
}

/** One row of `countVisibleStudents`. */
export interface StudentCountRow {
  count: number;
}

/** How many of `ids` are students that `visibleStudent` (a condition on `u`) lets the user see. */
export async function countVisibleStudents(db: EntityManager, tenantId: string, ids: string[], visibleStudent: Sql): Promise<number> {
  const row = await queryOne<StudentCountRow>(
    db,
    sql`SELECT count(*)::int AS count FROM users u
         WHERE u.tenant_id = ${tenantId} AND u.id = ANY(${ids}::uuid[]) AND u.role = 'student' AND ${visibleStudent}`,
  );
  return row?.count ?? 0;
}

// --- tasks of an assignment ------------------------------------------------------------

/** A cohort task's due instant: the fixed date, or the end of the N-th local day after the student joined (not before it opened). */
const COHORT_TASK_DUE = sql`COALESCE(a.due_at, ${relativeDue('m.joined_at', 'a.opens_at', 'a.due_days_after_join')})`;

/**
 * Set-based task creation: one INSERT … SELECT however many students, never a
 * save per student. Duplicates are ignored (a task per assignment and student).
 */
function insertCohortTasks(db: EntityManager, tenantId: string, condition: Sql): Promise<number> {
  return execute(
    db,
    sql`INSERT INTO tasks (tenant_id, id, assignment_id, student_id, cohort_id, opens_at, due_at)
        SELECT a.tenant_id, gen_random_uuid(), a.id, m.user_id, a.cohort_id, a.opens_at, ${COHORT_TASK_DUE}
          FROM assignments a
          JOIN tenants tn ON tn.id = a.tenant_id
          JOIN cohort_members m ON m.tenant_id = a.tenant_id AND m.cohort_id = a.cohort_id AND m.role = 'student'
          JOIN users u ON u.tenant_id = m.tenant_id AND u.id = m.user_id AND u.active
         WHERE a.tenant_id = ${tenantId} AND ${condition}
        ON CONFLICT (tenant_id, assignment_id, student_id) DO NOTHING`,
  );
}

/** Every active student of the assignment's cohort. */
export function fanOutToCohort(db: EntityManager, tenantId: string, assignmentId: string): Promise<number> {
  return insertCohortTasks(db, tenantId, sql`a.id = ${assignmentId}`);
}

/** Students who just joined a cohort get its live (unarchived) assignments, with their relative due dates. */
export async function giveLiveAssignments(db: EntityManager, tenantId: string, cohortIds: string[], studentIds: string[]): Promise<number> {
  if (!cohortIds.length || !studentIds.length) return 0;
  return insertCohortTasks(db, tenantId, sql`a.cohort_id = ANY(${cohortIds}::uuid[]) AND a.archived_at IS NULL AND m.user_id = ANY(${studentIds}::uuid[])`);
}

/** Chosen students, outside any cohort. */
export function fanOutToStudents(db: EntityManager, tenantId: string, assignmentId: string, studentIds: string[]): Promise<number> {
  return execute(
    db,
    sql`INSERT INTO tasks (tenant_id, id, assignment_id, student_id, cohort_id, opens_at, due_at)
        SELECT a.tenant_id, gen_random_uuid(), a.id, u.id, NULL, a.opens_at, a.due_at
          FROM assignments a
          JOIN users u ON u.tenant_id = a.tenant_id AND u.id = ANY(${studentIds}::uuid[]) AND u.role = 'student' AND u.active
         WHERE a.tenant_id = ${tenantId} AND a.id = ${assignmentId}
        ON CONFLICT (tenant_id, assignment_id, student_id) DO NOTHING`,
  );
}

/**
 * The open tasks of an assignment follow its new dates. A student's extension
 * stays when it is later than the new date (and is then still measured from it);
 * otherwise the new date replaces it.
 */
export function moveOpenTasks(db: EntityManager, tenantId: string, assignmentId: string): Promise<number> {
  const keepsExtension = raw(`t.extended_at IS NOT NULL AND t.due_at > n.due_at`);
  return execute(
    db,
    // Open tasks by the literal statuses of the partial index tasks_open_by_due (see OPEN_STATUSES).
    sql`WITH n AS (
          SELECT t.id, a.opens_at, ${COHORT_TASK_DUE} AS due_at
            FROM tasks t
            JOIN assignments a ON a.tenant_id = t.tenant_id AND a.id = t.assignment_id
            JOIN tenants tn ON tn.id = a.tenant_id
            LEFT JOIN cohort_members m ON m.tenant_id = t.tenant_id AND m.cohort_id = a.cohort_id AND m.user_id = t.student_id
           WHERE t.tenant_id = ${tenantId} AND t.assignment_id = ${assignmentId} AND ${TASK_IS_OPEN})
        UPDATE tasks t
           SET opens_at = n.opens_at,
               due_at = CASE WHEN ${keepsExtension} THEN t.due_at ELSE n.due_at END,
               extended_from = CASE WHEN ${keepsExtension} THEN n.due_at END,
               extension_reason = CASE WHEN ${keepsExtension} THEN t.extension_reason END,
               extended_by = CASE WHEN ${keepsExtension} THEN t.extended_by END,
               extended_at = CASE WHEN ${keepsExtension} THEN t.extended_at END,
               updated_at = now()
          FROM n
         WHERE t.tenant_id = ${tenantId} AND t.id = n.id`,
  );
}
