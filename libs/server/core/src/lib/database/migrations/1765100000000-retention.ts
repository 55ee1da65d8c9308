import { MigrationInterface, QueryRunner } from 'typeorm';
import { createTenantTable, dropInOrder } from './ddl';

/**
 * Retention by policy (issue 13 §3).
 * - `tenants`: the career center's three retention periods, in months (1–240).
 * - `submissions.redacted_at`: when the retention run blanked a reflection's content (the row and
 *   every count built on it stay; a blanked row is never blanked or counted again).
 * - `retention_runs`: one row per tenant and run time (`at`), holding the phase reached and the
 *   counts so far. Each batch adds its count in the transaction that deletes the rows, so a run
 *   resumed after a crash continues where it stopped and never counts a row twice.
 * - indexes for the run's set-based statements: cohorts by end date, submissions by task.
 */
export class Retention1765100000000 implements MigrationInterface {
  name = 'Retention1765100000000';

  async up(db: QueryRunner): Promise<void> {
    const months = (column: string, defaultMonths: number) =>
      `ADD COLUMN ${column} integer NOT NULL DEFAULT ${defaultMonths} CHECK (${column} BETWEEN 1 AND 240)`;
    await db.query(`
      ALTER TABLE tenants
        ${months('retention_reflections_months', 36)},
        ${months('retention_accounts_months', 36)},
        ${months('retention_audit_months', 84)}`);
    await db.query(`ALTER TABLE submissions ADD COLUMN redacted_at timestamptz`);
    await db.query(`CREATE INDEX submissions_by_task ON submissions (tenant_id, task_id) WHERE redacted_at IS NULL`);
    await db.query(`CREATE INDEX cohorts_by_end ON cohorts (tenant_id, ends_on, id)`);
    await createTenantTable(db, 'retention_runs', `
        at timestamptz NOT NULL,
        phase text NOT NULL DEFAULT 'audit' CHECK (phase IN ('audit', 'accounts', 'reflections', 'interactions', 'contacts', 'done')),
        accounts integer NOT NULL DEFAULT 0,
        reflections integer NOT NULL DEFAULT 0,
        contacts integer NOT NULL DEFAULT 0,
        interactions integer NOT NULL DEFAULT 0,
        audit_events integer NOT NULL DEFAULT 0,
        batches integer NOT NULL DEFAULT 0,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        UNIQUE (tenant_id, at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE retention_runs`);
    await dropInOrder(db, 'INDEX', ['cohorts_by_end', 'submissions_by_task']);
    await db.query(`ALTER TABLE submissions DROP COLUMN redacted_at`);
    await db.query(`
      ALTER TABLE tenants
        DROP COLUMN retention_reflections_months,
        DROP COLUMN retention_accounts_months,
        DROP COLUMN retention_audit_months`);
  }
}
