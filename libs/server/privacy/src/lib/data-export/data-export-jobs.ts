import { Inject, Injectable } from '@nestjs/common';
import { AttemptedJob, JobHandlers, QueueJobs, RecurringJob, isLastAttempt, progressEvery } from '@fieldwork/server-core';
import { DATA_EXPORT_RETENTION_DAYS, QUEUES, type JobOf } from '@fieldwork/contracts';
import { DataExportFiles } from './data-export-files';
import { countItems, totalItems, writeDataExportZip } from './data-export-writer';
import {
  expiredDataExports,
  lockDataExportToBuild,
  markDataExportDone,
  markDataExportFailed,
  markDataExportRunning,
  markDataExportsExpired,
  reportDataExportProgress,
  type DataExportToBuildRow,
} from './data-export.queries';

export const DATA_EXPORTS_SWEEP_SCHEDULE: RecurringJob = { id: 'daily-data-exports-sweep', pattern: '45 3 * * *', job: 'sweep-data-exports' };

export type BuildDataExportResult = { status: 'done'; items: number; bytes: number } | { status: 'skipped'; reason: string };

/**
 * The worker side of "download my data". `build-data-export` is idempotent: a
 * done (or expired) copy is left alone; any other state is rewritten from
 * scratch through the FileStore, where it appears under its key only once
 * complete. The daily sweep deletes every tenant's ZIPs past their 7 days and
 * marks them expired.
 */
@Injectable()
export class DataExportJobs extends QueueJobs {
  protected readonly queueName = QUEUES.dataExports;
  protected override readonly workerOptions = { concurrency: 2 };
  protected override readonly schedule = DATA_EXPORTS_SWEEP_SCHEDULE;

  @Inject(DataExportFiles) private readonly files!: DataExportFiles;

  protected handlers(): JobHandlers {
    return {
      'build-data-export': (payload, job) => this.build(payload, job),
      'sweep-data-exports': () => this.sweep(),
    };
  }

  async build({ tenantId, exportId }: JobOf<'build-data-export'>, job?: AttemptedJob): Promise<BuildDataExportResult> {
    const claimed = await this.tenantDb.transaction(tenantId, async (db): Promise<DataExportToBuildRow | string> => {
      const row = await lockDataExportToBuild(db, tenantId, exportId);
      if (!row) return 'no such data export';
      if (row.status === 'done' || row.status === 'expired') return `already ${row.status}`;
      await markDataExportRunning(db, tenantId, exportId);
      return row;
    });
    if (typeof claimed === 'string') return { status: 'skipped', reason: claimed };

    const relativePath = this.files.relativePath(tenantId, exportId);
    const expiresAt = new Date(claimed.now.getTime() + DATA_EXPORT_RETENTION_DAYS * 86_400_000);
    try {
      const { result: items, size } = await this.files.store.put(relativePath, (out) =>
        this.tenantDb.transaction(tenantId, async (db) => {
          const counts = await countItems(db, { tenantId, userId: claimed.user_id });
          const total = totalItems(counts);
          await this.reportProgress(tenantId, exportId, { total, done: 0 });
          const subject = {
            tenantId,
            userId: claimed.user_id,
            userName: claimed.user_name,
            role: claimed.role,
            tenantName: claimed.tenant_name,
            timezone: claimed.timezone,
            at: claimed.now,
            expiresAt,
          };
          // At most one progress write per percent (and none for tiny copies).
          const progress = progressEvery(total / 100, (done) => this.reportProgress(tenantId, exportId, { done }));
          await writeDataExportZip(db, subject, counts, out, progress);
          return total;
        }),
      );
      await this.tenantDb.transaction(tenantId, (db) => markDataExportDone(db, tenantId, exportId, { items, filePath: relativePath, fileSize: size, expiresAt }));
      this.logger.log(`data export ${exportId}: ${items} items, ${size} bytes`);
      return { status: 'done', items, bytes: size };
    } catch (error) {
      this.logger.warn(`data export ${exportId} failed: ${(error as Error).message}`);
      const last = isLastAttempt(job);
      const message = last
        ? 'We could not make this copy of your data. Ask for a new one; if that fails too, tell your career center.'
        : `Attempt failed (${(error as Error).message}); retrying`;
      await this.tenantDb.transaction(tenantId, (db) => markDataExportFailed(db, tenantId, exportId, last ? 'failed' : 'queued', message));
      throw error;
    }
  }

  /** Progress lands in its own short transaction, so the API sees it while the copy's read transaction is still open. */
  private async reportProgress(tenantId: string, exportId: string, progress: { total?: number; done: number }): Promise<void> {
    await this.tenantDb.transaction(tenantId, (db) => reportDataExportProgress(db, tenantId, exportId, progress));
  }

  /** Every tenant, one transaction each: deletes ZIPs past their expiry and marks them expired (the rows stay, for the record). */
  async sweep(): Promise<number> {
    let expired = 0;
    for (const tenantId of await this.tenantIds('all')) expired += await this.expireTenant(tenantId);
    return expired;
  }

  expireTenant(tenantId: string): Promise<number> {
    return this.tenantDb.transaction(tenantId, async (db) => {
      const rows = await expiredDataExports(db, tenantId);
      for (const row of rows) {
        if (row.file_path) await this.files.store.delete(row.file_path);
      }
      if (rows.length) {
        await markDataExportsExpired(db, tenantId, rows.map((row) => row.id));
        this.logger.log(`tenant ${tenantId}: ${rows.length} data export(s) expired`);
      }
      return rows.length;
    });
  }
}
