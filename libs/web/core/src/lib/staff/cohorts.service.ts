import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AddCohortMembersRequest,
  AddCohortMembersResponse,
  CohortDetail,
  CohortSummary,
  CreateCohortRequest,
  Page,
  UpdateCohortRequest,
} from '@fieldwork/contracts';
import { Observable, map } from 'rxjs';
import { API_BASE } from '../api';
import { idPath, queryParams } from './http-params';

export interface CohortListQuery {
  /** false (default): live cohorts only; true: archived only; 'all': both. */
  archived?: boolean | 'all';
  cursor?: string;
  limit?: number;
}

const BASE = `${API_BASE}/cohorts`;

/** Admin (every cohort) and advisor (the cohorts they advise). */
@Injectable({ providedIn: 'root' })
export class CohortsService {
  private readonly http = inject(HttpClient);

  list(query: CohortListQuery = {}): Observable<Page<CohortSummary>> {
    const archived = query.archived ?? false;
    const params = queryParams({
      archived: archived === 'all' ? undefined : archived,
      cursor: query.cursor,
      limit: query.limit,
    });
    return this.http.get<Page<CohortSummary>>(BASE, { params });
  }

  get(id: string): Observable<CohortDetail> {
    return this.http.get<CohortDetail>(idPath(BASE, id));
  }

  create(request: CreateCohortRequest): Observable<CohortSummary> {
    return this.http.post<CohortSummary>(BASE, {
      name: request.name.trim(),
      startsOn: request.startsOn || null,
      endsOn: request.endsOn || null,
    });
  }

  update(id: string, changes: UpdateCohortRequest): Observable<CohortSummary> {
    const body: UpdateCohortRequest = { ...changes };
    if (typeof body.name === 'string') body.name = body.name.trim();
    if (body.startsOn === '') body.startsOn = null;
    if (body.endsOn === '') body.endsOn = null;
    return this.http.patch<CohortSummary>(idPath(BASE, id), body);
  }

  addMembers(id: string, request: AddCohortMembersRequest): Observable<AddCohortMembersResponse> {
    return this.http.post<AddCohortMembersResponse>(idPath(BASE, id, 'members'), request);
  }

  removeMember(id: string, userId: string): Observable<void> {
    return this.http.delete(idPath(BASE, id, 'members', userId)).pipe(map(() => undefined));
  }
}
