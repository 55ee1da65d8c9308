import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppConfig, InvalidConfigError, loadSharedJwtSecret, prepareDatabase } from '@fieldwork/server-core';
import { WorkerModule } from './app/worker.module';

async function bootstrap(): Promise<void> {
  const config = new AppConfig();
  await prepareDatabase(config);
  // The same secret as every API process (keys derived from it, e.g. the MFA secret box, must agree too).
  await loadSharedJwtSecret(config);
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // SIGTERM/SIGINT: workers finish their active jobs, take no new ones, then the process exits.
  app.enableShutdownHooks();
  await app.init();
  process.stdout.write(`Fieldwork worker running on the ${config.queueBackend} queue backend\n`);
}

bootstrap().catch((error: unknown) => {
  const message = error instanceof InvalidConfigError ? error.message : `Fieldwork worker failed to start: ${(error as Error)?.stack ?? error}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
