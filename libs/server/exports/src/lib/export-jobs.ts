import { Injectable } from '@nestjs/common';
import { Job } from 'bullmq';
import { JobHandlers, QueueJobs, QueueService, RecurringJob, ScheduledJob, TenantDatabase, scheduledSlot, sql } from '@fieldwork/server-core';
import { EXPORT_RETENTION_DAYS, QUEUES, type JobOf } from '@fieldwork/contracts';
import { expireBuiltFiles } from './built-files';
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
  type ExportToRunRow,
} from './exports.queries';

export const EXPORTS_SWEEP_SCHEDULE: RecurringJob = { id: 'daily-exports-sweep', pattern: '30 3 * * *', job: 'sweep-expired-exports' };

/** How often (in rows) the worker tells the database how far it got. */
export const PROGRESS_EVERY_ROWS = 1_000;

export type RunExportResult = { status: 'done'; rows: number; bytes: number } | { status: 'skipped'; reason: string };

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
  protected readonly queueName = QUEUES.exports;
  // Exports are long, I/O-bound reads; two at a time keeps the database and the disk responsive.
  protected override readonly workerOptions = { concurrency: 2 };
  protected override readonly schedule = EXPORTS_SWEEP_SCHEDULE;

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

  async runExport({ tenantId, exportId }: JobOf<'run-export'>, job?: Pick<Job, 'attemptsMade' | 'opts'>): Promise<RunExportResult> {
    const claimed = await this.tenantDb.transaction(tenantId, async (db): Promise<ExportToRunRow | string> => {
      const row = await lockExportToRun(db, tenantId, exportId);
      if (!row) return 'no such export';
      if (row.status === 'done' || row.status === 'expired') return `already ${row.status}`;
      await markBuildRunning(db, EXPORTS_TABLE, tenantId, exportId);
      return row;
    });
    if (typeof claimed === 'string') return { status: 'skipped', reason: claimed };

    const query = exportQuery(claimed.kind, { tenantId, cohortId: claimed.cohort_id, timezone: claimed.timezone });
    const relativePath = this.files.relativePath(tenantId, exportId);
    try {
      const { result: rows, size } = await this.files.store.put(relativePath, (out) =>
        this.tenantDb.transaction(tenantId, async (db) => {
          const total = await countOf(db, query.count);
          await this.reportProgress(tenantId, exportId, { total, done: 0 });
          let reported = 0;
          return writeCsv(db, query, out, async (done) => {
            if (done - reported < PROGRESS_EVERY_ROWS) return;
            reported = done;
            await this.reportProgress(tenantId, exportId, { done });
          });
        }),
      );
      const expiresAt = sql`now() + make_interval(days => ${EXPORT_RETENTION_DAYS})`;
      await this.tenantDb.transaction(tenantId, (db) => markBuildDone(db, EXPORTS_TABLE, tenantId, exportId, { count: rows, path: relativePath, size, expiresAt }));
      this.logger.log(`export ${exportId} (${claimed.kind}): ${rows} rows, ${size} bytes`);
      return { status: 'done', rows, bytes: size };
    } catch (error) {
      const attempts = job?.opts.attempts ?? 1;
      const last = (job?.attemptsMade ?? 0) + 1 >= attempts;
      const message = last ? `The export failed: ${(error as Error).message}` : `Attempt failed (${(error as Error).message}); retrying`;
      await this.tenantDb.transaction(tenantId, (db) => markBuildAttemptFailed(db, EXPORTS_TABLE, tenantId, exportId, last ? 'failed' : 'queued', message));
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
