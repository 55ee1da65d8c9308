import {
  FetchBackend,
  HttpBackend,
  HttpClient,
  HttpErrorResponse,
  HttpEvent,
  HttpEventType,
  HttpXhrBackend,
  provideHttpClient,
  withInterceptors,
} from '@angular/common/http';
import { EnvironmentInjector, Injectable, InjectionToken, createEnvironmentInjector, inject } from '@angular/core';
import { ROSTER_COLUMNS, ROSTER_MAX_BYTES, ROSTER_MAX_ROWS, type RosterImportReport } from '@fieldwork/contracts';
import { Observable, catchError, filter, map, of, throwError } from 'rxjs';
import { API_BASE } from '../api';
import { authInterceptor } from '../auth.interceptor';

/**
 * The HttpClient for file uploads. The app talks over fetch(), which cannot
 * report upload progress; uploads then go over XMLHttpRequest, through the
 * same auth interceptor. (Anything else, e.g. a testing backend, is used as is.)
 */
export const UPLOAD_HTTP_CLIENT = new InjectionToken<HttpClient>('UPLOAD_HTTP_CLIENT', {
  providedIn: 'root',
  factory: () => {
    if (!(inject(HttpBackend) instanceof FetchBackend)) return inject(HttpClient);
    const child = createEnvironmentInjector(
      [provideHttpClient(withInterceptors([authInterceptor])), { provide: HttpBackend, useExisting: HttpXhrBackend }],
      inject(EnvironmentInjector),
      'upload-http',
    );
    return child.get(HttpClient);
  },
});

/** What an upload reports as it goes: bytes sent, then the server's report. */
export type RosterUploadEvent =
  | { type: 'progress'; loaded: number; total: number | null }
  | { type: 'done'; report: RosterImportReport };

/** Example rows (without the header) for the import page and the example file. */
export const ROSTER_EXAMPLE_ROWS: readonly (readonly string[])[] = [
  ['ada.lovelace@university.edu', 'Ada Lovelace', 'S1001', 'Fall 2026 Public Service'],
  ['grace.hopper@university.edu', 'Grace Hopper', 'S1002', 'Fall 2026 Public Service'],
  ['alan.turing@university.edu', 'Alan Turing', 'S1003', 'Spring 2027 Nonprofit Careers'],
];

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A small, valid example roster (header + rows) for people to start from. */
export function rosterExampleCsv(): string {
  return [ROSTER_COLUMNS, ...ROSTER_EXAMPLE_ROWS].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** Problems we can see before uploading, or null when the file looks fine to send. */
export function rosterFileProblem(file: Pick<File, 'name' | 'size' | 'type'> | null): string | null {
  if (!file) return 'Choose a CSV file first.';
  if (file.size === 0) return 'That file is empty.';
  const looksCsv = /\.csv$/i.test(file.name) || /(^text\/(csv|plain)$)|comma-separated/i.test(file.type);
  if (!looksCsv) return 'Choose a .csv file (in a spreadsheet, use "Save as" → CSV).';
  if (file.size > ROSTER_MAX_BYTES) return `That file is larger than ${ROSTER_MAX_BYTES / 1024 / 1024} MB. A roster has at most ${ROSTER_MAX_ROWS.toLocaleString('en-US')} rows.`;
  return null;
}

function isReport(value: unknown): value is RosterImportReport {
  return (
    value !== null &&
    typeof value === 'object' &&
    Array.isArray((value as RosterImportReport).errors) &&
    typeof (value as RosterImportReport).rows === 'number'
  );
}

function reportIn(body: unknown): RosterImportReport | null {
  if (typeof body === 'string') {
    try {
      return reportIn(JSON.parse(body));
    } catch {
      return null;
    }
  }
  if (isReport(body)) return body;
  const nested = (body as { report?: unknown } | null)?.report;
  return isReport(nested) ? nested : null;
}

/** Admin: checks (dry run) or imports a roster CSV. */
@Injectable({ providedIn: 'root' })
export class RosterService {
  private readonly http = inject(UPLOAD_HTTP_CLIENT);

  /**
   * Uploads the file as multipart field "file" (with removeMissing, members of the
   * file's cohorts who are not in it are listed, and on import removed). A file with bad rows answers 400
   * with a report: that arrives as a `done` event, not as an error.
   */
  upload(file: File, dryRun: boolean, removeMissing = false): Observable<RosterUploadEvent> {
    const form = new FormData();
    form.append('file', file, file.name);
    return this.http
      .post<RosterImportReport>(`${API_BASE}/rosters/import`, form, {
        params: { dryRun: String(dryRun), removeMissing: String(removeMissing) },
        reportProgress: true,
        observe: 'events',
      })
      .pipe(
        map((event: HttpEvent<RosterImportReport>): RosterUploadEvent | null => {
          if (event.type === HttpEventType.UploadProgress) {
            return { type: 'progress', loaded: event.loaded, total: event.total ?? null };
          }
          if (event.type === HttpEventType.Response) {
            const report = reportIn(event.body);
            if (!report) throw new Error('The server answered without a report.');
            return { type: 'done', report };
          }
          return null;
        }),
        filter((event): event is RosterUploadEvent => event !== null),
        catchError((error: unknown) => {
          if (error instanceof HttpErrorResponse && error.status === 400) {
            const report = reportIn(error.error);
            if (report) return of<RosterUploadEvent>({ type: 'done', report });
          }
          return throwError(() => error);
        }),
      );
  }
}
