#!/usr/bin/env node
// `npm start`: builds what it needs, then runs the whole product — API (serving
// the web app) and worker — on the configured database, or on an embedded
// PostgreSQL under .data/ when DATABASE_URL is not set. Ctrl-C stops everything.
//
// API_PROCESSES=auto|N runs N API processes on the one port (node:cluster; auto = one
// per core) and WORKER_PROCESSES=N runs N workers; both default to 1. Whatever several
// processes must agree on lives in PostgreSQL or Redis (README "Running at scale").
import cluster from 'node:cluster';
import { spawn, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env };
const port = Number(env.PORT ?? 3000);
const production = env.NODE_ENV === 'production';
const say = (line) => process.stdout.write(`[fieldwork] ${line}\n`);
const apiProcesses = processCount('API_PROCESSES', { auto: true });
const workerProcesses = processCount('WORKER_PROCESSES', { auto: false });
/** A process that crashes after this long up is restarted; one that dies sooner (a boot failure) stops everything. */
const RESTART_AFTER_UP_MS = 30_000;

if (!production) {
  env.DEMO_PASSWORD ??= 'fieldwork-demo';
  env.OPERATOR_EMAIL ??= 'operator@fieldwork.test';
  env.OPERATOR_PASSWORD ??= env.DEMO_PASSWORD.length >= 12 ? env.DEMO_PASSWORD : 'fieldwork-operator';
}
env.WEB_DIST ??= join(root, 'dist/apps/web/browser');

const children = [];
let database = null;
let stopping = false;

async function main() {
  if (!process.argv.includes('--no-build')) build();

  if (!env.DATABASE_URL) {
    const dataDir = env.EMBEDDED_PG_DIR ?? join(root, '.data/postgres');
    const pgPort = Number(env.EMBEDDED_PG_PORT ?? 54329);
    say(`No DATABASE_URL: starting embedded PostgreSQL (data in ${dataDir}, port ${pgPort})`);
    database = await startDatabaseProcess(dataDir, pgPort);
    env.DATABASE_URL = database.url;
  }
  say(env.REDIS_URL ? 'Queue: BullMQ on Redis' : 'Queue: BullMQ on PostgreSQL (no REDIS_URL)');
  say(env.SMTP_URL ? 'E-mail: sent over SMTP (SMTP_URL)' : `E-mail: no SMTP_URL, so messages are written as .eml files to ${resolve(env.MAIL_DIR ?? join(root, '.data/mail'))}`);

  say(`Processes: ${apiProcesses} API (port ${port}), ${workerProcesses} worker${workerProcesses === 1 ? '' : 's'}`);
  if (apiProcesses === 1) run('api', join(root, 'dist/apps/api/main.js'));
  else runApiCluster(join(root, 'dist/apps/api/main.js'), apiProcesses);
  for (let i = 1; i <= workerProcesses; i++) run(workerProcesses === 1 ? 'worker' : `worker ${i}`, join(root, 'dist/apps/worker/main.js'));
  await waitForHealth(`http://127.0.0.1:${port}/api/health`);
  banner();
}

/** The embedded PostgreSQL in a process group of its own (see tools/embedded-postgres-server.mjs). */
function startDatabaseProcess(dataDir, pgPort) {
  const child = spawn(process.execPath, [join(root, 'tools/embedded-postgres-server.mjs')], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, EMBEDDED_PG_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort) },
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`embedded PostgreSQL exited (code ${code})`)));
    createInterface({ input: child.stdout }).once('line', (line) => {
      const { url } = JSON.parse(line);
      resolve({ url, stop: () => stopChild(child, 30_000) });
    });
  });
}

function stopChild(child, graceMs) {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}

function build() {
  say('Building the API, worker and web app (cached after the first time)…');
  const started = Date.now();
  const result = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '-p', 'api', 'worker', 'web', '--outputStyle=static'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
  });
  if (result.status !== 0) {
    say('The build failed; see the messages above.');
    process.exit(1);
  }
  say(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** API_PROCESSES / WORKER_PROCESSES: a whole number from 1 to 64 (or `auto`, one per core, for the API); 1 when unset. */
function processCount(name, { auto }) {
  const raw = (env[name] ?? '').trim();
  if (!raw) return 1;
  if (auto && raw === 'auto') return availableParallelism();
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 64) {
    say(`${name} must be ${auto ? '"auto" or ' : ''}a whole number from 1 to 64 (it is "${raw}")`);
    process.exit(1);
  }
  return n;
}

function run(name, script) {
  const started = Date.now();
  const child = spawn(process.execPath, ['--enable-source-maps', script], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
  children.push(child);
  child.on('exit', (code, signal) => {
    children.splice(children.indexOf(child), 1);
    if (stopping) return;
    if (Date.now() - started >= RESTART_AFTER_UP_MS) {
      say(`${name} stopped unexpectedly (${signal ?? `exit code ${code}`}); restarting it.`);
      run(name, script);
      return;
    }
    say(`${name} stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping everything.`);
    void shutdown(1);
  });
}

/**
 * N API processes sharing one port through node:cluster (this process is the primary;
 * connections are handed out round-robin). Each runs dist/apps/api/main.js unchanged.
 */
function runApiCluster(script, count) {
  cluster.setupPrimary({ exec: script, args: [], execArgv: ['--enable-source-maps'], silent: false });
  const fork = (index) => {
    const started = Date.now();
    const worker = cluster.fork({ ...env, API_PROCESS_INDEX: String(index) });
    const handle = clusterChild(worker);
    children.push(handle);
    worker.on('exit', (code, signal) => {
      children.splice(children.indexOf(handle), 1);
      if (stopping) return;
      if (Date.now() - started >= RESTART_AFTER_UP_MS) {
        say(`api ${index} stopped unexpectedly (${signal ?? `exit code ${code}`}); restarting it.`);
        fork(index);
        return;
      }
      say(`api ${index} stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping everything.`);
      void shutdown(1);
    });
  };
  for (let i = 1; i <= count; i++) fork(i);
}

/** A cluster worker seen through the ChildProcess surface stopChild() uses. */
function clusterChild(worker) {
  return {
    get exitCode() {
      return worker.process.exitCode;
    },
    get signalCode() {
      return worker.process.signalCode;
    },
    once: (event, listener) => worker.process.once(event, listener),
    kill: (signal) => worker.process.kill(signal),
  };
}

async function waitForHealth(url) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline && !stopping) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  if (!stopping) {
    say(`The API did not become healthy at ${url}`);
    await shutdown(1);
  }
}

function banner() {
  const url = env.PUBLIC_URL ?? `http://localhost:${port}`;
  const lines = [`Fieldwork is running at ${url}  (API docs: ${url}/api/docs)`];
  if (!production || env.DEMO_SEED === 'true') {
    lines.push(
      `Demo career center "demo", password "${env.DEMO_PASSWORD}":`,
      '  admin@demo.test · advisor@demo.test · student@demo.test',
    );
  }
  if (env.OPERATOR_EMAIL) lines.push(`Platform operator: ${env.OPERATOR_EMAIL} (leave the career center empty when signing in; queue dashboard at ${url}/api/admin/queues via the Tenants page)`);
  lines.push('Press Ctrl-C to stop.');
  say(`\n\n  ${lines.join('\n  ')}\n`);
}

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  say('Stopping…');
  await Promise.all([...children].map((child) => stopChild(child, 15_000)));
  if (database) await database.stop().catch((error) => say(`PostgreSQL did not stop cleanly: ${error}`));
  say('Stopped.');
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
main().catch(async (error) => {
  say(`Could not start: ${error?.message ?? error}`);
  await shutdown(1);
});
