import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { ApiTokenList, CreateApiTokenRequest, CreatedApiToken, RosterImportHistory } from '@fieldwork/contracts';
import type { Observable } from 'rxjs';
import { API_BASE } from '../api';

/** Admin: API tokens for scripts (the registrar's nightly roster push): make one (shown once), list, revoke. */
@Injectable({ providedIn: 'root' })
export class ApiTokensService {
  private readonly http = inject(HttpClient);

  list(): Observable<ApiTokenList> {
    return this.http.get<ApiTokenList>(`${API_BASE}/api-tokens`);
  }

  create(body: CreateApiTokenRequest): Observable<CreatedApiToken> {
    return this.http.post<CreatedApiToken>(`${API_BASE}/api-tokens`, body);
  }

  revoke(id: string): Observable<void> {
    return this.http.delete<void>(`${API_BASE}/api-tokens/${encodeURIComponent(id)}`);
  }
}

/** Admin: the roster import history (page and API token, dry runs too), newest first. */
@Injectable({ providedIn: 'root' })
export class RosterHistoryService {
  private readonly http = inject(HttpClient);

  list(limit = 20): Observable<RosterImportHistory> {
    return this.http.get<RosterImportHistory>(`${API_BASE}/rosters/imports`, { params: { limit: String(limit) } });
  }
}

/** The nightly push, as a script would send it: the curl command shown with a new token. */
export function rosterPushCurl(origin: string, token: string): string {
  return [
    `curl --fail-with-body -X POST \\`,
    `  -H "Authorization: Bearer ${token}" \\`,
    `  -F "file=@roster.csv;type=text/csv" \\`,
    `  "${origin}${API_BASE}/rosters/import?removeMissing=false"`,
  ].join('\n');
}
