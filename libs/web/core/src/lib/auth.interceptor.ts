import {
  HttpErrorResponse,
  HttpInterceptorFn,
  HttpRequest,
} from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, switchMap, throwError } from 'rxjs';
import { isApiUrl, isAuthEndpoint } from './api';
import { AuthService } from './auth.service';

/**
 * Adds the bearer token to API calls. When a call answers 401 it refreshes the
 * session once and replays the call once; if that fails the user is sent to
 * /sign-in (with a return URL).
 */
export const authInterceptor: HttpInterceptorFn = (req, next) => {
  if (!isApiUrl(req.url)) return next(req);

  const auth = inject(AuthService);
  const router = inject(Router);
  const send = (token: string | null) => next(withBearer(req, token));

  // Login, refresh, logout and invitations manage the session themselves.
  if (isAuthEndpoint(req.url)) return send(auth.accessToken());

  return send(auth.accessToken()).pipe(
    catchError((error: unknown) => {
      if (!isUnauthorized(error)) return throwError(() => error);
      return auth.refresh().pipe(
        catchError(() => {
          sendToSignIn(router);
          return throwError(() => error);
        }),
        switchMap((session) =>
          send(session.accessToken).pipe(
            catchError((replayError: unknown) => {
              if (isUnauthorized(replayError)) {
                auth.clearSession();
                sendToSignIn(router);
              }
              return throwError(() => replayError);
            }),
          ),
        ),
      );
    }),
  );
};

function withBearer(req: HttpRequest<unknown>, token: string | null): HttpRequest<unknown> {
  return token ? req.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : req;
}

function isUnauthorized(error: unknown): boolean {
  return error instanceof HttpErrorResponse && error.status === 401;
}

function sendToSignIn(router: Router): void {
  const current = router.url;
  if (current.startsWith('/sign-in')) return;
  const returnUrl = current && current !== '/' ? current : undefined;
  void router.navigate(['/sign-in'], {
    queryParams: { reason: 'expired', ...(returnUrl ? { returnUrl } : {}) },
  });
}

