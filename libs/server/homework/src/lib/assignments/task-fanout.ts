import { EntityManager } from 'typeorm';
import { execute } from '@fieldwork/server-core';
import { OPEN_STATUSES } from '../tasks/task-queries';
import { relativeDueSql } from '../dates/local-dates';

/** A cohort task's due instant: the fixed date, or the end of the N-th local day after the student joined (not before it opened). */
const COHORT_TASK_DUE = `COALESCE(a.due_at, ${relativeDueSql('m.joined_at', 'a.opens_at', 'a.due_days_after_join')})`;

/**
 * Set-based task creation: one INSERT … SELECT however many students, never a
 * save per student. Duplicates are ignored (a task per assignment and student).
 */
function insertCohortTasks(db: EntityManager, condition: string, params: unknown[]): Promise<number> {
  return execute(
    db,
    `INSERT INTO tasks (tenant_id, id, assignment_id, student_id, cohort_id, opens_at, due_at)
     SELECT a.tenant_id, gen_random_uuid(), a.id, m.user_id, a.cohort_id, a.opens_at, ${COHORT_TASK_DUE}
       FROM assignments a
       JOIN tenants tn ON tn.id = a.tenant_id
       JOIN cohort_members m ON m.tenant_id = a.tenant_id AND m.cohort_id = a.cohort_id AND m.role = 'student'
       JOIN users u ON u.tenant_id = m.tenant_id AND u.id = m.user_id AND u.active
      WHERE a.tenant_id = $1 AND ${condition}
     ON CONFLICT (tenant_id, assignment_id, student_id) DO NOTHING`,
    params,
  );
}

/** Every active student of the assignment's cohort. */
export function fanOutToCohort(db: EntityManager, tenantId: string, assignmentId: string): Promise<number> {
  return insertCohortTasks(db, 'a.id = $2', [tenantId, assignmentId]);
}

/** Students who just joined a cohort get its live (unarchived) assignments, with their relative due dates. */
export async function giveLiveAssignments(db: EntityManager, tenantId: string, cohortIds: string[], studentIds: string[]): Promise<number> {
  if (!cohortIds.length || !studentIds.length) return 0;
  return insertCohortTasks(db, 'a.cohort_id = ANY($2::uuid[]) AND a.archived_at IS NULL AND m.user_id = ANY($3::uuid[])', [tenantId, cohortIds, studentIds]);
}

/** Chosen students, outside any cohort. */
export function fanOutToStudents(db: EntityManager, tenantId: string, assignmentId: string, studentIds: string[]): Promise<number> {
  return execute(
    db,
    `INSERT INTO tasks (tenant_id, id, assignment_id, student_id, cohort_id, opens_at, due_at)
     SELECT a.tenant_id, gen_random_uuid(), a.id, u.id, NULL, a.opens_at, a.due_at
       FROM assignments a
       JOIN users u ON u.tenant_id = a.tenant_id AND u.id = ANY($3::uuid[]) AND u.role = 'student' AND u.active
      WHERE a.tenant_id = $1 AND a.id = $2
     ON CONFLICT (tenant_id, assignment_id, student_id) DO NOTHING`,
    [tenantId, assignmentId, studentIds],
  );
}

/**
 * The open tasks of an assignment follow its new dates. A student's extension
 * stays when it is later than the new date (and is then still measured from it);
 * otherwise the new date replaces it.
 */
export function moveOpenTasks(db: EntityManager, tenantId: string, assignmentId: string): Promise<number> {
  const keepsExtension = `t.extended_at IS NOT NULL AND t.due_at > n.due_at`;
  return execute(
    db,
    `WITH n AS (
       SELECT t.id, a.opens_at, ${COHORT_TASK_DUE} AS due_at
         FROM tasks t
         JOIN assignments a ON a.tenant_id = t.tenant_id AND a.id = t.assignment_id
         JOIN tenants tn ON tn.id = a.tenant_id
         LEFT JOIN cohort_members m ON m.tenant_id = t.tenant_id AND m.cohort_id = a.cohort_id AND m.user_id = t.student_id
        WHERE t.tenant_id = $1 AND t.assignment_id = $2 AND t.status IN ${OPEN_STATUSES})
     UPDATE tasks t
        SET opens_at = n.opens_at,
            due_at = CASE WHEN ${keepsExtension} THEN t.due_at ELSE n.due_at END,
            extended_from = CASE WHEN ${keepsExtension} THEN n.due_at END,
            extension_reason = CASE WHEN ${keepsExtension} THEN t.extension_reason END,
            extended_by = CASE WHEN ${keepsExtension} THEN t.extended_by END,
            extended_at = CASE WHEN ${keepsExtension} THEN t.extended_at END,
            updated_at = now()
       FROM n
      WHERE t.tenant_id = $1 AND t.id = n.id`,
    [tenantId, assignmentId],
  );
}
