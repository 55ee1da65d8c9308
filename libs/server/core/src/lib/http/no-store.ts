import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * `Cache-Control: no-store` on every API answer: they are per person (a
 * bearer token, a session cookie, a calendar token or a download link), so no
 * browser, proxy or shared cache may keep a copy. Static web assets are not
 * under this prefix and keep their own caching.
 */
export function noStore(): RequestHandler {
  return (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Pragma', 'no-cache');
    next();
  };
}
