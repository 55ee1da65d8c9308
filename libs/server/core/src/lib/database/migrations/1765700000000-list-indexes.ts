import { MigrationInterface, QueryRunner } from 'typeorm';
import { dropInOrder } from './ddl';

/**
 * Lists read in the order of an index and stop at the page (issue 12):
 * - `tasks_by_due`: an admin's task list, due date first, over the whole career center;
 * - `tasks_by_cohort_due`: a cohort's task list, and an advisor's list read cohort by
 *   cohort (see `visibleTaskPage` in libs/server/access);
 * - `tasks_by_assignment_status` and `cohort_members_by_role`: an assignment's progress
 *   counts and a cohort's head counts read from the index alone (no row visited).
 */
export class ListIndexes1765700000000 implements MigrationInterface {
  name = 'ListIndexes1765700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX tasks_by_due ON tasks (tenant_id, due_at, id)`);
    await db.query(`CREATE INDEX tasks_by_cohort_due ON tasks (tenant_id, cohort_id, due_at, id)`);
    await db.query(`CREATE INDEX tasks_by_assignment_status ON tasks (tenant_id, assignment_id, status)`);
    await db.query(`CREATE INDEX cohort_members_by_role ON cohort_members (tenant_id, cohort_id, role)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await dropInOrder(db, 'INDEX', ['cohort_members_by_role', 'tasks_by_assignment_status', 'tasks_by_cohort_due', 'tasks_by_due']);
  }
}
