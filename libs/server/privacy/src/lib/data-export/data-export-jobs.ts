import { Inject, Injectable } from '@nestjs/common';
import { AttemptedJob, JobHandlers, QueueJobs, QueueWork, RecurringJob, progressEvery } from '@fieldwork/server-core';
import { buildFailure, claimBuild, expireBuiltFiles, markBuildAttemptFailed, markBuildDone, markBuildRunning, recordBuildProgress } from '@fieldwork/server-exports';
import { DATA_EXPORT_RETENTION_DAYS, QUEUES, type JobOf } from '@fieldwork/contracts';
import { DataExportFiles } from './data-export-files';
import { countItems, totalItems, writeDataExportZip } from './data-export-writer';
import { DATA_EXPORTS_TABLE, lockDataExportToBuild } from './data-export.queries';

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
  protected readonly work: QueueWork = { queue: QUEUES.dataExports, concurrency: 2, schedule: DATA_EXPORTS_SWEEP_SCHEDULE };

  @Inject(DataExportFiles) private readonly files!: DataExportFiles;

  protected handlers(): JobHandlers {
    return {
      'build-data-export': (payload, job) => this.build(payload, job),
      'sweep-data-exports': () => this.sweep(),
    };
  }

  async build({ tenantId, exportId }: JobOf<'build-data-export'>, job?: AttemptedJob): Promise<BuildDataExportResult> {
    const claimed = await this.tenantDb.transaction(tenantId, async (db) =>
      claimBuild(await lockDataExportToBuild(db, tenantId, exportId), 'data export', () => markBuildRunning(db, DATA_EXPORTS_TABLE, tenantId, exportId)),
    );
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
      await this.tenantDb.transaction(tenantId, (db) => markBuildDone(db, DATA_EXPORTS_TABLE, tenantId, exportId, { count: items, path: relativePath, size, expiresAt }));
      this.logger.log(`data export ${exportId}: ${items} items, ${size} bytes`);
      return { status: 'done', items, bytes: size };
    } catch (error) {
      this.logger.warn(`data export ${exportId} failed: ${(error as Error).message}`);
      const failure = buildFailure(error, job, () => 'We could not make this copy of your data. Ask for a new one; if that fails too, tell your career center.');
      await this.tenantDb.transaction(tenantId, (db) => markBuildAttemptFailed(db, DATA_EXPORTS_TABLE, tenantId, exportId, failure.status, failure.message));
      throw error;
    }
  }

  /** Progress lands in its own short transaction, so the API sees it while the copy's read transaction is still open. */
  private async reportProgress(tenantId: string, exportId: string, progress: { total?: number; done: number }): Promise<void> {
    await this.tenantDb.transaction(tenantId, (db) => recordBuildProgress(db, DATA_EXPORTS_TABLE, tenantId, exportId, progress.done, progress.total ?? null));
  }

  /** Every tenant, one transaction each: deletes ZIPs past their expiry and marks them expired (the rows stay, for the record). */
  async sweep(): Promise<number> {
    let expired = 0;
    for (const tenantId of await this.tenantIds('all')) expired += await this.expireTenant(tenantId);
    return expired;
  }

  expireTenant(tenantId: string): Promise<number> {
    return this.tenantDb.transaction(tenantId, async (db) => {
      const expired = await expireBuiltFiles(db, DATA_EXPORTS_TABLE, tenantId, this.files.store);
      if (expired) this.logger.log(`tenant ${tenantId}: ${expired} data export(s) expired`);
      return expired;
    });
  }
}
