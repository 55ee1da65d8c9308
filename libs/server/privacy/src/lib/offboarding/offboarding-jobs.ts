import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AttemptedJob, JobHandlers, QueueJobs, QueueWork, RecurringJob, progressEvery, raw, sql } from '@fieldwork/server-core';
import { BUILD_PROGRESS_EVERY_ROWS, buildFailure, claimBuild, type BuildResult, markBuildAttemptFailed, markBuildDone, markBuildRunning, recordBuildProgress } from '@fieldwork/server-exports';
import { QUEUES, TENANT_EXPORT_RETENTION_DAYS, type JobOf } from '@fieldwork/contracts';
import { deletionOrder, quoteIdent, type TenantTable } from './tenant-catalog';
import { TenantExportFiles } from './tenant-export-files';
import { planTenantExport, writeTenantExportZip } from './tenant-export-writer';
import {
  TENANT_EXPORTS_TABLE,
  deleteTenantRow,
  deleteTenantRowsBatch,
  expiredTenantExports,
  lockDeletedTenant,
  lockTenantExportToBuild,
  lockTenantToDelete,
  markTenantDeleting,
  markTenantExportsExpired,
  recordPlatformAudit,
  tenantsDueForDeletion,
  useTenant,
} from './offboarding.queries';

/** Hourly: delete the career centers whose grace period has passed, and the tenant ZIPs past their 7 days. */
export const TENANT_DELETIONS_SCHEDULE: RecurringJob = { id: 'hourly-tenant-deletions', pattern: '17 * * * *', job: 'scan-tenant-deletions' };

/** Rows deleted per statement (and per transaction): short locks, and a crash loses at most one batch's work. */
export const DELETE_BATCH_ROWS = 5_000;

export type DeleteTenantResult = { status: 'deleted'; rows: Record<string, number>; files: number } | { status: 'skipped'; reason: string };

/** The job id of a tenant's deletion: one per closing (a restore and a new closing get a new one). */
export function deleteTenantJobId(tenantId: string, closedAt: Date): string {
  return `delete-tenant-${tenantId}-${closedAt.getTime()}`;
}

const FOREIGN_KEY_VIOLATION = '23503';

function sqlState(error: unknown): string | undefined {
  const failed = error as { code?: string; driverError?: { code?: string } };
  return failed.driverError?.code ?? failed.code;
}

/**
 * The worker side of offboarding (queue `offboarding`):
 * - `build-tenant-export`: a ZIP of every row of the tenant (one CSV per table,
 *   found from the catalog, and manifest.json), read in one REPEATABLE READ tenant
 *   transaction (one snapshot, RLS applies), streamed, with progress; idempotent
 *   (a done export is left alone, anything else rewritten into a fresh file renamed
 *   into place when complete).
 * - `scan-tenant-deletions` (hourly): one `delete-tenant` per career center past its
 *   grace period; expires tenant ZIPs past their 7 days.
 * - `delete-tenant`: removes the tenant's files, then every row of every table with a
 *   `tenant_id` in batches (children before parents, from the catalog's foreign keys),
 *   counting as it goes in the tenant row, then the tenant row, and writes the
 *   platform audit record. Idempotent and resumable: each batch commits on its own,
 *   a re-run carries on from what is left, and a deleted tenant is a no-op.
 */
@Injectable()
export class OffboardingJobs extends QueueJobs {
  // Whole-tenant reads and deletes are heavy: one at a time.
  protected readonly work: QueueWork = { queue: QUEUES.offboarding, concurrency: 1, schedule: TENANT_DELETIONS_SCHEDULE };

  @Inject(DataSource) private readonly dataSource!: DataSource;
  @Inject(TenantExportFiles) private readonly files!: TenantExportFiles;

  protected handlers(): JobHandlers {
    return {
      'build-tenant-export': (payload, job) => this.buildTenantExport(payload, job),
      'scan-tenant-deletions': () => this.scanTenantDeletions(),
      'delete-tenant': (payload) => this.deleteTenant(payload),
    };
  }

  async buildTenantExport({ tenantId, exportId }: JobOf<'build-tenant-export'>, job?: AttemptedJob): Promise<BuildResult> {
    const claimed = await this.tenantDb.platform(async (db) =>
      claimBuild(await lockTenantExportToBuild(db, exportId, tenantId), 'export', () => markBuildRunning(db, TENANT_EXPORTS_TABLE, tenantId, exportId)),
    );
    if (typeof claimed === 'string') return { status: 'skipped', reason: claimed };

    const relativePath = this.files.relativePath(tenantId, exportId);
    try {
      // One snapshot for the counts and every table's rows, inside the tenant's RLS context.
      const { result: rows, size } = await this.files.store.put(relativePath, (out) =>
        this.dataSource.transaction('REPEATABLE READ', async (db) => {
          await useTenant(db, tenantId);
          const plan = await planTenantExport(db, tenantId, claimed.slug);
          await this.reportProgress(tenantId, exportId, { total: plan.totalRows, done: 0 });
          const progress = progressEvery(BUILD_PROGRESS_EVERY_ROWS, (done) => this.reportProgress(tenantId, exportId, { done }));
          await writeTenantExportZip(db, plan, out, new Date(), progress);
          return plan.totalRows;
        }),
      );
      const done = { count: rows, path: relativePath, size, expiresAt: sql`now() + make_interval(days => ${TENANT_EXPORT_RETENTION_DAYS})` };
      await this.tenantDb.platform((db) => markBuildDone(db, TENANT_EXPORTS_TABLE, tenantId, exportId, done));
      this.logger.log(`tenant export ${exportId} of ${tenantId}: ${rows} rows, ${size} bytes`);
      return { status: 'done', rows, bytes: size };
    } catch (error) {
      const failure = buildFailure(error, job, (reason) => `The export failed: ${reason}`);
      await this.tenantDb.platform((db) => markBuildAttemptFailed(db, TENANT_EXPORTS_TABLE, tenantId, exportId, failure.status, failure.message));
      throw error;
    }
  }

