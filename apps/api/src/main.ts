import { AppConfig, InvalidConfigError, loadSharedJwtSecret, prepareDatabase } from '@fieldwork/server-core';
import { OperatorsService } from '@fieldwork/server-identity';
import { TenantsService } from '@fieldwork/server-tenants';
import { Client } from 'pg';
import { createApp } from './app/create-app';

const BOOT_SEED_LOCK = 746_372_002;

/** Runs `work` while holding a PostgreSQL advisory lock (owner connection), so concurrent boots take turns. */
async function oneAtATime(config: AppConfig, lock: number, work: () => Promise<void>): Promise<void> {
  const owner = new Client({ connectionString: config.ownerDatabaseUrl });
  await owner.connect();
  try {
    await owner.query('SELECT pg_advisory_lock($1)', [lock]);
    await work();
  } finally {
    await owner.query('SELECT pg_advisory_unlock($1)', [lock]).catch(() => undefined);
    await owner.end();
  }
}

async function bootstrap(): Promise<void> {
  const config = new AppConfig();
  await prepareDatabase(config);
  // Before the app is built: the JWT strategy and the token service read config.jwtSecret once.
  await loadSharedJwtSecret(config);
  const app = await createApp();
  // Several API processes may boot at once (API_PROCESSES, replicas): one at a time sets up the operator and the demo.
  await oneAtATime(config, BOOT_SEED_LOCK, async () => {
    await app.get(OperatorsService).ensureConfiguredOperator();
    await app.get(TenantsService).seedDemoIfEmpty();
  });
  await app.listen(config.env.PORT);
  process.stdout.write(`Fieldwork API listening on ${config.publicUrl}\n`);
}

bootstrap().catch((error: unknown) => {
  const message = error instanceof InvalidConfigError ? error.message : `Fieldwork API failed to start: ${(error as Error)?.stack ?? error}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
