import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  ExtensionRequest,
  Page,
  Review,
  ReviewQueueItem,
  ReviewRequest,
  Submission,
  TaskDetail,
  TaskStatus,
  TaskSummary,
} from '@fieldwork/contracts';
import { Observable } from 'rxjs';
import { API_BASE } from '../api';
import { idPath, queryParams } from './http-params';

export interface ReviewQueueQuery {
  cohortId?: string;
  cursor?: string;
  limit?: number;
}

export interface StaffTaskQuery {
  cohortId?: string;
  status?: TaskStatus;
  studentId?: string;
  assignmentId?: string;
  cursor?: string;
  limit?: number;
}

const TASKS = `${API_BASE}/tasks`;

/** Staff side of tasks: the review queue, a student's submissions, decisions. */
@Injectable({ providedIn: 'root' })
export class ReviewsService {
  private readonly http = inject(HttpClient);

  /** Submitted work waiting for a decision, oldest first. */
  queue(query: ReviewQueueQuery = {}): Observable<Page<ReviewQueueItem>> {
    return this.http.get<Page<ReviewQueueItem>>(`${API_BASE}/reviews/queue`, { params: queryParams({ ...query }) });
  }

  tasks(query: StaffTaskQuery = {}): Observable<Page<TaskSummary>> {
    return this.http.get<Page<TaskSummary>>(TASKS, { params: queryParams({ ...query }) });
  }

  task(id: string): Observable<TaskDetail> {
    return this.http.get<TaskDetail>(idPath(TASKS, id));
  }

  /** Every submitted version, newest first. */
  submissions(taskId: string): Observable<Submission[]> {
    return this.http.get<Submission[]>(idPath(TASKS, taskId, 'submissions'));
  }

  review(taskId: string, request: ReviewRequest): Observable<Review> {
    const comment = request.comment?.trim();
    const body: ReviewRequest = { decision: request.decision };
    if (comment) body.comment = comment;
    if (request.rubricScores && Object.keys(request.rubricScores).length) body.rubricScores = request.rubricScores;
    return this.http.post<Review>(idPath(TASKS, taskId, 'reviews'), body);
  }

  excuse(taskId: string, reason: string): Observable<TaskSummary> {
    return this.http.post<TaskSummary>(idPath(TASKS, taskId, 'excuse'), { reason: reason.trim() });
  }

  /** A new due date for this student only: a local day of the career center (due at 23:59:59 there). */
  extend(taskId: string, dueOn: string, reason?: string): Observable<TaskSummary> {
    const body: ExtensionRequest = { dueOn };
    const why = reason?.trim();
    if (why) body.reason = why;
    return this.http.post<TaskSummary>(idPath(TASKS, taskId, 'extension'), body);
  }
}
