import argon2 from 'argon2';
import { join } from 'node:path';
import type { Client } from 'pg';
import { CURRICULUM } from '@fieldwork/server-core';
import { eventually, ownerClient } from '@fieldwork/server-core/testing';
import { TestApi, type Session } from './support/test-api';
import { QueryPlanRecorder, type QueryPlan } from './support/query-plans';

/**
 * Rows visited follow the page returned, not the career center's size: every list
 * and dashboard read the staff and students make, run on a 50,000-student career
 * center (the `npm run seed:large` shape: 100 cohorts of 500, 500,000 tasks), has
 * its `EXPLAIN (ANALYZE, BUFFERS)` checked against a budget of shared buffers per
 * row it returns. A plan that walks the tenant (an EXISTS per row, an index in the
 * wrong order, a filter applied after the sort) touches thousands of buffers for
 * one page and fails here, whatever the machine's speed. Both plans of a statement
 * are checked: the one for its values, and the one of its sixth run as a prepared
 * statement (what a busy API runs: from then on PostgreSQL may keep a generic plan,
 * which cannot see the values and guesses how many rows a range or a tenant has).
 *
 * `PLAN_TEST_STUDENTS` makes the career center smaller for a quick local run (a mid-size
 * career center among a thousand small ones runs on custom plans too, see tenant_plans()); a
 * career center of that shape already in the database (`PLAN_TEST_SLUG`) is reused.
 */
const STUDENTS = Number(process.env['PLAN_TEST_STUDENTS'] ?? 50_000);
const COHORTS = Math.max(1, Math.round(STUDENTS / 500));
const SLUG = process.env['PLAN_TEST_SLUG'] ?? `plans-${STUDENTS}`;
const SMALL_SLUG = process.env['PLAN_TEST_SMALL_SLUG'] ?? 'plans-500';
const PASSWORD = process.env['PLAN_TEST_PASSWORD'] ?? 'plan-test-password';

/**
 * A read may touch a fixed amount (index root pages, the visibility arrays, the
 * user's own rows) plus a few buffers per row it returns (the row, its joins).
 */
const FIXED_BUFFERS = 150;
const BUFFERS_PER_ROW = 25;

interface SeedModule {
  seedTenant(client: Client, options: Record<string, unknown>): Promise<{ tenantId: string }>;
}

/**
 * The career center of `npm run seed:large` at `students` (cohorts of 500), with an
 * inbox at scale (a notice per task of the first ten cohorts), vacuumed as a live
 * database would be; one already there with that many students is reused.
 */
async function seedOnce(owner: Client, slug: string, students: number): Promise<void> {
  const found = await owner.query<{ students: number }>(
    `SELECT (SELECT count(*)::int FROM users u WHERE u.tenant_id = t.id AND u.role = 'student') AS students FROM tenants t WHERE t.slug = $1`,
    [slug],
  );
  if (found.rows[0]?.students === students) return;
  const seed = (await import(join(__dirname, '../../../tools/seed-large/seed.mjs'))) as SeedModule;
  const passwordHash = await argon2.hash(PASSWORD, { type: argon2.argon2id, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 });
  const cohorts = Math.max(1, Math.round(students / 500));
  const { tenantId } = await seed.seedTenant(owner, { students, cohorts, assignments: 10, slug, curriculum: CURRICULUM, passwordHash });
  await owner.query(
    `INSERT INTO notifications (tenant_id, id, user_id, kind, subject_id, title, body, link, created_at)
     SELECT t.tenant_id, gen_random_uuid(), t.student_id, 'assignment_created', t.id, 'New homework', 'You have new homework.', '/tasks/' || t.id, t.created_at
       FROM tasks t JOIN (SELECT id FROM cohorts WHERE tenant_id = $1 ORDER BY name LIMIT 10) c ON c.id = t.cohort_id
      WHERE t.tenant_id = $1`,
    [tenantId],
  );
  await owner.query('VACUUM (ANALYZE) notifications');
}

