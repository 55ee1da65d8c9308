import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { MfaPolicy, MfaStatus, PasswordResetSent, RecoveryCodes, TotpEnrollment } from '@fieldwork/contracts';
import { Observable, map } from 'rxjs';
import { API_BASE } from '../api';

/** One's own two-step sign-in (Settings), the career center's rule, and the admins' People actions. */
@Injectable({ providedIn: 'root' })
export class TwoStepService {
  private readonly http = inject(HttpClient);

  status(): Observable<MfaStatus> {
    return this.http.get<MfaStatus>(`${API_BASE}/me/mfa`);
  }

  /** A new secret and QR code; nothing changes until `confirm`. */
  startEnrollment(): Observable<TotpEnrollment> {
    return this.http.post<TotpEnrollment>(`${API_BASE}/me/mfa/totp`, {});
  }

  confirm(code: string): Observable<string[]> {
    return this.http.post<RecoveryCodes>(`${API_BASE}/me/mfa/totp/confirm`, { code: code.trim() }).pipe(map((r) => r.recoveryCodes));
  }

  disable(code: string): Observable<void> {
    return this.http.delete<void>(`${API_BASE}/me/mfa`, { body: { code: code.trim() } });
  }

  policy(): Observable<MfaPolicy> {
    return this.http.get<MfaPolicy>(`${API_BASE}/tenant/mfa-policy`);
  }

  setPolicy(policy: MfaPolicy): Observable<MfaPolicy> {
    return this.http.put<MfaPolicy>(`${API_BASE}/tenant/mfa-policy`, policy);
  }

  /** Admins: turn a person's two-step sign-in off (a lost phone). */
  resetFor(userId: string): Observable<void> {
    return this.http.delete<void>(`${API_BASE}/users/${encodeURIComponent(userId)}/mfa`);
  }

  /** Admins: e-mail a person a link to choose a new password. */
  sendPasswordReset(userId: string): Observable<PasswordResetSent> {
    return this.http.post<PasswordResetSent>(`${API_BASE}/users/${encodeURIComponent(userId)}/password-reset`, {});
  }
}

/** The recovery codes as a text file's content (download), one per line. */
export function recoveryCodesText(codes: readonly string[], who: string): string {
  return [`Fieldwork recovery codes for ${who}`, 'Each code works once, in place of a code from your authenticator app.', '', ...codes, ''].join('\n');
}
