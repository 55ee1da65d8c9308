import { signal } from '@angular/core';
import type { Observable } from 'rxjs';

/**
 * Hands a downloaded file to the browser as a download (an authenticated
 * download can't be a plain link: the access token is sent by the HTTP client).
 */
export function saveFile(blob: Blob, filename: string, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = filename;
  doc.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file the page downloads when asked: `pending()` while it comes, then saved and announced. */
export function fileDownloads(announce: (message: string) => void) {
  const pending = signal(false);
  return {
    pending: pending.asReadonly(),
    /** Starts `request` unless a download is under way; `failed` gets the error. */
    start(request: Observable<{ blob: Blob; filename: string }>, failed: (error: unknown) => void): void {
      if (pending()) return;
      pending.set(true);
      request.subscribe({
        next: ({ blob, filename }) => {
          saveFile(blob, filename);
          announce(`Downloading ${filename}.`);
          pending.set(false);
        },
        error: (error: unknown) => {
          pending.set(false);
          failed(error);
        },
      });
    },
  };
}
