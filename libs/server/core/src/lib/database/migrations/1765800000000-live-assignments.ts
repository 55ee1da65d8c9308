import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `assignments_live`: the ids of a career center's live (not archived) assignments, for the
 * dashboards' "live homework only" test on the roll-ups. It is read by an index-only scan
 * instead of the assignments' wide rows (title, prompts, rubric) — issue 12's admin overview.
 */
export class LiveAssignments1765800000000 implements MigrationInterface {
  name = 'LiveAssignments1765800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX assignments_live ON assignments (tenant_id, id) WHERE archived_at IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX assignments_live`);
  }
}
