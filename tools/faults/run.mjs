#!/usr/bin/env node
// npm run test:faults — faults under load, against a PostgreSQL and a Redis of
// this run's own (started here, so they can be stopped), the built API and
// worker as child processes, and an SMTP server that counts what arrives:
//
//   worker    SIGKILL during a FAULTS_STUDENTS-student fan-out (2,000) and again in
//             the middle of the e-mail batch: exactly one notification and one
//             e-mail per student afterwards.
//   postgres  PostgreSQL stopped and started again under a read/write load:
//             quick 503s during the outage, /api/health down then up, recovery
//             without restarting anything, every 2xx write still there.
//   redis     Redis stopped and started again under the same load: reads and
//             writes keep answering 2xx, queued work runs once Redis is back.
//
// Prints each figure; `--json` ends with one line `FAULTS_RESULT {…}` for the Jest spec.
// Options: --students N (FAULTS_STUDENTS), --only worker,postgres,redis, --no-build.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  PASSWORD,
  build,
  call,
  countingSmtp,
  login,
  ownPostgres,
  ownRedis,
  ownerPool,
  percentile,
  sleep,
  startProduct,
  waitFor,
} from './harness.mjs';

const args = process.argv.slice(2);
const option = (name) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : undefined;
};
const STUDENTS = Number(option('students') ?? process.env.FAULTS_STUDENTS ?? 2000);
const ONLY = (option('only') ?? 'worker,postgres,redis').split(',');
const PORT = Number(process.env.FAULTS_PORT ?? 3161);
const OUTAGE_MS = Number(process.env.FAULTS_OUTAGE_MS ?? 6_000);
const CONCURRENCY = Number(process.env.FAULTS_CONCURRENCY ?? 8);
const say = (line) => process.stdout.write(`[faults] ${line}\n`);
const fmt = (ms) => `${Math.round(ms)} ms`;

const result = { students: STUDENTS };
let pgServer;
let redis;
let smtp;
let owner;
let api;
let worker;
const mailDir = mkdtempSync(join(tmpdir(), 'fieldwork-faults-mail-'));

try {
  if (!args.includes('--no-build')) {
    say('Building the API and the worker…');
    build();
  }
  [pgServer, redis, smtp] = await Promise.all([ownPostgres(), ownRedis(), countingSmtp()]);
  say(`Own PostgreSQL on port ${pgServer.port}, own Redis on ${redis.port}, counting SMTP server at ${smtp.url}`);
  const env = {
    DATABASE_URL: pgServer.url,
    APP_DATABASE_URL: '',
    REDIS_URL: redis.url,
    QUEUE_PREFIX: `faults${process.pid}`,
    SMTP_URL: smtp.url,
    MAIL_DIR: mailDir,
    PORT: String(PORT),
    PUBLIC_URL: `http://localhost:${PORT}`,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'development',
    DEMO_SEED: 'true',
    DEMO_PASSWORD: PASSWORD,
    LOGIN_LIMIT_PER_IP: '1000',
    REMINDER_SCAN_MINUTES: '60',
    // Short so a killed worker's job and e-mails come back within seconds (production: 30 s and 5 minutes).
    QUEUE_LOCK_SECONDS: '3',
    EMAIL_LEASE_SECONDS: '5',
  };
  const base = `http://127.0.0.1:${PORT}/api`;
  api = startProduct('api', env);
  await api.ready;
  worker = startProduct('worker', env);
  await worker.ready;
  owner = ownerPool(pgServer.url);
  const world = await seed(base, owner);
  say(`Seeded: a cohort of ${STUDENTS} students, two cohorts of 5, the demo advisor and student signed in`);

  if (ONLY.includes('worker')) result.worker = await workerKilled(world, env);
  if (ONLY.includes('postgres')) result.postgres = await postgresRestarted(world);
  if (ONLY.includes('redis')) result.redis = await redisRestarted(world);
  result.apiRestarted = !api.alive();
  result.ok = true;
} catch (error) {
  result.ok = false;
  result.error = String(error?.stack ?? error);
  say(`FAILED: ${result.error}`);
  if (api) say(`API log tail:\n${api.log.slice(-20).join('')}`);
  if (worker) say(`worker log tail:\n${worker.log.slice(-20).join('')}`);
} finally {
  await worker?.kill('SIGTERM');
  await api?.kill('SIGTERM');
  await owner?.end().catch(() => undefined);
  await smtp?.close().catch(() => undefined);
  await redis?.destroy().catch(() => undefined);
  await pgServer?.destroy().catch(() => undefined);
  rmSync(mailDir, { recursive: true, force: true });
}
if (args.includes('--json')) process.stdout.write(`FAULTS_RESULT ${JSON.stringify(result)}\n`);
process.exit(result.ok ? 0 : 1);

