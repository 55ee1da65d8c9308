import { ConflictException, GoneException } from '@nestjs/common';
import type { FileStore, StoredFile } from './file-store';

/** Where a file a worker builds and keeps for a few days stands (the built-file columns of its table). */
export interface BuiltFileState {
  status: string;
  file_path: string | null;
  expires_at: Date | null;
}

/** What a download answers when there is no file to give: expired (410), not built yet (409), lost from the store (410). */
export interface BuiltFileRefusals {
  expired: string;
  notReady: string;
  missing: string;
}

/**
 * Opens a built file for its download: 410 once it has expired (by status, or a done file past its
 * expiry that the sweep has not reached yet), 409 while it is not done, 410 when the store no longer has
 * it. Then `record` writes the download's audit; should that fail, the opened stream is closed.
 */
export async function openBuiltFile(store: FileStore, file: BuiltFileState, refusals: BuiltFileRefusals, record: (opened: StoredFile) => Promise<unknown>): Promise<StoredFile> {
  if (file.status === 'expired' || (file.status === 'done' && file.expires_at && file.expires_at <= new Date())) throw new GoneException(refusals.expired);
  if (file.status !== 'done' || !file.file_path) throw new ConflictException(refusals.notReady);
  const opened = await store.open(file.file_path);
  if (!opened) throw new GoneException(refusals.missing);
  try {
    await record(opened);
  } catch (error) {
    opened.stream.destroy();
    throw error;
  }
  return opened;
}
