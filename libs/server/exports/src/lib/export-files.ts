import { Injectable } from '@nestjs/common';
import { FileStore } from '@fieldwork/server-core';

/**
 * Where export files live: key `<tenant id>/<export id>.csv` in the FileStore
 * (EXPORT_DIR on disk, or the S3 bucket). The database keeps the key, so every
 * API and worker process, on any machine, finds the same file.
 */
@Injectable()
export class ExportFiles {
  constructor(readonly store: FileStore) {}

  relativePath(tenantId: string, exportId: string): string {
    return `${tenantId}/${exportId}.csv`;
  }
}
