import { Injectable } from '@nestjs/common';
import { join, resolve, sep } from 'node:path';
import { AppConfig } from '@fieldwork/server-core';

/**
 * Every file of a career center lives under `<EXPORT_DIR>/<tenant id>/`: its CSV
 * exports, its people's "my data" ZIPs (`my-data/`) and the operators' whole-tenant
 * ZIPs (`tenant-exports/<export id>.zip`). Deleting the tenant removes that folder.
 */
@Injectable()
export class TenantExportFiles {
  constructor(private readonly config: AppConfig) {}

  get root(): string {
    return this.config.exportDir;
  }

  relativePath(tenantId: string, exportId: string): string {
    return join(tenantId, 'tenant-exports', `${exportId}.zip`);
  }

  dir(tenantId: string): string {
    return join(this.root, tenantId, 'tenant-exports');
  }

  /** The folder of every file of the tenant. */
  tenantRoot(tenantId: string): string {
    return this.absolute(tenantId);
  }

  /** The absolute path of a stored relative path; refuses anything outside EXPORT_DIR. */
  absolute(relativePath: string): string {
    const path = resolve(this.root, relativePath);
    if (!path.startsWith(this.root + sep)) throw new Error(`tenant export path escapes EXPORT_DIR: ${relativePath}`);
    return path;
  }
}
