import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import type {
  DeliveryMode,
  NotificationPreferences,
  PreferenceKind,
  UpdateNotificationPreferencesRequest,
} from '@fieldwork/contracts';
import { API_BASE } from '../api';

const PREFERENCES_URL = `${API_BASE}/me/notification-preferences`;

/**
 * The signed-in user's choice per kind of notification: right away (inbox and
 * e-mail now), in the 08:00 daily digest (inbox now, e-mail in the digest), or off.
 */
@Injectable({ providedIn: 'root' })
export class NotificationPreferencesService {
  private readonly http = inject(HttpClient);

  /** The kinds this user receives, each with its current mode and the modes it offers. */
  get(): Observable<NotificationPreferences> {
    return this.http.get<NotificationPreferences>(PREFERENCES_URL);
  }

  /** Sets one kind (the others keep theirs); answers with every kind as now saved. */
  set(kind: PreferenceKind, mode: DeliveryMode): Observable<NotificationPreferences> {
    const body: UpdateNotificationPreferencesRequest = { preferences: [{ kind, mode }] };
    return this.http.put<NotificationPreferences>(PREFERENCES_URL, body);
  }
}