/**
 * How many career centers the database holds while the plans are checked (`PLAN_TEST_CENTERS`
 * changes it: at 3, 9, 20 and 50 with `PLAN_TEST_GENERIC` every read stayed within budget).
 */
const MANY_CAREER_CENTERS = Number(process.env['PLAN_TEST_CENTERS'] ?? 1000);
/** With `PLAN_TEST_GENERIC`, the generic plan is checked whatever `tenant_plans()` chose: how far above the average generic plans hold. */
const GENERIC_ALWAYS = Boolean(process.env['PLAN_TEST_GENERIC']);
const EMPTY_CAREER_CENTER = 'plans-empty-';

/**
 * A database of many career centers, whatever else the test database holds, as production
 * would be: empty career centers are added up to MANY_CAREER_CENTERS (what `tenant_plans()`
 * counts), and every tenant table's `tenant_id` is counted as that many distinct values (what
 * the planner counts, as empty career centers have no rows to count), so a generic plan takes
 * each career center for that fraction of the rows, and the large one must still be read by the
 * page. Answers the tables changed.
 */
async function seeManyCareerCenters(owner: Client): Promise<string[]> {
  await owner.query(
    // Dated long ago, so lists of career centers newest first (the operator's) that other test files read meanwhile keep theirs.
    `INSERT INTO tenants (id, slug, name, timezone, created_at)
     SELECT gen_random_uuid(), '${EMPTY_CAREER_CENTER}' || i, 'Empty career center ' || i, 'UTC', '2000-01-01'
       FROM generate_series(1, $1 - (SELECT count(*) FROM tenants)) i`,
    [MANY_CAREER_CENTERS],
  );
  const { rows } = await owner.query<{ name: string }>(
    `SELECT format('%I', c.relname) AS name FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') ORDER BY c.relname`,
  );
  const tables = rows.map((row) => row.name);
  await setTenantStatistics(owner, tables, `SET (n_distinct = ${MANY_CAREER_CENTERS})`);
  // Vacuumed again now: the seed's own VACUUM cannot mark pages all-visible while a transaction of another
  // test file that began before the seed's writes is open, and index-only scans would then read the heap too.
  await owner.query(`VACUUM ${tables.join(', ')}`);
  // The statistics system counts the new rows once the inserting session reports them (within seconds);
  // nine tenths, as other test files may close a career center of theirs meanwhile.
  await eventually(async () => (await owner.query<{ n: number }>(`SELECT pg_stat_get_live_tuples('tenants'::regclass)::int AS n`)).rows[0].n >= 0.9 * MANY_CAREER_CENTERS, 30_000);
  return tables;
}

/** The tables' own statistics of `tenant_id` again, and no empty career centers. */
async function restoreTenantStatistics(owner: Client, tables: string[]): Promise<void> {
  await owner.query(`DELETE FROM tenants WHERE slug LIKE '${EMPTY_CAREER_CENTER}%'`);
  await setTenantStatistics(owner, tables, 'RESET (n_distinct)');
}

async function setTenantStatistics(owner: Client, tables: string[], option: string): Promise<void> {
  for (const table of tables) await owner.query(`ALTER TABLE ${table} ALTER COLUMN tenant_id ${option}`);
  await owner.query(`ANALYZE ${tables.join(', ')}`);
}

