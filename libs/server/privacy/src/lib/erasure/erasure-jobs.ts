import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AuditService, QueueService, TenantDatabase } from '@fieldwork/server-core';
import { QUEUES, type DeletionImpact, type JobOf } from '@fieldwork/contracts';
import { eraseUsers } from './erase-users';
import { DataExportFiles } from '../data-export/data-export-files';
import { eraseDataExportsOf } from '../data-export/data-export-erasure';

export type EraseUserResult = { status: 'done'; impact: DeletionImpact } | { status: 'skipped'; reason: string };

/**
 * The worker side of deletion requests. `erase-user` is idempotent: an approved request is
 * marked `erasing` (committed, so the admin sees it), then one tenant transaction counts what
 * goes, erases the account (eraseUsers), marks the request done and audits `user.erased` with
 * ids and counts only. A retry after a crash finds `erasing` and runs the erasure again (it
 * skips what is already erased); a done, cancelled or pending request is left alone.
 */
@Injectable()
export class ErasureJobs implements OnApplicationBootstrap {
  private readonly logger = new Logger(ErasureJobs.name);

  constructor(
    private readonly queues: QueueService,
    private readonly tenantDb: TenantDatabase,
    private readonly audit: AuditService,
    private readonly dataExportFiles: DataExportFiles,
  ) {}

  onApplicationBootstrap(): void {
    this.queues.process(QUEUES.erasure, { 'erase-user': (payload) => this.eraseUser(payload) }, { concurrency: 1 });
  }

  async eraseUser({ tenantId, requestId }: JobOf<'erase-user'>): Promise<EraseUserResult> {
    const claimed = await this.tenantDb.transaction(tenantId, async (db) => {
      const [row] = await db.query(`SELECT status FROM deletion_requests WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [tenantId, requestId]);
      if (!row) return 'no such deletion request';
      if (row.status !== 'approved' && row.status !== 'erasing') return `request is ${row.status}`;
      await db.query(`UPDATE deletion_requests SET status = 'erasing' WHERE tenant_id = $1 AND id = $2`, [tenantId, requestId]);
      return null;
    });
    if (claimed) return { status: 'skipped', reason: claimed };

    const impact = await this.tenantDb.transaction(tenantId, async (db) => {
      const [request] = await db.query(
        `SELECT user_id, approved_by, status FROM deletion_requests WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
        [tenantId, requestId],
      );
      if (request?.status !== 'erasing') return null;
      const [counts]: DeletionImpact[] = await db.query(
        `SELECT (SELECT count(*)::int FROM tasks WHERE tenant_id = $1 AND student_id = $2) AS tasks,
                (SELECT count(*)::int FROM submissions s JOIN tasks t ON t.tenant_id = s.tenant_id AND t.id = s.task_id
                  WHERE s.tenant_id = $1 AND t.student_id = $2) AS reflections,
                (SELECT count(*)::int FROM contacts WHERE tenant_id = $1 AND owner_id = $2) AS contacts,
                (SELECT count(*)::int FROM interactions WHERE tenant_id = $1 AND owner_id = $2) AS interactions`,
        [tenantId, request.user_id],
      );
      const { erased } = await eraseUsers(db, tenantId, [request.user_id], 'request');
      // Their "my data" ZIPs hold their name, e-mail and reflections: gone with the account, files included.
      await eraseDataExportsOf(db, this.dataExportFiles, tenantId, request.user_id);
      await db.query(
        `UPDATE deletion_requests SET status = 'done', finished_at = now(), reason = NULL, result = $3 WHERE tenant_id = $1 AND id = $2`,
        [tenantId, requestId, JSON.stringify(counts)],
      );
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
