import { ConflictException, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Outbox, TenantDatabase, UserAuth, decodeCursor, encodeCursor, validationFailed } from '@fieldwork/server-core';
import type { Page, Review, ReviewQueueItem, ReviewRequest } from '@fieldwork/contracts';
import { requireAccess, visibleTaskPage } from '@fieldwork/server-access';
import { sql, toQuery } from '@fieldwork/server-core';
import { loadSubmissions, loadTask } from '../tasks/task-queries';
import { reviewProblems, totalPoints } from './rubric';

@Injectable()
export class ReviewsService {
  constructor(
    private readonly tenantDb: TenantDatabase,
    private readonly outbox: Outbox,
  ) {}

  /** Approves the latest submission or asks for a revision, with rubric scores checked against the rubric. */
  review(auth: UserAuth, taskId: string, request: ReviewRequest): Promise<Review> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      const task = await loadTask(db, auth, 'task.review', taskId, true);
      if (task.status !== 'submitted') throw new ConflictException('There is no submitted reflection waiting for review on this task');
      const problems = reviewProblems(task.rubric, request);
      if (problems.length) throw validationFailed(problems);
      const [latest] = await loadSubmissions(db, auth.tenantId, taskId);
      const id = randomUUID();
      await db.query(
        `INSERT INTO reviews (tenant_id, id, task_id, submission_id, reviewer_id, decision, comment, rubric_scores, total_points)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          auth.tenantId,
          id,
          taskId,
          latest.id,
          auth.userId,
          request.decision,
          request.comment || null,
          request.rubricScores ? JSON.stringify(request.rubricScores) : null,
          totalPoints(request.rubricScores),
        ],
      );
      await db.query(
        `UPDATE tasks SET status = $3, approved_at = CASE WHEN $3 = 'approved' THEN now() END, updated_at = now()
          WHERE tenant_id = $1 AND id = $2`,
        [auth.tenantId, taskId, request.decision === 'approve' ? 'approved' : 'revision_requested'],
      );
      await this.outbox.publish(db, auth.tenantId, 'review.decided', { reviewId: id });
      const [reviewed] = await loadSubmissions(db, auth.tenantId, taskId);
      if (!reviewed.review) throw new Error('review was not stored');
      return reviewed.review;
    });
  }

  /** Submitted work in the cohorts the reviewer may see, oldest first. */
  queue(auth: UserAuth, filter: { cohortId?: string; cursor?: string; limit?: number }): Promise<Page<ReviewQueueItem>> {
    const limit = filter.limit ?? 50;
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      await requireAccess(db, auth, 'review.queue');
      if (filter.cohortId) await requireAccess(db, auth, 'cohort.read', filter.cohortId);
      // One page of submitted work, oldest first, read cohort by cohort for an advisor (see visibleTaskPage).
      const after = filter.cursor ? decodeCursor(filter.cursor, 2) : null;
      const page = visibleTaskPage(auth, {
        where: sql`t.status = 'submitted' AND a.archived_at IS NULL`,
        order: 'submitted_at',
        cohortId: filter.cohortId,
        after: after ? { value: after[0], id: after[1] } : undefined,
        limit: limit + 1,
      });
      const { text, values } = toQuery(sql`
        SELECT t.id AS task_id, t.submitted_at, t.due_at, t.student_id, u.name AS student_name, t.cohort_id, c.name AS cohort_name,
               a.title, s.id AS submission_id, s.version, s.late
          FROM (${page}) page
          JOIN tasks t ON t.tenant_id = ${auth.tenantId} AND t.id = page.id
          JOIN assignments a ON a.tenant_id = t.tenant_id AND a.id = t.assignment_id
          JOIN users u ON u.tenant_id = t.tenant_id AND u.id = t.student_id
          LEFT JOIN cohorts c ON c.tenant_id = t.tenant_id AND c.id = t.cohort_id
          JOIN LATERAL (SELECT id, version, late FROM submissions s
                         WHERE s.tenant_id = t.tenant_id AND s.task_id = t.id ORDER BY version DESC LIMIT 1) s ON true
         ORDER BY t.submitted_at, t.id`);
      const rows = await db.query(text, values);
      const items: ReviewQueueItem[] = rows.slice(0, limit).map(
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        (row: any): ReviewQueueItem => ({
          taskId: row.task_id,
          submissionId: row.submission_id,
          version: row.version,
          title: row.title,
          student: { id: row.student_id, name: row.student_name },
          cohort: row.cohort_id ? { id: row.cohort_id, name: row.cohort_name } : null,
          submittedAt: row.submitted_at.toISOString(),
          dueAt: row.due_at.toISOString(),
          late: row.late,
        }),
      );
      const last = rows[limit - 1];
      return {
        items,
        nextCursor: rows.length > limit ? encodeCursor([last.submitted_at.toISOString(), last.task_id]) : null,
      };
    });
  }
}

