import { Injectable } from '@nestjs/common';
import { join, resolve, sep } from 'node:path';
import { AppConfig } from '@fieldwork/server-core';

/**
 * Where "my data" ZIPs live: `<EXPORT_DIR>/<tenant id>/my-data/<export id>.zip`,
 * beside the tenant's CSV exports (so removing a tenant's folder removes them
 * too). The database keeps the path relative to EXPORT_DIR, which the API and
 * the worker share.
 */
@Injectable()
export class DataExportFiles {
  constructor(private readonly config: AppConfig) {}

  get root(): string {
    return this.config.exportDir;
  }

  relativePath(tenantId: string, exportId: string): string {
    return join(tenantId, 'my-data', `${exportId}.zip`);
  }

  dir(tenantId: string): string {
    return join(this.root, tenantId, 'my-data');
  }

  /** The absolute path of a stored relative path; refuses anything outside EXPORT_DIR. */
  absolute(relativePath: string): string {
    const path = resolve(this.root, relativePath);
    if (!path.startsWith(this.root + sep)) throw new Error(`data export path escapes EXPORT_DIR: ${relativePath}`);
    return path;
  }
}
