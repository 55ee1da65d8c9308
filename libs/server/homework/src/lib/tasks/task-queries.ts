import { NotFoundException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { UserAuth } from '@fieldwork/server-core';
import type { Submission, TaskSummary } from '@fieldwork/contracts';
import { advisesStudentSql, assertUuid, withTenant } from '../access/staff-access';
import { localDaySql } from '../dates/local-dates';

export const OPEN_STATUSES = `('assigned', 'in_progress', 'revision_requested')`;

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

/**
 * Which tasks a user may see: a student their own (once open, and not the open
 * work of an archived assignment); an advisor those of students in the cohorts
 * they advise; an admin every task of the tenant.
 */
export function taskVisibility(auth: UserAuth, param: number): { clause: string; params: unknown[] } {
  switch (auth.role) {
    case 'student':
      return {
        clause: `AND t.student_id = $${param} AND t.opens_at <= now() AND NOT (a.archived_at IS NOT NULL AND t.status IN ${OPEN_STATUSES})`,
        params: [auth.userId],
      };
    case 'advisor':
      return { clause: `AND ${withTenant(advisesStudentSql('t.student_id', `$${param}`), 't.tenant_id')}`, params: [auth.userId] };
    case 'admin':
      return { clause: '', params: [] };
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TaskRow = any;

export async function loadTaskRow(db: EntityManager, auth: UserAuth, id: string, lock = false): Promise<TaskRow> {
  assertUuid(id, 'task');
  const { clause, params } = taskVisibility(auth, 3);
  const [row] = await db.query(`${TASK_SELECT} WHERE t.tenant_id = $1 AND t.id = $2 ${clause} ${lock ? 'FOR UPDATE OF t' : ''}`, [
    auth.tenantId,
    id,
    ...params,
  ]);
  if (!row) throw new NotFoundException('No such task');
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
    `SELECT s.id, s.version, s.answers, s.contact_id, s.contact_name, s.contact_organization, s.evidence, s.late, s.submitted_at,
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
      contact: row.contact_name ? { id: row.contact_id, name: row.contact_name, organization: row.contact_organization } : null,
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
