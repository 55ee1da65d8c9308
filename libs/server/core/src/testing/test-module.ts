import { randomBytes } from 'node:crypto';
import type { DynamicModule, ForwardReference, Type } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { AppConfig } from '../lib/config/app-config';
import { CoreModule } from '../lib/core.module';
import { TenantDatabase } from '../lib/database/tenant-database';
import { prepareTestDatabase, useTestEnvironment } from './test-database';

/** Anything a Nest module may import. */
export type ModuleImport = Type<unknown> | DynamicModule | Promise<DynamicModule> | ForwardReference;

export interface TestModuleOptions {
  /** Settings on top of the test environment's (e.g. `EXPORT_DIR`). */
  env?: Record<string, string>;
  /**
   * Run the start-up hooks (default true). Job modules start their workers and job schedulers
   * there; a spec that calls a job class's methods itself passes false, so no schedule (the
   * reminder scan runs every few minutes over every tenant of the database) touches other specs' data.
   */
  startWorkers?: boolean;
}

/** Server libraries wired by Nest as the API and worker wire them, on the real test database, without HTTP. */
export interface TestApp {
  readonly module: TestingModule;
  readonly config: AppConfig;
  /** Tenant transactions as the app role (row-level security applies): what the fixtures write through. */
  readonly db: TenantDatabase;
  /** A provider of any imported module, exported or not (the service under test). */
  get<T>(type: Type<T>): T;
  /** Runs the shutdown hooks: workers stop, queue and database connections close. */
  close(): Promise<void>;
}

/**
 * Boots `CoreModule` (config, the app role's pool, tenant transactions, the queue on Redis when
 * REDIS_URL is set, else BullMQ's PostgreSQL backend) and the given modules, then runs their
 * start-up hooks, so job modules start their workers (unless `startWorkers` is false). Migrations run once per test process.
 * Each call gets its own queue prefix: suites running in parallel never take each other's jobs.
 */
export async function testModule(imports: ModuleImport[], options: TestModuleOptions = {}): Promise<TestApp> {
  const config = useTestEnvironment({ QUEUE_PREFIX: `test-${randomBytes(4).toString('hex')}`, ...options.env });
  await prepareTestDatabase(config);
  const module = await Test.createTestingModule({ imports: [CoreModule, ...imports] }).compile();
  module.useLogger(false);
  if (options.startWorkers ?? true) await module.init();
  return {
    module,
    config: module.get(AppConfig),
    db: module.get(TenantDatabase),
    get: <T>(type: Type<T>) => module.get(type, { strict: false }),
    close: () => module.close(),
  };
}