/** The demo career center, one big cohort and two small ones, and tokens. */
async function seed(base, db) {
  const [{ tenant_id: tenantId }] = (await db.query(`SELECT id AS tenant_id FROM tenants WHERE slug = 'demo'`)).rows;
  const cohort = async (name, size, prefix) => {
    const id = (await db.query(`INSERT INTO cohorts (tenant_id, id, name) VALUES ($1, gen_random_uuid(), $2) RETURNING id`, [tenantId, name])).rows[0].id;
    await db.query(
      `WITH students AS (
         INSERT INTO users (tenant_id, id, email, name, role, password_hash)
         SELECT $1, gen_random_uuid(), $4 || n || '@demo.test', 'Student ' || $4 || n, 'student',
                (SELECT password_hash FROM users WHERE tenant_id = $1 AND email = 'student@demo.test')
           FROM generate_series(1, $3::int) n
         RETURNING id)
       INSERT INTO cohort_members (tenant_id, cohort_id, user_id, role) SELECT $1, $2, id, 'student' FROM students`,
      [tenantId, id, size, prefix],
    );
    await db.query(
      `INSERT INTO cohort_members (tenant_id, cohort_id, user_id, role) SELECT tenant_id, $2, id, 'advisor' FROM users WHERE tenant_id = $1 AND email = 'advisor@demo.test'`,
      [tenantId, id],
    );
    return id;
  };
  const big = await cohort('Fault cohort', STUDENTS, 'fault');
  const smallA = await cohort('After the PostgreSQL restart', 5, 'pgsmall');
  const smallB = await cohort('During the Redis restart', 5, 'redissmall');
  await db.query('ANALYZE');
  const advisor = await login(base, 'advisor@demo.test');
  const student = await login(base, 'student@demo.test');
  const templateId = (await call(base, 'GET', '/templates', advisor)).items[0].id;
  const contact = await call(base, 'POST', '/contacts', student, { name: 'Fault-test contact' });
  return { base, tenantId, big, smallA, smallB, advisor, student, templateId, contactId: contact.id };
}

function assign(world, cohortId) {
  return call(world.base, 'POST', '/assignments', world.advisor, {
    templateId: world.templateId,
    cohortId,
    opensAt: new Date().toISOString(),
    dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
  });
}

async function count(sql, params) {
  return Number((await owner.query(sql, params)).rows[0].n);
}

function notificationsOf(world, assignmentId) {
  return count(
    `SELECT count(*) AS n FROM notifications n JOIN tasks t ON t.tenant_id = n.tenant_id AND t.id = n.subject_id
      WHERE n.tenant_id = $1 AND t.assignment_id = $2 AND n.kind = 'new_assignment'`,
    [world.tenantId, assignmentId],
  );
}

async function emailsOf(world, assignmentId) {
  const { rows } = await owner.query(
    `SELECT e.id, e.status FROM email_deliveries e JOIN tasks t ON t.tenant_id = e.tenant_id AND t.id = e.subject_id
      WHERE e.tenant_id = $1 AND t.assignment_id = $2 AND e.kind = 'new_assignment'`,
    [world.tenantId, assignmentId],
  );
  return rows;
}

