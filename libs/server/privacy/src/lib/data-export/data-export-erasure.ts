import { EntityManager } from 'typeorm';
import { DataExportFiles } from './data-export-files';
import { dataExportFilesOf, deleteDataExports } from './data-export.queries';

/**
 * For erasing an account: deletes every "my data" copy of the person — the ZIP
 * files (they hold the person's name, e-mail and reflections) and their rows —
 * in the caller's tenant transaction. Idempotent; returns how many copies went.
 */
export async function eraseDataExportsOf(db: EntityManager, files: DataExportFiles, tenantId: string, userId: string): Promise<number> {
  const rows = await dataExportFilesOf(db, tenantId, userId);
  if (!rows.length) return 0;
  await deleteDataExports(db, tenantId, rows.map((row) => row.id));
  // The files go once the rows are gone in this transaction (a failed delete above leaves both).
  for (const row of rows) {
    if (row.file_path) await files.store.delete(row.file_path);
  }
  return rows.length;
}
