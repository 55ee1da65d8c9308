import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map } from 'rxjs';
import { API_BASE } from '../api';

/** Bull Board, the operators' view of the background job queues (served by the API, not the web app). */
export const QUEUE_DASHBOARD_URL = `${API_BASE}/admin/queues`;

/**
 * Operator: opens a short (15-minute) queue dashboard session. A browser tab
 * can't send the app's bearer token, so this call (which can) has the API set
 * an httpOnly cookie for the dashboard's path; then the tab may open it.
 */
@Injectable({ providedIn: 'root' })
export class QueueDashboardService {
  private readonly http = inject(HttpClient);

  openSession(): Observable<void> {
    return this.http.post<void>(`${QUEUE_DASHBOARD_URL}/session`, null).pipe(map(() => undefined));
  }
}