/** SIGKILL mid fan-out, restart; SIGKILL mid e-mail batch, restart; count both channels and the SMTP server's messages. */
async function workerKilled(world, env) {
  say(`\n== Worker killed (SIGKILL) during a ${STUDENTS}-student fan-out and during the e-mail batch ==`);
  const t0 = performance.now();
  const { id: assignmentId } = await assign(world, world.big);
  const tasks = await count(`SELECT count(*) AS n FROM tasks WHERE tenant_id = $1 AND assignment_id = $2`, [world.tenantId, assignmentId]);
  // The fan-out is one statement in one transaction (notification-writer.ts, `WITH source AS (…`; pg_stat_activity keeps only
  // its first 1,024 characters): kill the worker the moment PostgreSQL shows it running.
  const seen = await waitFor(
    'the fan-out statement to run',
    async () => {
      const running = await count(
        `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND query LIKE 'WITH source AS (%' AND pid <> pg_backend_pid()`,
      );
      if (running > 0) return 'running';
      // Too late to catch it running (a small cohort): the kill then lands after the fan-out, during the e-mail batch.
      return (await notificationsOf(world, assignmentId)) > 0 ? 'finished' : null;
    },
    60_000,
    5,
  );
  await worker.kill('SIGKILL');
  const killedAt = performance.now();
  await sleep(300);
  const notificationsAtKill = await notificationsOf(world, assignmentId);
  const emailsAtKill = (await emailsOf(world, assignmentId)).length;
  say(`fan-out: SIGKILL ${fmt(killedAt - t0)} after POST /assignments with the fan-out ${seen}, ${tasks} tasks; at the kill ${notificationsAtKill} notifications and ${emailsAtKill} e-mail rows (nothing half-written)`);

  worker = startProduct('worker', env);
  const restartedAt = performance.now();
  await worker.ready;
  await waitFor(`${STUDENTS} notifications`, async () => (await notificationsOf(world, assignmentId)) >= STUDENTS, 180_000, 100);
  const fanOutRecoveryMs = performance.now() - restartedAt;
  say(`fan-out: all ${STUDENTS} notifications ${fmt(fanOutRecoveryMs)} after the restart (the stalled job ran again after its ${env.QUEUE_LOCK_SECONDS} s lock)`);

  // Kill again in the middle of the e-mail batch.
  const mailStartedAt = performance.now();
  await waitFor('half of the e-mails to arrive', async () => smtp.received.length >= STUDENTS / 2, 180_000, 5);
  const firstHalfMs = performance.now() - mailStartedAt;
  await worker.kill('SIGKILL');
  await sleep(300);
  const atMailKill = await emailsOf(world, assignmentId);
  const sentAtKill = atMailKill.filter((row) => row.status === 'sent').length;
  const claimedAtKill = atMailKill.filter((row) => row.status === 'sending').length;
  const receivedAtKill = smtp.received.length;
  say(`e-mail: SIGKILL with ${receivedAtKill} messages received, ${sentAtKill} rows sent, ${claimedAtKill} claimed but unsent (lease ${env.EMAIL_LEASE_SECONDS} s)`);

  worker = startProduct('worker', env);
  const mailRestartedAt = performance.now();
  await worker.ready;
  const firstAfterRestart = smtp.received.length;
  const resumedAt = await waitFor('the e-mails to resume', async () => smtp.received.length > firstAfterRestart && performance.now(), 180_000, 20);
  await waitFor(`${STUDENTS} e-mails marked sent`, async () => (await emailsOf(world, assignmentId)).filter((row) => row.status === 'sent').length >= STUDENTS, 180_000, 200);
  const mailRecoveryMs = performance.now() - mailRestartedAt;
  await sleep(2_000); // anything still to come (a duplicate) would arrive now
  const rows = await emailsOf(world, assignmentId);
  const ids = new Set(rows.map((row) => row.id));
  const ours = smtp.received.filter((id) => id && ids.has(id.replace(/@fieldwork$/, '')));
  const distinct = new Set(ours).size;
  const figures = {
    tasks,
    killedDuringFanOut: seen === 'running',
    notificationsAtKill,
    emailRowsAtKill: emailsAtKill,
    fanOutRecoveryMs: Math.round(fanOutRecoveryMs),
    receivedAtMailKill: receivedAtKill,
    claimedButUnsentAtKill: claimedAtKill,
    mailFirstHalfMs: Math.round(firstHalfMs),
    mailResumedAfterRestartMs: Math.round(resumedAt - mailRestartedAt),
    mailRecoveryMs: Math.round(mailRecoveryMs),
    notifications: await notificationsOf(world, assignmentId),
    emailRows: rows.length,
    emailRowsSent: rows.filter((row) => row.status === 'sent').length,
    messagesReceived: ours.length,
    distinctMessages: distinct,
    duplicateMessages: ours.length - distinct,
    totalMs: Math.round(performance.now() - t0),
  };
  say(
    `after the restarts: ${figures.notifications} notifications, ${figures.emailRows} e-mail rows (${figures.emailRowsSent} sent), ` +
      `${figures.messagesReceived} messages received by SMTP (${figures.distinctMessages} distinct, ${figures.duplicateMessages} duplicates); ` +
      `the first half took ${fmt(firstHalfMs)}; after the second restart sending resumed in ${fmt(figures.mailResumedAfterRestartMs)} (stalled job) and all were sent in ${fmt(mailRecoveryMs)} (claimed rows after their lease)`,
  );
  return figures;
}

