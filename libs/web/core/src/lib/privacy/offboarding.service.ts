import { HttpClient, HttpErrorResponse, HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { CreateTenantExportResponse, DeleteTenantRequest, TenantExportSummary, TenantSummary } from '@fieldwork/contracts';
import { Observable, catchError, from, map, switchMap, throwError } from 'rxjs';
import { API_BASE } from '../api';
import { type ExportFile, filenameOf } from '../admin/exports.service';
import { idPath } from '../staff/http-params';

const TENANTS = `${API_BASE}/platform/tenants`;
const EXPORTS = `${API_BASE}/platform/tenant-exports`;

/** Operator: offboarding a career center — its whole export, closing it, restoring it within the grace period. */
@Injectable({ providedIn: 'root' })
export class OffboardingService {
  private readonly http = inject(HttpClient);

  requestExport(tenantId: string): Observable<CreateTenantExportResponse> {
    return this.http.post<CreateTenantExportResponse>(idPath(TENANTS, tenantId, 'export'), {});
  }

  getExport(id: string): Observable<TenantExportSummary> {
    return this.http.get<TenantExportSummary>(idPath(EXPORTS, id));
  }

  /** The ZIP as a blob (the API needs the bearer token, so a plain link would not do). */
  downloadExport(id: string): Observable<ExportFile> {
    return this.http.get(idPath(EXPORTS, id, 'download'), { responseType: 'blob', observe: 'response' }).pipe(
      map((response: HttpResponse<Blob>) => ({
        blob: response.body ?? new Blob([]),
        filename: filenameOf(response.headers.get('content-disposition')) ?? `career-center-${id}.zip`,
      })),
      // A failed blob request carries its JSON error body as a Blob: read it, so readApiError sees the message.
      catchError((error: unknown) =>
        error instanceof HttpErrorResponse && error.error instanceof Blob
          ? from(error.error.text()).pipe(
              switchMap((text) => throwError(() => new HttpErrorResponse({ error: parseJson(text), status: error.status, statusText: error.statusText, url: error.url ?? undefined }))),
            )
          : throwError(() => error),
      ),
    );
  }

  /** Closes the career center at once; it is deleted after the grace period. `confirmSlug` is what the operator typed. */
  close(tenantId: string, confirmSlug: string): Observable<TenantSummary> {
    const body: DeleteTenantRequest = { confirmSlug: confirmSlug.trim() };
    return this.http.delete<TenantSummary>(idPath(TENANTS, tenantId), { body });
  }

  restore(tenantId: string): Observable<TenantSummary> {
    return this.http.post<TenantSummary>(idPath(TENANTS, tenantId, 'restore'), {});
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
