// Shared plumbing of the benchmarks: a throw-away database (on DATABASE_URL's
// server, or an embedded PostgreSQL), the built API running against it, and timing.
import { fork, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startEmbeddedPostgres } from '../embedded-postgres.mjs';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export async function benchDatabase(name) {
  let embedded = null;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    embedded = await startEmbeddedPostgres({ dataDir: join(root, '.data/bench-postgres'), port: 54349, database: 'postgres' });
    serverUrl = embedded.url;
  }
  const database = `${name}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.end();
      await embedded?.stop();
    },
  };
}

/** The built API on `port`; `onStdout` receives what it prints (else its output is dropped). */
export async function startApi(databaseUrl, port, extraEnv = {}, { onStdout } = {}) {
  const build = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '-p', 'api', 'worker', '--outputStyle=static'], { cwd: root, stdio: 'ignore', env: { ...process.env, NX_DAEMON: 'false' } });
  if (build.status !== 0) throw new Error('build failed: run `npx nx build api` to see why');
  // API_PROCESSES > 1: the processes share the port through node:cluster, as with `npm start`.
  const processes = Number(extraEnv.API_PROCESSES ?? process.env.API_PROCESSES ?? 1);
  const entry = processes > 1 ? join(root, 'tools/bench/cluster-api.mjs') : join(root, 'dist/apps/api/main.js');
  const nodeArgs = process.env.BENCH_API_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, entry], {
    cwd: root,
    stdio: ['ignore', onStdout ? 'pipe' : 'ignore', 'inherit'],
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), LOG_LEVEL: 'warn', DEMO_SEED: 'true', NODE_ENV: 'development', ...extraEnv },
  });
  if (onStdout) child.stdout.on('data', (chunk) => onStdout(chunk.toString()));
  const base = `http://127.0.0.1:${port}/api`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/health`)).ok) break;
    } catch {
      // starting
    }
    if (Date.now() > deadline) throw new Error('the API did not start');
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    base,
    pid: child.pid,
    stop: () => new Promise((done) => (child.exitCode !== null ? done() : (child.once('exit', done), child.kill('SIGTERM')))),
  };
}

/**
 * The statements the API sends for some reads, as it sends them: a throw-away API with LOG_SQL
 * answers each target (`{ route, token, pick(text), tenantId, userId }`) once, and the statement
 * `pick` recognises in its SQL log is kept with its parameters → `{ [route]: { text, values, tenantId, userId } }`,
 * what tools/bench/bare-server.mjs answers with.
 */
export async function captureStatements(databaseUrl, env, targets) {
  let printed = '';
  const api = await startApi(databaseUrl, await freePort(), { ...env, LOG_SQL: 'true' }, { onStdout: (text) => (printed += text) });
  try {
    const statements = {};
    for (const target of targets) {
      printed = '';
      const response = await fetch(`${api.base.replace(/\/api$/, '')}${target.route}`, { headers: { authorization: target.token } });
      if (!response.ok) throw new Error(`${target.route}: ${response.status}`);
      await new Promise((r) => setTimeout(r, 200));
      const statement = loggedStatements(printed).find((s) => target.pick(s.text));
      if (!statement) throw new Error(`the statement of ${target.route} was not found in the API's SQL log`);
      statements[target.route] = { ...statement, tenantId: target.tenantId, userId: target.userId };
    }
    return statements;
  } finally {
    await api.stop();
  }
}

/** TypeORM's simple-console lines: "query: <text> -- PARAMETERS: <json>". */
function loggedStatements(output) {
  return output
    .split(/^query: /m)
    .slice(1)
    .map((chunk) => {
      const [text, parameters] = chunk.split(' -- PARAMETERS: ');
      return { text: text.trim(), values: parameters ? JSON.parse(parameters.trim().split('\n')[0]) : [] };
    });
}

/**
 * The bare server (tools/bench/bare-server.mjs): node:http + pg answering `statements` (from
 * captureStatements) as the app role, after an HS256 check with `jwtSecret` — the raw baseline
 * the API is read against.
 */
