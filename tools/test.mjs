#!/usr/bin/env node
// `npm test`: first the static checks — lint of every Nx project and the type
// check of every project's tsconfig (tools/typecheck.mjs) — then every suite:
// unit and integration tests (Jest, on real PostgreSQL connected as the app role,
// and on Redis when REDIS_URL is set), then the browser tests (Playwright in
// Debian's Chromium) against the running product. A lint or type failure does not
// stop the suites, so one run shows everything. With no DATABASE_URL it starts an
// embedded PostgreSQL, so it passes on a fresh laptop. Ends with one line:
// "N passed, N failed" (one per project that lints clean and one per project that
// type-checks, plus every test).
//
//   npm test                    # everything (what CI runs)
//   npm test -- --no-e2e        # without the browser tests
//   npm test -- --no-checks     # without lint and the type check
//   npm test -- <jest args>     # only those Jest tests (no checks, no multi-process test)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import pg from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres.mjs';
import { typecheckProjects } from './typecheck.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const reports = join(root, 'reports');
const say = (line) => process.stdout.write(`[test] ${line}\n`);
const ownFlags = ['--no-e2e', '--no-checks'];
const skipE2e = process.argv.includes('--no-e2e');
const jestArgs = process.argv.slice(2).filter((arg) => !ownFlags.includes(arg));
// A run narrowed to some Jest tests is a developer's loop: the checks are `npm run lint` / `npm run typecheck`.
const skipChecks = process.argv.includes('--no-checks') || jestArgs.length > 0;

let embedded = null;
let serverUrl = null;
const createdDatabases = [];
const totals = { passed: 0, failed: 0 };

async function main() {
  rmSync(reports, { recursive: true, force: true });
  mkdirSync(reports, { recursive: true });
  if (!skipChecks) {
    await staticCheck('Lint', lint);
    await staticCheck('Type check', typecheck);
  }
  serverUrl = await databaseServer();
  const stamp = `${Date.now().toString(36)}_${process.pid}`;

  const jestDb = await createDatabase(serverUrl, `fieldwork_test_${stamp}`);
  say(`Unit and integration tests on ${redact(jestDb)}${process.env.REDIS_URL ? ' and Redis' : ''}`);
  const jestStatus = run('npx', ['jest', '--json', `--outputFile=${join(reports, 'jest.json')}`, ...jestArgs], {
    DATABASE_URL: jestDb,
    FIELDWORK_SCALE_TEST_LATER: '1',
  });
  countJest(jestStatus);

  if (!skipE2e) {
    const e2eDb = await createDatabase(serverUrl, `fieldwork_e2e_${stamp}`);
    await browserTests(e2eDb);
  }

  // The multi-process test runs the built API and worker as separate processes, so it comes after
  // the build above (Nx's cache makes its own build step instant; with --no-e2e it builds them).
  if (!jestArgs.length) {
    say('Multi-process test (two APIs, two workers; apps/api/test/scale-multi-process.spec.ts)');
    const scaleStatus = run('npx', ['jest', '--json', `--outputFile=${join(reports, 'jest-scale.json')}`, 'apps/api/test/scale-multi-process.spec.ts'], {
      DATABASE_URL: jestDb,
    });
    countJest(scaleStatus, 'jest-scale.json');
  }
}

/** Runs one static check; one that cannot run at all counts as one failure, and the suites still run. */
async function staticCheck(name, check) {
  try {
    await check();
  } catch (error) {
    say(`${name} could not run: ${error?.stack ?? error}`);
    totals.failed += 1;
  }
}

/**
 * `nx run-many -t lint` over every project that has a lint target: one "passed" per
 * project that lints clean, one "failed" per project whose lint failed (Nx lists them
 * under "Failed tasks"; a failed run that names none counts as one failure).
 */
async function lint() {
  const started = Date.now();
  const projects = listProjects('lint');
  say(`Lint of ${projects.length} projects (nx run-many -t lint)`);
  const { status, output } = await runCapturing('npx', ['nx', 'run-many', '-t', 'lint', '--outputStyle=static']);
  const failed = new Set(failedNxTasks(output, 'lint').filter((project) => projects.includes(project)));
  if (status !== 0 && !failed.size) failed.add('(lint run)');
  totals.passed += projects.filter((project) => !failed.has(project)).length;
  totals.failed += failed.size;
  say(`Lint: ${projects.length - failed.size} projects clean, ${failed.size} failed${failed.size ? ` (${[...failed].join(', ')})` : ''} in ${seconds(started)}`);
}

/** tools/typecheck.mjs: one "passed" per project whose tsconfigs all type-check, one "failed" otherwise. */
async function typecheck() {
  const started = Date.now();
  say('Type check of every tsconfig (tools/typecheck.mjs, 2 at a time)');
  const results = await typecheckProjects({ concurrency: Number(process.env.TYPECHECK_CONCURRENCY ?? 2) });
  const failed = results.filter((result) => !result.ok).map((result) => result.project);
  totals.passed += results.length - failed.length;
  totals.failed += failed.length || (results.length ? 0 : 1);
  say(`Type check: ${results.length - failed.length} projects clean, ${failed.length} failed${failed.length ? ` (${failed.join(', ')})` : ''} in ${seconds(started)}`);
}

