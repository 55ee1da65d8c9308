import { MigrationInterface, QueryRunner } from 'typeorm';
import { createTenantTable, dropInOrder } from './ddl';

/**
 * E-mail deliveries, notification preferences and the per-tenant reminder setting.
 *
 * The in-app channel is the `notifications` table; the e-mail channel is
 * `email_deliveries`. Each carries its own unique key (tenant, user, kind,
 * subject, period), so a repeated scan or a re-delivered job adds nothing to
 * either channel. An e-mail row is the durable intent to send: it is written in
 * the same transaction as the notification (or the invitation), then claimed,
 * sent and marked by the mail worker.
 */
export class Deliveries1764400000000 implements MigrationInterface {
  name = 'Deliveries1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE tenants ADD COLUMN due_soon_hours integer NOT NULL DEFAULT 48 CHECK (due_soon_hours BETWEEN 1 AND 336)`);
    await createTenantTable(db, 'notification_preferences', `
        user_id uuid NOT NULL,
        kind text NOT NULL,
        mode text NOT NULL CHECK (mode IN ('immediately', 'digest', 'off')),
        updated_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE`, { key: 'user_id, kind', referencesTenants: false });
    await createTenantTable(db, 'email_deliveries', `
        user_id uuid NOT NULL,
        kind text NOT NULL,
        subject_id uuid NOT NULL,
        period text NOT NULL DEFAULT '',
        -- pending: to send now; digest: waits for the user's 08:00 digest; batched: went out inside digest_id;
        -- sending: claimed by a mail worker (claimed_at); sent; failed: gave up after max attempts; dropped: no longer relevant.
        status text NOT NULL CHECK (status IN ('pending', 'digest', 'batched', 'sending', 'sent', 'failed', 'dropped')),
        title text NOT NULL,
        body text NOT NULL,
        -- A path inside the app (or, for an invitation, the accept link until the e-mail is sent).
        link text,
        digest_id uuid,
        attempts integer NOT NULL DEFAULT 0,
        claimed_at timestamptz,
        sent_at timestamptz,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, user_id, kind, subject_id, period),
        FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE`, { referencesTenants: false });
    await db.query(`CREATE INDEX email_deliveries_to_send ON email_deliveries (tenant_id, created_at) WHERE status IN ('pending', 'sending')`);
    await db.query(`CREATE INDEX email_deliveries_for_digest ON email_deliveries (tenant_id, user_id) WHERE status = 'digest'`);
    await db.query(`CREATE INDEX email_deliveries_in_digest ON email_deliveries (tenant_id, digest_id) WHERE digest_id IS NOT NULL`);
    // Reminder scans look for open tasks by due date and for informational interviews awaiting a thank-you.
    await db.query(
      `CREATE INDEX tasks_open_by_due ON tasks (tenant_id, due_at) WHERE status IN ('assigned', 'in_progress', 'revision_requested')`,
    );
    await db.query(`CREATE INDEX interactions_recent_by_kind ON interactions (tenant_id, kind, created_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await dropInOrder(db, 'INDEX', ['interactions_recent_by_kind', 'tasks_open_by_due']);
    await dropInOrder(db, 'TABLE', ['email_deliveries', 'notification_preferences']);
    await db.query(`ALTER TABLE tenants DROP COLUMN due_soon_hours`);
  }
}
