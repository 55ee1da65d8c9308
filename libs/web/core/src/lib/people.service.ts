import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  InvitationRequest,
  InvitationResponse,
  Page,
  UpdateUserRequest,
  UserListQuery,
  UserSummary,
} from '@fieldwork/contracts';
import { Observable } from 'rxjs';
import { API_BASE } from './api';

/** How a person's account stands, as the people list shows it. */
export type UserStatus = 'active' | 'invited' | 'deactivated';

export function userStatus(user: Pick<UserSummary, 'active' | 'activated'>): UserStatus {
  if (!user.active) return 'deactivated';
  return user.activated ? 'active' : 'invited';
}

export const USER_STATUS_LABELS: Record<UserStatus, string> = {
  active: 'Active',
  invited: 'Invited',
  deactivated: 'Deactivated',
};

/** Admin: the people of the signed-in admin's career center, and invitations. */
@Injectable({ providedIn: 'root' })
export class PeopleService {
  private readonly http = inject(HttpClient);

  list(query: UserListQuery = {}): Observable<Page<UserSummary>> {
    let params = new HttpParams();
    if (query.role) params = params.set('role', query.role);
    if (query.q?.trim()) params = params.set('q', query.q.trim());
    if (query.cursor) params = params.set('cursor', query.cursor);
    if (query.limit) params = params.set('limit', String(query.limit));
    return this.http.get<Page<UserSummary>>(`${API_BASE}/users`, { params });
  }

  update(id: string, changes: UpdateUserRequest): Observable<UserSummary> {
    return this.http.patch<UserSummary>(`${API_BASE}/users/${encodeURIComponent(id)}`, changes);
  }

  invite(request: InvitationRequest): Observable<InvitationResponse> {
    return this.http.post<InvitationResponse>(`${API_BASE}/invitations`, {
      email: request.email.trim(),
      name: request.name.trim(),
      role: request.role,
    });
  }
}
