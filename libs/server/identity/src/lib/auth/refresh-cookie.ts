import { ExecutionContext, Injectable, createParamDecorator } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppConfig, sessionCookieOptions } from '@fieldwork/server-core';
import { REFRESH_COOKIE } from '@fieldwork/contracts';
import type { IssuedSession } from './sessions.service';

/** The refresh cookie is sent only to the auth endpoints. */
export const REFRESH_COOKIE_PATH = '/api/auth';

/** The request being answered and its response, for an endpoint that reads or sets cookies. */
export interface HttpExchange {
  req: Request;
  res: Response;
}

/**
 * `@Exchange() http: HttpExchange`: the request and its response. Unlike `@Res()`,
 * Nest still sends what the handler returns (as with `@Res({ passthrough: true })`).
 */
export const Exchange = createParamDecorator((_: unknown, context: ExecutionContext): HttpExchange => {
  const http = context.switchToHttp();
  return { req: http.getRequest<Request>(), res: http.getResponse<Response>() };
});

/**
 * The refresh token's httpOnly cookie: set by every way of signing in (password,
 * second step, invitation, SSO), rotated on refresh, cleared on sign-out. Secure
 * when the request came over TLS (X-Forwarded-Proto counts with TRUST_PROXY) and
 * always when PUBLIC_URL is https.
 */
@Injectable()
export class RefreshCookie {
  constructor(private readonly config: AppConfig) {}

  read({ req }: HttpExchange): string | undefined {
    return req.cookies?.[REFRESH_COOKIE];
  }

  set({ req, res }: HttpExchange, session: IssuedSession): void {
    res.cookie(REFRESH_COOKIE, session.refreshToken, sessionCookieOptions(this.config, req, REFRESH_COOKIE_PATH, session.expiresAt));
  }

  clear({ req, res }: HttpExchange): void {
    res.clearCookie(REFRESH_COOKIE, sessionCookieOptions(this.config, req, REFRESH_COOKIE_PATH));
  }
}
