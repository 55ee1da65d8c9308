import { MigrationInterface, QueryRunner } from 'typeorm';
import { TENANT_PLANS_FROM_5000_STUDENTS } from './1766100000000-tenant-plans';

/** A career center this many times the average size (users per career center) runs on plans made for its own numbers… */
export const CUSTOM_PLANS_AT_TIMES_AVERAGE = 10;
/** …once it has this many students: below it, even a plan that reads the whole career center reads little. */
export const CUSTOM_PLANS_FROM_STUDENTS = 1000;

/**
 * `tenant_plans()` with a threshold relative to the database, not an absolute 5,000 students
 * (migration 1766100000000, which explains why the setting exists).
 *
 * A prepared statement's generic plan takes each career center for an average one. How far a
 * career center may be above that average before such a plan reads it whole was measured in
 * list-query-plans.spec.ts, making the planner see the 50,000-student career center at 3, 9, 20,
 * 50 and 100 times the average: every read stayed within its budget up to 50 times, and one (the
 * admin's review queue) went over at 100. So a career center of at least
 * CUSTOM_PLANS_AT_TIMES_AVERAGE times the average gets a plan for its own values on every run;
 * the others, however big, keep PostgreSQL's choice (in a database of large career centers, none
 * pays a plan per statement). A mid-size one among many small ones is now covered too.
 *
 * The average is users ÷ career centers as the statistics system counts live rows
 * (`pg_stat_get_live_tuples`: current without an ANALYZE, a function call, no table read). It
 * can only be lower than the planner's own (which counts only career centers that have users),
 * so it errs towards custom plans. With no statistics (just after a crash) it is 0: every career
 * center from CUSTOM_PLANS_FROM_STUDENTS up gets custom plans.
 */
export class RelativeTenantPlans1766200000000 implements MigrationInterface {
  name = 'RelativeTenantPlans1766200000000';

  async up(db: QueryRunner): Promise<void> {
    // The rule alone, immutable, so it is tested with any numbers; tenant_plans() gathers them.
    await db.query(`
      CREATE FUNCTION tenant_plan_mode(students bigint, users bigint, career_centers bigint) RETURNS text
      LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE WHEN students >= ${CUSTOM_PLANS_FROM_STUDENTS}
                     AND students >= ${CUSTOM_PLANS_AT_TIMES_AVERAGE} * users::float8 / GREATEST(career_centers, 1)
                    THEN 'force_custom_plan' ELSE 'auto' END
      $$`);
    await db.query(`
      CREATE OR REPLACE FUNCTION tenant_plans() RETURNS text LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        students bigint;
      BEGIN
        SELECT n.students INTO students FROM dash_network n
         WHERE n.tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid
           AND n.scope_id = '00000000-0000-0000-0000-000000000000';
        RETURN set_config('plan_cache_mode',
          tenant_plan_mode(COALESCE(students, 0), pg_stat_get_live_tuples('users'::regclass), pg_stat_get_live_tuples('tenants'::regclass)), true);
      END
      $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(TENANT_PLANS_FROM_5000_STUDENTS);
    await db.query(`DROP FUNCTION tenant_plan_mode(bigint, bigint, bigint)`);
  }
}
