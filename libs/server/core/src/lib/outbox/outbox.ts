import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { OUTBOX_TOPICS, type JobOf, type OutboxTopic } from '@fieldwork/contracts';
import { insertOutboxRow } from './outbox.queries';

export type OutboxPayload<T extends OutboxTopic> = Omit<JobOf<(typeof OUTBOX_TOPICS)[T]>, 'tenantId'>;

/**
 * Announces a change that needs follow-up work. Written in the caller's
 * transaction, so the announcement exists exactly when the change does; the
 * relay in the worker moves it to the queue.
 */
@Injectable()
export class Outbox {
  async publish<T extends OutboxTopic>(db: EntityManager, tenantId: string, topic: T, payload: OutboxPayload<T>): Promise<void> {
    await insertOutboxRow(db, tenantId, { id: randomUUID(), topic, payload: JSON.stringify(payload) });
  }
}
