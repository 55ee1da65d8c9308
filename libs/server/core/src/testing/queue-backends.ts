import { randomUUID } from 'node:crypto';
import { AppConfig } from '../lib/config/app-config';
import { prepareTestDatabase, useOwnDatabase, useTestEnvironment } from './test-database';

/** The backends a queue spec runs on, with the environment that picks each: PostgreSQL always; Redis whenever the run has one (CI always does). */
export const QUEUE_BACKENDS: [string, Record<string, string>][] = [['postgres', { REDIS_URL: '' }]];
if (process.env['REDIS_URL']) QUEUE_BACKENDS.push(['redis', { REDIS_URL: process.env['REDIS_URL'] }]);

/** What `useQueueBackend` set up: the configuration of a QueueService on that backend, and the clean-up for `afterAll`. */
export interface QueueBackendSetup {
  config: () => AppConfig;
  dropOwnDatabase: () => Promise<void>;
}

/**
 * The set-up of a queue spec on one of QUEUE_BACKENDS (in `beforeAll`): a migrated test database,
 * its own on the PostgreSQL backend (other suites' jobs would share the queue there), and a queue
 * prefix of its own starting with `prefix`. `config()` answers a fresh AppConfig for each
 * QueueService (one per simulated process).
 */
export async function useQueueBackend(backend: string, overrides: Record<string, string>, prefix: string): Promise<QueueBackendSetup> {
  const dropOwnDatabase = backend === 'postgres' ? await useOwnDatabase() : async () => undefined;
  await prepareTestDatabase(useTestEnvironment({ QUEUE_PREFIX: `${prefix}-${randomUUID().slice(0, 8)}` }));
  const env = { ...process.env, ...overrides };
  if (!overrides['REDIS_URL']) delete env['REDIS_URL'];
  return { config: () => new AppConfig(env), dropOwnDatabase };
}
