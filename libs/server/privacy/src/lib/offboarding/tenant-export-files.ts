import { Injectable } from '@nestjs/common';
import { FileStore } from '@fieldwork/server-core';

/**
 * Every file of a career center lives under the key prefix `<tenant id>/` in the
 * FileStore: its CSV exports, its people's "my data" ZIPs (`my-data/`) and the
 * operators' whole-tenant ZIPs (`tenant-exports/<export id>.zip`). Deleting the
 * tenant removes that folder.
 */
@Injectable()
export class TenantExportFiles {
  constructor(readonly store: FileStore) {}

  relativePath(tenantId: string, exportId: string): string {
    return `${tenantId}/tenant-exports/${exportId}.zip`;
  }
}
