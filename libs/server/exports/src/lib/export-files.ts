import { Injectable } from '@nestjs/common';
import { join, resolve, sep } from 'node:path';
import { AppConfig } from '@fieldwork/server-core';

/**
 * Where export files live: `<EXPORT_DIR>/<tenant id>/<export id>.csv`. The
 * database keeps the path relative to EXPORT_DIR, so the API and the worker (on
 * one host, or sharing a volume) agree on it.
 */
@Injectable()
export class ExportFiles {
  constructor(private readonly config: AppConfig) {}

  get root(): string {
    return this.config.exportDir;
  }

  relativePath(tenantId: string, exportId: string): string {
    return join(tenantId, `${exportId}.csv`);
  }

  tenantDir(tenantId: string): string {
    return join(this.root, tenantId);
  }

  /** The absolute path of a stored relative path; refuses anything outside EXPORT_DIR. */
  absolute(relativePath: string): string {
    const path = resolve(this.root, relativePath);
    if (!path.startsWith(this.root + sep)) throw new Error(`export path escapes EXPORT_DIR: ${relativePath}`);
    return path;
  }
}
