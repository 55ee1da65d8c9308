import { Injectable } from '@nestjs/common';
import {
  AttemptedJob,
  JobHandlers,
  QueueJobs,
  QueueWork,
  QueueService,
  RecurringJob,
  ScheduledJob,
  TenantDatabase,
  progressEvery,
  scheduledSlot,
  sql,
} from '@fieldwork/server-core';
import { EXPORT_RETENTION_DAYS, QUEUES, type JobOf } from '@fieldwork/contracts';
import { BUILD_PROGRESS_EVERY_ROWS, buildFailure, claimBuild, expireBuiltFiles, type BuildResult } from './built-files';
import { ExportFiles } from './export-files';
import { exportQuery } from './export-kinds';
import { writeCsv } from './export-writer';
import {
  EXPORTS_TABLE,
  countOf,
  lockExportToRun,
  markBuildAttemptFailed,
  markBuildDone,
  markBuildRunning,
  recordBuildProgress,
} from './exports.queries';

export const EXPORTS_SWEEP_SCHEDULE: RecurringJob = { id: 'daily-exports-sweep', pattern: '30 3 * * *', job: 'sweep-expired-exports' };

/**
 * The worker side of exports. `run-export` is idempotent: a done (or expired)
 * export is left alone; any other state is rewritten from scratch through the
 * FileStore, where the file appears under its key only once complete (a part file
 * renamed into place on disk, a completed multipart upload on S3), so a crash or a
 * concurrent duplicate never leaves a partial file behind the key. A daily sweep
 * deletes files past their expiry.
 */
@Injectable()
export class ExportJobs extends QueueJobs {
  // Exports are long, I/O-bound reads; two at a time keeps the database and the disk responsive.
  protected readonly work: QueueWork = { queue: QUEUES.exports, concurrency: 2, schedule: EXPORTS_SWEEP_SCHEDULE };

  constructor(
    queues: QueueService,
    tenantDb: TenantDatabase,
    private readonly files: ExportFiles,
  ) {
    super(queues, tenantDb);
  }

  protected handlers(): JobHandlers {
    return {
      'run-export': (payload, job) => this.runExport(payload, job),
      'sweep-expired-exports': (_payload, job) => this.sweepTenants(job),
      'expire-exports': (payload) => this.expireExports(payload),
    };
  }

  async runExport({ tenantId, exportId }: JobOf<'run-export'>, job?: AttemptedJob): Promise<BuildResult> {
    const claimed = await this.tenantDb.transaction(tenantId, async (db) =>
      claimBuild(await lockExportToRun(db, tenantId, exportId), 'export', () => markBuildRunning(db, EXPORTS_TABLE, tenantId, exportId)),
    );
    if (typeof claimed === 'string') return { status: 'skipped', reason: claimed };

    const query = exportQuery(claimed.kind, { tenantId, cohortId: claimed.cohort_id, timezone: claimed.timezone });
    const relativePath = this.files.relativePath(tenantId, exportId);
    try {
      const { result: rows, size } = await this.files.store.put(relativePath, (out) =>
        this.tenantDb.transaction(tenantId, async (db) => {
          const total = await countOf(db, query.count);
          await this.reportProgress(tenantId, exportId, { total, done: 0 });
          return writeCsv(db, query, out, progressEvery(BUILD_PROGRESS_EVERY_ROWS, (done) => this.reportProgress(tenantId, exportId, { done })));
        }),
      );
      const expiresAt = sql`now() + make_interval(days => ${EXPORT_RETENTION_DAYS})`;
      await this.tenantDb.transaction(tenantId, (db) => markBuildDone(db, EXPORTS_TABLE, tenantId, exportId, { count: rows, path: relativePath, size, expiresAt }));
      this.logger.log(`export ${exportId} (${claimed.kind}): ${rows} rows, ${size} bytes`);
      return { status: 'done', rows, bytes: size };
    } catch (error) {
      const failure = buildFailure(error, job, (reason) => `The export failed: ${reason}`);
      await this.tenantDb.transaction(tenantId, (db) => markBuildAttemptFailed(db, EXPORTS_TABLE, tenantId, exportId, failure.status, failure.message));
      throw error;
    }
  }

  /** Progress lands in its own short transaction, so the API sees it while the export's read transaction is still open. */
  private async reportProgress(tenantId: string, exportId: string, progress: { total?: number; done: number }): Promise<void> {
    await this.tenantDb.transaction(tenantId, (db) => recordBuildProgress(db, EXPORTS_TABLE, tenantId, exportId, progress.done, progress.total ?? null));
  }

  async sweepTenants(job: ScheduledJob): Promise<number> {
    const day = scheduledSlot(job).toISOString().slice(0, 10);
    return this.addPerTenant(await this.tenantIds('all'), 'expire-exports', (tenantId) => ({ data: { tenantId }, jobId: `expire-exports-${tenantId}-${day}` }));
  }

  /** Deletes the files of a tenant's exports past their expiry and marks them expired (the rows stay, for the record). */
  expireExports({ tenantId }: JobOf<'expire-exports'>): Promise<number> {
    return this.tenantDb.transaction(tenantId, async (db) => {
      const expired = await expireBuiltFiles(db, EXPORTS_TABLE, tenantId, this.files.store);
      if (expired) this.logger.log(`tenant ${tenantId}: ${expired} export file(s) expired`);
      return expired;
    });
  }
}
