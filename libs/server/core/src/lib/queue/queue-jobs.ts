import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { JobName, JobOf, QueueName } from '@fieldwork/contracts';
import { TenantDatabase } from '../database/tenant-database';
import { JobHandlers, QueueService } from './queue.service';
import { activeTenantIds, allTenantIds } from './queue.queries';

/**
 * A job scheduler: its fixed id (every worker process upserts the same one and the backend keeps
 * one), its cron pattern (in `tz`, UTC by default) and the name of the job it plans.
 */
export interface RecurringJob {
  id: string;
  pattern: string;
  tz?: string;
  job: string;
}

/** What a `QueueJobs` class works: its queue, how many of its jobs run at once (the queue service's default, 4, when not given), and the recurring job that starts its scans. */
export interface QueueWork {
  queue: QueueName;
  concurrency?: number;
  schedule?: RecurringJob;
}

/** One job of a per-tenant fan-out: its payload, and a job id that names the tenant and the slot. */
export interface TenantJob<N extends JobName> {
  data: JobOf<N>;
  jobId: string;
}

/**
 * The worker side of one queue, as every domain writes it. At boot it starts the queue's worker
 * with `handlers()` and upserts the scheduler of its recurring job (`schedule`); a scheduled scan
 * fans out one job per tenant with `addPerTenant`, whose job ids name tenant and slot, so a scan
 * repeated for the same slot adds nothing.
 *
 * A subclass names its work (queue, concurrency, schedule) and its handlers. It has no constructor: this one takes
 * the queue service and the tenant database, and a subclass's own dependencies are injected as
 * properties (`@Inject(Files) private readonly files!: Files`), so no subclass repeats the
 * constructor that passes the first two on.
 */
@Injectable()
export abstract class QueueJobs implements OnApplicationBootstrap {
  protected readonly logger = new Logger(this.constructor.name);
  /** The queue this class works, its concurrency and its schedule. */
  protected abstract readonly work: QueueWork;

  constructor(
    protected readonly queues: QueueService,
    protected readonly tenantDb: TenantDatabase,
  ) {}

  /** A handler per job name of the queue. */
  protected abstract handlers(): JobHandlers;

  async onApplicationBootstrap(): Promise<void> {
    const { queue, concurrency, schedule } = this.work;
    this.queues.process(queue, this.handlers(), concurrency ? { concurrency } : {});
    if (!schedule) return;
    const { id, pattern, tz, job } = schedule;
    await this.queues.queue(queue).upsertJobScheduler(id, tz ? { pattern, tz } : { pattern }, { name: job, data: {} });
  }

  /** The ids of every career center, or only of those in use (`'active'`). */
  protected tenantIds(which: 'all' | 'active'): Promise<string[]> {
    return this.tenantDb.platform((db) => (which === 'active' ? activeTenantIds(db) : allTenantIds(db)));
  }

  /** Adds one `name` job per tenant onto this queue, in one call; answers how many. */
  protected async addPerTenant<N extends JobName>(tenantIds: string[], name: N, job: (tenantId: string) => TenantJob<N>): Promise<number> {
    await this.queues.queue(this.work.queue).addBulk(
      tenantIds.map((tenantId) => {
        const { data, jobId } = job(tenantId);
        return { name, data, opts: { jobId } };
      }),
    );
    return tenantIds.length;
  }
}
