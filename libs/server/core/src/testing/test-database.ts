import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { AppConfig } from '../lib/config/app-config';
import { prepareDatabase } from '../lib/database/database-setup';

/**
 * Tests run against the database `npm test` provides (DATABASE_URL): embedded
 * PostgreSQL on a fresh laptop, the machine's PostgreSQL in CI. They connect as
 * the app role, never as the owner, or they would prove nothing about RLS.
 */
export function useTestEnvironment(overrides: Record<string, string> = {}): AppConfig {
  if (!process.env['DATABASE_URL']) {
    throw new Error('DATABASE_URL is not set: run the tests with `npm test`, which provides a database.');
  }
  Object.assign(process.env, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DEMO_SEED: 'false',
    OPERATOR_EMAIL: 'operator@fieldwork.test',
    OPERATOR_PASSWORD: 'operator-test-passphrase',
    JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-signing',
    // Mail a test sends without an SMTP server goes to a throw-away folder, never the developer's .data/mail.
    MAIL_DIR: join(tmpdir(), `fieldwork-test-mail-${process.pid}`),
    ...overrides,
  });
  return new AppConfig();
}

let prepared: Promise<unknown> | null = null;

/** Migrations, app role and grants: once per test process (idempotent across processes). */
export function prepareTestDatabase(config: AppConfig = new AppConfig()): Promise<unknown> {
  prepared ??= prepareDatabase(config);
  return prepared;
}

/**
 * Points DATABASE_URL at a new, empty database on the same server, for a suite whose queues
 * run on BullMQ's PostgreSQL backend: that backend keeps every queue of a database together
 * (QUEUE_PREFIX does not separate them), so in the shared test database another suite's
 * per-tenant jobs would reach this suite's workers. Returns a function that drops it.
 */
export async function useOwnDatabase(): Promise<() => Promise<void>> {
  const url = new URL(process.env['DATABASE_URL'] ?? '');
  const name = `${url.pathname.slice(1)}_${randomBytes(4).toString('hex')}`;
  const owner = await connect(url.toString());
  await owner.query(`CREATE DATABASE ${name}`);
  await owner.end();
  const own = new URL(url);
  own.pathname = `/${name}`;
  process.env['DATABASE_URL'] = own.toString();
  return async () => {
    process.env['DATABASE_URL'] = url.toString();
    const client = await connect(url.toString());
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => client.end());
  };
}

export async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}

export const appRoleClient = (config: AppConfig) => connect(config.appDatabaseUrl);
export const ownerClient = (config: AppConfig) => connect(config.ownerDatabaseUrl);

/** Waits until `check` returns a truthy value, or fails after the timeout. */
export async function eventually<T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