export async function startBare(databaseUrl, statements, jwtSecret) {
  const file = join(mkdtempSync(join(tmpdir(), 'fieldwork-bench-')), 'statements.json');
  writeFileSync(file, JSON.stringify(statements));
  const port = await freePort();
  const child = fork(join(root, 'tools/bench/bare-server.mjs'), {
    env: { ...process.env, JWT_SECRET: jwtSecret, BARE_STATEMENTS: file, BARE_DATABASE_URL: appRoleUrl(databaseUrl), PORT: String(port) },
    stdio: 'inherit',
  });
  return new Promise((resolveBare, reject) => {
    child.once('message', () => resolveBare({ url: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') }));
    child.once('exit', (code) => reject(new Error(`the bare server exited with ${code}`)));
  });
}

/** The app role's URL, as the API builds it (libs/server/core/src/lib/config/app-config.ts). */
function appRoleUrl(ownerUrl) {
  if (process.env.APP_DATABASE_URL) return process.env.APP_DATABASE_URL;
  const url = new URL(ownerUrl);
  url.username = 'fieldwork_app';
  url.password = process.env.APP_DATABASE_PASSWORD ?? 'fieldwork-app-dev';
  return url.toString();
}

/** The built worker on the same database and queue backend as the API (its env decides). */
export async function startWorker(databaseUrl, extraEnv = {}) {
  const child = spawn(process.execPath, [join(root, 'dist/apps/worker/main.js')], {
    cwd: root,
    stdio: ['ignore', process.env.BENCH_WORKER_LOG ? openSync(process.env.BENCH_WORKER_LOG, 'a') : 'ignore', 'inherit'],
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', NODE_ENV: 'development', ...extraEnv },
  });
  await new Promise((r) => setTimeout(r, 1_500));
  if (child.exitCode !== null) throw new Error(`the worker exited with code ${child.exitCode}`);
  return { stop: () => new Promise((done) => (child.exitCode !== null ? done() : (child.once('exit', done), child.kill('SIGTERM')))) };
}

export async function call(base, method, path, token, body) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json().catch(() => null);
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
export const ms = (value) => `${value.toFixed(1)} ms`;

/**
 * The database `npm start` uses: DATABASE_URL when set, else its embedded PostgreSQL
 * (.data/postgres, port 54329, database "fieldwork") — reused when `npm start` is
 * running, started here (and stopped by `stop()`) when it is not.
 */
export async function productDatabase() {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, embedded: false, stop: async () => undefined };
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  const running = `postgres://postgres:fieldwork-embedded@127.0.0.1:${port}/fieldwork`; // see tools/embedded-postgres.mjs
  const probe = new pg.Client({ connectionString: running, connectionTimeoutMillis: 2000 });
  try {
    await probe.connect();
    await probe.end();
    return { url: running, embedded: true, stop: async () => undefined };
  } catch {
    await probe.end().catch(() => undefined);
  }
  const dataDir = process.env.EMBEDDED_PG_DIR ?? join(root, '.data/postgres');
  const server = await startEmbeddedPostgres({ dataDir, port, database: 'fieldwork' });
  return { url: server.url, embedded: true, stop: server.stop };
}

/** A TCP port nobody listens on right now. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** Migrations, the app role and its grants, exactly as at every start: the built API is started once and stopped. */
export async function migrate(databaseUrl) {
  const api = await startApi(databaseUrl, await freePort());
  await api.stop();
}

/**
 * The career center `slug` of the seed:large shape at `students` (cohorts of `perCohort`),
 * seeded once and reused: a re-run finds it.
 */
export async function ensureSeeded(owner, databaseUrl, { slug, students, perCohort = 200, assignments = 10, password }) {
  const { rows } = await owner.query(
    `SELECT (SELECT count(*)::int FROM users u WHERE u.tenant_id = t.id AND u.role = 'student') AS students FROM tenants t WHERE t.slug = $1`,
    [slug],
  );
  if (rows[0]?.students === students) return;
  const { printSummary, seedWithProgress } = await import('../seed-large/run.mjs');
  const cohorts = Math.max(1, Math.round(students / perCohort));
  console.log(`Seeding "${slug}" (${students.toLocaleString('en-US')} students, ${cohorts} cohorts, ${assignments} assignments each)…`);
  printSummary(await seedWithProgress(databaseUrl, { slug, students, cohorts, assignments, password }), password); // vacuumed by the seed
}

/** A real sign-in; the answer's access token as an Authorization header value. */
export async function signInHeader(base, tenant, email, password) {
  const response = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenant, email, password }),
  });
  const body = await response.json();
  if (!response.ok) throw new Error(`sign-in of ${email}: ${response.status} ${JSON.stringify(body)}`);
  return `Bearer ${body.accessToken}`;
}
