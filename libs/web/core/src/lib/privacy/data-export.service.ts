import { HttpClient, HttpErrorResponse, HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { CreateDataExportResponse, DataExportList, DataExportSummary } from '@fieldwork/contracts';
import { Observable, catchError, from, map, switchMap, throwError } from 'rxjs';
import { API_BASE } from '../api';
import { filenameOf } from '../admin/exports.service';

const BASE = `${API_BASE}/me`;

/** A downloaded copy: the ZIP and the name the server gave it. */
export interface DataExportFile {
  blob: Blob;
  filename: string;
}

/** "Download my data": ask for a copy, follow its progress, download the ZIP. Only one's own copies. */
@Injectable({ providedIn: 'root' })
export class DataExportService {
  private readonly http = inject(HttpClient);

  request(): Observable<CreateDataExportResponse> {
    return this.http.post<CreateDataExportResponse>(`${BASE}/data-export`, {});
  }

  list(): Observable<DataExportList> {
    return this.http.get<DataExportList>(`${BASE}/data-exports`);
  }

  get(id: string): Observable<DataExportSummary> {
    return this.http.get<DataExportSummary>(`${BASE}/data-export/${encodeURIComponent(id)}`);
  }

  /** The ZIP as a blob (the API needs the bearer token, so a plain link would not do). */
  download(id: string): Observable<DataExportFile> {
    return this.http.get(`${BASE}/data-export/${encodeURIComponent(id)}/download`, { responseType: 'blob', observe: 'response' }).pipe(
      map((response: HttpResponse<Blob>) => ({
        blob: response.body ?? new Blob([]),
        filename: filenameOf(response.headers.get('content-disposition')) ?? 'fieldwork-my-data.zip',
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
