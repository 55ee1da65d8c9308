import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppConfig, JSON_BODY_LIMIT_BYTES, QueueService, createValidationPipe, inputGuard, noStore } from '@fieldwork/server-core';
import { AppModule } from './app.module';
import { QUEUE_BOARD_PATH, QueueBoardTickets, queueBoardMiddleware } from './queue-board/queue-board';

/** The API as it runs in production and in the HTTP tests: one place configures it. */
export async function createApp(): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bufferLogs: true, bodyParser: false });
  const config = app.get(AppConfig);
  app.useLogger(app.get(Logger));
  app.set('trust proxy', config.trustProxy);
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT_BYTES });
  // Before any guard, pipe or class-transformer: too-deep JSON and NUL characters are a 400 here.
  app.use(inputGuard());
  app.use('/api', noStore());
  app.use(cookieParser());
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

/** The built Angular app at /, with every non-API path falling back to index.html. */
function serveWebApp(app: NestExpressApplication, config: AppConfig): void {
  const root = resolve(config.env.WEB_DIST ?? join(process.cwd(), 'dist/apps/web/browser'));
  const index = join(root, 'index.html');
  app.useStaticAssets(root, { index: false, maxAge: '1h' });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || req.path.startsWith('/api')) return next();
    if (!existsSync(index)) {
      res.status(503).type('text/plain').send('The web app is not built yet: run `npm run build` (npm start does it for you).');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
