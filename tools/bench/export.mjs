#!/usr/bin/env node
// npm run bench:export — a cohort-progress export of a 50,000-student cohort
// (BENCH_STUDENTS × BENCH_ASSIGNMENTS task rows) through the real API and worker:
// time from POST /api/exports to "done", rows per second, file size, download
// time, and the worker's peak memory (VmHWM), which must stay flat however many rows.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cliProgress from 'cli-progress';
import pg from 'pg';
import { benchDatabase, call, root, startApi } from './support.mjs';

const STUDENTS = Number(process.env.BENCH_STUDENTS ?? 50_000);
const ASSIGNMENTS = Number(process.env.BENCH_ASSIGNMENTS ?? 4);
const TARGET_SECONDS = 30;

const peakRssMb = (pid) => {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmHWM:'));
    return line ? Number(line.replace(/\D+/g, '')) / 1024 : null;
  } catch {
    return null;
  }
};

const db = await benchDatabase('fieldwork_bench_export');
const exportDir = await mkdtemp(join(tmpdir(), 'fieldwork-bench-exports-'));
const queuePrefix = `bench-export-${Date.now().toString(36)}`;
const env = { EXPORT_DIR: exportDir, QUEUE_PREFIX: queuePrefix };
let api;
let worker;
try {
  api = await startApi(db.url, Number(process.env.BENCH_PORT ?? 3202), env);
  worker = spawn(process.execPath, [join(root, 'dist/apps/worker/main.js')], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: 'warn', NODE_ENV: 'development', DEMO_SEED: 'false', ...env },
  });

  const owner = new pg.Client({ connectionString: db.url });
  await owner.connect();
  const [{ tenant_id }] = (await owner.query(`SELECT id AS tenant_id FROM tenants WHERE slug = 'demo'`)).rows;
  const seeded = Date.now();
  const cohortId = (await owner.query(`INSERT INTO cohorts (tenant_id, id, name) VALUES ($1, gen_random_uuid(), 'Bench export cohort') RETURNING id`, [tenant_id])).rows[0].id;
  await owner.query(
    `WITH students AS (
       INSERT INTO users (tenant_id, id, email, name, role, student_id)
       SELECT $1, gen_random_uuid(), 'export' || n || '@demo.test', 'Export Student ' || n, 'student', 'X' || n FROM generate_series(1, $3) n
       RETURNING id)
     INSERT INTO cohort_members (tenant_id, cohort_id, user_id, role) SELECT $1, $2, id, 'student' FROM students`,
    [tenant_id, cohortId, STUDENTS],
  );
  await owner.query(
    `WITH a AS (
       INSERT INTO assignments (tenant_id, id, template_id, cohort_id, title, category, instructions, prompts, contact_required, evidence, rubric,
                                estimated_minutes, opens_at, due_at, created_by)
       SELECT t.tenant_id, gen_random_uuid(), t.id, $2, t.title, t.category, t.instructions, t.prompts, t.contact_required, t.evidence, t.rubric,
              t.estimated_minutes, now() - interval '3 days', now() + make_interval(days => n), (SELECT id FROM users WHERE tenant_id = $1 AND role = 'advisor' LIMIT 1)
         FROM generate_series(1, $3) n
         CROSS JOIN LATERAL (SELECT * FROM templates WHERE tenant_id = $1 ORDER BY title OFFSET (n - 1) % 10 LIMIT 1) t
       RETURNING id, tenant_id, opens_at, due_at)
     INSERT INTO tasks (tenant_id, id, assignment_id, student_id, cohort_id, opens_at, due_at, status, first_submitted_at, submitted_at)
     SELECT a.tenant_id, gen_random_uuid(), a.id, m.user_id, $2, a.opens_at, a.due_at,
            CASE WHEN random() < 0.3 THEN 'submitted' ELSE 'assigned' END, NULL, NULL
       FROM a JOIN cohort_members m ON m.tenant_id = a.tenant_id AND m.cohort_id = $2 AND m.role = 'student'`,
    [tenant_id, cohortId, ASSIGNMENTS],
  );
  await owner.query(`UPDATE tasks SET first_submitted_at = opens_at + interval '1 day', submitted_at = opens_at + interval '1 day' WHERE tenant_id = $1 AND status = 'submitted'`, [tenant_id]);
  await owner.query('ANALYZE');
  const [{ n: taskRows }] = (await owner.query(`SELECT count(*)::int AS n FROM tasks WHERE tenant_id = $1 AND cohort_id = $2`, [tenant_id, cohortId])).rows;
  await owner.end();
  console.log(`Seeded a ${STUDENTS.toLocaleString('en-US')}-student cohort with ${ASSIGNMENTS} assignments (${taskRows.toLocaleString('en-US')} tasks) in ${((Date.now() - seeded) / 1000).toFixed(1)} s`);

  const { accessToken } = await call(api.base, 'POST', '/auth/login', null, { tenant: 'demo', email: 'admin@demo.test', password: process.env.DEMO_PASSWORD ?? 'fieldwork-demo' });
  const rssBefore = peakRssMb(worker.pid);
  const bar = new cliProgress.SingleBar({ format: 'Exporting |{bar}| {percentage}% | {value}/{total} rows | {duration}s' }, cliProgress.Presets.shades_classic);
  const t0 = performance.now();
  const { id } = await call(api.base, 'POST', '/exports', accessToken, { kind: 'cohort-progress', cohortId });
  let status;
  let started = false;
  for (;;) {
    status = await call(api.base, 'GET', `/exports/${id}`, accessToken);
    if (status.totalRows !== null && !started) {
      bar.start(status.totalRows, 0);
      started = true;
    }
    if (started) bar.update(status.status === 'done' ? status.totalRows : status.doneRows);
    if (status.status === 'done' || status.status === 'failed') break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const seconds = (performance.now() - t0) / 1000;
  if (started) bar.stop();
  if (status.status !== 'done') throw new Error(`export failed: ${status.error}`);
  if (status.totalRows !== taskRows) throw new Error(`expected ${taskRows} rows, the export has ${status.totalRows}`);

  const t1 = performance.now();
  const response = await fetch(`${api.base}/exports/${id}/download`, { headers: { authorization: `Bearer ${accessToken}` } });
  let bytes = 0;
  for await (const chunk of response.body) bytes += chunk.length;
  const downloadSeconds = (performance.now() - t1) / 1000;
  const rssAfter = peakRssMb(worker.pid);

  console.log(`\nCohort-progress export of a ${STUDENTS.toLocaleString('en-US')}-student cohort:`);
  console.log(`  rows                    : ${status.totalRows.toLocaleString('en-US')}`);
  console.log(`  file                    : ${(status.fileSize / 1024 / 1024).toFixed(1)} MB`);
  console.log(`  request → done          : ${seconds.toFixed(1)} s  (${Math.round(status.totalRows / seconds).toLocaleString('en-US')} rows/s; target < ${TARGET_SECONDS} s: ${seconds < TARGET_SECONDS ? 'met' : 'NOT met'})`);
  console.log(`  download                : ${downloadSeconds.toFixed(2)} s (${(bytes / 1024 / 1024).toFixed(1)} MB)`);
  if (rssBefore !== null && rssAfter !== null) console.log(`  worker peak RSS         : ${rssBefore.toFixed(0)} MB before, ${rssAfter.toFixed(0)} MB after`);
} finally {
  if (worker && worker.exitCode === null) await new Promise((done) => (worker.once('exit', done), worker.kill('SIGTERM')));
  await api?.stop();
  await db.drop();
  await rm(exportDir, { recursive: true, force: true });
}
