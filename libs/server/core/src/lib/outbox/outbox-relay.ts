import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JOB_QUEUE, OUTBOX_TOPICS, type OutboxTopic, type QueueName } from '@fieldwork/contracts';
import { QueueService } from '../queue/queue.service';

const BATCH = 500;
const INTERVAL_MS = 200;

interface PendingRow {
  tenant_id: string;
  id: string;
  topic: OutboxTopic;
  payload: Record<string, unknown>;
}

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

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.current = this.current.then(() => this.drain()).catch((error: Error) => this.logger.warn(`outbox relay: ${error.message}`));
    }, INTERVAL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.current;
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
      await db.query(`SELECT set_config('app.outbox_relay', 'on', true)`);
      const rows: PendingRow[] = await db.query(
        `SELECT tenant_id, id, topic, payload FROM outbox WHERE relayed_at IS NULL ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [BATCH],
      );
      if (!rows.length) return 0;
      const byQueue = new Map<QueueName, { name: string; data: object; opts: { jobId: string } }[]>();
      for (const row of rows) {
        const name = OUTBOX_TOPICS[row.topic];
        const queue = JOB_QUEUE[name];
        byQueue.set(queue, [...(byQueue.get(queue) ?? []), { name, data: { ...row.payload, tenantId: row.tenant_id }, opts: { jobId: `outbox-${row.id}` } }]);
      }
      for (const [queue, jobs] of byQueue) await this.queues.queue(queue).addBulk(jobs);
      await db.query(
        `UPDATE outbox SET relayed_at = now() WHERE (tenant_id, id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))`,
        [rows.map((row) => row.tenant_id), rows.map((row) => row.id)],
      );
      return rows.length;
    });
  }
}
