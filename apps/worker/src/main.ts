import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppConfig, InvalidConfigError, prepareDatabase } from '@fieldwork/server-core';
import { WorkerModule } from './app/worker.module';

async function bootstrap(): Promise<void> {
  const config = new AppConfig();
  await prepareDatabase(config);
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
