import { MigrationInterface, QueryRunner } from 'typeorm';
import { createTenantTable, dropInOrder } from './ddl';

export class Foundation1764100000000 implements MigrationInterface {
  name = 'Foundation1764100000000';

  async up(db: QueryRunner): Promise<void> {
    // Platform tables: no tenant data, no row-level security.
    await db.query(`
      CREATE TABLE tenants (
        id uuid PRIMARY KEY,
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        timezone text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE operators (
        id uuid PRIMARY KEY,
        email text NOT NULL UNIQUE CHECK (email = lower(email)),
        name text NOT NULL,
        password_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE operator_refresh_tokens (
        id uuid PRIMARY KEY,
        operator_id uuid NOT NULL REFERENCES operators (id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash bytea NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX operator_refresh_tokens_family ON operator_refresh_tokens (family_id)`);

    // Tenant tables (createTenantTable): keys (tenant_id, id) leading with tenant_id, row-level security forced.
    await createTenantTable(db, 'users', `
        email text NOT NULL CHECK (email = lower(email)),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        role text NOT NULL CHECK (role IN ('admin', 'advisor', 'student')),
        password_hash text,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, email)`);
    await db.query(`CREATE INDEX users_by_name ON users (tenant_id, lower(name), id)`);
    await createTenantTable(db, 'invitations', `
        user_id uuid NOT NULL,
        token_hash bytea NOT NULL,
        invited_by uuid,
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, token_hash),
        FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, invited_by) REFERENCES users (tenant_id, id) ON DELETE SET NULL (invited_by)`);
    await db.query(`CREATE INDEX invitations_by_user ON invitations (tenant_id, user_id)`);
    await createTenantTable(db, 'refresh_tokens', `
        user_id uuid NOT NULL,
        family_id uuid NOT NULL,
        token_hash bytea NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, token_hash),
        FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE`);
    await db.query(`CREATE INDEX refresh_tokens_by_family ON refresh_tokens (tenant_id, family_id)`);
    await db.query(`CREATE INDEX refresh_tokens_by_user ON refresh_tokens (tenant_id, user_id)`);
    await createTenantTable(db, 'audit_events', `
        occurred_at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid,
        action text NOT NULL,
        subject_type text,
        subject_id uuid,
        ip inet,
        details jsonb NOT NULL DEFAULT '{}'::jsonb`);
    await db.query(`CREATE INDEX audit_events_recent ON audit_events (tenant_id, occurred_at DESC, id DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await dropInOrder(db, 'TABLE', ['audit_events', 'refresh_tokens', 'invitations', 'users', 'operator_refresh_tokens', 'operators', 'tenants']);
  }
}
