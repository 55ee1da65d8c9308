import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import type { CalendarLink, CalendarLinkStatus } from '@fieldwork/contracts';
import { API_BASE } from '../api';


/** The signed-in user's private calendar feed of due dates. */
@Injectable({ providedIn: 'root' })
export class CalendarFeedService {
  private readonly http = inject(HttpClient);

  /** The link itself the first time (it is made then); afterwards only since when it works (only its hash is kept). */
  get(): Observable<CalendarLinkStatus> {
    return this.http.get<CalendarLinkStatus>(`${API_BASE}/me/calendar`);
  }

  /** A new secret URL; the old one stops working at once. */
  rotate(): Observable<CalendarLink> {
    return this.http.post<CalendarLink>(`${API_BASE}/me/calendar/rotate`, null);
  }
}
