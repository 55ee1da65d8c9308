import { MigrationInterface, QueryRunner } from 'typeorm';
import { updatedRows } from './1764500000000-dashboards';

/**
 * `dash_task_rollups.live`: whether the roll-up row's assignment is live (not archived), kept on the
 * row so the dashboards read "live homework only" from the roll-ups alone. Probing `assignments` for
 * each roll-up row cost the admin overview of a 100-cohort career center 0.7 ms per read, three reads
 * a request (issue 12: the large/small ratio).
 *
 * - A new roll-up row takes its assignment's state (a BEFORE INSERT trigger: one key probe per row,
 *   also for an upsert that ends as an update, which leaves `live` as it was).
 * - Archiving or restoring assignments sets the flag on their roll-up rows, locked in key order first
 *   (as the task triggers lock them), so a concurrent writer cannot deadlock with it.
 */
const ROLLUP_LIVE_ON_INSERT = `
  CREATE FUNCTION dash_task_rollups_live() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    NEW.live := COALESCE((SELECT a.archived_at IS NULL FROM assignments a WHERE a.tenant_id = NEW.tenant_id AND a.id = NEW.assignment_id), true);
    RETURN NEW;
  END
  $fn$`;

const ROLLUP_LIVE_ON_ARCHIVE = `
  CREATE FUNCTION dash_assignments_live() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    PERFORM 1 FROM dash_task_rollups r
      JOIN (SELECT (p.n).tenant_id, (p.n).id FROM ${updatedRows('assignments')}
             WHERE ((p.o).archived_at IS NULL) <> ((p.n).archived_at IS NULL)) k ON r.tenant_id = k.tenant_id AND r.assignment_id = k.id
     ORDER BY r.tenant_id, r.assignment_id, r.due_at FOR UPDATE OF r;
    UPDATE dash_task_rollups r SET live = ((p.n).archived_at IS NULL)
      FROM ${updatedRows('assignments')}
     WHERE r.tenant_id = (p.n).tenant_id AND r.assignment_id = (p.n).id AND ((p.o).archived_at IS NULL) <> ((p.n).archived_at IS NULL);
    RETURN NULL;
  END
  $fn$`;

export class LiveRollups1766000000000 implements MigrationInterface {
  name = 'LiveRollups1766000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE dash_task_rollups ADD COLUMN live boolean NOT NULL DEFAULT true`);
    // Existing rows, as the owner, with forced row security lifted for this transaction only.
    await db.query(`ALTER TABLE dash_task_rollups NO FORCE ROW LEVEL SECURITY`);
    await db.query(`ALTER TABLE assignments NO FORCE ROW LEVEL SECURITY`);
    await db.query(`UPDATE dash_task_rollups r SET live = false FROM assignments a
                     WHERE a.tenant_id = r.tenant_id AND a.id = r.assignment_id AND a.archived_at IS NOT NULL`);
    await db.query(`ALTER TABLE assignments FORCE ROW LEVEL SECURITY`);
    await db.query(`ALTER TABLE dash_task_rollups FORCE ROW LEVEL SECURITY`);
    await db.query(ROLLUP_LIVE_ON_INSERT);
    await db.query(`CREATE TRIGGER dash_task_rollups_live BEFORE INSERT ON dash_task_rollups FOR EACH ROW EXECUTE FUNCTION dash_task_rollups_live()`);
    await db.query(ROLLUP_LIVE_ON_ARCHIVE);
    await db.query(
      `CREATE TRIGGER dash_assignments_live AFTER UPDATE ON assignments REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dash_assignments_live()`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER dash_assignments_live ON assignments`);
    await db.query(`DROP TRIGGER dash_task_rollups_live ON dash_task_rollups`);
    await db.query(`DROP FUNCTION dash_assignments_live()`);
    await db.query(`DROP FUNCTION dash_task_rollups_live()`);
    await db.query(`ALTER TABLE dash_task_rollups DROP COLUMN live`);
  }
}
