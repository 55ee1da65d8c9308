import { MigrationInterface, QueryRunner } from 'typeorm';
import { createTenantTable, dropInOrder } from './ddl';

/**
 * Passwords, sessions and two-step sign-in (issue 10 §3 and §4).
 *
 * - `password_resets`: single-use, expiring links; only a SHA-256 hash of the token is kept.
 * - `user_mfa` / `operator_mfa`: one TOTP factor per person, its secret encrypted (AES-256-GCM) by the
 *   app, the last accepted time step (a code is never accepted twice) and the recovery codes' hashes.
 * - `tenants.mfa_required_for_staff`: the career center's "require two-step sign-in for admins and advisors".
 * - `rate_limits`: the shared counters of rate-limiter-flexible when no Redis is configured.
 * - `auth_principal(...)`: the JWT strategy's one read per request (account, career center and session
 *   in a single call, outside any transaction). SECURITY DEFINER so it can set the tenant for row-level
 *   security itself; its SET clause restores `app.tenant_id` when it returns.
 */
export class PasswordsMfa1765400000000 implements MigrationInterface {
  name = 'PasswordsMfa1765400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE tenants ADD COLUMN mfa_required_for_staff boolean NOT NULL DEFAULT false`);

    await createTenantTable(db, 'password_resets', `
        user_id uuid NOT NULL,
        token_hash bytea NOT NULL,
        -- The admin who sent it from People; NULL when the person asked for it themselves.
        requested_by uuid,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, token_hash),
        FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE`, { referencesTenants: false });
    await db.query(`CREATE INDEX password_resets_by_user ON password_resets (tenant_id, user_id) WHERE used_at IS NULL`);

    await createTenantTable(db, 'user_mfa', `
        user_id uuid NOT NULL,
        totp_secret text NOT NULL,
        -- NULL while the person has scanned the QR code but not yet confirmed a code.
        enabled_at timestamptz,
        last_step bigint,
        recovery_code_hashes bytea[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE`, { key: 'user_id', referencesTenants: false });
    await db.query(`
      CREATE TABLE operator_mfa (
        operator_id uuid PRIMARY KEY REFERENCES operators (id) ON DELETE CASCADE,
        totp_secret text NOT NULL,
        enabled_at timestamptz,
        last_step bigint,
        recovery_code_hashes bytea[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await db.query(`
      CREATE TABLE rate_limits (
        key varchar(255) PRIMARY KEY,
        points integer NOT NULL DEFAULT 0,
        expire bigint
      )`);

    await db.query(`
      CREATE FUNCTION auth_principal(p_tenant uuid, p_user uuid, p_session uuid)
        RETURNS TABLE (role text, tenant_state text, session_live boolean)
        LANGUAGE plpgsql SECURITY DEFINER
        SET search_path = public, pg_temp
        SET app.tenant_id = ''
      AS $$
      #variable_conflict use_column
      BEGIN
        PERFORM set_config('app.tenant_id', p_tenant::text, true);
        RETURN QUERY
          SELECT u.role::text, t.state::text,
                 EXISTS (SELECT 1 FROM refresh_tokens r
                          WHERE r.tenant_id = p_tenant AND r.family_id = p_session AND r.user_id = p_user
                            AND r.revoked_at IS NULL AND r.expires_at > now())
            FROM users u JOIN tenants t ON t.id = u.tenant_id
           WHERE u.tenant_id = p_tenant AND u.id = p_user AND u.active;
      END
      $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION auth_principal(uuid, uuid, uuid)`);
    await dropInOrder(db, 'TABLE', ['rate_limits', 'operator_mfa', 'user_mfa', 'password_resets']);
    await db.query(`ALTER TABLE tenants DROP COLUMN mfa_required_for_staff`);
  }
}
