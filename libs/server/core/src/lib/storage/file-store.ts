import type { Readable, Writable } from 'node:stream';

/** A kept file opened for reading: its bytes as a stream, and its size. */
export interface StoredFile {
  stream: Readable;
  size: number;
}

/**
 * Where the product keeps files (CSV exports, "my data" ZIPs, whole-tenant ZIPs):
 * the local EXPORT_DIR (one host, or a shared volume), or an S3-compatible bucket
 * (S3_URL + S3_BUCKET), which every API and worker process on every machine reads
 * and writes. Keys are relative paths such as `<tenant id>/my-data/<id>.zip`; the
 * database keeps the key, so either store serves the same rows.
 */
export abstract class FileStore {
  abstract readonly kind: 'local' | 's3';

  /**
   * Writes the file `key` from whatever `write` puts into the stream it is given
   * (`write` must end the stream, as `pipeline()` does). The file appears under its
   * key only once complete, so a crash or a failed write never leaves a partial file
   * there; on failure nothing is left behind and the error is rethrown.
   */
  abstract put<T>(key: string, write: (out: Writable) => Promise<T>): Promise<{ result: T; size: number }>;

  /** The file for reading, or null when there is none under that key. */
  abstract open(key: string): Promise<StoredFile | null>;

  /** The file's size in bytes, or null when there is none. */
  abstract size(key: string): Promise<number | null>;

  /** Deletes the file; a missing file is not an error. */
  abstract delete(key: string): Promise<void>;

  /** Deletes every file whose key starts with `prefix/` (a tenant's folder); returns how many went. */
  abstract deleteFolder(prefix: string): Promise<number>;

  /** One line for the logs: where files go. */
  abstract describe(): string;
}

const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

/** Refuses keys that could escape the store's root (`..`, absolute paths, backslashes, empty segments). */
export function checkKey(key: string): string {
  if (!KEY.test(key) || key.split('/').some((segment) => segment === '..' || segment === '.')) {
    throw new Error(`not a valid file key: ${JSON.stringify(key)}`);
  }
  return key;
}
