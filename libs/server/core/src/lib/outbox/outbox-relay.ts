import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JOB_QUEUE, OUTBOX_TOPICS, type QueueName } from '@fieldwork/contracts';
import { QueueService } from '../queue/queue.service';
import { claimPendingOutbox, markOutboxRelayed } from './outbox.queries';

const BATCH = 500;
const INTERVAL_MS = 200;
/** While PostgreSQL or the queue is down, attempts back off up to this (and log once, then every 30 failures). */
const MAX_BACKOFF_MS = 5_000;
/** A queue that does not take the batch within this is treated as down: the claim rolls back, the rows stay pending. */
const ENQUEUE_TIMEOUT_MS = 10_000;

/**
 * Moves pending outbox rows to BullMQ. The job id is the outbox row's id, so a
 * row relayed twice (a crash between the queue write and the commit) is still
 * one job (BullMQ allows no ':' in a two-part custom id); rows are marked relayed in the same transaction that claimed them.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer?: NodeJS.Timeout;
  private current: Promise<unknown> = Promise.resolve();
  private busy = false;
  private failures = 0;
  private resumeAt = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      // One drain at a time; after a failure (database or queue down) wait out the backoff.
      if (this.busy || Date.now() < this.resumeAt) return;
      this.busy = true;
      this.current = this.drain()
        .then(() => this.succeeded(), (error: Error) => this.failed(error))
        .finally(() => (this.busy = false));
    }, INTERVAL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.current;
  }

  private succeeded(): void {
    if (this.failures) this.logger.log(`outbox relay: working again after ${this.failures} failed attempt(s)`);
    this.failures = 0;
    this.resumeAt = 0;
  }

  private failed(error: Error): void {
    this.failures += 1;
    this.resumeAt = Date.now() + Math.min(INTERVAL_MS * 2 ** Math.min(this.failures, 10), MAX_BACKOFF_MS);
    if (this.failures === 1 || this.failures % 30 === 0) this.logger.warn(`outbox relay (attempt ${this.failures}, retrying): ${error.message}`);
  }

  /** Relays until nothing is pending; answers how many rows moved. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const moved = await this.relayBatch();
      total += moved;
      if (moved < BATCH) return total;
    }
  }

  async relayBatch(): Promise<number> {
    return this.dataSource.transaction(async (db) => {
      const rows = await claimPendingOutbox(db, BATCH);
      if (!rows.length) return 0;
      const byQueue = new Map<QueueName, { name: string; data: object; opts: { jobId: string } }[]>();
      for (const row of rows) {
        const name = OUTBOX_TOPICS[row.topic];
        const queue = JOB_QUEUE[name];
        byQueue.set(queue, [...(byQueue.get(queue) ?? []), { name, data: { ...row.payload, tenantId: row.tenant_id }, opts: { jobId: `outbox-${row.id}` } }]);
      }
      for (const [queue, jobs] of byQueue) await withTimeout(this.queues.queue(queue).addBulk(jobs), ENQUEUE_TIMEOUT_MS, `queue "${queue}" did not take ${jobs.length} job(s) within ${ENQUEUE_TIMEOUT_MS} ms`);
      await markOutboxRelayed(db, rows);
      return rows.length;
    });
  }
}

/** The promise's value, or an error after the timeout (an enqueue waiting for Redis to come back must not hold the claim's locks forever). */
async function withTimeout<T>(work: Promise<T>, timeoutMs: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), timeoutMs)));
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
