import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import {
  BackendClasses,
  IQueueBackend,
  Job,
  JobsOptions,
  Queue,
  Worker,
  WorkerOptions,
  createPostgresBackend,
  createRedisBackend,
  withBackend,
} from 'bullmq';
import { JOB_QUEUE, JobName, JobOf, QueueBackendKind, QueueName } from '@fieldwork/contracts';
import { AppConfig } from '../config/app-config';

type AnyQueue = Queue<unknown, unknown, string, unknown, unknown, string, IQueueBackend, unknown>;
type AnyWorker = Worker<unknown, unknown, string, IQueueBackend>;

/** A handler per job name of one queue, each typed by the job registry in contracts. */
export type JobHandlers = { [N in JobName]?: (payload: JobOf<N>, job: Job) => Promise<unknown> };

/** Jobs retry with exponential backoff; failures stay visible, successes are trimmed. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: false,
};

/**
 * BullMQ on the configured backend: Redis when REDIS_URL is set, otherwise
 * BullMQ's PostgreSQL backend in the app's own database.
 */
@Injectable()
export class QueueService implements OnApplicationShutdown {
  private readonly logger = new Logger(QueueService.name);
  private readonly queues = new Map<QueueName, AnyQueue>();
  private readonly workers: AnyWorker[] = [];
  private readonly classes: BackendClasses<IQueueBackend, unknown>;
  private readonly connection: () => unknown;
  readonly backend: QueueBackendKind;
  private readonly prefix: string;
  private readonly lockMs: number;

  constructor(config: AppConfig) {
    this.backend = config.queueBackend;
    this.lockMs = config.env.QUEUE_LOCK_SECONDS * 1_000;
    // On Redis a hash tag keeps every key of a queue in one Redis Cluster slot.
    this.prefix = this.backend === 'redis' ? `{${config.env.QUEUE_PREFIX}}` : config.env.QUEUE_PREFIX;
    if (config.env.REDIS_URL) {
      const options = redisOptions(config.env.REDIS_URL);
      this.classes = withBackend(createRedisBackend) as unknown as BackendClasses<IQueueBackend, unknown>;
      this.connection = () => ({ ...options });
    } else {
      const connectionString = config.appDatabaseUrl;
      this.classes = withBackend(createPostgresBackend) as unknown as BackendClasses<IQueueBackend, unknown>;
      this.connection = () => ({ connectionString, max: 10, application_name: 'fieldwork-queue' });
    }
  }

  queue(name: QueueName): AnyQueue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new this.classes.Queue(name, {
        connection: this.connection(),
        prefix: this.prefix,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      }) as AnyQueue;
      queue.on('error', (error: Error) => this.connectionError(`queue ${name}`, error));
      tolerateSchedulerRaces(queue, this.logger);
      this.queues.set(name, queue);
      this.forgetIfNeverReady(name, queue);
    }
    return queue;
  }

  /**
   * BullMQ's PostgreSQL backend checks its schema once, on a queue's first use, and keeps
   * that answer: a queue whose first check failed (the database away for a moment, or
   * another process's boot re-granting the schema at that instant) would fail every call
   * for the life of the process. Such a queue is dropped, so the next call makes a new one.
   */
  private forgetIfNeverReady(name: QueueName, queue: AnyQueue): void {
    queue.waitUntilReady().catch((error: Error) => {
      if (this.queues.get(name) !== queue) return;
      this.queues.delete(name);
      this.connectionError(`queue ${name}`, new Error(`not ready (${error.message}); a new connection is made on the next call`));
      void queue.close().catch(() => undefined);
    });
  }

  add<N extends JobName>(name: N, payload: JobOf<N>, options: JobsOptions = {}): Promise<Job> {
    return this.queue(JOB_QUEUE[name]).add(name, payload, options) as Promise<Job>;
  }

  /** Starts a worker for one queue; the worker is closed gracefully at shutdown. */
  process(queueName: QueueName, handlers: JobHandlers, options: Partial<WorkerOptions<unknown>> = {}): AnyWorker {
    const worker = new this.classes.Worker(
      queueName,
      async (job: Job) => {
        const handler = handlers[job.name as JobName] as ((payload: unknown, job: Job) => Promise<unknown>) | undefined;
        if (!handler) throw new Error(`No handler for job "${job.name}" on queue "${queueName}"`);
        return handler(job.data, job);
      },
      {
        concurrency: 4,
        // A worker killed mid-job stops renewing the lock; after ~2 lock periods the job is stalled and runs again elsewhere.
        lockDuration: this.lockMs,
        stalledInterval: Math.max(1_000, Math.round(this.lockMs / 2)),
        maxStalledCount: 3,
        ...options,
        connection: this.connection(),
        prefix: this.prefix,
      },
    ) as AnyWorker;
    worker.on('failed', (job, error) =>
      this.logger.warn(`job ${queueName}/${job?.name} ${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`),
    );
    worker.on('error', (error) => this.connectionError(`worker ${queueName}`, error));
    this.workers.push(worker);
    return worker;
  }

  /** While Redis or PostgreSQL is away every reconnect attempt errors: one line per client every 10 s, with how many were left out. */
  private readonly errorNotes = new Map<string, { at: number; quiet: number }>();

  private connectionError(client: string, error: Error): void {
    const note = this.errorNotes.get(client) ?? { at: 0, quiet: 0 };
    if (Date.now() - note.at < 10_000) {
      note.quiet += 1;
    } else {
      this.logger.error(`${client}: ${error.message}${note.quiet ? ` (and ${note.quiet} more since the last note)` : ''}`);
      note.at = Date.now();
      note.quiet = 0;
    }
    this.errorNotes.set(client, note);
  }

  /** True when the backend answers within the timeout. */
  async ping(timeoutMs = 2_000): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    const probe = this.queue(JOB_QUEUE['sweep-tenants'])
      .getJobCounts('waiting')
      .then(() => true)
      .catch(() => false);
    try {
      return await Promise.race([probe, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Lets active jobs finish, takes no new ones, then closes the connections. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }
}

/**
 * Every worker process upserts the same job schedulers (fixed ids) at boot; the
 * backend keeps one scheduler and one job per planned slot. On the PostgreSQL
 * backend an upsert that loses a race to another worker's (several workers booting
 * at once, or a restart while the next slot's job is planned) fails with "Cannot
 * create job scheduler iteration" and changes nothing: the scheduler and its next
 * job are already there, which is all the upsert wanted. Such a failure is not a
 * reason to stop the worker's boot.
 */
function tolerateSchedulerRaces(queue: AnyQueue, logger: Logger): void {
  const upsert = queue.upsertJobScheduler.bind(queue);
  queue.upsertJobScheduler = async (id, repeat, template) => {
    try {
      return await upsert(id, repeat, template);
    } catch (error) {
      if (!/^Cannot create job scheduler iteration/.test((error as Error).message)) throw error;
      const existing = await queue.getJobScheduler(id);
      const planned = existing?.next === undefined ? undefined : await queue.getJob(`repeat:${id}:${existing.next}`);
      if (!planned) throw error;
      logger.log(`job scheduler ${queue.name}/${id}: its next slot is already planned (by another worker, or before a restart)`);
      return planned;
    }
  };
}

function redisOptions(url: string): Record<string, unknown> {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
    // Commands wait for a reconnect instead of failing (BullMQ workers require it); reconnect every ≤ 2 s, forever.
    maxRetriesPerRequest: null,
    retryStrategy: (attempt: number) => Math.min(200 * attempt, 2_000),
    enableReadyCheck: true,
  };
}