  /** Progress in its own short transaction, so the API sees it while the export's read transaction is open. */
  private async reportProgress(tenantId: string, exportId: string, progress: { total?: number; done: number }): Promise<void> {
    await this.tenantDb.platform((db) => recordBuildProgress(db, TENANT_EXPORTS_TABLE, tenantId, exportId, progress.done, progress.total ?? null));
  }

  /** One `delete-tenant` job per career center past its grace period; expired tenant ZIPs removed. */
  async scanTenantDeletions(): Promise<{ queued: number; expired: number }> {
    const due = await this.tenantDb.platform((db) => tenantsDueForDeletion(db));
    if (due.length) {
      await this.queues.queue(QUEUES.offboarding).addBulk(
        due.map((tenant) => ({
          name: 'delete-tenant',
          data: { tenantId: tenant.id } satisfies JobOf<'delete-tenant'>,
          opts: { jobId: deleteTenantJobId(tenant.id, tenant.closed_at) },
        })),
      );
    }
    const expired = await this.expireTenantExports();
    return { queued: due.length, expired };
  }

  /** Deletes tenant ZIPs past their expiry and marks them expired (the rows stay, for the record). */
  expireTenantExports(): Promise<number> {
    return this.tenantDb.platform(async (db) => {
      const expired = await expiredTenantExports(db);
      for (const row of expired) if (row.file_path) await this.files.store.delete(row.file_path);
      if (expired.length) {
        await markTenantExportsExpired(db, expired.map((row) => row.id));
      }
      return expired.length;
    });
  }

  async deleteTenant({ tenantId }: JobOf<'delete-tenant'>): Promise<DeleteTenantResult> {
    const started = await this.tenantDb.platform(async (db): Promise<string | null> => {
      const tenant = await lockTenantToDelete(db, tenantId);
      if (!tenant) return 'already deleted';
      if (tenant.state === 'active') return 'restored';
      if (tenant.state === 'closing' && !tenant.due) return 'the grace period has not passed';
      await markTenantDeleting(db, tenantId);
      return null;
    });
    if (started) return { status: 'skipped', reason: started };

    const files = await this.deleteFiles(tenantId);
    const tables = await this.tenantDb.platform((db) => deletionOrder(db));
    await this.deleteRows(tenantId, tables);

    const result = await this.tenantDb.platform(async (db) => {
      const tenant = await lockDeletedTenant(db, tenantId);
      if (!tenant) return null;
      const rows: Record<string, number> = Object.fromEntries(Object.entries(tenant.deleted_rows).map(([table, n]) => [table, Number(n)]));
      await deleteTenantRow(db, tenantId);
      await recordPlatformAudit(db, {
        action: 'tenant.deleted',
        operatorId: tenant.closed_by,
        tenantId,
        details: {
          slugSha256: createHash('sha256').update(tenant.slug).digest('hex'),
          rows,
          totalRows: Object.values(rows).reduce((sum, n) => sum + n, 0),
          files,
        },
      });
      return rows;
    });
    if (!result) return { status: 'skipped', reason: 'already deleted' };
    this.logger.log(`tenant ${tenantId} deleted: ${Object.values(result).reduce((sum, n) => sum + n, 0)} rows, ${files} files`);
    return { status: 'deleted', rows: result, files };
  }

  /** Every file of the tenant: CSV exports, "my data" ZIPs and whole-tenant ZIPs all live under its folder. */
  private deleteFiles(tenantId: string): Promise<number> {
    return this.files.store.deleteFolder(tenantId);
  }

  /**
   * Deletes the tenant's rows table by table, children first, DELETE_BATCH_ROWS per
   * statement and transaction (in the tenant's RLS context), adding each batch's count
   * to the tenant row in the same transaction. Triggers may write roll-up rows while
   * their base rows go, so passes repeat until one finds nothing left; a batch a
   * foreign key refuses is left for the next pass.
   */
  private async deleteRows(tenantId: string, tables: TenantTable[]): Promise<void> {
    for (let pass = 1; ; pass++) {
      let deleted = 0;
      const blocked: string[] = [];
      for (const table of tables) {
        try {
          deleted += await this.deleteTable(tenantId, table.name);
        } catch (error) {
          if (sqlState(error) !== FOREIGN_KEY_VIOLATION) throw error;
          blocked.push(table.name);
        }
      }
      if (!deleted && !blocked.length) return;
      if (pass >= tables.length + 2) throw new Error(`tenant ${tenantId}: rows left after ${pass} passes (${blocked.join(', ') || 'rows keep coming back'})`);
    }
  }

  private async deleteTable(tenantId: string, table: string): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.tenantDb.transaction(tenantId, (db) => deleteTenantRowsBatch(db, tenantId, raw(quoteIdent(table)), table, DELETE_BATCH_ROWS));
      total += n;
      if (n < DELETE_BATCH_ROWS) return total;
    }
  }
}
