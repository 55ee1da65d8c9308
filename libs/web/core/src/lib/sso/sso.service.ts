import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { SsoAttempt, SsoDiscovery, SsoSettings, SsoSettingsRequest } from '@fieldwork/contracts';
import type { Observable } from 'rxjs';
import { API_BASE } from '../api';

/** Where the sign-in page remembers the career center last chosen on this device. */
export const REMEMBERED_CENTER_KEY = 'fieldwork.careerCenter';

/** Campus sign-in (SSO): the admin's settings and status panel, and the sign-in page's discovery. */
@Injectable({ providedIn: 'root' })
export class SsoService {
  private readonly http = inject(HttpClient);

  settings(): Observable<SsoSettings> {
    return this.http.get<SsoSettings>(`${API_BASE}/tenant/sso`);
  }

  save(settings: SsoSettingsRequest): Observable<SsoSettings> {
    return this.http.put<SsoSettings>(`${API_BASE}/tenant/sso`, settings);
  }

  /** Test mode: the IdP URL to open, to try the configuration with one's own account. */
  startTest(): Observable<{ url: string }> {
    return this.http.post<{ url: string }>(`${API_BASE}/tenant/sso/test`, {});
  }

  attempts(tenantSlug: string): Observable<SsoAttempt[]> {
    return this.http.get<SsoAttempt[]>(`${API_BASE}/sso/${encodeURIComponent(tenantSlug)}/attempts`);
  }

  /** Public: the career center of a slug or an e-mail address, and its "Sign in with …" button if any. */
  discover(query: { tenant: string } | { email: string }): Observable<SsoDiscovery> {
    return this.http.get<SsoDiscovery>(`${API_BASE}/sso/discover`, { params: new HttpParams({ fromObject: query }) });
  }

  /** Where the browser goes to sign in through the campus (a full page load, not an XHR). */
  startUrl(tenantSlug: string, returnTo?: string | null): string {
    const query = returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : '';
    return `${API_BASE}/sso/${encodeURIComponent(tenantSlug)}/start${query}`;
  }

  rememberedCenter(): string | null {
    try {
      return localStorage.getItem(REMEMBERED_CENTER_KEY);
    } catch {
      return null;
    }
  }

  rememberCenter(slug: string | null): void {
    try {
      if (slug) localStorage.setItem(REMEMBERED_CENTER_KEY, slug);
      else localStorage.removeItem(REMEMBERED_CENTER_KEY);
    } catch {
      // Private browsing without storage: nothing is remembered.
    }
  }
}
