import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import type { Server } from 'node:http';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppConfig, JSON_BODY_LIMIT_BYTES, QueueService, createValidationPipe, inputGuard, noStore, requestScope } from '@fieldwork/server-core';
import { AppModule } from './app.module';
import { QUEUE_BOARD_PATH, QueueBoardTickets, queueBoardMiddleware } from './queue-board/queue-board';
import { serveWebApp } from './web-app/serve-web-app';
import { sessionHint } from './web-app/session-hint';

/** How long an idle keep-alive connection stays open. */
const KEEP_ALIVE_MS = 65_000;

/** The API as it runs in production and in the HTTP tests: one place configures it. */
export async function createApp(): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bufferLogs: true, bodyParser: false });
  const config = app.get(AppConfig);
  app.useLogger(app.get(Logger));
  app.set('trust proxy', config.trustProxy);
  // An idle keep-alive connection outlives a load balancer's (60 s on most) and a client's, so neither ever
  // sends a request on a socket the API is closing that instant (Node's 5 s default: an occasional ECONNRESET/502).
  const server = app.getHttpServer() as Server;
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
  // API answers are never cached (Cache-Control: no-store), so no ETag is computed (a SHA-1 of every body); static files keep theirs.
  app.set('etag', false);
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT_BYTES });
  // Each request's scope: the tenant transaction its session check opens is handed on to its work (TenantDatabase).
  // After the body parser, whose callbacks run outside the request's async context.
  app.use(requestScope());
  // Before any guard, pipe or class-transformer: too-deep JSON and NUL characters are a 400 here.
  app.use(inputGuard());
  app.use('/api', noStore());
  app.use(cookieParser());
  app.use(sessionHint());
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          upgradeInsecureRequests: null,
        },
      },
    }),
  );
  app.enableCors({ origin: config.corsOrigins.length ? config.corsOrigins : false, credentials: true });
  app.use(QUEUE_BOARD_PATH, queueBoardMiddleware(app.get(QueueService), app.get(QueueBoardTickets)));
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  const openApi = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Fieldwork API')
      .setDescription('Networking homework for career centers: people, cohorts, homework, reflections, network.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, openApi, { jsonDocumentUrl: 'api/docs-json' });

  serveWebApp(app, config);
  return app;
}
