import { MigrationInterface, QueryRunner } from 'typeorm';
import { builtFileColumns, createTenantTable, dropInOrder } from './ddl';

export class Exports1764600000000 implements MigrationInterface {
  name = 'Exports1764600000000';

  async up(db: QueryRunner): Promise<void> {
    // A CSV export: requested through the API, written by the worker, kept for a few days.
    await createTenantTable(db, 'exports', `
        requested_by uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('cohort-progress', 'network-summary', 'reflections')),
        cohort_id uuid,
        ${builtFileColumns('rows', 'integer')},
        FOREIGN KEY (tenant_id, requested_by) REFERENCES users (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, cohort_id) REFERENCES cohorts (tenant_id, id) ON DELETE CASCADE`, { referencesTenants: false });
    await db.query(`CREATE INDEX exports_recent ON exports (tenant_id, created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX exports_by_requester ON exports (tenant_id, requested_by, created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX exports_expiring ON exports (tenant_id, expires_at) WHERE status = 'done'`);
    // The audit log's filters: by actor and by action, newest first.
    await db.query(`CREATE INDEX audit_events_by_actor ON audit_events (tenant_id, actor_id, occurred_at DESC, id DESC)`);
    await db.query(`CREATE INDEX audit_events_by_action ON audit_events (tenant_id, action, occurred_at DESC, id DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await dropInOrder(db, 'INDEX', ['audit_events_by_action', 'audit_events_by_actor']);
    await db.query(`DROP TABLE exports`);
  }
}
