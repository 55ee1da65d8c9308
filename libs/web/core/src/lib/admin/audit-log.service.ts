import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { AuditAction, AuditEventPage } from '@fieldwork/contracts';
import { Observable } from 'rxjs';
import { API_BASE } from '../api';
import { queryParams } from '../staff/http-params';

export interface AuditLogQuery {
  actorId?: string;
  action?: AuditAction;
  /** YYYY-MM-DD, in the career center's time zone. */
  from?: string;
  /** YYYY-MM-DD, inclusive. */
  to?: string;
  cursor?: string;
  limit?: number;
}

/** The career center's audit log (admins). */
@Injectable({ providedIn: 'root' })
export class AuditLogService {
  private readonly http = inject(HttpClient);

  list(query: AuditLogQuery = {}): Observable<AuditEventPage> {
    return this.http.get<AuditEventPage>(`${API_BASE}/audit-events`, { params: queryParams({ ...query }) });
  }
}
