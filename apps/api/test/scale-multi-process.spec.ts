import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { AppConfig, LocalFileStore, QueueService, S3FileStore, scheduledSlot } from '@fieldwork/server-core';
import { QUEUES } from '@fieldwork/contracts';

/**
 * More than one machine (issue 12): two API processes and two workers — the built
 * product (dist/), each its own OS process with its own pools — on one database and
 * one queue backend (Redis when REDIS_URL is set). JWT_SECRET is not set, so the
 * processes must agree on the secret the database keeps. Files go to an S3-compatible
 * server (s3rver, on a random port) in the first half and to a shared local folder
 * after a restart of all four processes.
 *
 * It first builds the API and the worker (`nx run-many -t build`: instant from Nx's
 * cache when nothing changed; FIELDWORK_DIST_BUILT=1 skips it). `npm test` runs it as a
 * step of its own after its build (its main Jest run sets FIELDWORK_SCALE_TEST_LATER).
 */
const describeHere = process.env['FIELDWORK_SCALE_TEST_LATER'] === '1' ? describe.skip : describe;
const root = resolve(__dirname, '../../..');
const STUDENTS = 2_000;
const DEMO_PASSWORD = 'fieldwork-demo-scale';

interface S3rverServer {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
// s3rver ships no types: the two methods used here.
const S3rver = require('s3rver') as new (options: Record<string, unknown>) => S3rverServer;

/** An API answer: the status, the body as JSON when it is JSON, and as text. */
interface Reply {
  status: number;
  /** The body's length in bytes (a CSV starts with a byte-order mark that text decoding drops). */
  bytes: number;
  json: { [field: string]: unknown; id?: string; status?: string; message?: string; accessToken?: string };
  text: string;
}

interface Product {
  apis: { base: string; child: ChildProcess }[];
  workers: ChildProcess[];
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolvePort(port));
    });
  });
}

async function until<T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => null);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}

