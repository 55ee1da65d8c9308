import { EntityManager } from 'typeorm';
import { execute } from '@fieldwork/server-core';

/**
 * Set-based task creation: one INSERT … SELECT however many students, never a
 * save per student. Duplicates are ignored (a task per assignment and student).
 * A cohort task is due at the fixed date, or N days after the student joined
 * (not before the assignment opens).
 */
function insertCohortTasks(db: EntityManager, condition: string, params: unknown[]): Promise<number> {
  return execute(
    db,
    `INSERT INTO tasks (tenant_id, id, assignment_id, student_id, cohort_id, opens_at, due_at)
     SELECT a.tenant_id, gen_random_uuid(), a.id, m.user_id, a.cohort_id, a.opens_at,
            COALESCE(a.due_at, GREATEST(m.joined_at, a.opens_at) + make_interval(days => a.due_days_after_join))
       FROM assignments a
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
