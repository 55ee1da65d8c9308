import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job } from 'bullmq';
import { QueueService, TenantDatabase } from '@fieldwork/server-core';
import { QUEUES, type JobOf } from '@fieldwork/contracts';

export const CREDENTIALS_SWEEP_SCHEDULE = { id: 'daily-credentials-sweep', pattern: '0 3 * * *' };

export interface PurgeResult {
  refreshTokens: number;
  invitations: number;
}

/**
 * Worker jobs of the identity domain: a daily sweep fans out one job per tenant
 * (deterministic job ids, so a repeated sweep adds nothing), and each job purges
 * that tenant's dead credentials inside its tenant context.
 */
@Injectable()
export class CredentialsCleanupJobs implements OnApplicationBootstrap {
  private readonly logger = new Logger(CredentialsCleanupJobs.name);

  constructor(
    private readonly queues: QueueService,
    private readonly tenantDb: TenantDatabase,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.queues.process(QUEUES.maintenance, {
      'sweep-tenants': (_payload, job) => this.sweepTenants(job),
      'purge-expired-credentials': (payload) => this.purgeExpiredCredentials(payload),
    });
    await this.queues
      .queue(QUEUES.maintenance)
      .upsertJobScheduler(CREDENTIALS_SWEEP_SCHEDULE.id, { pattern: CREDENTIALS_SWEEP_SCHEDULE.pattern }, { name: 'sweep-tenants', data: {} });
  }

  async sweepTenants(job: Pick<Job, 'timestamp'>): Promise<number> {
    const day = new Date(job.timestamp).toISOString().slice(0, 10);
    const tenants: { id: string }[] = await this.tenantDb.platform((db) => db.query(`SELECT id FROM tenants`));
    await this.queues.queue(QUEUES.maintenance).addBulk(
      tenants.map((tenant) => ({
        name: 'purge-expired-credentials',
        data: { tenantId: tenant.id } satisfies JobOf<'purge-expired-credentials'>,
        opts: { jobId: `purge-expired-credentials:${tenant.id}:${day}` },
      })),
    );
    return tenants.length;
  }

  purgeExpiredCredentials({ tenantId }: JobOf<'purge-expired-credentials'>): Promise<PurgeResult> {
    return this.tenantDb.transaction(tenantId, async (db) => {
      const [, refreshTokens] = await db.query(
        `DELETE FROM refresh_tokens
          WHERE tenant_id = $1 AND (expires_at < now() - interval '1 day' OR revoked_at < now() - interval '30 days')`,
        [tenantId],
      );
      const [, invitations] = await db.query(
        `DELETE FROM invitations
          WHERE tenant_id = $1 AND accepted_at IS NULL AND expires_at < now() - interval '30 days'`,
        [tenantId],
      );
      const result = { refreshTokens: Number(refreshTokens ?? 0), invitations: Number(invitations ?? 0) };
      if (result.refreshTokens || result.invitations) this.logger.log(`tenant ${tenantId}: purged ${JSON.stringify(result)}`);
      return result;
    });
  }
}
