import type { FileStore } from '@fieldwork/server-core';
import type { EntityManager } from 'typeorm';
import { lockExpiredBuilds, markBuildsExpired, type BuiltFileTable } from './exports.queries';

/**
 * The sweep of one tenant's built files (exports, data exports): deletes the files of done
 * builds past their expiry and marks them expired (the rows stay, for the record). Runs in
 * the caller's tenant transaction; answers how many expired.
 */
export async function expireBuiltFiles(db: EntityManager, table: BuiltFileTable, tenantId: string, store: FileStore): Promise<number> {
  const expired = await lockExpiredBuilds(db, table, tenantId);
  for (const row of expired) {
    if (row.file_path) await store.delete(row.file_path);
  }
  if (expired.length) await markBuildsExpired(db, table, tenantId, expired.map((row) => row.id));
  return expired.length;
}
