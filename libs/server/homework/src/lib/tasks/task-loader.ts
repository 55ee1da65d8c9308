import { GoneException, NotFoundException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { UserAuth } from '@fieldwork/server-core';
import type { Submission, TaskExtension, TaskSummary } from '@fieldwork/contracts';
import { CONTACT_REMOVED_LABEL, isOpenTaskStatus } from '@fieldwork/contracts';
import { requireAccess, type Action } from '@fieldwork/server-access';
import { submissionsOf, taskById, type SubmissionRow, type TaskRow } from './tasks.queries';

/** The task row by id (tenant-scoped, no access check: call `loadTask` unless access was just checked); 404 when there is none. */
export async function readTaskRow(db: EntityManager, tenantId: string, id: string, lock = false): Promise<TaskRow> {
  const row = await taskById(db, tenantId, id, lock);
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

/** `{ id, name }` of a row's cohort (or other named reference), or null when it has none. */
export function refOf(id: string | null, name: string | null): { id: string; name: string } | null {
  return id !== null && name !== null ? { id, name } : null;
}

export function toTaskSummary(row: TaskRow): TaskSummary {
  return {
    id: row.id,
    assignmentId: row.assignment_id,
    title: row.title,
    category: row.category,
    student: { id: row.student_id, name: row.student_name },
    cohort: refOf(row.cohort_id, row.cohort_name),
    opensAt: row.opens_at.toISOString(),
    dueAt: row.due_at.toISOString(),
    dueOn: row.due_on,
    extension: toExtension(row),
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

/** The student's extension, when one was granted (the original date is kept beside it). */
function toExtension(row: TaskRow): TaskExtension | null {
  if (!row.extended_at || !row.extended_from || row.extended_from_on === null) return null;
  return {
    originalDueAt: row.extended_from.toISOString(),
    originalDueOn: row.extended_from_on,
    reason: row.extension_reason,
    grantedAt: row.extended_at.toISOString(),
    grantedBy: refOf(row.extended_by, row.extended_by_name),
  };
}

/** Every version of a task's reflection, newest first, each with its review. */
export async function loadSubmissions(db: EntityManager, tenantId: string, taskId: string): Promise<Submission[]> {
  return (await submissionsOf(db, tenantId, taskId)).map(toSubmission);
}

function toSubmission(row: SubmissionRow): Submission {
  return {
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
    review:
      row.review_id && row.decision && row.reviewer_id && row.reviewed_at
        ? {
            id: row.review_id,
            decision: row.decision,
            comment: row.comment,
            rubricScores: row.rubric_scores,
            totalPoints: row.total_points,
            reviewer: { id: row.reviewer_id, name: row.reviewer_name ?? '' },
            createdAt: row.reviewed_at.toISOString(),
          }
        : null,
  };
}