/**
 * A closed-loop load of reads and writes as the demo student: task list, inbox,
 * contacts, and two writes with unique markers (a new contact, a logged
 * interaction, which also writes an outbox row). Every answer is recorded.
 */
function startLoad(world, tag) {
  const samples = [];
  let running = true;
  let seq = 0;
  const ops = [
    () => ({ kind: 'read', method: 'GET', path: '/tasks' }),
    () => ({ kind: 'read', method: 'GET', path: '/notifications' }),
    () => ({ kind: 'read', method: 'GET', path: '/contacts?limit=20' }),
    () => ({ kind: 'contact', method: 'POST', path: '/contacts', body: { name: `${tag}-contact-${++seq}` } }),
    () => ({ kind: 'interaction', method: 'POST', path: `/contacts/${world.contactId}/interactions`, body: { kind: 'follow_up', occurredAt: new Date().toISOString(), notes: `${tag}-note-${++seq}` } }),
  ];
  const loop = async (offset) => {
    for (let i = offset; running; i++) {
      const op = ops[i % ops.length]();
      const started = performance.now();
      let status = 0;
      let body = null;
      let retryAfter = null;
      try {
        const response = await fetch(`${world.base}${op.path}`, {
          method: op.method,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${world.student}` },
          body: op.body ? JSON.stringify(op.body) : undefined,
          signal: AbortSignal.timeout(15_000),
        });
        status = response.status;
        retryAfter = response.headers.get('retry-after');
        body = await response.json().catch(() => null);
      } catch {
        status = 0; // no answer within 15 s, or the connection failed
      }
      samples.push({ kind: op.kind, started, ms: performance.now() - started, status, retryAfter, id: status >= 200 && status < 300 ? body?.id : undefined, message: status >= 400 ? body?.message : undefined });
    }
  };
  const loops = Array.from({ length: CONCURRENCY }, (_, i) => loop(i));
  return {
    samples,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

/** /api/health every 200 ms: when it first said 503 and when it was 200 again. */
function watchHealth(world) {
  const log = [];
  let running = true;
  const done = (async () => {
    while (running) {
      const started = performance.now();
      let status = 0;
      let body = null;
      try {
        const response = await fetch(`${world.base}/health`, { signal: AbortSignal.timeout(5_000) });
        status = response.status;
        body = await response.json().catch(() => null);
      } catch {
        status = 0;
      }
      log.push({ at: started, ms: performance.now() - started, status, body });
      await sleep(200);
    }
  })();
  return {
    log,
    stop: async () => {
      running = false;
      await done;
    },
  };
}

/** Every write acknowledged with 2xx is in the database afterwards. */
async function lostWrites(world, samples) {
  const contacts = samples.filter((s) => s.kind === 'contact' && s.id).map((s) => s.id);
  const interactions = samples.filter((s) => s.kind === 'interaction' && s.id).map((s) => s.id);
  const foundContacts = await count(`SELECT count(*) AS n FROM contacts WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [world.tenantId, contacts]);
  const foundInteractions = await count(`SELECT count(*) AS n FROM interactions WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [world.tenantId, interactions]);
  return { acknowledgedWrites: contacts.length + interactions.length, lostWrites: contacts.length - foundContacts + (interactions.length - foundInteractions) };
}

function statusCounts(samples) {
  const counts = {};
  for (const s of samples) counts[s.status] = (counts[s.status] ?? 0) + 1;
  return counts;
}

async function postgresRestarted(world) {
  say(`\n== PostgreSQL stopped and started again under load (${CONCURRENCY} connections, outage ${OUTAGE_MS / 1000} s) ==`);
  const load = startLoad(world, `pg${Date.now().toString(36)}`);
  const health = watchHealth(world);
  await sleep(4_000);
  const stopAt = performance.now();
  await pgServer.stop();
  const downAt = performance.now();
  await sleep(OUTAGE_MS);
  const startAt = performance.now();
  await pgServer.start();
  const upAt = performance.now();
  const firstOk = await waitFor('a 2xx after the restart', async () => load.samples.find((s) => s.started >= upAt && s.status >= 200 && s.status < 300), 60_000, 50);
  const healthUp = await waitFor('/api/health to say up', async () => health.log.find((h) => h.at >= upAt && h.status === 200), 60_000, 50);
  await sleep(3_000);
  await load.stop();
  await health.stop();

  const during = load.samples.filter((s) => s.started >= downAt && s.started + s.ms <= startAt);
  const first503 = load.samples.find((s) => s.started >= stopAt && s.status === 503);
  const healthDown = health.log.find((h) => h.at >= downAt && h.status === 503);
  const figures = {
    requests: load.samples.length,
    statuses: statusCounts(load.samples),
    serverErrorsOtherThan503: load.samples.filter((s) => s.status >= 500 && s.status !== 503).length,
    unanswered: load.samples.filter((s) => s.status === 0).length,
    stopTookMs: Math.round(downAt - stopAt),
    firstOutage503AfterStopMs: first503 ? Math.round(first503.started + first503.ms - stopAt) : null,
    outageRequests: during.length,
    outageStatuses: statusCounts(during),
    outageP50Ms: Math.round(percentile(during.map((s) => s.ms), 50)),
    outageP95Ms: Math.round(percentile(during.map((s) => s.ms), 95)),
    outageMaxMs: Math.round(Math.max(0, ...during.map((s) => s.ms))),
    outage503Message: during.find((s) => s.status === 503)?.message ?? null,
    outageRetryAfter: during.find((s) => s.status === 503)?.retryAfter ?? null,
    healthDownBody: healthDown?.body ?? null,
    healthDownMs: healthDown ? Math.round(healthDown.ms) : null,
    healthMaxMs: Math.round(Math.max(...health.log.map((h) => h.ms))),
    startTookMs: Math.round(upAt - startAt),
    recoveryFirst2xxMs: Math.round(firstOk.started + firstOk.ms - upAt),
    recoveryHealthMs: Math.round(healthUp.at + healthUp.ms - upAt),
    ...(await lostWrites(world, load.samples)),
  };
  // The worker too: an assignment made now reaches its 5 students without restarting anything.
  const workerT0 = performance.now();
  const { id } = await assign(world, world.smallA);
  await waitFor('the worker to deliver after the restart', async () => (await notificationsOf(world, id)) >= 5, 60_000, 100);
  figures.workerDeliversAfterMs = Math.round(performance.now() - workerT0);
  figures.workerAlive = worker.alive();
  figures.apiAlive = api.alive();
  say(
    `${figures.requests} requests ${JSON.stringify(figures.statuses)}; outage: ${figures.outageRequests} requests ${JSON.stringify(figures.outageStatuses)}, ` +
      `p50 ${fmt(figures.outageP50Ms)}, p95 ${fmt(figures.outageP95Ms)}, max ${fmt(figures.outageMaxMs)}, first 503 ${fmt(figures.firstOutage503AfterStopMs ?? NaN)} after the stop began`,
  );
  say(`503 says "${figures.outage503Message}" (Retry-After ${figures.outageRetryAfter}); /api/health during the outage: ${JSON.stringify(figures.healthDownBody)} in ${fmt(figures.healthDownMs ?? NaN)}`);
  say(`recovery after PostgreSQL was up: first 2xx ${fmt(figures.recoveryFirst2xxMs)}, health 200 ${fmt(figures.recoveryHealthMs)}; worker delivered a new assignment in ${fmt(figures.workerDeliversAfterMs)}; API alive ${figures.apiAlive}, worker alive ${figures.workerAlive}`);
  say(`writes acknowledged with 2xx: ${figures.acknowledgedWrites}, missing afterwards: ${figures.lostWrites}`);
  return figures;
}

async function redisRestarted(world) {
  say(`\n== Redis stopped and started again under load (${CONCURRENCY} connections, outage ${OUTAGE_MS / 1000} s) ==`);
  const load = startLoad(world, `redis${Date.now().toString(36)}`);
  const health = watchHealth(world);
  await sleep(4_000);
  const stopAt = performance.now();
  await redis.stop();
  const downAt = performance.now();
  // Work that needs the queue, asked for while Redis is down: the outbox row commits, the request answers.
  const assignT0 = performance.now();
  const { id: assignmentId } = await assign(world, world.smallB);
  const assignMs = performance.now() - assignT0;
  await sleep(OUTAGE_MS);
  const startAt = performance.now();
  await redis.start();
  const upAt = performance.now();
  await waitFor('the assignment made during the outage to be delivered', async () => (await notificationsOf(world, assignmentId)) >= 5, 120_000, 100);
  const deliveredMs = performance.now() - upAt;
  const healthUp = await waitFor('/api/health to say up', async () => health.log.find((h) => h.at >= upAt && h.status === 200), 60_000, 50);
  await sleep(2_000);
  await load.stop();
  await health.stop();
  const relayT0 = performance.now();
  await waitFor('every outbox row to be relayed', async () => (await count(`SELECT count(*) AS n FROM outbox WHERE relayed_at IS NULL`)) === 0, 60_000, 200);
  const outboxDrainedMs = performance.now() - relayT0;

  const during = load.samples.filter((s) => s.started >= downAt && s.started + s.ms <= startAt);
  const healthDown = health.log.find((h) => h.at >= stopAt && h.status === 503);
  const figures = {
    requests: load.samples.length,
    statuses: statusCounts(load.samples),
    outageRequests: during.length,
    outageStatuses: statusCounts(during),
    outageNon2xx: during.filter((s) => s.status < 200 || s.status >= 300).length,
    outageWrites2xx: during.filter((s) => s.kind !== 'read' && s.status >= 200 && s.status < 300).length,
    outageP50Ms: Math.round(percentile(during.map((s) => s.ms), 50)),
    outageP95Ms: Math.round(percentile(during.map((s) => s.ms), 95)),
    assignDuringOutageMs: Math.round(assignMs),
    healthDownBody: healthDown?.body ?? null,
    recoveryHealthMs: Math.round(healthUp.at + healthUp.ms - upAt),
    jobsResumedMs: Math.round(deliveredMs),
    outboxDrainedAfterLoadMs: Math.round(outboxDrainedMs),
    ...(await lostWrites(world, load.samples)),
    workerAlive: worker.alive(),
    apiAlive: api.alive(),
  };
  say(
    `${figures.requests} requests ${JSON.stringify(figures.statuses)}; outage: ${figures.outageRequests} requests ${JSON.stringify(figures.outageStatuses)} ` +
      `(${figures.outageWrites2xx} writes answered 2xx), p50 ${fmt(figures.outageP50Ms)}, p95 ${fmt(figures.outageP95Ms)}; POST /assignments during the outage ${fmt(assignMs)}`,
  );
  say(`/api/health during the outage: ${JSON.stringify(figures.healthDownBody)}; health 200 ${fmt(figures.recoveryHealthMs)} after Redis was up`);
  say(`jobs resumed: the assignment made during the outage reached its students ${fmt(deliveredMs)} after Redis was up; every outbox row relayed; API alive ${figures.apiAlive}, worker alive ${figures.workerAlive}`);
  say(`writes acknowledged with 2xx: ${figures.acknowledgedWrites}, missing afterwards: ${figures.lostWrites}`);
  return figures;
}
