import { MigrationInterface, QueryRunner } from 'typeorm';
import { builtFileColumns, dropInOrder } from './ddl';

/**
 * Offboarding a career center. Platform tables (no tenant_id column, no RLS, like
 * `tenants` and `operators`): the tenant's state, its whole-tenant exports, and a
 * platform audit that outlives the tenant and holds no personal data. Their tenant
 * column is `target_tenant_id`, so "every table with a tenant_id" still means the
 * tenant-isolated tables, which a deletion empties.
 */
export class Offboarding1765200000000 implements MigrationInterface {
  name = 'Offboarding1765200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE tenants
        ADD COLUMN state text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'closing', 'deleting')),
        ADD COLUMN closed_at timestamptz,
        ADD COLUMN closed_by uuid REFERENCES operators (id) ON DELETE SET NULL,
        ADD COLUMN delete_after timestamptz,
        ADD COLUMN deleted_rows jsonb NOT NULL DEFAULT '{}'::jsonb,
        ADD CONSTRAINT tenants_closing_dated CHECK ((state = 'active') = (closed_at IS NULL AND delete_after IS NULL))`);
    await db.query(`CREATE INDEX tenants_due_for_deletion ON tenants (delete_after) WHERE state <> 'active'`);

    await db.query(`
      CREATE TABLE tenant_exports (
        id uuid PRIMARY KEY,
        target_tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        requested_by uuid REFERENCES operators (id) ON DELETE SET NULL,
        ${builtFileColumns('rows', 'bigint')}
      )`);
    await db.query(`CREATE INDEX tenant_exports_by_tenant ON tenant_exports (target_tenant_id, created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX tenant_exports_expiring ON tenant_exports (expires_at) WHERE status = 'done'`);

    await db.query(`
      CREATE TABLE platform_audit_events (
        id uuid PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        action text NOT NULL CHECK (action IN ('tenant.exported', 'tenant.export_downloaded', 'tenant.closed', 'tenant.restored', 'tenant.deleted')),
        operator_id uuid,
        target_tenant_id uuid NOT NULL,
        details jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
    await db.query(`CREATE INDEX platform_audit_events_by_tenant ON platform_audit_events (target_tenant_id, occurred_at DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await dropInOrder(db, 'TABLE', ['platform_audit_events', 'tenant_exports']);
    await db.query(`DROP INDEX tenants_due_for_deletion`);
    await db.query(`
      ALTER TABLE tenants DROP CONSTRAINT tenants_closing_dated,
        DROP COLUMN deleted_rows, DROP COLUMN delete_after, DROP COLUMN closed_by, DROP COLUMN closed_at, DROP COLUMN state`);
  }
}
