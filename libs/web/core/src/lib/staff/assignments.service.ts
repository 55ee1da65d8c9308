import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  Assignment,
  AssignmentSummary,
  CreateAssignmentRequest,
  CreateAssignmentResponse,
  Page,
  UpdateAssignmentRequest,
} from '@fieldwork/contracts';
import { Observable } from 'rxjs';
import { API_BASE } from '../api';
import { idPath, queryParams } from './http-params';

export interface AssignmentListQuery {
  cohortId?: string;
  archived?: boolean | 'all';
  cursor?: string;
  limit?: number;
}

const BASE = `${API_BASE}/assignments`;

/** Homework given to a cohort or to chosen students. */
@Injectable({ providedIn: 'root' })
export class AssignmentsService {
  private readonly http = inject(HttpClient);

  list(query: AssignmentListQuery = {}): Observable<Page<AssignmentSummary>> {
    const archived = query.archived ?? false;
    const params = queryParams({
      cohortId: query.cohortId,
      archived: archived === 'all' ? undefined : archived,
      cursor: query.cursor,
      limit: query.limit,
    });
    return this.http.get<Page<AssignmentSummary>>(BASE, { params });
  }

  get(id: string): Observable<Assignment> {
    return this.http.get<Assignment>(idPath(BASE, id));
  }

  create(request: CreateAssignmentRequest): Observable<CreateAssignmentResponse> {
    return this.http.post<CreateAssignmentResponse>(BASE, request);
  }

  update(id: string, changes: UpdateAssignmentRequest): Observable<AssignmentSummary> {
    return this.http.patch<AssignmentSummary>(idPath(BASE, id), changes);
  }
}