/** The Nx projects that have `target`. */
function listProjects(target) {
  const result = spawnSync('npx', ['nx', 'show', 'projects', '--with-target', target, '--json'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NX_DAEMON: 'false' },
  });
  if (result.status !== 0) throw new Error(`nx show projects failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

/** The projects Nx lists as failed, stopped or not run for `target` at the end of a run-many. */
function failedNxTasks(output, target) {
  const plain = stripVTControlCharacters(output);
  const summary = plain.slice(plain.lastIndexOf(`Running target ${target}`));
  return [...summary.matchAll(new RegExp(`^\\s*-\\s+(\\S+):${target}\\s*$`, 'gm'))].map((match) => match[1]);
}

/** The PostgreSQL server to create test databases on: DATABASE_URL's, or an embedded one. */
async function databaseServer() {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  say('No DATABASE_URL: starting embedded PostgreSQL for the tests');
  embedded = await startEmbeddedPostgres({
    dataDir: process.env.EMBEDDED_PG_TEST_DIR ?? join(root, '.data/test-postgres'),
    port: Number(process.env.EMBEDDED_PG_TEST_PORT ?? 54339),
    database: 'postgres',
  });
  return embedded.url;
}

async function createDatabase(serverUrl, name) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  createdDatabases.push(name);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function browserTests(databaseUrl) {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    say(`No Chromium at ${chromium}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH.`);
    totals.failed += 1;
    return;
  }
  const build = run('npx', ['nx', 'run-many', '-t', 'build', '-p', 'api', 'worker', 'web', '--outputStyle=static'], {});
  if (build !== 0) {
    say('The build failed, so the browser tests could not run.');
    totals.failed += 1;
    return;
  }
  const port = String(process.env.E2E_PORT ?? 3100);
  const product = spawn(process.execPath, [join(root, 'tools/start.mjs'), '--no-build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: port, LOG_LEVEL: 'warn', NODE_ENV: 'development', QUEUE_PREFIX: `e2e-${process.pid}`, MAIL_DIR: join(reports, 'mail') },
  });
  try {
    await waitForHealth(`http://127.0.0.1:${port}/api/health`);
    say(`Browser tests against http://localhost:${port}`);
    run('npx', ['playwright', 'test', '-c', 'apps/web-e2e/playwright.config.mts'], {
      BASE_URL: `http://localhost:${port}`,
      CHROMIUM_PATH: chromium,
    });
    countPlaywright();
  } finally {
    await stop(product);
  }
}

function run(command, args, extraEnv) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...extraEnv, NX_DAEMON: 'false' } });
  return result.status ?? 1;
}

/** Runs a command with its output shown as it comes and kept for reading afterwards. */
function runCapturing(command, args) {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NX_DAEMON: 'false' } });
    let output = '';
    const keep = (stream) => (chunk) => {
      output += chunk;
      stream.write(chunk);
    };
    child.stdout.on('data', keep(process.stdout));
    child.stderr.on('data', keep(process.stderr));
    child.on('error', (error) => done({ status: 1, output: `${output}\n${error.message}` }));
    child.on('close', (status) => done({ status: status ?? 1, output }));
  });
}

function seconds(since) {
  return `${Math.round((Date.now() - since) / 1000)} s`;
}

function countJest(status, reportName = 'jest.json') {
  const file = join(reports, reportName);
  if (!existsSync(file)) {
    say(`Jest wrote no report (exit code ${status})`);
    totals.failed += 1;
    return;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  // A suite that fails to load counts as a failure even though it ran no test.
  totals.failed += report.numRuntimeErrorTestSuites ?? 0;
  if (status !== 0 && report.numFailedTests === 0 && !report.numRuntimeErrorTestSuites) totals.failed += 1;
}

function countPlaywright() {
  const file = join(reports, 'playwright.json');
  if (!existsSync(file)) {
    say('Playwright wrote no report');
    totals.failed += 1;
    return;
  }
  const { stats, errors } = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += stats.expected + (stats.flaky ?? 0);
  totals.failed += stats.unexpected + (errors?.length ?? 0);
}

async function waitForHealth(url) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`The product did not become healthy at ${url}`);
}

function stop(child) {
  return new Promise((done) => {
    if (child.exitCode !== null) return done();
    child.once('exit', done);
    child.kill('SIGTERM');
  });
}

function redact(url) {
  return url.replace(/\/\/([^:@/]+):[^@]*@/, '//$1:***@');
}

try {
  await main();
} catch (error) {
  say(`Tests could not run: ${error?.stack ?? error}`);
  totals.failed += 1;
} finally {
  await dropDatabases().catch((error) => say(`Could not drop the test databases: ${error.message}`));
  await embedded?.stop();
}

async function dropDatabases() {
  if (!serverUrl || !createdDatabases.length || process.env.KEEP_TEST_DATABASES) return;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  for (const name of createdDatabases) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await client.end();
}
process.stdout.write(`\n${totals.passed} passed, ${totals.failed} failed\n`);
process.exit(totals.failed === 0 && totals.passed > 0 ? 0 : 1);
