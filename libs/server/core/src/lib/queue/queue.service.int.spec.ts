import { randomUUID } from 'node:crypto';
import { QueueService } from './queue.service';
import { eventually } from '../../testing';
import { QUEUE_BACKENDS, useQueueBackend } from '../../testing/queue-backends';

describe.each(QUEUE_BACKENDS)('QueueService on the %s backend', (backend, overrides) => {
  let queues: QueueService;

  let dropOwnDatabase: () => Promise<void>;

  beforeAll(async () => {
    const setup = await useQueueBackend(backend, overrides, 'test');
    dropOwnDatabase = setup.dropOwnDatabase;
    queues = new QueueService(setup.config());
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
