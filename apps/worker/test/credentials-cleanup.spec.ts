import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { QueueService } from '@fieldwork/server-core';
import { eventually, ownerClient, prepareTestDatabase, useTestEnvironment } from '@fieldwork/server-core/testing';
import { CREDENTIALS_SWEEP_SCHEDULE } from '@fieldwork/server-identity';
import { WorkerModule } from '../src/app/worker.module';

const backends: [string, string][] = [['postgres', '']];
if (process.env['REDIS_URL']) backends.push(['redis', process.env['REDIS_URL']]);

describe.each(backends)('worker on the %s queue backend', (backend, redisUrl) => {
  let worker: INestApplicationContext;
  let owner: Client;
  const tenants = [randomUUID(), randomUUID()];
  const tokens: Record<string, { expired: string; live: string }> = {};

  beforeAll(async () => {
    const config = useTestEnvironment({ REDIS_URL: redisUrl, QUEUE_PREFIX: `worker-${randomUUID().slice(0, 8)}` });
    await prepareTestDatabase(config);
    owner = await ownerClient(config);
    for (const tenantId of tenants) {
      const userId = randomUUID();
      tokens[tenantId] = { expired: randomUUID(), live: randomUUID() };
      await owner.query(`INSERT INTO tenants (id, slug, name, timezone) VALUES ($1, $2, 'Sweep', 'UTC')`, [tenantId, `sweep-${tenantId.slice(0, 8)}`]);
      await owner.query(`INSERT INTO users (tenant_id, id, email, name, role) VALUES ($1, $2, 'u@x.test', 'U', 'student')`, [tenantId, userId]);
      await owner.query(
        `INSERT INTO refresh_tokens (tenant_id, id, user_id, family_id, token_hash, expires_at) VALUES
           ($1, $3, $2, gen_random_uuid(), gen_random_bytes_compat(), now() - interval '3 days'),
           ($1, $4, $2, gen_random_uuid(), gen_random_bytes_compat(), now() + interval '3 days')`.replace(/gen_random_bytes_compat\(\)/g, "decode(md5(random()::text), 'hex')"),
        [tenantId, userId, tokens[tenantId].expired, tokens[tenantId].live],
      );
    }
    worker = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
    await worker.init();
  });

  afterAll(async () => {
    try {
      await worker?.close();
      await owner?.query(`DELETE FROM tenants WHERE id = ANY($1)`, [tenants]);
    } finally {
      await owner?.end();
    }
  });

  it(`runs on ${backend} and registers the daily sweep scheduler`, async () => {
    const queues = worker.get(QueueService);
    expect(queues.backend).toBe(backend);
    const schedulers = await queues.queue('maintenance').getJobSchedulers();
    expect(schedulers.map((s) => s.key ?? s.id)).toContain(CREDENTIALS_SWEEP_SCHEDULE.id);
  });

  it('the sweep fans out one job per tenant, each purging only its own tenant’s dead tokens', async () => {
    const queues = worker.get(QueueService);
    const sweep = await queues.add('sweep-tenants', {});
    await eventually(async () => {
      const { rows } = await owner.query(`SELECT id FROM refresh_tokens WHERE tenant_id = ANY($1)`, [tenants]);
      return rows.length === tenants.length;
    });
    const { rows } = await owner.query(`SELECT id FROM refresh_tokens WHERE tenant_id = ANY($1) ORDER BY id`, [tenants]);
    expect(rows.map((r: { id: string }) => r.id).sort()).toEqual(tenants.map((t) => tokens[t].live).sort());

    // The same day's sweep again adds no second job for a tenant (deterministic job ids).
    const day = new Date(sweep.timestamp).toISOString().slice(0, 10);
    await queues.add('sweep-tenants', {}, { timestamp: sweep.timestamp } as never);
    for (const tenantId of tenants) {
      const job = await queues.queue('maintenance').getJob(`purge-expired-credentials:${tenantId}:${day}`);
      expect(job).toBeTruthy();
      // The purge commits before BullMQ records the job as completed.
      await eventually(async () => (await job?.getState()) === 'completed');
      const done = await queues.queue('maintenance').getJob(`purge-expired-credentials:${tenantId}:${day}`);
      expect(done?.returnvalue).toEqual({ refreshTokens: 1, invitations: 0 });
    }
  });
});
