import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  Page,
  SaveDraftRequest,
  Submission,
  SubmitReflectionRequest,
  TaskDetail,
  TaskDraft,
  TaskFilter,
  TaskSummary,
} from '@fieldwork/contracts';
import { Observable } from 'rxjs';
import { API_BASE } from '../api';

export interface StudentTaskQuery {
  status?: TaskFilter;
  cursor?: string;
  limit?: number;
}

/** Student: their own homework tasks, drafts and reflections. */
@Injectable({ providedIn: 'root' })
export class TasksService {
  private readonly http = inject(HttpClient);

  list(query: StudentTaskQuery = {}): Observable<Page<TaskSummary>> {
    let params = new HttpParams();
    if (query.status) params = params.set('status', query.status);
    if (query.cursor) params = params.set('cursor', query.cursor);
    if (query.limit) params = params.set('limit', String(query.limit));
    return this.http.get<Page<TaskSummary>>(`${API_BASE}/tasks`, { params });
  }

  get(id: string): Observable<TaskDetail> {
    return this.http.get<TaskDetail>(taskUrl(id));
  }

  /** Saves work in progress; an 'assigned' task becomes 'in_progress'. 409 once it is no longer editable. */
  saveDraft(id: string, draft: SaveDraftRequest): Observable<TaskDraft> {
    return this.http.put<TaskDraft>(`${taskUrl(id)}/draft`, draft);
  }

  submit(id: string, reflection: SubmitReflectionRequest): Observable<Submission> {
    return this.http.post<Submission>(`${taskUrl(id)}/submissions`, reflection);
  }

  /** Every submitted version, newest first, each with its review. */
  submissions(id: string): Observable<Submission[]> {
    return this.http.get<Submission[]>(`${taskUrl(id)}/submissions`);
  }
}

function taskUrl(id: string): string {
  return `${API_BASE}/tasks/${encodeURIComponent(id)}`;
}
