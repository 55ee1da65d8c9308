import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { DOCUMENT, Injectable, computed, inject, signal } from '@angular/core';
import type {
  AcceptInvitationRequest,
  AccessTokenResponse,
  EnrolledSignIn,
  InvitationPreview,
  LoginRequest,
  LoginResponse,
  Me,
  PrincipalRole,
  TotpEnrollment,
} from '@fieldwork/contracts';
import {
  Observable,
  catchError,
  finalize,
  map,
  of,
  shareReplay,
  tap,
  throwError,
} from 'rxjs';
import { API_BASE } from './api';
import { setDisplayZone } from './zoned-time';

/**
 * The cookie the API sets next to the (httpOnly) refresh cookie, with the same lifetime, that
 * the page may read: "this browser holds a session". Kept in step with
 * apps/api/src/app/web-app/session-hint.ts.
 */
export const SESSION_HINT_COOKIE = 'fw_session';

/** Whether the API said this browser holds a refresh cookie (see SESSION_HINT_COOKIE). */
export function hasSessionHint(document: Pick<Document, 'cookie'>): boolean {
  return document.cookie.split(';').some((cookie) => cookie.trim().startsWith(`${SESSION_HINT_COOKIE}=`));
}

/** Where a password sign-in stands: signed in, or a second step to take with the token. */
export type SignInStep =
  | { kind: 'signed-in'; user: Me }
  | { kind: 'code'; mfaToken: string }
  | { kind: 'enroll'; mfaToken: string };

