import { join } from 'node:path';
import type { Client } from 'pg';
import { CURRICULUM } from '@fieldwork/server-core';
import { ownerClient, prepareTestDatabase, useOwnDatabase, useTestEnvironment } from '@fieldwork/server-core/testing';

/**
 * Bulk writes stay linear through the dashboards' triggers. A statement-level trigger's plans are
 * cached from the first statement that fires it in a session (often a one-row update), so a join of
 * its transition tables, planned for one row each, ran as a nested loop: 25 million comparisons when
 * a roster import then updated 5,000 students. Each statement's plan, down to the triggers' own
 * statements, is read from PostgreSQL (auto_explain, sent back as notices) and every node must visit
 * rows in proportion to the rows written, whatever the machine's speed.
 */
const STUDENTS = 2_000;
/** Rows a plan node may visit per row written: the row, its roll-up rows, its student's few tasks. */
const VISITS_PER_ROW = 10;

interface SeedModule {
  seedTenant(client: Client, options: Record<string, unknown>): Promise<{ tenantId: string }>;
}

interface PlanNode {
  'Node Type': string;
  'Actual Rows': number;
  'Actual Loops': number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Join Filter'?: number;
  Plans?: PlanNode[];
}

interface StatementPlan {
  sql: string;
  plan: PlanNode;
}

/** Rows the node and its children visited: returned, plus filtered out, over every loop (EXPLAIN prints per-loop averages). */
function visits(node: PlanNode): { node: string; rows: number }[] {
  const own = (node['Actual Rows'] + (node['Rows Removed by Filter'] ?? 0) + (node['Rows Removed by Join Filter'] ?? 0)) * node['Actual Loops'];
  return [{ node: node['Node Type'], rows: own }, ...(node.Plans ?? []).flatMap(visits)];
}

describe('bulk writes through the roll-up triggers', () => {
  let owner: Client;
  let tenantId: string;
  let assignmentId: string;
  let dropOwnDatabase: () => Promise<void>;
  const plans: StatementPlan[] = [];

  beforeAll(async () => {
    // A database of its own: the plans must be this suite's, not those of a session another suite warmed.
    dropOwnDatabase = await useOwnDatabase();
    const config = useTestEnvironment();
    await prepareTestDatabase(config);
    owner = await ownerClient(config);
    const seed = (await import(join(__dirname, '../../../tools/seed-large/seed.mjs'))) as SeedModule;
    ({ tenantId } = await seed.seedTenant(owner, { students: STUDENTS, cohorts: 1, assignments: 2, slug: 'bulk-plans', curriculum: CURRICULUM, passwordHash: 'not-used' }));
    assignmentId = (await owner.query(`SELECT id FROM assignments WHERE tenant_id = $1 ORDER BY created_at LIMIT 1`, [tenantId])).rows[0].id;

    // The writes below run as the app role, with every statement's plan (the triggers' included) sent back as a notice.
    await owner.query(`LOAD 'auto_explain'`);
    for (const [name, value] of Object.entries({ log_min_duration: '0', log_analyze: 'on', log_nested_statements: 'on', log_format: 'json', log_level: 'notice' })) {
      await owner.query(`SELECT set_config('auto_explain.${name}', $1, false)`, [value]);
    }
    owner.on('notice', (notice) => {
      const at = notice.message?.indexOf('plan:') ?? -1;
      if (at < 0) return;
      const explained = JSON.parse(notice.message!.slice(at + 'plan:'.length)) as { 'Query Text': string; Plan: PlanNode };
      plans.push({ sql: explained['Query Text'].replace(/\s+/g, ' ').trim(), plan: explained.Plan });
    });
    await owner.query(`SET ROLE ${new URL(config.appDatabaseUrl).username}`);
  }, 180_000);

  afterAll(async () => {
    await owner?.end();
    await dropOwnDatabase?.();
  });

  async function inTenant(statement: string, params: unknown[] = []): Promise<StatementPlan[]> {
    await owner.query('BEGIN');
    await owner.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
    const from = plans.length;
    await owner.query(statement, params);
    await owner.query('COMMIT');
    return plans.slice(from);
  }

  function expectLinear(statementPlans: StatementPlan[], rowsWritten: number): void {
    expect(statementPlans.length).toBeGreaterThan(1); // the statement and its triggers' statements
    const budget = VISITS_PER_ROW * rowsWritten;
    const over = statementPlans.flatMap((p) => visits(p.plan).filter((v) => v.rows > budget).map((v) => `${v.node}: ${v.rows} rows in ${p.sql.slice(0, 160)}`));
    expect(over).toEqual([]);
  }

  it('caches the triggers’ plans on one-row writes, as a session of the API does', async () => {
    const one = await inTenant(`UPDATE tasks SET due_at = due_at + interval '1 day' WHERE tenant_id = $1 AND id = (SELECT id FROM tasks WHERE tenant_id = $1 LIMIT 1)`, [tenantId]);
    expect(one.some((p) => p.sql.startsWith('SELECT dash_refresh_students'))).toBe(true);
    await inTenant(`UPDATE users SET name = name || '.' WHERE tenant_id = $1 AND id = (SELECT id FROM users WHERE tenant_id = $1 AND role = 'student' LIMIT 1)`, [tenantId]);
  });

  it('moves the due date of an assignment given to 2,000 students', async () => {
    const moved = await inTenant(`UPDATE tasks SET due_at = due_at + interval '1 day' WHERE tenant_id = $1 AND assignment_id = $2`, [tenantId, assignmentId]);
    expectLinear(moved, STUDENTS);
  });

  it('renames 2,000 students (a roster re-sync)', async () => {
    expectLinear(await inTenant(`UPDATE users SET name = name || '.' WHERE tenant_id = $1 AND role = 'student'`, [tenantId]), STUDENTS);
  });

  it('adds 2,000 students (a new term’s roster)', async () => {
    const added = await inTenant(
      `INSERT INTO users (tenant_id, id, email, name, role) SELECT $1, gen_random_uuid(), 'new' || g || '@bulk.test', 'New ' || g, 'student' FROM generate_series(1, ${STUDENTS}) g`,
      [tenantId],
    );
    expectLinear(added, STUDENTS);
  });

  it('archives and restores an assignment given to 2,000 students', async () => {
    expectLinear(await inTenant(`UPDATE assignments SET archived_at = now() WHERE tenant_id = $1 AND id = $2`, [tenantId, assignmentId]), STUDENTS);
    expectLinear(await inTenant(`UPDATE assignments SET archived_at = NULL WHERE tenant_id = $1 AND id = $2`, [tenantId, assignmentId]), STUDENTS);
  });
});
