// The fault tests' own infrastructure: a PostgreSQL and a Redis that belong to
// this run alone (so they can be stopped and started again), an SMTP server
// that counts what it receives, and the built API and worker as child processes
// (so SIGKILL is real). Nothing here touches a shared database or Redis.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { startEmbeddedPostgres } from '../embedded-postgres.mjs';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const PASSWORD = 'fieldwork-demo';

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

/** Builds the API and the worker (Nx caches an unchanged build). */
export function build() {
  const result = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '-p', 'api', 'worker', '--outputStyle=static'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NX_DAEMON: 'false' },
  });
  if (result.status !== 0) throw new Error('build failed: run `npx nx run-many -t build -p api worker` to see why');
}

/** A PostgreSQL of our own in a temporary folder; stop() and start() restart it on the same port and data. */
export async function ownPostgres() {
  const dataDir = mkdtempSync(join(tmpdir(), 'fieldwork-faults-pg-'));
  chmodSync(dataDir, 0o755);
  const port = await freePort();
  let server = await startEmbeddedPostgres({ dataDir: join(dataDir, 'data'), port, database: 'fieldwork_faults' });
  return {
    url: server.url,
    port,
    async stop() {
      await server.stop();
    },
    async start() {
      server = await startEmbeddedPostgres({ dataDir: join(dataDir, 'data'), port, database: 'fieldwork_faults' });
    },
    async destroy() {
      await server.stop().catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A redis-server of our own (no persistence); stop() and start() restart it on the same port, empty. */
export async function ownRedis() {
  const port = await freePort();
  let child = null;
  const start = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      if (await answers(port)) return;
      await sleep(50);
    }
    throw new Error(`redis-server did not start on port ${port}`);
  };
  const stop = () =>
    new Promise((done) => {
      if (!child || child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', done);
      child.kill('SIGTERM');
    });
  await start();
  return { url: `redis://127.0.0.1:${port}`, port, start, stop, destroy: stop };
}

function answers(port) {
  return new Promise((done) => {
    const client = connect(port, '127.0.0.1');
    client.once('connect', () => {
      client.write('PING\r\n');
      client.once('data', (data) => {
        client.destroy();
        done(String(data).startsWith('+PONG'));
      });
    });
    client.once('error', () => done(false));
  });
}

/** An SMTP server that accepts everything and counts messages, and distinct Message-IDs. */
export async function countingSmtp() {
  const port = await freePort();
  const received = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (chunk) => {
        if (head.length < 16_384) head += chunk.toString('utf8');
      });
      stream.on('end', () => {
        const id = /^Message-ID:\s*<([^>]+)>/im.exec(head)?.[1] ?? null;
        received.push(id);
        callback();
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise((done) => server.listen(port, '127.0.0.1', done));
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    distinct: () => new Set(received.filter(Boolean)).size,
    close: () => new Promise((done) => server.close(done)),
  };
}

/** The built API or worker as a child process. */
export function startProduct(kind, env) {
  const script = join(root, `dist/apps/${kind}/main.js`);
  const child = spawn(process.execPath, ['--enable-source-maps', script], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  const log = [];
  const keep = (chunk) => {
    if (process.env.FAULTS_VERBOSE) process.stderr.write(`[${kind}] ${chunk}`);
    log.push(String(chunk));
    if (log.length > 300) log.shift();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const ready = new Promise((resolveReady, reject) => {
    const marker = kind === 'api' ? 'Fieldwork API listening' : 'Fieldwork worker running';
    child.stdout.on('data', (chunk) => String(chunk).includes(marker) && resolveReady());
    child.once('exit', (code, signal) => reject(new Error(`${kind} exited (${signal ?? code}) before it was ready:\n${log.join('')}`)));
  });
  ready.catch(() => undefined);
  return {
    child,
    log,
    ready,
    pid: child.pid,
    alive: () => child.exitCode === null && child.signalCode === null,
    kill(signal = 'SIGKILL') {
      return new Promise((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', done);
        child.kill(signal);
      });
    },
  };
}

export async function waitFor(what, probe, timeoutMs, everyMs = 100) {
  const deadline = Date.now() + timeoutMs;
  let lastError = null;
  for (;;) {
    const value = await probe().catch((error) => void (lastError = error));
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${lastError.message})` : ''}`);
    await sleep(everyMs);
  }
}

export async function call(base, method, path, token, body) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const json = await response.json().catch(() => null);
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

export async function login(base, email) {
  const { accessToken } = await call(base, 'POST', '/auth/login', null, { tenant: 'demo', email, password: PASSWORD });
  return accessToken;
}

/** A connection as the database owner (bypasses RLS) for seeding and counting; reconnects after a restart. */
export function ownerPool(url) {
  const pool = new pg.Pool({ connectionString: url, max: 3, connectionTimeoutMillis: 3_000 });
  pool.on('error', () => undefined);
  return pool;
}

export function percentile(values, p) {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
