import { HttpClient, HttpErrorResponse, HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { CreateExportRequest, CreateExportResponse, ExportPage, ExportSummary } from '@fieldwork/contracts';
import { Observable, catchError, from, map, switchMap, throwError } from 'rxjs';
import { API_BASE } from '../api';
import { idPath, queryParams } from '../staff/http-params';

const BASE = `${API_BASE}/exports`;

/** A downloaded export: the file and the name the server gave it. */
export interface ExportFile {
  blob: Blob;
  filename: string;
}

/** CSV exports run by the worker: request, watch progress, download. */
@Injectable({ providedIn: 'root' })
export class ExportsService {
  private readonly http = inject(HttpClient);

  request(request: CreateExportRequest): Observable<CreateExportResponse> {
    return this.http.post<CreateExportResponse>(BASE, request);
  }

  list(query: { cursor?: string; limit?: number } = {}): Observable<ExportPage> {
    return this.http.get<ExportPage>(BASE, { params: queryParams(query) });
  }

  get(id: string): Observable<ExportSummary> {
    return this.http.get<ExportSummary>(idPath(BASE, id));
  }

  /** The file as a blob (the API needs the bearer token, so a plain link would not do). */
  download(id: string): Observable<ExportFile> {
    return this.http.get(idPath(BASE, id, 'download'), { responseType: 'blob', observe: 'response' }).pipe(
      map((response: HttpResponse<Blob>) => ({
        blob: response.body ?? new Blob([]),
        filename: filenameOf(response.headers.get('content-disposition')) ?? `export-${id}.csv`,
      })),
      // A failed blob request carries its JSON error body as a Blob: read it, so readApiError sees the message.
      catchError((error: unknown) =>
        error instanceof HttpErrorResponse && error.error instanceof Blob
          ? from(blobText(error.error)).pipe(
              switchMap((text) =>
                throwError(() => new HttpErrorResponse({ error: parseJson(text), status: error.status, statusText: error.statusText, url: error.url ?? undefined })),
              ),
            )
          : throwError(() => error),
      ),
    );
  }
}

/** `attachment; filename="x.csv"` → `x.csv`. */
export function filenameOf(disposition: string | null): string | null {
  const match = disposition?.match(/filename="?([^";]+)"?/i);
  return match ? match[1] : null;
}

/** A blob's text (FileReader where Blob#text is missing, as in older test DOMs). */
function blobText(blob: Blob): Promise<string> {
  if (typeof blob.text === 'function') return blob.text();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
