import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AdvisorAttention,
  BulkExcuseRequest,
  BulkExtensionRequest,
  BulkResult,
  ExtensionRequest,
  Gradebook,
  GradebookQuery,
  NudgeRequest,
  NudgeResponse,
  TaskSummary,
} from '@fieldwork/contracts';
import { Observable } from 'rxjs';
import { API_BASE } from '../api';
import { idPath, queryParams } from './http-params';

const COHORTS = `${API_BASE}/cohorts`;

/** The gradebook of a cohort and acting on it: nudges, extensions, excusals; the advisor's "needs your attention". */
@Injectable({ providedIn: 'root' })
export class GradebookService {
  private readonly http = inject(HttpClient);

  /** One page of students (keyset-paged by `cursor`) with a cell per assignment. */
  gradebook(cohortId: string, query: GradebookQuery = {}): Observable<Gradebook> {
    const params = queryParams({
      assignmentId: query.assignmentId,
      // A status filter means something only for one assignment.
      status: query.assignmentId ? query.status : undefined,
      q: query.q?.trim(),
      cursor: query.cursor,
      limit: query.limit,
    });
    return this.http.get<Gradebook>(idPath(COHORTS, cohortId, 'gradebook'), { params });
  }

  /** 409 `recently_nudged` when a chosen student was nudged about it in the last 24 h (unless `allowRepeat`). */
  nudge(cohortId: string, request: NudgeRequest): Observable<NudgeResponse> {
    const body: NudgeRequest = { assignmentId: request.assignmentId, message: request.message.trim() };
    if (request.studentIds) body.studentIds = request.studentIds;
    if (request.status) body.status = request.status;
    if (request.allowRepeat) body.allowRepeat = true;
    return this.http.post<NudgeResponse>(idPath(COHORTS, cohortId, 'nudges'), body);
  }

  extend(cohortId: string, request: BulkExtensionRequest): Observable<BulkResult> {
    return this.http.post<BulkResult>(idPath(COHORTS, cohortId, 'extensions'), withReason(request));
  }

  excuse(cohortId: string, request: BulkExcuseRequest): Observable<BulkResult> {
    return this.http.post<BulkResult>(idPath(COHORTS, cohortId, 'excusals'), { ...request, reason: request.reason.trim() });
  }

  /** One student's new due date. */
  extendTask(taskId: string, request: ExtensionRequest): Observable<TaskSummary> {
    return this.http.post<TaskSummary>(idPath(`${API_BASE}/tasks`, taskId, 'extension'), withReason(request));
  }

  attention(): Observable<AdvisorAttention> {
    return this.http.get<AdvisorAttention>(`${API_BASE}/me/attention`);
  }
}

/** The reason trimmed, and left out when empty. */
function withReason<T extends ExtensionRequest>(request: T): T {
  const body = { ...request };
  const reason = body.reason?.trim();
  if (reason) body.reason = reason;
  else delete body.reason;
  return body;
}
