import { Injectable } from '@nestjs/common';
import { FileStore } from '@fieldwork/server-core';

/**
 * Where "my data" ZIPs live: key `<tenant id>/my-data/<export id>.zip` in the
 * FileStore (EXPORT_DIR on disk, or the S3 bucket), beside the tenant's CSV
 * exports (so removing a tenant's folder removes them too). The database keeps
 * the key, which every API and worker process shares.
 */
@Injectable()
export class DataExportFiles {
  constructor(readonly store: FileStore) {}

  relativePath(tenantId: string, exportId: string): string {
    return `${tenantId}/my-data/${exportId}.zip`;
  }
}
