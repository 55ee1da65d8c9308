import { Inject, Injectable } from '@nestjs/common';
import { AuditService, JobHandlers, QueueJobs, QueueWork } from '@fieldwork/server-core';
import { QUEUES, type DeletionImpact, type JobOf } from '@fieldwork/contracts';
import { eraseUsers } from './erase-users';
import { DataExportFiles } from '../data-export/data-export-files';
import { eraseDataExportsOf } from '../data-export/data-export-erasure';
import { deletionImpact, finishRequest, lockRequestToErase, markRequestErasing } from './erasure.queries';

export type EraseUserResult = { status: 'done'; impact: DeletionImpact } | { status: 'skipped'; reason: string };

/**
 * The worker side of deletion requests. `erase-user` is idempotent: an approved request is
 * marked `erasing` (committed, so the admin sees it), then one tenant transaction counts what
 * goes, erases the account (eraseUsers), marks the request done and audits `user.erased` with
 * ids and counts only. A retry after a crash finds `erasing` and runs the erasure again (it
 * skips what is already erased); a done, cancelled or pending request is left alone.
 */
@Injectable()
export class ErasureJobs extends QueueJobs {
  protected readonly work: QueueWork = { queue: QUEUES.erasure, concurrency: 1 };

  @Inject(AuditService) private readonly audit!: AuditService;
  @Inject(DataExportFiles) private readonly dataExportFiles!: DataExportFiles;

  protected handlers(): JobHandlers {
    return { 'erase-user': (payload) => this.eraseUser(payload) };
  }

  async eraseUser({ tenantId, requestId }: JobOf<'erase-user'>): Promise<EraseUserResult> {
    const claimed = await this.tenantDb.transaction(tenantId, async (db) => {
      const row = await lockRequestToErase(db, tenantId, requestId);
      if (!row) return 'no such deletion request';
      if (row.status !== 'approved' && row.status !== 'erasing') return `request is ${row.status}`;
      await markRequestErasing(db, tenantId, requestId);
      return null;
    });
    if (claimed) return { status: 'skipped', reason: claimed };

    const impact = await this.tenantDb.transaction(tenantId, async (db) => {
      const request = await lockRequestToErase(db, tenantId, requestId);
      if (request?.status !== 'erasing') return null;
      const counts = await deletionImpact(db, tenantId, request.user_id);
      const { erased } = await eraseUsers(db, tenantId, [request.user_id], 'request');
      // Their "my data" ZIPs hold their name, e-mail and reflections: gone with the account, files included.
      await eraseDataExportsOf(db, this.dataExportFiles, tenantId, request.user_id);
      await finishRequest(db, tenantId, requestId, counts);
      if (erased) {
        await this.audit.record(db, {
          tenantId,
          action: 'user.erased',
          actorId: request.approved_by,
          subjectType: 'user',
          subjectId: request.user_id,
          details: { requestId, ...counts },
        });
      }
      return counts;
    });
    if (!impact) return { status: 'skipped', reason: 'request is no longer erasing' };
    this.logger.log(`Erased the account of deletion request ${requestId} (tenant ${tenantId})`);
    return { status: 'done', impact };
  }
}