describe(`list queries on a ${STUDENTS.toLocaleString('en-US')}-student career center: buffers follow the page`, () => {
  let api: TestApi;
  let owner: Client;
  const plans = new QueryPlanRecorder();
  let admin: Session;
  let advisor: Session;
  let student: Session;
  let cohortId: string;
  let assignmentId: string;
  let tenantTables: string[] = [];

  beforeAll(async () => {
    api = await TestApi.start();
    owner = await ownerClient(api.config);
    await seedOnce(owner, SLUG, STUDENTS);
    await seedOnce(owner, SMALL_SLUG, 500);
    admin = await api.login(SLUG, `admin@${SLUG}.test`, PASSWORD);
    advisor = await api.login(SLUG, `advisor001@${SLUG}.test`, PASSWORD);
    student = await api.login(SLUG, `student00001@${SLUG}.test`, PASSWORD);
    const cohorts = await api.request('GET', '/cohorts', { token: advisor.accessToken });
    cohortId = cohorts.body.items[0].id;
    const assignments = await api.request('GET', `/assignments?cohortId=${cohortId}`, { token: advisor.accessToken });
    assignmentId = assignments.body.items[0].id;
    tenantTables = await seeManyCareerCenters(owner);
    plans.install({ genericAlways: GENERIC_ALWAYS });
  }, 900_000);

  afterAll(async () => {
    plans.uninstall();
    if (owner && tenantTables.length) await restoreTenantStatistics(owner, tenantTables);
    await owner?.end();
    await api?.close();
  });

  async function planOf(session: Session, path: string): Promise<QueryPlan[]> {
    let status = 0;
    const recorded = await plans.during(async () => {
      status = (await api.request('GET', path, { token: session.accessToken })).status;
    });
    expect(`${path} → ${status}`).toBe(`${path} → 200`);
    return recorded;
  }

  function expectWithinBudget(path: string, recorded: QueryPlan[]): void {
    const over = recorded.filter((p) => p.buffers > FIXED_BUFFERS + BUFFERS_PER_ROW * p.rows);
    const summary = recorded.map((p) => `${p.generic ? 'generic' : 'custom'}: ${p.buffers} buffers / ${p.rows} rows (${p.executionMs.toFixed(1)} ms, planned in ${p.planningMs.toFixed(1)} ms): ${p.sql.slice(0, 100)}`);
    if (process.env['PLAN_TEST_VERBOSE']) console.log(`${path}\n  ${summary.join('\n  ')}`);
    expect({ path, over: over.map((p) => ({ generic: p.generic, buffers: p.buffers, rows: p.rows, sql: p.sql, plan: JSON.stringify(p.plan) })) }).toEqual({ path, over: [] });
  }

  const reads: [string, () => Session, () => string][] = [
    ['review queue (advisor)', () => advisor, () => '/reviews/queue'],
    ['review queue (admin)', () => admin, () => '/reviews/queue'],
    ['review queue of a cohort (admin)', () => admin, () => `/reviews/queue?cohortId=${cohortId}`],
    ['task list (student)', () => student, () => '/tasks'],
    ['task list, open (student)', () => student, () => '/tasks?status=open'],
    ['task list (advisor)', () => advisor, () => '/tasks'],
    ['task list, overdue (advisor)', () => advisor, () => '/tasks?status=overdue'],
    ['task list of a cohort (admin)', () => admin, () => `/tasks?cohortId=${cohortId}`],
    ['task list of an assignment, submitted (advisor)', () => advisor, () => `/tasks?assignmentId=${assignmentId}&status=submitted`],
    ['task list (admin)', () => admin, () => '/tasks'],
    ['inbox (student)', () => student, () => '/notifications'],
    ['inbox, unread (student)', () => student, () => '/notifications?unread=true'],
    ['cohorts (advisor)', () => advisor, () => '/cohorts'],
    ['cohorts (admin)', () => admin, () => '/cohorts'],
    ['people (admin)', () => admin, () => '/users'],
    ['contacts (student)', () => student, () => '/contacts'],
  ];

  it.each(reads)('%s', async (_name, who, path) => {
    expectWithinBudget(path(), await planOf(who(), path()));
  });

  /**
   * Reads of one cohort (its gradebook, dashboard, progress, task list, review queue) cost
   * what the cohort costs: the same 500-student cohort's read, by its one advisor,
   * touches about as many buffers in the 50,000-student career center as in a
   * career center of just that cohort (within 1.5× and 100 buffers: the two cohorts'
   * homework falls due on different days).
   */
  describe('a cohort costs the same in any career center', () => {
    const oneCohort: Record<string, { advisor: Session; cohortId: string }> = {};

    beforeAll(async () => {
      // advisor010 of the large career center advises one cohort (only the first five advise two).
      for (const [slug, email] of [[SLUG, `advisor010@${SLUG}.test`], [SMALL_SLUG, `advisor001@${SMALL_SLUG}.test`]]) {
        const session = await api.login(slug, email, PASSWORD);
        const cohorts = await api.request('GET', '/cohorts', { token: session.accessToken });
        expect(cohorts.body.items).toHaveLength(1);
        oneCohort[slug] = { advisor: session, cohortId: cohorts.body.items[0].id };
      }
    });

    const cohortReads: [string, (cohortId: string) => string][] = [
      ['gradebook', (id) => `/cohorts/${id}/gradebook`],
      ['cohort dashboard', (id) => `/dashboards/cohorts/${id}`],
      ['overview (advisor)', () => '/dashboards/overview'],
      ['assignments of the cohort', (id) => `/assignments?cohortId=${id}`],
      ['task list of the cohort', (id) => `/tasks?cohortId=${id}`],
      ['review queue (advisor)', () => '/reviews/queue'],
    ];

    it.each(cohortReads)('%s', async (_name, path) => {
      // Summed per kind of plan (for its values, generic), so the allowance of 100 buffers is per kind.
      const cost: Record<string, { custom: number; generic: number }> = {};
      for (const slug of [SLUG, SMALL_SLUG]) {
        const { advisor: who, cohortId: id } = oneCohort[slug];
        const recorded = await planOf(who, path(id));
        const sum = (generic: boolean) => recorded.filter((p) => p.generic === generic).reduce((total, p) => total + p.buffers, 0);
        cost[slug] = { custom: sum(false), generic: sum(true) };
      }
      if (process.env['PLAN_TEST_VERBOSE']) console.log(`${path('<cohort>')}: ${JSON.stringify(cost[SLUG])} buffers at ${STUDENTS} students, ${JSON.stringify(cost[SMALL_SLUG])} at 500`);
      const same = (kind: 'custom' | 'generic') => (cost[SLUG][kind] <= 1.5 * cost[SMALL_SLUG][kind] + 100 ? 'same as small' : cost[SLUG][kind]);
      expect({ path: path('<cohort>'), custom: same('custom'), generic: same('generic') }).toEqual({
        path: path('<cohort>'),
        custom: 'same as small',
        generic: 'same as small',
      });
    });
  });

  it('the advisor’s home reads their own students, not the career center', async () => {
    // "Needs your attention" counts, per homework due this week, the advisor's students who haven't
    // started: its work follows the students advised and what is due, so it gets a budget
    // per advised student rather than a comparison with another career center's calendar.
    const recorded = await planOf(advisor, '/me/attention');
    const advised = 1000; // advisor001 advises two cohorts of 500
    const total = recorded.reduce((sum, p) => sum + p.buffers, 0);
    expect({ total, withinBudget: total <= FIXED_BUFFERS + 5 * advised }).toEqual({ total, withinBudget: true });
  });

  it('the admin overview reads per cohort, not per student', async () => {
    const recorded = await planOf(admin, '/dashboards/overview');
    if (process.env['PLAN_TEST_VERBOSE']) console.log(recorded.map((p) => `${p.buffers} buffers / ${p.rows} rows (${p.executionMs.toFixed(1)} ms): ${p.sql.slice(0, 200)}`).join('\n'));
    const over = recorded.filter((p) => p.buffers > FIXED_BUFFERS + BUFFERS_PER_ROW * Math.max(p.rows, COHORTS * 10));
    expect(over.map((p) => ({ generic: p.generic, buffers: p.buffers, rows: p.rows, sql: p.sql }))).toEqual([]);
  });
});
