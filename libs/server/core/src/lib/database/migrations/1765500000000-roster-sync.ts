import { MigrationInterface, QueryRunner } from 'typeorm';
import { createTenantTable, dropInOrder } from './ddl';

/**
 * Roster sync: API tokens a registrar's nightly job uses to push the roster
 * (only a SHA-256 hash of each token is kept), and the history of every roster
 * import — from the web page or a token, dry run or applied — with its counts.
 */
export class RosterSync1765500000000 implements MigrationInterface {
  name = 'RosterSync1765500000000';

  async up(db: QueryRunner): Promise<void> {
    await createTenantTable(db, 'api_tokens', `
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        scope text NOT NULL CHECK (scope IN ('roster:import')),
        token_hash bytea NOT NULL,
        hint text NOT NULL CHECK (length(hint) BETWEEN 1 AND 40),
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz,
        revoked_by uuid,
        UNIQUE (tenant_id, token_hash),
        FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id),
        FOREIGN KEY (tenant_id, revoked_by) REFERENCES users (tenant_id, id)`);
    await db.query(`CREATE INDEX api_tokens_recent ON api_tokens (tenant_id, created_at DESC, id DESC)`);
    await createTenantTable(db, 'roster_imports', `
        occurred_at timestamptz NOT NULL DEFAULT now(),
        user_id uuid,
        api_token_id uuid,
        dry_run boolean NOT NULL,
        remove_missing boolean NOT NULL DEFAULT false,
        ok boolean NOT NULL,
        rows integer NOT NULL DEFAULT 0 CHECK (rows >= 0),
        added integer NOT NULL DEFAULT 0 CHECK (added >= 0),
        updated integer NOT NULL DEFAULT 0 CHECK (updated >= 0),
        unchanged integer NOT NULL DEFAULT 0 CHECK (unchanged >= 0),
        removed integer NOT NULL DEFAULT 0 CHECK (removed >= 0),
        error_rows integer NOT NULL DEFAULT 0 CHECK (error_rows >= 0),
        error_summary text,
        CHECK (num_nonnulls(user_id, api_token_id) = 1),
        FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id),
        FOREIGN KEY (tenant_id, api_token_id) REFERENCES api_tokens (tenant_id, id)`);
    await db.query(`CREATE INDEX roster_imports_recent ON roster_imports (tenant_id, occurred_at DESC, id DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await dropInOrder(db, 'TABLE', ['roster_imports', 'api_tokens']);
  }
}
