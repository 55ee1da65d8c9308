import { MigrationInterface, QueryRunner } from 'typeorm';
import { builtFileColumns, createTenantTable } from './ddl';

/**
 * "Download my data": a person's request for a ZIP of their own data, built by
 * the worker and kept for 7 days. Only the requester ever sees it.
 */
export class DataExports1764900000000 implements MigrationInterface {
  name = 'DataExports1764900000000';

  async up(db: QueryRunner): Promise<void> {
    await createTenantTable(db, 'data_exports', `
        user_id uuid NOT NULL,
        ${builtFileColumns('items', 'integer')},
        FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE`, { referencesTenants: false });
    await db.query(`CREATE INDEX data_exports_by_user ON data_exports (tenant_id, user_id, created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX data_exports_expiring ON data_exports (tenant_id, expires_at) WHERE status = 'done'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE data_exports`);
  }
}
