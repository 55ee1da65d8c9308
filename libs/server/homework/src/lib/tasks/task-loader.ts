import { GoneException, NotFoundException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { UserAuth } from '@fieldwork/server-core';
import type { Submission, TaskSummary } from '@fieldwork/contracts';
import { CONTACT_REMOVED_LABEL, OPEN_TASK_STATUSES, isOpenTaskStatus } from '@fieldwork/contracts';
import { requireAccess, type Action } from '@fieldwork/server-access';
import { localDaySql } from '../dates/local-dates';

/**
 * The open statuses as an SQL list literal, `('assigned', 'in_progress', 'revision_requested')`, for a
 * WHERE clause that the partial index tasks_open_by_due (whose predicate is this literal) should serve:
 * a parameter would hide the statuses from a prepared statement's generic plan, which then could not
 * use the index. Elsewhere pass the statuses as a parameter: `t.status = ANY(${OPEN_TASK_STATUSES})`.
 */
export const OPEN_STATUSES = `(${OPEN_TASK_STATUSES.map((status) => `'${status}'`).join(', ')})`;

/** The task row with its assignment's content and the derived due flags. */
export const TASK_SELECT = `
  SELECT t.id, t.assignment_id, t.student_id, t.cohort_id, t.status, t.opens_at, t.due_at, t.draft, t.draft_contact_id,
         t.draft_evidence, t.draft_saved_at, t.submitted_at, t.first_submitted_at, t.approved_at, t.updated_at,
         a.title, a.category, a.instructions, a.prompts, a.contact_required, a.evidence, a.rubric, a.estimated_minutes, a.archived_at, a.interaction_kind,
         u.name AS student_name, c.name AS cohort_name, t.excused_reason,
         ${localDaySql('t.due_at')} AS due_on, t.extended_from, ${localDaySql('t.extended_from')} AS extended_from_on,
         t.extension_reason, t.extended_at, t.extended_by, xb.name AS extended_by_name,
         (t.status IN ${OPEN_STATUSES} AND t.due_at >= now() AND t.due_at < now() + interval '48 hours') AS due_soon,
         (t.status IN ${OPEN_STATUSES} AND t.due_at < now()) AS overdue,
         COALESCE(t.first_submitted_at > t.due_at, false) AS late
    FROM tasks t
    JOIN assignments a ON a.tenant_id = t.tenant_id AND a.id = t.assignment_id
    JOIN users u ON u.tenant_id = t.tenant_id AND u.id = t.student_id
    JOIN tenants tn ON tn.id = t.tenant_id
    LEFT JOIN cohorts c ON c.tenant_id = t.tenant_id AND c.id = t.cohort_id
    LEFT JOIN users xb ON xb.tenant_id = t.tenant_id AND xb.id = t.extended_by`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TaskRow = any;

/** The task row by id (tenant-scoped, no access check: call `loadTask` unless access was just checked). */
export async function readTaskRow(db: EntityManager, tenantId: string, id: string, lock = false): Promise<TaskRow> {
  const [row] = await db.query(`${TASK_SELECT} WHERE t.tenant_id = $1 AND t.id = $2 ${lock ? 'FOR UPDATE OF t' : ''}`, [tenantId, id]);
  if (!row) throw new NotFoundException('No such task');
  return row;
}

export const ARCHIVED_HOMEWORK_MESSAGE = 'This homework was archived by your advisor; there is nothing more to do.';

/**
 * Checks `action` on the task (404 when out of reach) and loads it. A student
 * opening their own task whose homework was archived while the work was still
 * open gets 410 with a message the web can show.
 */
export async function loadTask(db: EntityManager, auth: UserAuth, action: Action, id: string, lock = false): Promise<TaskRow> {
  await requireAccess(db, auth, action, id);
  const row = await readTaskRow(db, auth.tenantId, id, lock);
  if (auth.role === 'student' && row.archived_at && isOpenTaskStatus(row.status)) {
    throw new GoneException({ statusCode: 410, error: 'Gone', message: ARCHIVED_HOMEWORK_MESSAGE });
  }
  return row;
}

export function toTaskSummary(row: TaskRow): TaskSummary {
  return {
    id: row.id,
    assignmentId: row.assignment_id,
    title: row.title,
    category: row.category,
    student: { id: row.student_id, name: row.student_name },
    cohort: row.cohort_id ? { id: row.cohort_id, name: row.cohort_name } : null,
    opensAt: row.opens_at.toISOString(),
    dueAt: row.due_at.toISOString(),
    dueOn: row.due_on,
    extension: row.extended_at
      ? {
          originalDueAt: row.extended_from.toISOString(),
          originalDueOn: row.extended_from_on,
          reason: row.extension_reason,
          grantedAt: row.extended_at.toISOString(),
          grantedBy: row.extended_by ? { id: row.extended_by, name: row.extended_by_name } : null,
        }
      : null,
    excusedReason: row.status === 'excused' ? row.excused_reason : null,
    status: row.status,
    dueSoon: row.due_soon,
    overdue: row.overdue,
    late: row.late,
    submittedAt: row.submitted_at?.toISOString() ?? null,
    approvedAt: row.approved_at?.toISOString() ?? null,
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Every version of a task's reflection, newest first, each with its review. */
export async function loadSubmissions(db: EntityManager, tenantId: string, taskId: string): Promise<Submission[]> {
  const rows = await db.query(
    `SELECT s.id, s.version, s.answers, s.contact_id, s.contact_name, s.contact_organization, s.contact_removed_at, s.evidence, s.late, s.submitted_at,
            r.id AS review_id, r.decision, r.comment, r.rubric_scores, r.total_points, r.created_at AS reviewed_at,
            r.reviewer_id, ru.name AS reviewer_name
       FROM submissions s
       LEFT JOIN reviews r ON r.tenant_id = s.tenant_id AND r.submission_id = s.id
       LEFT JOIN users ru ON ru.tenant_id = r.tenant_id AND ru.id = r.reviewer_id
      WHERE s.tenant_id = $1 AND s.task_id = $2
      ORDER BY s.version DESC`,
    [tenantId, taskId],
  );
  return rows.map(
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    (row: any): Submission => ({
      id: row.id,
      version: row.version,
      answers: row.answers,
      // An erased contact leaves no name behind: the reflection reads "contact removed".
      contact: row.contact_removed_at
        ? { id: null, name: CONTACT_REMOVED_LABEL, organization: null }
        : row.contact_name
          ? { id: row.contact_id, name: row.contact_name, organization: row.contact_organization }
          : null,
      evidence: row.evidence,
      submittedAt: row.submitted_at.toISOString(),
      late: row.late,
      review: row.review_id
        ? {
            id: row.review_id,
            decision: row.decision,
            comment: row.comment,
            rubricScores: row.rubric_scores,
            totalPoints: row.total_points,
            reviewer: { id: row.reviewer_id, name: row.reviewer_name },
            createdAt: row.reviewed_at.toISOString(),
          }
        : null,
    }),
  );
}
