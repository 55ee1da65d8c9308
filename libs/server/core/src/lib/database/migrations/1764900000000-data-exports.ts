import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolationSql } from '../rls';

/**
 * "Download my data": a person's request for a ZIP of their own data, built by
 * the worker and kept for 7 days. Only the requester ever sees it.
 */
export class DataExports1764900000000 implements MigrationInterface {
  name = 'DataExports1764900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE data_exports (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL,
        user_id uuid NOT NULL,
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed', 'expired')),
        total_items integer CHECK (total_items >= 0),
        done_items integer NOT NULL DEFAULT 0 CHECK (done_items >= 0),
        file_path text,
        file_size bigint,
        error text,
        attempts integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        expires_at timestamptz,
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
      )`);
    await db.query(`CREATE INDEX data_exports_by_user ON data_exports (tenant_id, user_id, created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX data_exports_expiring ON data_exports (tenant_id, expires_at) WHERE status = 'done'`);
    for (const statement of enableTenantIsolationSql('data_exports')) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE data_exports`);
  }
}