describeHere('two API processes and two workers on one database and one queue backend', () => {
  let workDir: string;
  let owner: Client;
  let databaseUrl: string;
  let databaseName: string;
  let s3rver: S3rverServer;
  let s3Url: string;
  let product: Product | null = null;
  let baseEnv: NodeJS.ProcessEnv;
  const logs: string[] = [];
  let tenantId: string;

  /** Starts two APIs (own ports) and two workers with `files` deciding where files go. */
  async function startProduct(files: Record<string, string>): Promise<Product> {
    const env = { ...baseEnv, ...files };
    const started: Product = { apis: [], workers: [] };
    const launch = (name: string, script: string, extra: Record<string, string>) => {
      const log = join(workDir, `${name}.log`);
      logs.push(log);
      const out = createWriteStream(log, { flags: 'a' });
      const child = spawn(process.execPath, ['--enable-source-maps', join(root, script)], { cwd: root, env: { ...env, ...extra }, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout?.pipe(out);
      child.stderr?.pipe(out);
      return child;
    };
    const ports = [await freePort(), await freePort()];
    ports.forEach((port, i) => started.apis.push({ base: `http://127.0.0.1:${port}/api`, child: launch(`api-${i + 1}`, 'dist/apps/api/main.js', { PORT: String(port) }) }));
    for (let i = 0; i < 2; i++) started.workers.push(launch(`worker-${i + 1}`, 'dist/apps/worker/main.js', {}));
    product = started;
    try {
      for (const api of started.apis) {
        await until(`API ${api.base} healthy`, async () => api.child.exitCode === null && (await fetch(`${api.base}/health`)).ok, 90_000);
      }
      for (const [i, worker] of started.workers.entries()) {
        await until(`worker ${i + 1} running`, async () => worker.exitCode === null && (await readFile(join(workDir, `worker-${i + 1}.log`), 'utf8')).includes('Fieldwork worker running'), 90_000);
      }
    } catch (error) {
      const health = await Promise.all(started.apis.map((api) => fetch(`${api.base}/health`).then((r) => r.text(), (e: Error) => e.message)));
      const tails = await Promise.all(logs.map(async (log) => `--- ${log}\n${(await readFile(log, 'utf8').catch(() => '')).slice(-3000)}`));
      throw new Error(`${(error as Error).message}\nhealth: ${health.join(' | ')}\n${tails.join('\n')}`);
    }
    return started;
  }

  async function stopProduct(): Promise<void> {
    if (!product) return;
    await Promise.all([...product.apis.map((api) => stop(api.child)), ...product.workers.map(stop)]);
    product = null;
  }

  async function call(base: string, method: string, path: string, token?: string, body?: unknown): Promise<Reply> {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const content = Buffer.from(await response.arrayBuffer());
    const text = content.toString('utf8');
    let json: Reply['json'] = {};
    try {
      json = JSON.parse(text) as Reply['json'];
    } catch {
      // a file
    }
    return { status: response.status, bytes: content.length, json, text };
  }

  async function signIn(base: string, email: string): Promise<string> {
    const reply = await call(base, 'POST', '/auth/login', undefined, { tenant: 'demo', email, password: DEMO_PASSWORD });
    expect(reply.status).toBe(200);
    return String(reply.json.accessToken);
  }

  /** Requests an export through one API, follows it and downloads it through the other. */
  async function exportAcross(from: string, to: string): Promise<{ id: string; csv: string; bytes: number; key: string }> {
    const admin = await signIn(from, 'admin@demo.test');
    const created = await call(from, 'POST', '/exports', admin, { kind: 'cohort-progress' });
    expect(created.status).toBe(202);
    const id = String(created.json.id);
    const otherAdmin = await signIn(to, 'admin@demo.test');
    const summary = await until('export done', async () => {
      const reply = await call(to, 'GET', `/exports/${id}`, otherAdmin);
      return reply.json.status === 'done' && reply.json;
    }, 60_000);
    const download = await call(to, 'GET', `/exports/${id}/download`, otherAdmin);
    expect(download.status).toBe(200);
    expect(summary.fileSize).toBe(download.bytes);
    return { id, csv: download.text, bytes: download.bytes, key: `${tenantId}/${id}.csv` };
  }

  beforeAll(async () => {
    if (!process.env['DATABASE_URL']) throw new Error('DATABASE_URL is not set: run the tests with `npm test`, which provides a database.');
    if (process.env['FIELDWORK_DIST_BUILT'] !== '1' || !existsSync(join(root, 'dist/apps/api/main.js'))) {
      const build = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '-p', 'api', 'worker', '--outputStyle=static'], {
        cwd: root,
        stdio: 'ignore',
        env: { ...process.env, NX_DAEMON: 'false' },
        timeout: 600_000,
      });
      if (build.status !== 0) throw new Error('building the API and worker failed: run `npx nx run-many -t build -p api worker` to see why');
    }
    workDir = await mkdtemp(join(tmpdir(), 'fieldwork-scale-'));
    databaseName = `fieldwork_scale_${Date.now().toString(36)}_${process.pid}`;
    const server = new Client({ connectionString: process.env['DATABASE_URL'] });
    await server.connect();
    await server.query(`CREATE DATABASE ${databaseName}`);
    await server.end();
    const url = new URL(process.env['DATABASE_URL']);
    url.pathname = `/${databaseName}`;
    databaseUrl = url.toString();

    s3rver = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: join(workDir, 's3rver') });
    s3Url = `http://127.0.0.1:${(await s3rver.run()).port}`;

    baseEnv = { ...process.env };
    for (const name of ['JWT_SECRET', 'EXPORT_DIR', 'S3_URL', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'APP_DATABASE_URL', 'PORT', 'PUBLIC_URL', 'SMTP_URL', 'OPERATOR_EMAIL', 'OPERATOR_PASSWORD']) {
      delete baseEnv[name];
    }
    Object.assign(baseEnv, {
      DATABASE_URL: databaseUrl,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      DEMO_SEED: 'true',
      DEMO_PASSWORD,
      QUEUE_PREFIX: `scale-${randomBytes(4).toString('hex')}`,
      MAIL_DIR: join(workDir, 'mail'),
      REMINDER_SCAN_MINUTES: '1',
    });
    owner = new Client({ connectionString: databaseUrl });
  }, 600_000);

  afterAll(async () => {
    await stopProduct();
    await owner?.end().catch(() => undefined);
    await s3rver?.close().catch(() => undefined);
    if (databaseName) {
      const server = new Client({ connectionString: process.env['DATABASE_URL'] });
      await server.connect();
      await server.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
      await server.end();
    }
    if (workDir) await rm(workDir, { recursive: true, force: true });
  }, 60_000);

  it('S3 files, a shared JWT secret, a shared sign-in throttle, one fan-out and one reminder scan per slot', async () => {
    let stepStarted = Date.now();
    const step = (name: string) => {
      process.stdout.write(`[scale] ${name}: ${((Date.now() - stepStarted) / 1000).toFixed(1)} s\n`);
      stepStarted = Date.now();
    };
    const s3 = { S3_URL: s3Url, S3_BUCKET: 'fieldwork-scale', S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER' };
    const bootedAt = Date.now();
    const { apis } = await startProduct(s3);
    const [one, two] = apis.map((api) => api.base);
    step('two APIs and two workers up');
    await owner.connect();
    tenantId = (await owner.query(`SELECT id FROM tenants WHERE slug = 'demo'`)).rows[0].id;
    expect((await owner.query(`SELECT count(*)::int AS n FROM tenants`)).rows[0].n).toBe(1); // two first boots seeded the demo once

    // 1. One JWT secret, kept in the database: a token from one API works on the other.
    const secrets = await owner.query(`SELECT name FROM platform_private.secrets`);
    expect(secrets.rows).toEqual([{ name: 'jwt_secret' }]);
    const studentToken = await signIn(one, 'student@demo.test');
    expect((await call(two, 'GET', '/me', studentToken)).status).toBe(200);

    step('shared JWT secret');
    // 2. Ten bad passwords, five through each API, are counted as ten: the account is locked on both.
    for (let i = 0; i < 10; i++) {
      const reply = await call(i % 2 ? two : one, 'POST', '/auth/login', undefined, { tenant: 'demo', email: 'student@demo.test', password: `wrong-guess-${i}-xx` });
      expect(reply.status).toBe(401);
    }
    for (const base of [one, two]) {
      const blocked = await call(base, 'POST', '/auth/login', undefined, { tenant: 'demo', email: 'student@demo.test', password: DEMO_PASSWORD });
      expect(blocked.status).toBe(429);
    }

    step('throttle');
    // 3. An export requested through one API downloads from the other; the file is in the bucket, nowhere on disk.
    const exported = await exportAcross(one, two);
    expect(exported.csv).toContain('student email');
    const bucket = new S3FileStore({ url: s3Url, bucket: 'fieldwork-scale', region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' });
    try {
      expect(await bucket.size(exported.key)).toBe(exported.bytes);
    } finally {
      bucket.close();
    }
    expect(existsSync(join(root, '.data/exports', exported.key))).toBe(false);

    step('export across APIs on S3');
    // 4. A 2,000-student assignment: exactly 2,000 notifications and 2,000 e-mails, whichever worker took which job.
    const { rows: demoStudent } = await owner.query(`SELECT password_hash FROM users WHERE tenant_id = $1 AND email = 'student@demo.test'`, [tenantId]);
    const cohortId: string = (await owner.query(`INSERT INTO cohorts (tenant_id, id, name) VALUES ($1, gen_random_uuid(), 'Scale cohort') RETURNING id`, [tenantId])).rows[0].id;
    await owner.query(
      `WITH students AS (
         INSERT INTO users (tenant_id, id, email, name, role, password_hash)
         SELECT $1, gen_random_uuid(), 'scale' || n || '@demo.test', 'Scale Student ' || n, 'student', $4 FROM generate_series(1, $3) n
         RETURNING id)
       INSERT INTO cohort_members (tenant_id, cohort_id, user_id, role) SELECT $1, $2, id, 'student' FROM students`,
      [tenantId, cohortId, STUDENTS, demoStudent[0].password_hash],
    );
    await owner.query(`INSERT INTO cohort_members (tenant_id, cohort_id, user_id, role) SELECT tenant_id, $2, id, 'advisor' FROM users WHERE tenant_id = $1 AND email = 'advisor@demo.test'`, [tenantId, cohortId]);
    await owner.query('ANALYZE');
    const advisorToken = await signIn(two, 'advisor@demo.test');
    const templates = (await call(two, 'GET', '/templates', advisorToken)).json.items as { id: string }[];
    const assigned = await call(two, 'POST', '/assignments', advisorToken, {
      templateId: templates[0].id,
      cohortId,
      opensAt: new Date().toISOString(),
      dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });
    expect(assigned.status).toBe(201);
    expect(assigned.json.taskCount).toBe(STUDENTS);
    const counts = async () =>
      (
        await owner.query(
          `SELECT (SELECT count(*)::int FROM notifications n JOIN tasks t ON t.tenant_id = n.tenant_id AND t.id = n.subject_id
                    WHERE n.tenant_id = $1 AND n.kind = 'new_assignment' AND t.assignment_id = $2) AS notifications,
                  (SELECT count(*)::int FROM email_deliveries e JOIN tasks t ON t.tenant_id = e.tenant_id AND t.id = e.subject_id
                    WHERE e.tenant_id = $1 AND e.kind = 'new_assignment' AND t.assignment_id = $2 AND e.status = 'sent') AS sent`,
          [tenantId, assigned.json.id],
        )
      ).rows[0] as { notifications: number; sent: number };
    step('2,000-student assignment posted');
    await until('2,000 e-mails sent', async () => (await counts()).sent >= STUDENTS, 150_000);
    await new Promise((r) => setTimeout(r, 1_000)); // anything doubled would show by now
    expect(await counts()).toEqual({ notifications: STUDENTS, sent: STUDENTS });
    const mailDir = join(workDir, 'mail');
    let newHomeworkMails = 0;
    for (const file of await readdir(mailDir)) {
      if ((await readFile(join(mailDir, file), 'utf8')).includes('New homework')) newHomeworkMails += 1;
    }
    expect(newHomeworkMails).toBe(STUDENTS);

    step('2,000 notifications and e-mails');
    // 5. The reminder scan (every minute here) ran once per slot, and each slot queued one job for the tenant.
    const queues = new QueueService(new AppConfig({ ...baseEnv, ...s3 }));
    try {
      const notifications = queues.queue(QUEUES.notifications);
      const scans = await until(
        'a reminder scan',
        async () => {
          const done = await notifications.getJobs(['completed']);
          const slots = done.filter((job) => job.name === 'scan-reminders' && scheduledSlot(job).getTime() > bootedAt);
          // A scan queues the tenant's reminder job; wait until those have run too.
          const reminders = done.filter((job) => job.name === 'remind-tenant' && (job.data as { tenantId?: string }).tenantId === tenantId);
          return slots.length && reminders.length >= done.filter((job) => job.name === 'scan-reminders').length ? done : null;
        },
        Math.max(5_000, bootedAt + 150_000 - Date.now()),
      );
      const scanSlots = scans.filter((job) => job.name === 'scan-reminders').map((job) => scheduledSlot(job).toISOString());
      expect(new Set(scanSlots).size).toBe(scanSlots.length);
      const reminded = scans.filter((job) => job.name === 'remind-tenant' && (job.data as { tenantId?: string }).tenantId === tenantId).map((job) => job.id);
      expect(reminded.sort()).toEqual(scanSlots.map((slot) => `remind-${tenantId}-${slot.slice(0, 16).replace(/[^0-9]/g, '')}`).sort());
    } finally {
      await queues.onApplicationShutdown();
    }

    step('reminder scan slots');
    await stopProduct();

    // 6. After a restart of everything, on local disk: the old token still works (same secret), and an export made through
    //    the second API downloads from the first.
    const exportDir = join(workDir, 'exports');
    const restarted = await startProduct({ EXPORT_DIR: exportDir });
    step('restarted on local disk');
    const [first, second] = restarted.apis.map((api) => api.base);
    expect((await call(first, 'GET', '/me', studentToken)).status).toBe(200);
    const local = await exportAcross(second, first);
    expect(local.csv).toContain(`scale${STUDENTS}@demo.test`);
    expect(await new LocalFileStore(exportDir).size(local.key)).toBe(local.bytes);
    // The S3 export's row points at a key this store does not have: a clear 410, not a 500.
    const admin = await signIn(first, 'admin@demo.test');
    const gone = await call(first, 'GET', `/exports/${exported.id}/download`, admin);
    expect(gone.status).toBe(410);
    expect(gone.json.message).toMatch(/no longer available/);
    step('export across APIs on local disk');
  }, 400_000);
});
