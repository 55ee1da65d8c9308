import { MigrationInterface, QueryRunner } from 'typeorm';

/** A career center of at least this many students runs on plans made for its own numbers. */
const CUSTOM_PLANS_FROM_STUDENTS = 5000;

/** The function as this migration made it (also what 1766200000000's `down` restores). */
export const TENANT_PLANS_FROM_5000_STUDENTS = `
  CREATE OR REPLACE FUNCTION tenant_plans() RETURNS text LANGUAGE plpgsql VOLATILE AS $$
  BEGIN
    RETURN set_config('plan_cache_mode',
      CASE WHEN EXISTS (SELECT 1 FROM dash_network n
                         WHERE n.tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid
                           AND n.scope_id = '00000000-0000-0000-0000-000000000000'
                           AND n.students >= ${CUSTOM_PLANS_FROM_STUDENTS})
           THEN 'force_custom_plan' ELSE 'auto' END, true);
  END
  $$`;

/**
 * `tenant_plans()`: called as a tenant transaction opens (TenantDatabase, in the same round trip as
 * `BEGIN` and the tenant setting), it sets `plan_cache_mode` for the transaction.
 *
 * Every statement with parameters is prepared (PreparingClient), and after five runs on a connection
 * PostgreSQL may keep a generic plan, made without the parameters' values. In a database of many
 * career centers that plan takes each one for an average one: small. For a career center far above
 * the average it then hashes or sorts the whole career center where an index walk would read one
 * page (list-query-plans.spec.ts measured 100,000+ buffers for a 50-row task list of the
 * 50,000-student seed). So a career center of CUSTOM_PLANS_FROM_STUDENTS students or more gets a plan
 * for its own values on every run (`force_custom_plan`, costing a plan per statement); the others
 * keep PostgreSQL's choice (`auto`). The size is the whole-career-center network roll-up's student
 * count (dash_network), read under the transaction's own tenant setting.
 */
export class TenantPlans1766100000000 implements MigrationInterface {
  name = 'TenantPlans1766100000000';

  async up(db: QueryRunner): Promise<void> {
    // PL/pgSQL, not SQL: a session keeps its plan of the lookup (a SQL function's body is planned on every call, ~0.1 ms).
    await db.query(TENANT_PLANS_FROM_5000_STUDENTS);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION tenant_plans()`);
  }
}
