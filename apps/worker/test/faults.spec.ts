import { NestFactory } from '@nestjs/core';
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { Client } from 'pg';
import { QueueService } from '@fieldwork/server-core';
import { eventually, ownerClient, prepareTestDatabase, useTestEnvironment } from '@fieldwork/server-core/testing';
import { WorkerModule } from '../src/app/worker.module';
import { SmtpSink } from './support/smtp-sink';
import { assignToCohort, cohortOfStudents } from './support/cohort-fixture';

const startWorker = async () => {
  const worker = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
  await worker.init();
  return worker;
};

async function tenant(owner: Client, label: string): Promise<string> {
  const id = randomUUID();
  await owner.query(`INSERT INTO tenants (id, slug, name, timezone) VALUES ($1, $2, $3, 'America/Chicago')`, [id, `${label}-${id.slice(0, 8)}`, `Fault U ${label}`]);
  return id;
}

describe('faults: nothing is lost, nothing is sent twice', () => {
  let owner: Client;
  let smtp: SmtpSink;

  beforeAll(async () => {
    smtp = await SmtpSink.start();
    const config = useTestEnvironment({ SMTP_URL: smtp.url, QUEUE_PREFIX: `fault-${randomUUID().slice(0, 8)}` });
    await prepareTestDatabase(config);
    owner = await ownerClient(config);
  });

  afterAll(async () => {
    await smtp?.close();
    await owner?.end();
  });

  it('a worker stopped in the middle of a 2,000-student fan-out, then started again, delivers exactly 2,000 e-mails and 2,000 inbox items', async () => {
    const STUDENTS = 2_000;
    const tenantId = await tenant(owner, 'stop');
    const domain = `${tenantId.slice(0, 8)}.stop.test`;
    const fixture = await cohortOfStudents(owner, tenantId, STUDENTS, domain);
    const sent = async () =>
      (await owner.query(`SELECT count(*)::int AS n FROM email_deliveries WHERE tenant_id = $1 AND kind = 'new_assignment' AND status = 'sent'`, [tenantId])).rows[0]
        .n as number;

    let worker = await startWorker();
    await assignToCohort(owner, tenantId, fixture);
    await eventually(async () => (await sent()) >= 100, 60_000);
    await worker.close(); // SIGTERM: the batch in hand finishes, no new one starts
    const sentBeforeRestart = await sent();
    expect(sentBeforeRestart).toBeLessThan(STUDENTS);

    worker = await startWorker();
    try {
      await eventually(async () => (await sent()) === STUDENTS, 120_000);
    } finally {
      await worker.close();
    }
    const received = smtp.to(`@${domain}`).filter((mail) => mail.subject?.startsWith('New homework'));
    expect(received).toHaveLength(STUDENTS);
    expect(new Set(received.map((mail) => mail.to && JSON.stringify(mail.to))).size).toBe(STUDENTS);
    const { rows } = await owner.query(`SELECT count(*)::int AS n FROM notifications WHERE tenant_id = $1 AND kind = 'new_assignment'`, [tenantId]);
    expect(rows[0].n).toBe(STUDENTS);
    await owner.query(`DELETE FROM tenants WHERE id = $1`, [tenantId]);
  }, 240_000);

  it('with Redis unreachable an assignment still succeeds, and its notifications arrive once Redis is back', async () => {
    const port = await freePort();
    let redis = await startRedis(port);
    const previous = process.env['REDIS_URL'];
    process.env['REDIS_URL'] = `redis://127.0.0.1:${port}`;
    const tenantId = await tenant(owner, 'redis');
    const domain = `${tenantId.slice(0, 8)}.redis.test`;
    const fixture = await cohortOfStudents(owner, tenantId, 50, domain);
    const worker = await startWorker();
    try {
      expect(worker.get(QueueService).backend).toBe('redis');
      await stopRedis(redis);
      // The API's write is one PostgreSQL transaction: the assignment, its tasks and the outbox row.
      await assignToCohort(owner, tenantId, fixture);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const inbox = async () =>
        (await owner.query(`SELECT count(*)::int AS n FROM notifications WHERE tenant_id = $1 AND kind = 'new_assignment'`, [tenantId])).rows[0].n as number;
      expect(await inbox()).toBe(0);
      const { rows } = await owner.query(`SELECT relayed_at FROM outbox WHERE tenant_id = $1`, [tenantId]);
      expect(rows).toEqual([{ relayed_at: null }]);

      redis = await startRedis(port);
      await eventually(async () => (await inbox()) === 50, 60_000);
      await eventually(async () => smtp.to(`@${domain}`).length === 50, 60_000);
    } finally {
      await worker.close();
      await stopRedis(redis);
      process.env['REDIS_URL'] = previous ?? '';
      await owner.query(`DELETE FROM tenants WHERE id = $1`, [tenantId]);
    }
  }, 180_000);
});

/** A Redis of the test's own, on its own port (never the machine's shared one), keeping nothing on disk. */
async function startRedis(port: number): Promise<ChildProcess> {
  const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await eventually(
    () =>
      new Promise<boolean>((resolve) => {
        const socket = createServer().listen(port, '127.0.0.1');
        socket.once('error', () => resolve(true)); // taken: Redis is listening
        socket.once('listening', () => socket.close(() => resolve(false)));
      }),
    10_000,
  );
  return redis;
}

function stopRedis(redis: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (redis.exitCode !== null) return resolve();
    redis.once('exit', () => resolve());
    redis.kill('SIGKILL');
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
