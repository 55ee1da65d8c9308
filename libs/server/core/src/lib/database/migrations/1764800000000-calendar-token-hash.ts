import { MigrationInterface, QueryRunner } from 'typeorm';
import { TENANT_SETTING } from '../rls';

/**
 * Calendar feed tokens are stored as a SHA-256 hash, like refresh and invitation
 * tokens: a copy of the database no longer opens anyone's feed.
 *
 * Existing tokens are hashed in place (the hash of the token's UTF-8 text, as
 * `hashToken` computes it), so every feed URL already added to a calendar app
 * keeps working. The link can no longer be read back: the API shows it once,
 * when it is made (or replaced), and afterwards says since when a link exists.
 */
export class CalendarTokenHash1764800000000 implements MigrationInterface {
  name = 'CalendarTokenHash1764800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users ADD COLUMN calendar_token_hash bytea, ADD COLUMN calendar_token_created_at timestamptz`);
    // users has FORCE ROW LEVEL SECURITY: one tenant at a time, inside its policy.
    const tenants: { id: string }[] = await db.query(`SELECT id FROM tenants`);
    for (const tenant of tenants) {
      await db.query(`SELECT set_config('${TENANT_SETTING}', $1, true)`, [tenant.id]);
      await db.query(
        `UPDATE users SET calendar_token_hash = sha256(convert_to(calendar_token, 'UTF8')), calendar_token_created_at = now()
          WHERE tenant_id = $1 AND calendar_token IS NOT NULL`,
        [tenant.id],
      );
    }
    await db.query(`SELECT set_config('${TENANT_SETTING}', '', true)`);
    await db.query(`DROP INDEX users_calendar_token`);
    await db.query(`ALTER TABLE users DROP COLUMN calendar_token`);
    await db.query(
      `CREATE UNIQUE INDEX users_calendar_token_hash ON users (tenant_id, calendar_token_hash) WHERE calendar_token_hash IS NOT NULL`,
    );
    await db.query(
      `ALTER TABLE users ADD CONSTRAINT users_calendar_token_created CHECK ((calendar_token_hash IS NULL) = (calendar_token_created_at IS NULL))`,
    );
  }

  /** A hash cannot be turned back into its token: going down, everyone makes a new link. */
  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users DROP CONSTRAINT users_calendar_token_created`);
    await db.query(`DROP INDEX users_calendar_token_hash`);
    await db.query(`ALTER TABLE users DROP COLUMN calendar_token_hash, DROP COLUMN calendar_token_created_at`);
    await db.query(`ALTER TABLE users ADD COLUMN calendar_token text`);
    await db.query(`CREATE UNIQUE INDEX users_calendar_token ON users (tenant_id, calendar_token) WHERE calendar_token IS NOT NULL`);
  }
}
