import type { CookieOptions, Request } from 'express';
import type { AppConfig } from '../config/app-config';

/**
 * Whether a cookie set in answer to `req` carries `Secure`: always when the
 * public address is https (a TLS-terminating proxy in front), otherwise when
 * the request itself came over TLS — which behind a proxy Express only knows
 * from X-Forwarded-Proto when TRUST_PROXY is on.
 */
export function cookieIsSecure(config: AppConfig, req: Pick<Request, 'secure'>): boolean {
  return config.cookiesAlwaysSecure || req.secure;
}

/** The flags every session-like cookie gets: httpOnly, SameSite=Strict, Secure as above, on one path. */
export function sessionCookieOptions(config: AppConfig, req: Pick<Request, 'secure'>, path: string, expires?: Date): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', secure: cookieIsSecure(config, req), path, ...(expires ? { expires } : {}) };
}
