import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job } from 'bullmq';
import { QueueService, ScheduledJob, TenantDatabase, scheduledSlot } from '@fieldwork/server-core';
import { EXPORT_RETENTION_DAYS, QUEUES, type ExportKind, type JobOf } from '@fieldwork/contracts';
import { ExportFiles } from './export-files';
import { exportQuery } from './export-queries';
import { writeCsv } from './export-writer';

export const EXPORTS_SWEEP_SCHEDULE = { id: 'daily-exports-sweep', pattern: '30 3 * * *' };

/** How often (in rows) the worker tells the database how far it got. */
export const PROGRESS_EVERY_ROWS = 1_000;

export type RunExportResult = { status: 'done'; rows: number; bytes: number } | { status: 'skipped'; reason: string };

interface ClaimedExport {
  kind: ExportKind;
  cohort_id: string | null;
  timezone: string;
}

/**
 * The worker side of exports. `run-export` is idempotent: a done (or expired)
 * export is left alone; any other state is rewritten from scratch through the
 * FileStore, where the file appears under its key only once complete (a part file
 * renamed into place on disk, a completed multipart upload on S3), so a crash or a
 * concurrent duplicate never leaves a partial file behind the key. A daily sweep
 * deletes files past their expiry.
 */
@Injectable()
export class ExportJobs implements OnApplicationBootstrap {
  private readonly logger = new Logger(ExportJobs.name);

  constructor(
    private readonly queues: QueueService,
    private readonly tenantDb: TenantDatabase,
    private readonly files: ExportFiles,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.queues.process(
      QUEUES.exports,
      {
        'run-export': (payload, job) => this.runExport(payload, job),
        'sweep-expired-exports': (_payload, job) => this.sweepTenants(job),
        'expire-exports': (payload) => this.expireExports(payload),
      },
      // Exports are long, I/O-bound reads; two at a time keeps the database and the disk responsive.
      { concurrency: 2 },
    );
    await this.queues
      .queue(QUEUES.exports)
      .upsertJobScheduler(EXPORTS_SWEEP_SCHEDULE.id, { pattern: EXPORTS_SWEEP_SCHEDULE.pattern }, { name: 'sweep-expired-exports', data: {} });
  }

  async runExport({ tenantId, exportId }: JobOf<'run-export'>, job?: Pick<Job, 'attemptsMade' | 'opts'>): Promise<RunExportResult> {
    const claimed = await this.tenantDb.transaction(tenantId, async (db): Promise<ClaimedExport | string> => {
      const [row] = await db.query(`SELECT e.kind, e.cohort_id, e.status, tn.timezone
           FROM exports e JOIN tenants tn ON tn.id = e.tenant_id
          WHERE e.tenant_id = $1 AND e.id = $2 FOR UPDATE OF e`, [tenantId, exportId]);
      if (!row) return 'no such export';
      if (row.status === 'done' || row.status === 'expired') return `already ${row.status}`;
      await db.query(
        `UPDATE exports SET status = 'running', started_at = now(), done_rows = 0, total_rows = NULL, error = NULL, attempts = attempts + 1
          WHERE tenant_id = $1 AND id = $2`,
        [tenantId, exportId],
      );
      return row;
    });
    if (typeof claimed === 'string') return { status: 'skipped', reason: claimed };

    const query = exportQuery(claimed.kind, { tenantId, cohortId: claimed.cohort_id, timezone: claimed.timezone });
    const relativePath = this.files.relativePath(tenantId, exportId);
    try {
      const { result: rows, size } = await this.files.store.put(relativePath, (out) =>
        this.tenantDb.transaction(tenantId, async (db) => {
          const [{ n }] = await db.query(query.countSql, query.params);
          await this.reportProgress(tenantId, exportId, { total: n, done: 0 });
          let reported = 0;
          return writeCsv(db, query, out, async (done) => {
            if (done - reported < PROGRESS_EVERY_ROWS) return;
            reported = done;
            await this.reportProgress(tenantId, exportId, { done });
          });
        }),
      );
      await this.tenantDb.transaction(tenantId, (db) =>
        db.query(
          `UPDATE exports SET status = 'done', total_rows = $3, done_rows = $3, file_path = $4, file_size = $5, error = NULL,
                  finished_at = now(), expires_at = now() + make_interval(days => $6)
            WHERE tenant_id = $1 AND id = $2`,
          [tenantId, exportId, rows, relativePath, size, EXPORT_RETENTION_DAYS],
        ),
      );
      this.logger.log(`export ${exportId} (${claimed.kind}): ${rows} rows, ${size} bytes`);
      return { status: 'done', rows, bytes: size };
    } catch (error) {
      const attempts = job?.opts.attempts ?? 1;
      const last = (job?.attemptsMade ?? 0) + 1 >= attempts;
      await this.tenantDb.transaction(tenantId, (db) =>
        db.query(`UPDATE exports SET status = $3, error = $4, finished_at = CASE WHEN $3 = 'failed' THEN now() END WHERE tenant_id = $1 AND id = $2`, [
          tenantId,
          exportId,
          last ? 'failed' : 'queued',
          last ? `The export failed: ${(error as Error).message}` : `Attempt failed (${(error as Error).message}); retrying`,
        ]),
      );
      throw error;
    }
  }

  /** Progress lands in its own short transaction, so the API sees it while the export's read transaction is still open. */
  private async reportProgress(tenantId: string, exportId: string, progress: { total?: number; done: number }): Promise<void> {
    await this.tenantDb.transaction(tenantId, (db) =>
      db.query(`UPDATE exports SET done_rows = $3, total_rows = COALESCE($4, total_rows) WHERE tenant_id = $1 AND id = $2 AND status = 'running'`, [
        tenantId,
        exportId,
        progress.done,
        progress.total ?? null,
      ]),
    );
  }

  async sweepTenants(job: ScheduledJob): Promise<number> {
    const day = scheduledSlot(job).toISOString().slice(0, 10);
    const tenants: { id: string }[] = await this.tenantDb.platform((db) => db.query(`SELECT id FROM tenants`));
    await this.queues.queue(QUEUES.exports).addBulk(
      tenants.map((tenant) => ({
        name: 'expire-exports',
        data: { tenantId: tenant.id } satisfies JobOf<'expire-exports'>,
        opts: { jobId: `expire-exports-${tenant.id}-${day}` },
      })),
    );
    return tenants.length;
  }

  /** Deletes the files of a tenant's exports past their expiry and marks them expired (the rows stay, for the record). */
  expireExports({ tenantId }: JobOf<'expire-exports'>): Promise<number> {
    return this.tenantDb.transaction(tenantId, async (db) => {
      const expired: { id: string; file_path: string | null }[] = await db.query(
        `SELECT id, file_path FROM exports WHERE tenant_id = $1 AND status = 'done' AND expires_at <= now() FOR UPDATE SKIP LOCKED`,
        [tenantId],
      );
      for (const row of expired) {
        if (row.file_path) await this.files.store.delete(row.file_path);
      }
      if (expired.length) {
        await db.query(`UPDATE exports SET status = 'expired', file_path = NULL WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [
          tenantId,
          expired.map((row) => row.id),
        ]);
        this.logger.log(`tenant ${tenantId}: ${expired.length} export file(s) expired`);
      }
      return expired.length;
    });
  }
}
