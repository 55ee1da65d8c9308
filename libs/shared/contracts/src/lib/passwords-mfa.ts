import type { AccessTokenResponse } from './auth';

/** `POST /api/auth/password-reset`: answered 202 whether or not the account exists. */
export interface PasswordResetRequest {
  tenant: string;
  email: string;
}

/** The 202's body: the same words whether or not the account exists. */
export interface PasswordResetRequested {
  message: string;
}

export const PASSWORD_RESET_REQUESTED_MESSAGE =
  'If an account with that e-mail exists in this career center, we sent it a link to choose a new password. The link works for 30 minutes.';

/** `POST /api/auth/password-reset/confirm`: the link's token and the new password (204). */
export interface PasswordResetConfirm {
  token: string;
  password: string;
}

/** `POST /api/users/:id/password-reset` (admins): the e-mail is on its way. */
export interface PasswordResetSent {
  email: string;
  expiresAt: string;
}

/** A password sign-in that needs its second step: `POST /api/auth/mfa {mfaToken, code}`. */
export interface MfaRequiredResponse {
  mfaRequired: true;
  /** Five minutes, good for the second step only. */
  mfaToken: string;
}

/** A password sign-in of staff whose career center requires two-step sign-in, not yet set up: enrol with the token. */
export interface MfaEnrollmentRequiredResponse {
  mfaEnrollmentRequired: true;
  mfaToken: string;
}

/** What `POST /api/auth/login` answers. */
export type LoginResponse = AccessTokenResponse | MfaRequiredResponse | MfaEnrollmentRequiredResponse;

export function isSignedIn(response: LoginResponse): response is AccessTokenResponse {
  return 'accessToken' in response;
}

export interface MfaCodeRequest {
  mfaToken: string;
  /** The six digits of the authenticator app, or one recovery code. */
  code: string;
}

/** A new authenticator: the secret (to type in), its otpauth:// URL and that URL as a QR code image (data URL). */
export interface TotpEnrollment {
  secret: string;
  otpauthUrl: string;
  qrDataUrl: string;
}

export interface TotpConfirmRequest {
  code: string;
}

/** Ten single-use recovery codes, shown once. */
export interface RecoveryCodes {
  recoveryCodes: string[];
}

/** Enrolment during sign-in: the recovery codes and the session. */
export type EnrolledSignIn = RecoveryCodes & AccessTokenResponse;

export interface MfaStatus {
  enabled: boolean;
  enabledAt: string | null;
  recoveryCodesLeft: number;
  /** True when the career center requires it of this person (staff), or for operators in production. */
  required: boolean;
}

/** `DELETE /api/me/mfa`: a current code (or a recovery code) proves it is the owner. */
export interface MfaDisableRequest {
  code: string;
}

/** The career center's rule (admin Settings). */
export interface MfaPolicy {
  requireForStaff: boolean;
}

export const RECOVERY_CODE_COUNT = 10;
export const TOTP_ISSUER = 'Fieldwork';
