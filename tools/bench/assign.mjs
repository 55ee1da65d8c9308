#!/usr/bin/env node
// npm run bench:assign — a 5,000-student cohort: the end-to-end time of
// POST /api/assignments (HTTP, auth, validation, template copy, set-based fan-out,
// commit) beside a raw INSERT … SELECT of the same 5,000 task rows, and their ratio.
import pg from 'pg';
import { benchDatabase, call, median, ms, startApi } from './support.mjs';

const STUDENTS = Number(process.env.BENCH_STUDENTS ?? 5000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

const db = await benchDatabase('fieldwork_bench_assign');
let api;
try {
  api = await startApi(db.url, 3201);
  const owner = new pg.Client({ connectionString: db.url });
  await owner.connect();
  const [{ tenant_id }] = (await owner.query(`SELECT id AS tenant_id FROM tenants WHERE slug = 'demo'`)).rows;
  const started = Date.now();
  const cohortId = (await owner.query(`INSERT INTO cohorts (tenant_id, id, name) VALUES ($1, gen_random_uuid(), 'Bench cohort') RETURNING id`, [tenant_id])).rows[0].id;
  await owner.query(
    `WITH students AS (
       INSERT INTO users (tenant_id, id, email, name, role)
       SELECT $1, gen_random_uuid(), 'bench' || n || '@demo.test', 'Bench Student ' || n, 'student' FROM generate_series(1, $3) n
       RETURNING id)
     INSERT INTO cohort_members (tenant_id, cohort_id, user_id, role) SELECT $1, $2, id, 'student' FROM students`,
    [tenant_id, cohortId, STUDENTS],
  );
  await owner.query('ANALYZE');
  console.log(`Seeded a ${STUDENTS}-student cohort in ${Date.now() - started} ms`);

  const { accessToken } = await call(api.base, 'POST', '/auth/login', null, { tenant: 'demo', email: 'advisor@demo.test', password: process.env.DEMO_PASSWORD ?? 'fieldwork-demo' });
  await owner.query(`INSERT INTO cohort_members (tenant_id, cohort_id, user_id, role) SELECT tenant_id, $2, id, 'advisor' FROM users WHERE tenant_id = $1 AND email = 'advisor@demo.test'`, [tenant_id, cohortId]);
  const templates = await call(api.base, 'GET', '/templates', accessToken);
  const templateId = templates.items[0].id;
  const opensAt = new Date().toISOString();
  const dueAt = new Date(Date.now() + 7 * 86_400_000).toISOString();

  const endToEnd = [];
  for (let round = 0; round < ROUNDS + 1; round++) {
    const t0 = performance.now();
    const result = await call(api.base, 'POST', '/assignments', accessToken, { templateId, cohortId, opensAt, dueAt });
    const elapsed = performance.now() - t0;
    if (result.taskCount !== STUDENTS) throw new Error(`expected ${STUDENTS} tasks, got ${result.taskCount}`);
    if (round > 0) endToEnd.push(elapsed); // the first call warms up connections and plans
  }

  const raw = [];
  for (let round = 0; round < ROUNDS + 1; round++) {
    await owner.query('BEGIN');
    const [{ id }] = (
      await owner.query(
        `INSERT INTO assignments (tenant_id, id, template_id, cohort_id, title, category, instructions, prompts, contact_required, evidence, rubric,
                                  estimated_minutes, opens_at, due_at, created_by)
         SELECT tenant_id, gen_random_uuid(), id, $2, title, category, instructions, prompts, contact_required, evidence, rubric, estimated_minutes,
                $3, $4, (SELECT id FROM users WHERE tenant_id = $1 AND role = 'advisor' LIMIT 1)
           FROM templates WHERE tenant_id = $1 AND id = $5 RETURNING id`,
        [tenant_id, cohortId, opensAt, dueAt, templateId],
      )
    ).rows;
    const t0 = performance.now();
    const inserted = await owner.query(
      `INSERT INTO tasks (tenant_id, id, assignment_id, student_id, cohort_id, opens_at, due_at)
       SELECT m.tenant_id, gen_random_uuid(), $2, m.user_id, m.cohort_id, $4, $5
         FROM cohort_members m WHERE m.tenant_id = $1 AND m.cohort_id = $3 AND m.role = 'student'`,
      [tenant_id, id, cohortId, opensAt, dueAt],
    );
    await owner.query('COMMIT');
    const elapsed = performance.now() - t0;
    if (inserted.rowCount !== STUDENTS) throw new Error(`raw insert made ${inserted.rowCount} rows`);
    if (round > 0) raw.push(elapsed);
  }
  await owner.end();

  const e2e = median(endToEnd);
  const sql = median(raw);
  console.log(`\nAssigning a template to a ${STUDENTS}-student cohort (median of ${ROUNDS}):`);
  console.log(`  POST /api/assignments, end to end : ${ms(e2e)}`);
  console.log(`  raw INSERT … SELECT + commit      : ${ms(sql)}`);
  console.log(`  ratio                             : ${(e2e / sql).toFixed(2)}  (target ≤ 2, and under 1 s)`);
} finally {
  await api?.stop();
  await db.drop();
}
