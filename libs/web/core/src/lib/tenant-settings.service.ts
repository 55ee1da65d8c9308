import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { TenantSettings } from '@fieldwork/contracts';
import { Observable } from 'rxjs';
import { API_BASE } from './api';

const URL = `${API_BASE}/tenant/settings`;

/** Admin: the career center's own settings (its time zone, the at-risk threshold). */
@Injectable({ providedIn: 'root' })
export class TenantSettingsService {
  private readonly http = inject(HttpClient);

  get(): Observable<TenantSettings> {
    return this.http.get<TenantSettings>(URL);
  }

  /** Changing the zone keeps every open task's local due day and time (the instants move); audited. */
  update(changes: Partial<TenantSettings>): Observable<TenantSettings> {
    return this.http.patch<TenantSettings>(URL, changes);
  }
}
