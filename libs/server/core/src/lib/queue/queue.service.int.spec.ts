import { randomUUID } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { QueueService } from './queue.service';
import { eventually, prepareTestDatabase, useOwnDatabase, useTestEnvironment } from '../../testing';

/** PostgreSQL always; Redis whenever the run has one (CI always does). */
const backends: [string, Record<string, string>][] = [['postgres', { REDIS_URL: '' }]];
if (process.env['REDIS_URL']) backends.push(['redis', { REDIS_URL: process.env['REDIS_URL'] }]);

describe.each(backends)('QueueService on the %s backend', (backend, overrides) => {
  let queues: QueueService;

  let dropOwnDatabase: () => Promise<void>;

  beforeAll(async () => {
    // Its own database: on the PostgreSQL backend other suites' jobs would share the queue.
    dropOwnDatabase = backend === 'postgres' ? await useOwnDatabase() : async () => undefined;
    const config = useTestEnvironment({ QUEUE_PREFIX: `test-${randomUUID().slice(0, 8)}` });
    await prepareTestDatabase(config);
    const env = { ...process.env, ...overrides };
    if (!overrides['REDIS_URL']) delete env['REDIS_URL'];
    queues = new QueueService(new AppConfig(env));
  });

  afterAll(async () => {
    await queues.onApplicationShutdown();
    await dropOwnDatabase();
  });

  it(`reports the ${backend} backend as up`, async () => {
    expect(queues.backend).toBe(backend);
    expect(await queues.ping()).toBe(true);
  });

  it('runs a typed job through a worker, once per deterministic job id', async () => {
    const tenantId = randomUUID();
    const seen: string[] = [];
    queues.process('maintenance', {
      'purge-expired-credentials': async (payload) => {
        seen.push(payload.tenantId);
        return { ok: true };
      },
    });
    const jobId = `purge-expired-credentials:${tenantId}:test`;
    await queues.add('purge-expired-credentials', { tenantId }, { jobId });
    await queues.add('purge-expired-credentials', { tenantId }, { jobId });
    await eventually(async () => seen.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen).toEqual([tenantId]);
    const job = await queues.queue('maintenance').getJob(jobId);
    expect(job && (await job.getState())).toBe('completed');
  });
});
