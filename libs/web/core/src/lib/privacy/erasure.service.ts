import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CreateDeletionRequest,
  CreateDeletionRequestResponse,
  DeletionRequestList,
  DeletionRequestSummary,
  MyDeletionRequest,
} from '@fieldwork/contracts';
import type { Observable } from 'rxjs';
import { API_BASE } from '../api';

/** Deleting accounts: a person's own request; the administrators' list, approval and "start one for someone"; erasing a contact. */
@Injectable({ providedIn: 'root' })
export class ErasureService {
  private readonly http = inject(HttpClient);

  mine(): Observable<MyDeletionRequest> {
    return this.http.get<MyDeletionRequest>(`${API_BASE}/me/deletion-request`);
  }

  request(body: CreateDeletionRequest = {}): Observable<CreateDeletionRequestResponse> {
    return this.http.post<CreateDeletionRequestResponse>(`${API_BASE}/me/deletion-request`, body);
  }

  cancel(): Observable<void> {
    return this.http.delete<void>(`${API_BASE}/me/deletion-request`);
  }

  list(): Observable<DeletionRequestList> {
    return this.http.get<DeletionRequestList>(`${API_BASE}/deletion-requests`);
  }

  get(id: string): Observable<DeletionRequestSummary> {
    return this.http.get<DeletionRequestSummary>(`${API_BASE}/deletion-requests/${encodeURIComponent(id)}`);
  }

  approve(id: string): Observable<DeletionRequestSummary> {
    return this.http.post<DeletionRequestSummary>(`${API_BASE}/deletion-requests/${encodeURIComponent(id)}/approve`, {});
  }

  startFor(userId: string, body: CreateDeletionRequest = {}): Observable<CreateDeletionRequestResponse> {
    return this.http.post<CreateDeletionRequestResponse>(`${API_BASE}/users/${encodeURIComponent(userId)}/deletion-request`, body);
  }

  eraseContact(contactId: string): Observable<void> {
    return this.http.post<void>(`${API_BASE}/contacts/${encodeURIComponent(contactId)}/erase`, {});
  }
}
