import { MigrationInterface, QueryRunner } from 'typeorm';
import { createTenantTable } from './ddl';

/**
 * Deletion requests (issue 13 §2): a student asks (or an admin starts one), an admin approves, the
 * worker erases. `users.erased_at` marks an erased account (erasure is idempotent on it), and
 * `privacy_scrub_text` replaces every whole-word, case-insensitive occurrence of the given needles
 * (regular-expression-escaped by the caller's SQL) in one text: the set-based scrub of other
 * people's texts that name the erased person.
 */
export class DeletionRequests1765000000000 implements MigrationInterface {
  name = 'DeletionRequests1765000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users ADD COLUMN erased_at timestamptz`);
    // A reflection whose contact its owner erased reads "contact removed" (the snapshot is gone).
    await db.query(`ALTER TABLE submissions ADD COLUMN contact_removed_at timestamptz`);
    await createTenantTable(db, 'deletion_requests', `
        user_id uuid NOT NULL,
        requested_by uuid NOT NULL,
        reason text CHECK (length(reason) <= 2000),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'erasing', 'done', 'cancelled')),
        approved_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        approved_at timestamptz,
        finished_at timestamptz,
        cancelled_at timestamptz,
        result jsonb,
        FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE`, { referencesTenants: false });
    // One open request per person.
    await db.query(
      `CREATE UNIQUE INDEX deletion_requests_open ON deletion_requests (tenant_id, user_id) WHERE status IN ('pending', 'approved', 'erasing')`,
    );
    await db.query(`CREATE INDEX deletion_requests_recent ON deletion_requests (tenant_id, created_at DESC, id DESC)`);
    await db.query(`
      CREATE FUNCTION privacy_scrub_text(input text, patterns text[], replacements text[]) RETURNS text
      LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $fn$
      DECLARE
        result text := input;
        i integer;
      BEGIN
        IF input IS NULL THEN RETURN NULL; END IF;
        FOR i IN 1 .. coalesce(array_length(patterns, 1), 0) LOOP
          result := regexp_replace(result, patterns[i], replacements[i], 'gi');
        END LOOP;
        RETURN result;
      END
      $fn$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION privacy_scrub_text(text, text[], text[])`);
    await db.query(`DROP TABLE deletion_requests`);
    await db.query(`ALTER TABLE submissions DROP COLUMN contact_removed_at`);
    await db.query(`ALTER TABLE users DROP COLUMN erased_at`);
  }
}
