import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { SSO_ONLY_MESSAGE, type Me, type TotpEnrollment } from '@fieldwork/contracts';
import { AuthService, SsoService, homeUrlFor, readApiError, safeReturnUrl } from '@fieldwork/web-core';
import { FwAlert, FwControl, FwField, FwSubmitActions, pageFocus } from '@fieldwork/web-ui';
import { PASSWORD_MESSAGES } from './messages';
import { TenantEmailFields } from './tenant-email-fields';
import { AuthenticatorSetup } from './authenticator-setup';
import { RecoveryCodesList } from './recovery-codes';
import { SsoButton } from '../sso/sso-button';

/** Every wrong career center, e-mail or password (and a deactivated account) gets these plain words. */
export const SIGN_IN_FAILED = "We couldn't sign you in. Check the career center, e-mail and password.";
export const CODE_FAILED = "That code didn't work. Enter the current code from your authenticator app, or one of your recovery codes.";
export const CODE_EXPIRED = 'This sign-in took too long. Enter your password again.';

/** The password step, then (when the account has it) the code step, or setting up an authenticator the career center requires. */
type Step =
  | { kind: 'password' }
  | { kind: 'code'; mfaToken: string }
  | { kind: 'enroll'; mfaToken: string; enrollment: TotpEnrollment | null }
  | { kind: 'codes'; user: Me; recoveryCodes: string[] };

@Component({
  selector: 'app-sign-in',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
    FwField,
    FwControl,
    FwAlert,
    FwSubmitActions,
    TenantEmailFields,
    AuthenticatorSetup,
    RecoveryCodesList,
    SsoButton,
  ],
  templateUrl: './sign-in.html',
})
export class SignIn {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly focus = pageFocus();

  protected readonly form = inject(FormBuilder).nonNullable.group({
    // /<tenant>/login (the link on a career center's website) preselects the center; else the one chosen last on this device.
    tenant: [this.route.snapshot.paramMap.get('tenant') ?? inject(SsoService).rememberedCenter() ?? ''],
    email: ['', [Validators.required, Validators.email]],
    password: ['', Validators.required],
  });

  /** The second step's code: six digits from the app, or a recovery code. */
  protected readonly codeForm = inject(FormBuilder).nonNullable.group({ code: [''] });

  protected readonly passwordMessages = PASSWORD_MESSAGES;

  protected readonly step = signal<Step>({ kind: 'password' });
  protected readonly codeError = signal<string | null>(null);
  protected readonly pending = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly notice = signal<string | null>(
    this.route.snapshot.queryParamMap.get('reason') === 'expired'
      ? 'Your session has ended. Please sign in again.'
      : null,
  );

  protected submit(): void {
    this.error.set(null);
    if (!this.focus.canSubmit(this.form, this.pending())) return;
    this.pending.set(true);
    this.auth.signIn(this.form.getRawValue()).subscribe({
      next: (step) => {
        this.pending.set(false);
        if (step.kind === 'signed-in') this.goHome(step.user);
        else if (step.kind === 'code') this.step.set({ kind: 'code', mfaToken: step.mfaToken });
        else this.startEnrollment(step.mfaToken);
      },
      error: (err: unknown) => {
        this.pending.set(false);
        this.form.controls.password.reset('');
        const problem = readApiError(err, 'Could not sign in. Please try again.');
        // A student of a career center that signs students in through the campus only is pointed at its button.
        this.error.set(problem.status === 401 && problem.message !== SSO_ONLY_MESSAGE ? SIGN_IN_FAILED : problem.message);
      },
    });
  }

  /** The second step: six digits from the app, or a recovery code. */
  protected sendCode(): void {
    const code = this.codeForm.controls.code.value;
    const step = this.step();
    if (step.kind !== 'code' || this.pending()) return;
    if (!/^[A-Za-z0-9][A-Za-z0-9\s-]{5,19}$/.test(code.trim())) {
      this.codeError.set('Enter the six-digit code from your authenticator app, or a recovery code.');
      return;
    }
    this.pending.set(true);
    this.codeError.set(null);
    this.auth.completeSignIn(step.mfaToken, code).subscribe({
      next: (user) => this.goHome(user),
      error: (err: unknown) => this.codeFailed(err),
    });
  }

  /** Setting up an authenticator after the password (the career center requires it). */
  protected sendEnrollmentCode(code: string): void {
    const step = this.step();
    if (step.kind !== 'enroll' || this.pending()) return;
    if (!/^\d{6}$/.test(code)) {
      this.codeError.set('Enter the six digits your authenticator app shows.');
      return;
    }
    this.pending.set(true);
    this.codeError.set(null);
    this.auth.confirmRequiredEnrollment(step.mfaToken, code).subscribe({
      next: ({ user, recoveryCodes }) => {
        this.pending.set(false);
        this.step.set({ kind: 'codes', user, recoveryCodes });
      },
      error: (err: unknown) => this.codeFailed(err),
    });
  }

  protected continueAfterCodes(): void {
    const step = this.step();
    if (step.kind === 'codes') this.goHome(step.user);
  }

  protected startOver(): void {
    this.step.set({ kind: 'password' });
    this.codeForm.reset();
    this.codeError.set(null);
    this.error.set(null);
  }

  private startEnrollment(mfaToken: string): void {
    this.step.set({ kind: 'enroll', mfaToken, enrollment: null });
    this.auth.startRequiredEnrollment(mfaToken).subscribe({
      next: (enrollment) => this.step.set({ kind: 'enroll', mfaToken, enrollment }),
      error: (err: unknown) => this.codeFailed(err),
    });
  }

  private codeFailed(err: unknown): void {
    this.pending.set(false);
    const problem = readApiError(err, 'Could not check the code. Please try again.');
    // The five-minute sign-in token has expired: back to the password.
    if (problem.status === 401 && /expired/.test(problem.message)) {
      this.startOver();
      this.error.set(CODE_EXPIRED);
      return;
    }
    this.codeError.set(problem.status === 401 || problem.status === 400 ? CODE_FAILED : problem.message);
  }

  private goHome(user: Me): void {
    const target = safeReturnUrl(this.route.snapshot.queryParamMap.get('returnUrl')) ?? homeUrlFor(user);
    void this.router.navigateByUrl(target, { replaceUrl: true });
  }
}