/**
 * Who is signed in, and the short-lived access token that proves it.
 *
 * The access token lives in memory only (a signal); the long-lived session is
 * an httpOnly refresh cookie the browser sends to `/api/auth/*` by itself.
 */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly document = inject(DOCUMENT);

  private readonly state = signal<{ user: Me; token: string; expiresAt: number } | null>(null);
  private refreshInFlight: Observable<AccessTokenResponse> | null = null;

  /** The signed-in principal, or null. */
  readonly user = computed(() => this.state()?.user ?? null);
  /** The bearer token for API calls, or null. */
  readonly accessToken = computed(() => this.state()?.token ?? null);
  /** Epoch milliseconds when the access token stops working, or null. */
  readonly expiresAt = computed(() => this.state()?.expiresAt ?? null);
  readonly isSignedIn = computed(() => this.state() !== null);
  readonly role = computed<PrincipalRole | null>(() => this.state()?.user.role ?? null);

  hasRole(...roles: PrincipalRole[]): boolean {
    const role = this.role();
    return role !== null && roles.includes(role);
  }

  /**
   * The password step of signing in; operators leave `tenant` empty. Answers the signed-in user,
   * or the second step the account needs (a code, or setting up an authenticator first).
   */
  signIn(request: LoginRequest): Observable<SignInStep> {
    const tenant = request.tenant?.trim();
    const body: LoginRequest = {
      ...(tenant ? { tenant } : {}),
      email: request.email.trim(),
      password: request.password,
    };
    return this.http.post<LoginResponse>(`${API_BASE}/auth/login`, body).pipe(
      map((response): SignInStep => {
        if ('mfaRequired' in response) return { kind: 'code', mfaToken: response.mfaToken };
        if ('mfaEnrollmentRequired' in response) return { kind: 'enroll', mfaToken: response.mfaToken };
        return { kind: 'signed-in', user: this.startSession(response) };
      }),
    );
  }

  /** Signs in when no second step is needed (it fails with a plain message otherwise). */
  login(request: LoginRequest): Observable<Me> {
    return this.signIn(request).pipe(
      map((step) => {
        if (step.kind !== 'signed-in') throw new Error('This account uses two-step sign-in: sign in on the sign-in page.');
        return step.user;
      }),
    );
  }

  /** The second step: a code from the authenticator app, or a recovery code. */
  completeSignIn(mfaToken: string, code: string): Observable<Me> {
    return this.http
      .post<AccessTokenResponse>(`${API_BASE}/auth/mfa`, { mfaToken, code: code.trim() })
      .pipe(map((response) => this.startSession(response)));
  }

  /** Staff whose career center requires two-step sign-in: a secret and QR code, right after the password. */
  startRequiredEnrollment(mfaToken: string): Observable<TotpEnrollment> {
    return this.http.post<TotpEnrollment>(`${API_BASE}/auth/mfa/enroll`, { mfaToken });
  }

  /** Confirms that enrolment with a first code: signed in, with the recovery codes to keep. */
  confirmRequiredEnrollment(mfaToken: string, code: string): Observable<{ user: Me; recoveryCodes: string[] }> {
    return this.http
      .post<EnrolledSignIn>(`${API_BASE}/auth/mfa/enroll/confirm`, { mfaToken, code: code.trim() })
      .pipe(map((response) => ({ user: this.startSession(response), recoveryCodes: response.recoveryCodes })));
  }

  /** "Forgot password?": always answers the same, whether or not the account exists. */
  requestPasswordReset(tenant: string, email: string): Observable<void> {
    return this.http
      .post<unknown>(`${API_BASE}/auth/password-reset`, { tenant: tenant.trim(), email: email.trim() })
      .pipe(map(() => undefined));
  }

  /** Sets the new password from the e-mailed link; every session of the account ends. */
  resetPassword(token: string, password: string): Observable<void> {
    return this.http.post<void>(`${API_BASE}/auth/password-reset/confirm`, { token, password });
  }

  /** What an invitation is for, before the invitee sets a password. */
  previewInvitation(token: string): Observable<InvitationPreview> {
    return this.http.get<InvitationPreview>(
      `${API_BASE}/auth/invitations/${encodeURIComponent(token)}`,
    );
  }

  /** Accepts an invitation; the new user is signed in on success. */
  acceptInvitation(request: AcceptInvitationRequest): Observable<Me> {
    const body: AcceptInvitationRequest = {
      token: request.token,
      name: request.name.trim(),
      password: request.password,
    };
    return this.http
      .post<AccessTokenResponse>(`${API_BASE}/auth/accept-invitation`, body)
      .pipe(map((response) => this.startSession(response)));
  }

  /**
   * Trades the refresh cookie for a new access token. Concurrent callers share
   * one request. On failure the local session is cleared and the error rethrown.
   */
  refresh(): Observable<AccessTokenResponse> {
    if (!this.refreshInFlight) {
      this.refreshInFlight = this.http
        .post<AccessTokenResponse>(`${API_BASE}/auth/refresh`, null)
        .pipe(
          tap({
            next: (response) => this.startSession(response),
            error: () => this.clearSession(),
          }),
          finalize(() => {
            this.refreshInFlight = null;
          }),
          shareReplay({ bufferSize: 1, refCount: false }),
        );
    }
    return this.refreshInFlight;
  }

  /**
   * On app start: restores a session from the refresh cookie if there is one. Never fails.
   * Without the session hint cookie there is no refresh cookie either, so nothing is asked
   * (a signed-out visitor's first page makes no request that answers 401).
   */
  restoreSession(): Observable<boolean> {
    if (!hasSessionHint(this.document)) return of(false);
    return this.refresh().pipe(
      map(() => true),
      catchError(() => of(false)),
    );
  }

  /** Reloads the signed-in user (GET /api/me). */
  loadMe(): Observable<Me> {
    return this.http.get<Me>(`${API_BASE}/me`).pipe(
      tap((user) => {
        this.state.update((current) => (current ? { ...current, user } : current));
        if (this.state()) setDisplayZone(user.tenant?.timezone);
      }),
    );
  }

  /** Ends the session on the server (revokes the cookie) and here. Never fails. */
  logout(): Observable<void> {
    return this.http.post<void>(`${API_BASE}/auth/logout`, null).pipe(
      map(() => undefined),
      catchError((error: unknown) => {
        // The local session ends either way; a failed revoke is not the user's problem.
        if (error instanceof HttpErrorResponse) return of(undefined);
        return throwError(() => error);
      }),
      finalize(() => this.clearSession()),
    );
  }

  /** Forgets the session locally (no server call). */
  clearSession(): void {
    this.state.set(null);
    setDisplayZone(null);
  }

  private startSession(response: AccessTokenResponse): Me {
    const seconds = Number.isFinite(response.expiresIn) ? response.expiresIn : 900;
    this.state.set({
      user: response.user,
      token: response.accessToken,
      expiresAt: Date.now() + seconds * 1000,
    });
    // The date helpers' default zone: the career center's, from the first screen on.
    setDisplayZone(response.user.tenant?.timezone);
    return response.user;
  }
}
