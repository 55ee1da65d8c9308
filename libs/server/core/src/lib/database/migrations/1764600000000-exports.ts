import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolationSql } from '../rls';

export class Exports1764600000000 implements MigrationInterface {
  name = 'Exports1764600000000';

  async up(db: QueryRunner): Promise<void> {
    // A CSV export: requested through the API, written by the worker, kept for a few days.
    await db.query(`
      CREATE TABLE exports (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL,
        requested_by uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('cohort-progress', 'network-summary', 'reflections')),
        cohort_id uuid,
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed', 'expired')),
        total_rows integer CHECK (total_rows >= 0),
        done_rows integer NOT NULL DEFAULT 0 CHECK (done_rows >= 0),
        file_path text,
        file_size bigint,
        error text,
        attempts integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        expires_at timestamptz,
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, requested_by) REFERENCES users (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, cohort_id) REFERENCES cohorts (tenant_id, id) ON DELETE CASCADE
      )`);
    await db.query(`CREATE INDEX exports_recent ON exports (tenant_id, created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX exports_by_requester ON exports (tenant_id, requested_by, created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX exports_expiring ON exports (tenant_id, expires_at) WHERE status = 'done'`);
    // The audit log's filters: by actor and by action, newest first.
    await db.query(`CREATE INDEX audit_events_by_actor ON audit_events (tenant_id, actor_id, occurred_at DESC, id DESC)`);
    await db.query(`CREATE INDEX audit_events_by_action ON audit_events (tenant_id, action, occurred_at DESC, id DESC)`);
    for (const statement of enableTenantIsolationSql('exports')) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX audit_events_by_action`);
    await db.query(`DROP INDEX audit_events_by_actor`);
    await db.query(`DROP TABLE exports`);
  }
}
