import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * More than one machine (issue 12).
 * - `platform_private.secrets`: values every API process must agree on, kept by the
 *   database rather than by one process's memory. Today one row, `jwt_secret`: the
 *   HS256 key generated once (insert-if-absent) when JWT_SECRET is not set, so
 *   restarts and replicas accept each other's tokens. The schema is the owner's only:
 *   the app role is granted nothing in it (it is read at boot over the owner's
 *   connection, like the migrations), so a SQL injection as the app cannot read the key.
 */
export class Scale1765600000000 implements MigrationInterface {
  name = 'Scale1765600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SCHEMA platform_private`);
    await db.query(`REVOKE ALL ON SCHEMA platform_private FROM PUBLIC`);
    await db.query(`
      CREATE TABLE platform_private.secrets (
        name text PRIMARY KEY CHECK (name ~ '^[a-z_]{1,40}$'),
        value text NOT NULL CHECK (length(value) >= 32),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP SCHEMA platform_private CASCADE`);
  }
}
