import { Injectable } from '@nestjs/common';
import { Job } from 'bullmq';
import { JobHandlers, QueueJobs, QueueWork, RecurringJob } from '@fieldwork/server-core';
import { QUEUES, type JobOf } from '@fieldwork/contracts';
import { deleteDeadInvitations, deleteDeadRefreshTokens } from './credentials-cleanup.queries';

export const CREDENTIALS_SWEEP_SCHEDULE: RecurringJob = { id: 'daily-credentials-sweep', pattern: '0 3 * * *', job: 'sweep-tenants' };

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
export class CredentialsCleanupJobs extends QueueJobs {
  protected readonly work: QueueWork = { queue: QUEUES.maintenance, schedule: CREDENTIALS_SWEEP_SCHEDULE };

  protected handlers(): JobHandlers {
    return {
      'sweep-tenants': (_payload, job) => this.sweepTenants(job),
      'purge-expired-credentials': (payload) => this.purgeExpiredCredentials(payload),
    };
  }

  async sweepTenants(job: Pick<Job, 'timestamp'>): Promise<number> {
    const day = new Date(job.timestamp).toISOString().slice(0, 10);
    return this.addPerTenant(await this.tenantIds('all'), 'purge-expired-credentials', (tenantId) => ({
      data: { tenantId },
      jobId: `purge-expired-credentials:${tenantId}:${day}`,
    }));
  }

  purgeExpiredCredentials({ tenantId }: JobOf<'purge-expired-credentials'>): Promise<PurgeResult> {
    return this.tenantDb.transaction(tenantId, async (db) => {
      const result = { refreshTokens: await deleteDeadRefreshTokens(db, tenantId), invitations: await deleteDeadInvitations(db, tenantId) };
      if (result.refreshTokens || result.invitations) this.logger.log(`tenant ${tenantId}: purged ${JSON.stringify(result)}`);
      return result;
    });
  }
}
