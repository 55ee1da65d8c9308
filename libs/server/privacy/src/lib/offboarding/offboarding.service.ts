import { ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AppConfig, OperatorAuth, Outbox, QueueService, TenantDatabase, openBuiltFile, validationFailed } from '@fieldwork/server-core';
import { TenantsService } from '@fieldwork/server-tenants';
import { tenantExportPercent, type CreateTenantExportResponse, type TenantExportSummary, type TenantSummary, isUuid } from '@fieldwork/contracts';
import { TenantExportFiles } from './tenant-export-files';
import { deleteTenantJobId } from './offboarding-jobs';
import {
  closeTenant,
  insertTenantExport,
  lockTenantState,
  lockTenantToClose,
  lockTenantToRestore,
  recordPlatformAudit,
  restoreTenant,
  tenantExport,
  useTenant,
  type TenantExportRow,
} from './offboarding.queries';
import type { ZipDownload } from '../zip-file';

/**
 * Offboarding, API side (operators only; they never read tenant data here, only
 * platform tables): request a whole-tenant export (the worker writes the ZIP),
 * follow and download it; close a career center (sign-in refused at once, deleted
 * after GRACE_DAYS) and restore it within that time. Every step is in the platform
 * audit, without personal data.
 */
@Injectable()
export class OffboardingService {
  private readonly logger = new Logger(OffboardingService.name);

  constructor(
    private readonly tenantDb: TenantDatabase,
    private readonly outbox: Outbox,
    private readonly queues: QueueService,
    private readonly config: AppConfig,
    private readonly tenants: TenantsService,
    private readonly files: TenantExportFiles,
  ) {}

  requestExport(operator: OperatorAuth, tenantId: string): Promise<CreateTenantExportResponse> {
    if (!isUuid(tenantId)) throw new NotFoundException('No such career center');
    return this.tenantDb.platform(async (db) => {
      const state = await lockTenantState(db, tenantId);
      if (!state) throw new NotFoundException('No such career center');
      if (state === 'deleting') throw new ConflictException('This career center is being deleted; it can no longer be exported');
      const id = randomUUID();
      await insertTenantExport(db, id, tenantId, operator.operatorId);
      // The outbox is a tenant table: its row is written in the tenant's context, in this same transaction.
      await useTenant(db, tenantId);
      await this.outbox.publish(db, tenantId, 'tenant_export.requested', { exportId: id });
      await recordPlatformAudit(db, { action: 'tenant.exported', operatorId: operator.operatorId, tenantId, details: { exportId: id } });
      return { id };
    });
  }

  async getExport(_operator: OperatorAuth, id: string): Promise<TenantExportSummary> {
    return toExportSummary(await this.tenantDb.platform((db) => loadExport(db, id)));
  }

  /** The finished ZIP; 409 while it is being written, 410 once expired. The download is audited. */
  downloadExport(operator: OperatorAuth, id: string): Promise<ZipDownload> {
    return this.tenantDb.platform(async (db) => {
      const row = await loadExport(db, id);
      const refusals = {
        expired: 'This export has expired; request a new one',
        notReady: `This export is not ready yet (it is ${row.status}); try again when it is done`,
        missing: 'This export’s file is no longer available; request a new one',
      };
      const file = await openBuiltFile(this.files.store, row, refusals, () =>
        recordPlatformAudit(db, { action: 'tenant.export_downloaded', operatorId: operator.operatorId, tenantId: row.target_tenant_id, details: { exportId: id } }),
      );
      // A done export has its finished_at (set with its status).
      return { stream: file.stream, size: file.size, filename: `${row.slug}-export-${row.finished_at?.toISOString().slice(0, 10)}.zip` };
    });
  }

  /**
   * Closes the career center at once (its people can no longer sign in, and signed-in
   * sessions are refused on their next request) and schedules its deletion after
   * GRACE_DAYS; with GRACE_DAYS=0 the deletion job is queued now. Nothing of the
   * tenant's own data changes, so a restore brings everything back as it was.
   */
  async close(operator: OperatorAuth, tenantId: string, confirmSlug: string): Promise<TenantSummary> {
    if (!isUuid(tenantId)) throw new NotFoundException('No such career center');
    const graceDays = this.config.graceDays;
    const closedAt = await this.tenantDb.platform(async (db) => {
      const tenant = await lockTenantToClose(db, tenantId);
      if (!tenant) throw new NotFoundException('No such career center');
      if (confirmSlug.trim().toLowerCase() !== tenant.slug) {
        throw validationFailed([{ field: 'confirmSlug', problems: ['confirmSlug does not match this career center’s slug; type it exactly to confirm'] }]);
      }
      if (tenant.state !== 'active') {
        throw new ConflictException(`This career center is already being closed; it will be deleted on ${tenant.delete_after?.toISOString().slice(0, 10)}`);
      }
      const row = await closeTenant(db, tenantId, operator.operatorId, graceDays);
      await recordPlatformAudit(db, {
        action: 'tenant.closed',
        operatorId: operator.operatorId,
        tenantId,
        details: { graceDays, deleteAfter: row.delete_after.toISOString() },
      });
      return row.closed_at;
    });
    if (graceDays === 0) {
      await this.queues.add('delete-tenant', { tenantId }, { jobId: deleteTenantJobId(tenantId, closedAt) });
      this.logger.log(`career center ${tenantId} closed; GRACE_DAYS=0, deletion queued`);
    }
    return this.tenants.get(operator, tenantId);
  }

  /** Re-opens a closing career center within its grace period, with everything as it was. */
  async restore(operator: OperatorAuth, tenantId: string): Promise<TenantSummary> {
    if (!isUuid(tenantId)) throw new NotFoundException('No such career center');
    await this.tenantDb.platform(async (db) => {
      const tenant = await lockTenantToRestore(db, tenantId);
      if (!tenant) throw new NotFoundException('No such career center');
      if (tenant.state === 'active') throw new ConflictException('This career center is not being closed');
      if (tenant.state === 'deleting' || !tenant.in_grace) throw new ConflictException('The grace period is over: this career center is being deleted and can no longer be restored');
      await restoreTenant(db, tenantId);
      await recordPlatformAudit(db, { action: 'tenant.restored', operatorId: operator.operatorId, tenantId });
    });
    return this.tenants.get(operator, tenantId);
  }
}

async function loadExport(db: EntityManager, id: string): Promise<TenantExportRow> {
  if (!isUuid(id)) throw new NotFoundException('No such export');
  const row = await tenantExport(db, id);
  if (!row) throw new NotFoundException('No such export');
  return row;
}

function toExportSummary(row: TenantExportRow): TenantExportSummary {
  const total = row.total_rows === null ? null : Number(row.total_rows);
  const done = Number(row.done_rows);
  return {
    id: row.id,
    tenantId: row.target_tenant_id,
    status: row.status,
    percent: tenantExportPercent(row.status, done, total),
    totalRows: total,
    doneRows: done,
    fileSize: row.file_size === null ? null : Number(row.file_size),
    error: row.error,
    createdAt: row.created_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
    expiresAt: row.expires_at?.toISOString() ?? null,
  };
}
