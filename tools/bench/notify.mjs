#!/usr/bin/env node
// npm run bench:notify — on each queue backend (BullMQ on PostgreSQL, and on
// Redis when one answers): the time from POST /api/assignments on a 5,000-student
// cohort until all 5,000 in-app notifications exist (API commit → outbox →
// relay → BullMQ → worker's set-based fan-out), beside the time raw BullMQ takes
// to add and process 5,000 no-op jobs on the same backend, and their ratio.
import { Queue, Worker, createPostgresBackend, createRedisBackend, withBackend } from 'bullmq';
import pg from 'pg';
import { benchDatabase, call, median, ms, startApi, startWorker } from './support.mjs';

const STUDENTS = Number(process.env.BENCH_STUDENTS ?? 5000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const results = [];
for (const backend of (process.env.BENCH_BACKENDS ?? 'postgres,redis').split(',')) {
  if (backend === 'redis' && !(await redisAnswers(REDIS_URL))) {
    console.log(`\nRedis backend: skipped (no Redis answers at ${REDIS_URL}; set REDIS_URL)`);
    continue;
  }
  results.push(await measure(backend));
}

console.log(`\nFrom POST /api/assignments to ${STUDENTS} in-app notifications (median of ${ROUNDS}), beside raw BullMQ with ${STUDENTS} no-op jobs:`);
for (const r of results) {
  console.log(`  ${r.backend.padEnd(8)}  end to end ${ms(r.endToEnd).padStart(10)}   raw BullMQ ${ms(r.raw).padStart(10)}   ratio ${(r.endToEnd / r.raw).toFixed(2)}  (target ≤ 3)`);
}

async function measure(backend) {
  console.log(`\n== ${backend} backend ==`);
  const prefix = `bench${Date.now().toString(36)}`;
  const env = { QUEUE_PREFIX: prefix, REDIS_URL: backend === 'redis' ? REDIS_URL : '' };
  const db = await benchDatabase(`fieldwork_bench_notify_${backend}`);
  let api;
  let worker;
  const owner = new pg.Client({ connectionString: db.url });
  try {
    api = await startApi(db.url, 3202, env);
    worker = await startWorker(db.url, env);
    await owner.connect();
    const [{ tenant_id }] = (await owner.query(`SELECT id AS tenant_id FROM tenants WHERE slug = 'demo'`)).rows;
    const cohortId = (await owner.query(`INSERT INTO cohorts (tenant_id, id, name) VALUES ($1, gen_random_uuid(), 'Bench cohort') RETURNING id`, [tenant_id])).rows[0].id;
    await owner.query(
      `WITH students AS (
         INSERT INTO users (tenant_id, id, email, name, role)
         SELECT $1, gen_random_uuid(), 'bench' || n || '@demo.test', 'Bench Student ' || n, 'student' FROM generate_series(1, $3) n
         RETURNING id)
       INSERT INTO cohort_members (tenant_id, cohort_id, user_id, role) SELECT $1, $2, id, 'student' FROM students`,
      [tenant_id, cohortId, STUDENTS],
    );
    await owner.query(`INSERT INTO cohort_members (tenant_id, cohort_id, user_id, role) SELECT tenant_id, $2, id, 'advisor' FROM users WHERE tenant_id = $1 AND email = 'advisor@demo.test'`, [tenant_id, cohortId]);
    await owner.query('ANALYZE');
    const { accessToken } = await call(api.base, 'POST', '/auth/login', null, { tenant: 'demo', email: 'advisor@demo.test', password: process.env.DEMO_PASSWORD ?? 'fieldwork-demo' });
    const templateId = (await call(api.base, 'GET', '/templates', accessToken)).items[0].id;

    const endToEnd = [];
    for (let round = 0; round < ROUNDS + 1; round++) {
      const t0 = performance.now();
      const { id } = await call(api.base, 'POST', '/assignments', accessToken, {
        templateId,
        cohortId,
        opensAt: new Date().toISOString(),
        dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      });
      const posted = performance.now() - t0;
      for (;;) {
        // One probe of the notifications' unique index per task of this assignment.
        const { rows } = await owner.query(
          `SELECT count(*)::int AS n FROM tasks t
            WHERE t.tenant_id = $1 AND t.assignment_id = $2
              AND EXISTS (SELECT 1 FROM notifications n WHERE n.tenant_id = t.tenant_id AND n.user_id = t.student_id
                             AND n.kind = 'new_assignment' AND n.subject_id = t.id AND n.period = '')`,
          [tenant_id, id],
        );
        if (rows[0].n === STUDENTS) break;
        if (performance.now() - t0 > 120_000) throw new Error(`only ${rows[0].n} notifications after 2 minutes`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const elapsed = performance.now() - t0;
      const [stages] = (
        await owner.query(
          `SELECT extract(epoch FROM o.relayed_at - o.created_at) * 1000 AS relay_ms,
                  (SELECT extract(epoch FROM min(n.created_at) - o.relayed_at) * 1000 FROM notifications n JOIN tasks t ON t.tenant_id = n.tenant_id AND t.id = n.subject_id
                    WHERE n.tenant_id = $1 AND t.assignment_id = $2) AS queue_ms
             FROM outbox o WHERE o.tenant_id = $1 AND o.payload->>'assignmentId' = $2::text`,
          [tenant_id, id],
        )
      ).rows;
      console.log(`  round ${round}${round === 0 ? ' (warm-up)' : ''}: ${ms(elapsed)}  (POST ${ms(posted)}, outbox → queue ${ms(Number(stages.relay_ms))}, queue → fan-out start ${ms(Number(stages.queue_ms))})`);
      if (round > 0) endToEnd.push(elapsed);
    }

    const raw = [];
    for (let round = 0; round < ROUNDS + 1; round++) {
      const elapsed = await rawBullmq(backend, db.url, `${prefix}raw${round}`);
      console.log(`  raw BullMQ round ${round}${round === 0 ? ' (warm-up)' : ''}: ${ms(elapsed)}`);
      if (round > 0) raw.push(elapsed);
    }
    return { backend, endToEnd: median(endToEnd), raw: median(raw) };
  } finally {
    await owner.end().catch(() => undefined);
    await worker?.stop();
    await api?.stop();
    await db.drop();
  }
}

/** Adds STUDENTS no-op jobs in one addBulk and waits until a worker (concurrency 8) has completed them all. */
async function rawBullmq(backend, databaseUrl, prefix) {
  const { Queue: BackendQueue, Worker: BackendWorker } =
    backend === 'redis' ? withBackend(createRedisBackend) : withBackend(createPostgresBackend);
  const connection = () => (backend === 'redis' ? redisOptions(REDIS_URL) : { connectionString: databaseUrl, max: 10 });
  const queue = new (BackendQueue ?? Queue)('raw', { connection: connection(), prefix });
  let done = 0;
  let finish;
  const finished = new Promise((resolve) => (finish = resolve));
  const worker = new (BackendWorker ?? Worker)('raw', async () => null, { connection: connection(), prefix, concurrency: 8 });
  worker.on('completed', () => {
    done += 1;
    if (done === STUDENTS) finish();
  });
  await worker.waitUntilReady();
  const t0 = performance.now();
  await queue.addBulk(Array.from({ length: STUDENTS }, (_, i) => ({ name: 'noop', data: { i }, opts: { removeOnComplete: true } })));
  await finished;
  const elapsed = performance.now() - t0;
  await worker.close();
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  return elapsed;
}

function redisOptions(url) {
  const parsed = new URL(url);
  return { host: parsed.hostname, port: Number(parsed.port || 6379), maxRetriesPerRequest: null };
}

async function redisAnswers(url) {
  const { default: Redis } = await import('ioredis');
  const client = new Redis({ ...redisOptions(url), lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}
