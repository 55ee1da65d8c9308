import { ConflictException, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Outbox, TenantDatabase, UserAuth, pageOf, validationFailed } from '@fieldwork/server-core';
import type { Page, Review, ReviewQueueItem, ReviewRequest } from '@fieldwork/contracts';
import { requireAccess, visibleTaskPage } from '@fieldwork/server-access';
import { sql } from '@fieldwork/server-core';
import { loadSubmissions, loadTask, refOf } from '../tasks/task-loader';
import { insertReview, reviewQueuePage, setReviewedStatus, type ReviewQueueRow } from './reviews.queries';
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
      await insertReview(db, auth.tenantId, {
        id,
        taskId,
        submissionId: latest.id,
        reviewerId: auth.userId,
        decision: request.decision,
        comment: request.comment || null,
        rubricScores: request.rubricScores ?? null,
        totalPoints: totalPoints(request.rubricScores),
      });
      await setReviewedStatus(db, auth.tenantId, taskId, request.decision === 'approve' ? 'approved' : 'revision_requested');
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
      const page = visibleTaskPage(auth, filter, { where: sql`t.status = 'submitted' AND a.archived_at IS NULL`, order: 'submitted_at', limit: limit + 1 });
      const rows = await reviewQueuePage(db, auth.tenantId, page);
      return pageOf(rows, limit, toQueueItem, (row) => [row.submitted_at.toISOString(), row.task_id]);
    });
  }
}

function toQueueItem(row: ReviewQueueRow): ReviewQueueItem {
  return {
    taskId: row.task_id,
    submissionId: row.submission_id,
    version: row.version,
    title: row.title,
    student: { id: row.student_id, name: row.student_name },
    cohort: refOf(row.cohort_id, row.cohort_name),
    submittedAt: row.submitted_at.toISOString(),
    dueAt: row.due_at.toISOString(),
    late: row.late,
  };
}
