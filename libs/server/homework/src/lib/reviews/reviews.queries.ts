import { execute, queryRows, sql, type Sql } from '@fieldwork/server-core';
import type { EntityManager } from 'typeorm';

export interface NewReview {
  id: string;
  taskId: string;
  submissionId: string;
  reviewerId: string;
  decision: 'approve' | 'revise';
  comment: string | null;
  rubricScores: Record<string, number> | null;
  totalPoints: number | null;
}

export function insertReview(db: EntityManager, tenantId: string, r: NewReview): Promise<number> {
  return execute(
    db,
    sql`INSERT INTO reviews (tenant_id, id, task_id, submission_id, reviewer_id, decision, comment, rubric_scores, total_points)
        VALUES (${tenantId}, ${r.id}, ${r.taskId}, ${r.submissionId}, ${r.reviewerId}, ${r.decision}, ${r.comment},
                ${r.rubricScores ? JSON.stringify(r.rubricScores) : null}, ${r.totalPoints})`,
  );
}

/** The review's outcome on the task: approved (and when), or back to the student for a revision. */
export function setReviewedStatus(db: EntityManager, tenantId: string, taskId: string, status: 'approved' | 'revision_requested'): Promise<number> {
  return execute(
    db,
    sql`UPDATE tasks SET status = ${status}, approved_at = CASE WHEN ${status}::text = 'approved' THEN now() END, updated_at = now()
         WHERE tenant_id = ${tenantId} AND id = ${taskId}`,
  );
}

/** One row of `reviewQueuePage`: a submitted task with its latest version. */
export interface ReviewQueueRow {
  task_id: string;
  submitted_at: Date;
  due_at: Date;
  student_id: string;
  student_name: string;
  cohort_id: string | null;
  cohort_name: string | null;
  title: string;
  submission_id: string;
  version: number;
  late: boolean;
}

/** The submitted tasks of one page of ids (`page`: a subquery of `id`s, see visibleTaskPage), oldest submission first. */
export function reviewQueuePage(db: EntityManager, tenantId: string, page: Sql): Promise<ReviewQueueRow[]> {
  return queryRows<ReviewQueueRow>(
    db,
    sql`
      SELECT t.id AS task_id, t.submitted_at, t.due_at, t.student_id, u.name AS student_name, t.cohort_id, c.name AS cohort_name,
             a.title, s.id AS submission_id, s.version, s.late
        FROM (${page}) page
        JOIN tasks t ON t.tenant_id = ${tenantId} AND t.id = page.id
        JOIN assignments a ON a.tenant_id = t.tenant_id AND a.id = t.assignment_id
        JOIN users u ON u.tenant_id = t.tenant_id AND u.id = t.student_id
        LEFT JOIN cohorts c ON c.tenant_id = t.tenant_id AND c.id = t.cohort_id
        JOIN LATERAL (SELECT id, version, late FROM submissions s
                       WHERE s.tenant_id = t.tenant_id AND s.task_id = t.id ORDER BY version DESC LIMIT 1) s ON true
       ORDER BY t.submitted_at, t.id`,
  );
}
