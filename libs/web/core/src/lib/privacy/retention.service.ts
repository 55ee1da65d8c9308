import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { PrivacyPolicy, RetentionPreview } from '@fieldwork/contracts';
import type { Observable } from 'rxjs';
import { API_BASE } from '../api';

/** Retention: the admin's preview of the next daily run, and a career center's public privacy facts. */
@Injectable({ providedIn: 'root' })
export class RetentionService {
  private readonly http = inject(HttpClient);

  /** Admins: what the next run would delete, and what is due 30 days later. The periods are tenant settings. */
  preview(): Observable<RetentionPreview> {
    return this.http.get<RetentionPreview>(`${API_BASE}/tenant/retention-preview`);
  }

  /** Anyone, signed in or not: what the career center keeps and for how long. */
  policy(tenantSlug: string): Observable<PrivacyPolicy> {
    return this.http.get<PrivacyPolicy>(`${API_BASE}/privacy/${encodeURIComponent(tenantSlug)}`);
  }
}
