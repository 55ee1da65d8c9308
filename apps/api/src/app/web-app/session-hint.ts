import type { CookieOptions, NextFunction, Request, Response } from 'express';
import { REFRESH_COOKIE } from '@fieldwork/contracts';

/**
 * A cookie the web app can read (not httpOnly, no secret in it) that says "this browser
 * holds a refresh cookie": the app only asks `POST /api/auth/refresh` on start when it is
 * there, so a signed-out visitor's first page makes no request that answers 401.
 * Keep in step with `SESSION_HINT_COOKIE` in libs/web/core (auth.service.ts).
 */
export const SESSION_HINT_COOKIE = 'fw_session';

/**
 * Mirrors the refresh cookie into the hint cookie, whoever sets it (sign-in, refresh,
 * invitation, campus sign-in) and whoever clears it (sign-out, a refused refresh): same
 * expiry, same Secure and SameSite, path `/`, readable by the page. Express's
 * `clearCookie` goes through `res.cookie`, so watching `res.cookie` sees both.
 */
export function sessionHint() {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!req.path.startsWith('/api/')) return next();
    const setCookie = res.cookie.bind(res) as (name: string, value: string, options: CookieOptions) => Response;
    const mirrored = (name: string, value: unknown, options: CookieOptions = {}): Response => {
      setCookie(name, value as string, options);
      if (name === REFRESH_COOKIE) setCookie(SESSION_HINT_COOKIE, ...hintFor(value, options));
      return res;
    };
    res.cookie = mirrored as Response['cookie'];
    next();
  };
}

/** The hint's value and options for a refresh cookie being set (value, expiry in the future) or cleared. */
export function hintFor(value: unknown, options: CookieOptions): [string, CookieOptions] {
  const { httpOnly: _httpOnly, path: _path, signed: _signed, encode: _encode, ...rest } = options;
  const cleared = value === '' || value === null || value === undefined || (options.expires !== undefined && options.expires.getTime() <= Date.now()) || options.maxAge === 0;
  const hint: CookieOptions = { ...rest, httpOnly: false, path: '/' };
  return cleared ? ['', { ...hint, expires: new Date(0), maxAge: undefined }] : ['1', hint];
}
