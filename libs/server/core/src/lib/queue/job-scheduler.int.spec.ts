import type { Job } from 'bullmq';
import { QueueService } from './queue.service';
import { scheduledSlot } from './scheduled-slot';
import { QUEUE_BACKENDS, useQueueBackend } from '../../testing/queue-backends';

/**
 * Several workers (here: three QueueService instances, each with its own connections,
 * as three worker processes have) all upsert the same job scheduler at boot and all
 * process its queue: each planned slot runs exactly once.
 */
describe.each(QUEUE_BACKENDS)('job schedulers on the %s backend, three workers', (backend, overrides) => {
  const workers: QueueService[] = [];

  let dropOwnDatabase: () => Promise<void>;

  beforeAll(async () => {
    const setup = await useQueueBackend(backend, overrides, 'sched');
    dropOwnDatabase = setup.dropOwnDatabase;
    for (let i = 0; i < 3; i++) workers.push(new QueueService(setup.config()));
    expect(workers[0].backend).toBe(backend);
  });

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.onApplicationShutdown()));
    await dropOwnDatabase();
  });

  it('keeps one scheduler and one planned job however many workers upsert it, and runs each slot once', async () => {
    const slots: number[] = [];
    const ran: { worker: number; slot: number }[] = [];
    workers.forEach((worker, index) =>
      worker.process('maintenance', {
        'sweep-tenants': async (_payload, job: Job) => {
          const slot = scheduledSlot(job).getTime();
          ran.push({ worker: index, slot });
          slots.push(slot);
          return { slot };
        },
      }),
    );
    // Every worker upserts at boot, at the same moment and again a moment later (a restart).
    const upsert = (worker: QueueService) =>
      worker.queue('maintenance').upsertJobScheduler('test-every-second', { pattern: '* * * * * *' }, { name: 'sweep-tenants', data: {} });
    await Promise.all(workers.map(upsert));
    await Promise.all(workers.map(upsert));

    const schedulers = await workers[0].queue('maintenance').getJobSchedulers();
    // Other suites' schedulers may share the queue on the PostgreSQL backend (one database): count this one.
    expect(schedulers.map((scheduler) => scheduler.key).filter((key) => key === 'test-every-second')).toEqual(['test-every-second']);
    const planned = await workers[0].queue('maintenance').getJobs(['delayed', 'waiting', 'prioritized', 'active']);
    expect(new Set(planned.map((job) => job.opts.prevMillis)).size).toBe(planned.length);

    await new Promise((resolve) => setTimeout(resolve, 4_500));
    await workers[0].queue('maintenance').removeJobScheduler('test-every-second');

    // Several slots ran, each exactly once (whichever worker took it), one second apart.
    expect(slots.length).toBeGreaterThanOrEqual(3);
    expect(new Set(slots).size).toBe(slots.length);
    const sorted = [...slots].sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i] - sorted[i - 1]).toBe(1_000);
    expect(ran.every((run) => run.slot % 1_000 === 0)).toBe(true);
  }, 30_000);

  it('a job made by hand counts as made at its timestamp', () => {
    expect(scheduledSlot({ timestamp: 1_700_000_000_123 }).toISOString()).toBe('2023-11-14T22:13:20.123Z');
    expect(scheduledSlot({ timestamp: 1_700_000_000_123, opts: { prevMillis: 1_700_000_100_000 } }).toISOString()).toBe('2023-11-14T22:15:00.000Z');
  });
});
