import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import type { CalendarLink } from '@fieldwork/contracts';
import { API_BASE } from '../api';

/** GET /api/me/calendar and POST /api/me/calendar/rotate answer with this: the secret ICS feed URL. */
export type CalendarFeedLink = CalendarLink;

/** The signed-in user's private calendar feed of due dates. */
@Injectable({ providedIn: 'root' })
export class CalendarFeedService {
  private readonly http = inject(HttpClient);

  get(): Observable<CalendarFeedLink> {
    return this.http.get<CalendarFeedLink>(`${API_BASE}/me/calendar`);
  }

  /** A new secret URL; the old one stops working at once. */
  rotate(): Observable<CalendarFeedLink> {
    return this.http.post<CalendarFeedLink>(`${API_BASE}/me/calendar/rotate`, null);
  }
}
