import type { EntityManager } from 'typeorm';
import type { OutboxTopic } from '@fieldwork/contracts';
import { execute } from '../database/execute';
import { queryRows, sql } from '../database/sql';

export function insertOutboxRow(db: EntityManager, tenantId: string, row: { id: string; topic: OutboxTopic; payload: string }): Promise<number> {
  return execute(db, sql`INSERT INTO outbox (tenant_id, id, topic, payload) VALUES (${tenantId}, ${row.id}, ${row.topic}, ${row.payload})`);
}

/** An e-mail for the mail worker, as stored. */
export interface EmailDeliveryInsert {
  userId: string;
  kind: string;
  subjectId: string;
  period: string;
  title: string;
  body: string;
  link: string | null;
}

/** Queues an e-mail unless one with the same (user, kind, subject, period) exists; answers whether it is new. */
export async function insertEmailDelivery(db: EntityManager, tenantId: string, email: EmailDeliveryInsert): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`INSERT INTO email_deliveries (tenant_id, id, user_id, kind, subject_id, period, status, title, body, link)
     VALUES (${tenantId}, gen_random_uuid(), ${email.userId}, ${email.kind}, ${email.subjectId}, ${email.period}, 'pending', ${email.title}, ${email.body}, ${email.link})
     ON CONFLICT (tenant_id, user_id, kind, subject_id, period) DO NOTHING RETURNING id`,
  );
  return rows.length > 0;
}

/** One row of `claimPendingOutbox`. */
export interface PendingOutboxRow {
  tenant_id: string;
  id: string;
  topic: OutboxTopic;
  payload: Record<string, unknown>;
}

/**
 * The oldest pending rows of every tenant (the relay's own setting lets it past row-level security),
 * locked until the transaction ends; rows another relay holds are skipped.
 */
export async function claimPendingOutbox(db: EntityManager, limit: number): Promise<PendingOutboxRow[]> {
  await queryRows(db, sql`SELECT set_config('app.outbox_relay', 'on', true)`);
  return queryRows<PendingOutboxRow>(
    db,
    sql`SELECT tenant_id, id, topic, payload FROM outbox WHERE relayed_at IS NULL ORDER BY created_at LIMIT ${limit} FOR UPDATE SKIP LOCKED`,
  );
}

export function markOutboxRelayed(db: EntityManager, rows: { tenant_id: string; id: string }[]): Promise<number> {
  return execute(
    db,
    sql`UPDATE outbox SET relayed_at = now() WHERE (tenant_id, id) IN (SELECT * FROM unnest(${rows.map((row) => row.tenant_id)}::uuid[], ${rows.map((row) => row.id)}::uuid[]))`,
  );
}
