import { Inject, Injectable } from '@nestjs/common';
import { Job } from 'bullmq';
import { JobHandlers, QueueJobs, QueueWork } from '@fieldwork/server-core';
import { QUEUES, type JobOf } from '@fieldwork/contracts';
import { RetentionRunner, type RetentionRunResult } from './retention-runner';
import { RETENTION_CRON, RETENTION_SCHEDULE } from './retention-schedule';

/**
 * The worker side of retention (queue `retention`): a job scheduler runs `scan-retention` once a
 * day; it adds one `apply-retention` job per active career center, with a job id of tenant and
 * day, so a repeated scan of the same day adds nothing. `apply-retention` runs the tenant's policy
 * as of the scan's time (`at`), batch by batch, resumable (see RetentionRunner).
 */
@Injectable()
export class RetentionJobs extends QueueJobs {
  // One tenant at a time: the run is many short batches; the database stays responsive for everyone else.
  protected readonly work: QueueWork = { queue: QUEUES.retention, concurrency: 1, schedule: { id: RETENTION_SCHEDULE.id, pattern: RETENTION_CRON, tz: 'UTC', job: 'scan-retention' } };

  @Inject(RetentionRunner) private readonly runner!: RetentionRunner;

  protected handlers(): JobHandlers {
    return {
      'scan-retention': (_payload, job) => this.scanTenants(job),
      'apply-retention': (payload) => this.applyRetention(payload),
    };
  }

  /** One `apply-retention` per active tenant, as of the scan's time (to the minute), with a job id per tenant and day. */
  async scanTenants(job: Pick<Job, 'timestamp'>): Promise<number> {
    const at = new Date(Math.floor(job.timestamp / 60_000) * 60_000);
    const day = at.toISOString().slice(0, 10).replace(/-/g, '');
    return this.addPerTenant(await this.tenantIds('active'), 'apply-retention', (tenantId) => ({
      data: { tenantId, at: at.toISOString() },
      jobId: `retention-${tenantId}-${day}`,
    }));
  }

  async applyRetention({ tenantId, at }: JobOf<'apply-retention'>): Promise<RetentionRunResult> {
    const result = await this.runner.apply(tenantId, new Date(at));
    if (result.applied) this.logger.log(`retention applied for tenant ${tenantId} as of ${at}: ${JSON.stringify(result.counts)}`);
    return result;
  }
}
