import { MigrationInterface, QueryRunner } from 'typeorm';
import { dashboardFunctions } from './1764500000000-dashboards';

/**
 * The dashboards' trigger functions stay linear on bulk writes (issue 12, a semester's first roster
 * import): an update's new and old rows are paired by grouping instead of a join of the two transition
 * tables, and the student recompute finds students by key instead of joining its list to `users`. Both
 * joins were planned from a one-row statement or from out-of-date statistics and became nested loops:
 * 25 million comparisons for a 5,000-student import. The functions are re-created as they are now.
 */
export class LinearTriggers1765900000000 implements MigrationInterface {
  name = 'LinearTriggers1765900000000';

  async up(db: QueryRunner): Promise<void> {
    for (const fn of dashboardFunctions()) await db.query(fn);
  }

  /** The earlier functions computed the same roll-ups, only slower on bulk writes: nothing to undo. */
  async down(): Promise<void> {
    return;
  }
}
