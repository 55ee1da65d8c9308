import { MigrationInterface, QueryRunner } from 'typeorm';
import { createTenantTable, dropInOrder } from './ddl';

export class Notifications1764300000000 implements MigrationInterface {
  name = 'Notifications1764300000000';

  async up(db: QueryRunner): Promise<void> {
    // The transactional outbox: written in the same transaction as the change it announces.
    await createTenantTable(db, 'outbox', `
        topic text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        relayed_at timestamptz`);
    await db.query(`CREATE INDEX outbox_pending ON outbox (created_at) WHERE relayed_at IS NULL`);
    await createTenantTable(db, 'notifications', `
        user_id uuid NOT NULL,
        kind text NOT NULL,
        subject_id uuid NOT NULL,
        period text NOT NULL DEFAULT '',
        title text NOT NULL,
        body text NOT NULL,
        link text,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        UNIQUE (tenant_id, user_id, kind, subject_id, period),
        FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE`, { referencesTenants: false });
    await db.query(`CREATE INDEX notifications_inbox ON notifications (tenant_id, user_id, created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX notifications_unread ON notifications (tenant_id, user_id) WHERE read_at IS NULL`);
    // The secret of each user's calendar feed: read-only, rotatable, shown back to its owner, so kept as is.
    await db.query(`ALTER TABLE users ADD COLUMN calendar_token text`);
    await db.query(`CREATE UNIQUE INDEX users_calendar_token ON users (tenant_id, calendar_token) WHERE calendar_token IS NOT NULL`);
    // The relay moves every tenant's pending rows to the queue: on this one table, and only inside a
    // transaction that set app.outbox_relay, it may see rows of all tenants (never any other table).
    await db.query(`CREATE POLICY outbox_relay ON outbox USING (current_setting('app.outbox_relay', true) = 'on')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await dropInOrder(db, 'TABLE', ['notifications', 'outbox']);
    await db.query(`DROP INDEX users_calendar_token`);
    await db.query(`ALTER TABLE users DROP COLUMN calendar_token`);
  }
}
