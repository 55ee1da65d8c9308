import { AppConfig, InvalidConfigError, prepareDatabase } from '@fieldwork/server-core';
import { OperatorsService } from '@fieldwork/server-identity';
import { TenantsService } from '@fieldwork/server-tenants';
import { createApp } from './app/create-app';

async function bootstrap(): Promise<void> {
  const config = new AppConfig();
  await prepareDatabase(config);
  const app = await createApp();
  await app.get(OperatorsService).ensureConfiguredOperator();
  await app.get(TenantsService).seedDemoIfEmpty();
  await app.listen(config.env.PORT);
  process.stdout.write(`Fieldwork API listening on ${config.publicUrl}\n`);
}

bootstrap().catch((error: unknown) => {
  const message = error instanceof InvalidConfigError ? error.message : `Fieldwork API failed to start: ${(error as Error)?.stack ?? error}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
