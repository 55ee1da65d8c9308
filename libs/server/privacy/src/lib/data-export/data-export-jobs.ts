import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job } from 'bullmq';
import { QueueService, TenantDatabase } from '@fieldwork/server-core';
import { DATA_EXPORT_RETENTION_DAYS, QUEUES, type JobOf, type Role } from '@fieldwork/contracts';
import { DataExportFiles } from './data-export-files';
import { countItems, totalItems, writeDataExportZip } from './data-export-writer';

export const DATA_EXPORTS_SWEEP_SCHEDULE = { id: 'daily-data-exports-sweep', pattern: '45 3 * * *' };

export type BuildDataExportResult = { status: 'done'; items: number; bytes: number } | { status: 'skipped'; reason: string };

interface ClaimedDataExport {
  user_id: string;
  user_name: string;
  role: Role;
  tenant_name: string;
  timezone: string;
  now: Date;
}

/**
 * The worker side of "download my data". `build-data-export` is idempotent: a
 * done (or expired) copy is left alone; any other state is rewritten from
 * scratch through the FileStore, where it appears under its key only once
 * complete. The daily sweep deletes every tenant's ZIPs past their 7 days and
 * marks them expired.
 */
@Injectable()
export class DataExportJobs implements OnApplicationBootstrap {
  private readonly logger = new Logger(DataExportJobs.name);

  constructor(
    private readonly queues: QueueService,
    private readonly tenantDb: TenantDatabase,
    private readonly files: DataExportFiles,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.queues.process(
      QUEUES.dataExports,
      {
        'build-data-export': (payload, job) => this.build(payload, job),
        'sweep-data-exports': () => this.sweep(),
      },
      { concurrency: 2 },
    );
    await this.queues
      .queue(QUEUES.dataExports)
      .upsertJobScheduler(DATA_EXPORTS_SWEEP_SCHEDULE.id, { pattern: DATA_EXPORTS_SWEEP_SCHEDULE.pattern }, { name: 'sweep-data-exports', data: {} });
  }

  async build({ tenantId, exportId }: JobOf<'build-data-export'>, job?: Pick<Job, 'attemptsMade' | 'opts'>): Promise<BuildDataExportResult> {
    const claimed = await this.tenantDb.transaction(tenantId, async (db): Promise<ClaimedDataExport | string> => {
      const [row] = await db.query(
        `SELECT d.status, d.user_id, u.name AS user_name, u.role, tn.name AS tenant_name, tn.timezone, now() AS now
           FROM data_exports d
           JOIN users u ON u.tenant_id = d.tenant_id AND u.id = d.user_id
           JOIN tenants tn ON tn.id = d.tenant_id
          WHERE d.tenant_id = $1 AND d.id = $2 FOR UPDATE OF d`,
        [tenantId, exportId],
      );
      if (!row) return 'no such data export';
      if (row.status === 'done' || row.status === 'expired') return `already ${row.status}`;
      await db.query(
        `UPDATE data_exports SET status = 'running', started_at = now(), done_items = 0, total_items = NULL, error = NULL, attempts = attempts + 1
          WHERE tenant_id = $1 AND id = $2`,
        [tenantId, exportId],
      );
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
          let reported = 0;
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
          await writeDataExportZip(db, subject, counts, out, async (done) => {
            // At most one progress write per percent (and none for tiny copies).
            if ((done - reported) * 100 < total) return;
            reported = done;
            await this.reportProgress(tenantId, exportId, { done });
          });
          return total;
        }),
      );
      await this.tenantDb.transaction(tenantId, (db) =>
        db.query(
          `UPDATE data_exports SET status = 'done', total_items = $3, done_items = $3, file_path = $4, file_size = $5, error = NULL,
                  finished_at = now(), expires_at = $6
            WHERE tenant_id = $1 AND id = $2`,
          [tenantId, exportId, items, relativePath, size, expiresAt],
        ),
      );
      this.logger.log(`data export ${exportId}: ${items} items, ${size} bytes`);
      return { status: 'done', items, bytes: size };
    } catch (error) {
      this.logger.warn(`data export ${exportId} failed: ${(error as Error).message}`);
      const attempts = job?.opts.attempts ?? 1;
      const last = (job?.attemptsMade ?? 0) + 1 >= attempts;
      await this.tenantDb.transaction(tenantId, (db) =>
        db.query(`UPDATE data_exports SET status = $3, error = $4, finished_at = CASE WHEN $3 = 'failed' THEN now() END WHERE tenant_id = $1 AND id = $2`, [
          tenantId,
          exportId,
          last ? 'failed' : 'queued',
          last
            ? 'We could not make this copy of your data. Ask for a new one; if that fails too, tell your career center.'
            : `Attempt failed (${(error as Error).message}); retrying`,
        ]),
      );
      throw error;
    }
  }

  /** Progress lands in its own short transaction, so the API sees it while the copy's read transaction is still open. */
  private async reportProgress(tenantId: string, exportId: string, progress: { total?: number; done: number }): Promise<void> {
    await this.tenantDb.transaction(tenantId, (db) =>
      db.query(
        `UPDATE data_exports SET done_items = $3, total_items = COALESCE($4, total_items) WHERE tenant_id = $1 AND id = $2 AND status = 'running'`,
        [tenantId, exportId, progress.done, progress.total ?? null],
      ),
    );
  }

  /** Every tenant, one transaction each: deletes ZIPs past their expiry and marks them expired (the rows stay, for the record). */
  async sweep(): Promise<number> {
    const tenants: { id: string }[] = await this.tenantDb.platform((db) => db.query(`SELECT id FROM tenants`));
    let expired = 0;
    for (const tenant of tenants) expired += await this.expireTenant(tenant.id);
    return expired;
  }

  expireTenant(tenantId: string): Promise<number> {
    return this.tenantDb.transaction(tenantId, async (db) => {
      const rows: { id: string; file_path: string | null }[] = await db.query(
        `SELECT id, file_path FROM data_exports WHERE tenant_id = $1 AND status = 'done' AND expires_at <= now() FOR UPDATE SKIP LOCKED`,
        [tenantId],
      );
      for (const row of rows) {
        if (row.file_path) await this.files.store.delete(row.file_path);
      }
      if (rows.length) {
        await db.query(`UPDATE data_exports SET status = 'expired', file_path = NULL WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [
          tenantId,
          rows.map((row) => row.id),
        ]);
        this.logger.log(`tenant ${tenantId}: ${rows.length} data export(s) expired`);
      }
      return rows.length;
    });
  }
}
