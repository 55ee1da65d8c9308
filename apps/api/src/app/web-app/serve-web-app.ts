import type { NestExpressApplication } from '@nestjs/platform-express';
import compression from 'compression';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AppConfig } from '@fieldwork/server-core';

/**
 * Files the web build names by content (`main-AB12CD34.js`, `chunk-Dd_xqYOr.js`, `styles-….css`,
 * `media/…`): they never change under their name. The hash is 8 letters, digits, `_` or `-`.
 */
const HASHED_FILE = /-(?=[\w-]*[A-Z0-9])[\w-]{8}\.(?:js|mjs|css|woff2?|ttf|svg|png|jpe?g|webp|avif)$/;
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Other static files (favicon.ico): may change with a release, so a short cache. */
export const SHORT_CACHE = 'public, max-age=3600';

/**
 * The built Angular app at /, with every non-API path falling back to index.html.
 *
 * - gzip/brotli for the app's files (not for /api: its answers stay as they are);
 * - hashed files are cached for a year (`immutable`), `index.html` is `no-cache` so a
 *   release shows at the next visit, other files for an hour;
 * - an /api request never reaches the static middleware (no `stat` on every API call).
 */
export function serveWebApp(app: NestExpressApplication, config: AppConfig): void {
  const root = resolve(config.env.WEB_DIST ?? join(process.cwd(), 'dist/apps/web/browser'));
  const index = join(root, 'index.html');
  const files = express.static(root, {
    index: false,
    redirect: false,
    setHeaders: (res, path) => res.setHeader('Cache-Control', cacheControlFor(path)),
  });
  const compress = compression();

  app.use(webOnly(compress));
  app.use(webOnly(files));
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApiPath(req.path)) return next();
    if (!existsSync(index)) {
      res.status(503).type('text/plain').send('The web app is not built yet: run `npm run build` (npm start does it for you).');
      return;
    }
    res.sendFile(index, { headers: { 'Cache-Control': 'no-cache' } });
  });
}

/** How long a browser may keep a file of the built app. */
export function cacheControlFor(path: string): string {
  if (path.endsWith('.html')) return 'no-cache';
  return HASHED_FILE.test(path) ? IMMUTABLE : SHORT_CACHE;
}

export function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

/** The handler for the web app's GET/HEAD requests only. */
function webOnly(handler: RequestHandler): RequestHandler {
  return (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApiPath(req.path)) return next();
    handler(req, res, next);
  };
}
