import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule } from '@angular/forms';
import type { MfaStatus, TotpEnrollment } from '@fieldwork/contracts';
import { AuthService, TenantTime, TwoStepService, readApiError } from '@fieldwork/web-core';
import { FwAlert, FwControl, FwField } from '@fieldwork/web-ui';
import { Subscription } from 'rxjs';
import { AuthenticatorSetup } from '../../auth/authenticator-setup';
import { RecoveryCodesList } from '../../auth/recovery-codes';

export const TWO_STEP_INTRO =
  'Sign in with a code from an authenticator app on your phone as well as your password, so a stolen password alone is not enough.';

type CardState =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; status: MfaStatus }
  | { kind: 'enrolling'; enrollment: TotpEnrollment }
  | { kind: 'codes'; recoveryCodes: string[] };

/** Settings "Two-step sign-in": set up an authenticator (QR code, first code, recovery codes once), or turn it off; admins: the staff rule. */
@Component({
  selector: 'app-two-step-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, FwField, FwControl, FwAlert, AuthenticatorSetup, RecoveryCodesList],
  template: `
    <p>{{ intro }}</p>
    @switch (state().kind) {
      @case ('loading') {
        <p class="muted" role="status">Loading…</p>
      }
      @case ('error') {
        <fw-alert kind="error">{{ loadError() }}</fw-alert>
      }
      @case ('enrolling') {
        @if (enrollment(); as enrollment) {
          <app-authenticator-setup
            [enrollment]="enrollment"
            [error]="codeError()"
            [pending]="pending()"
            inputId="settings-mfa-code"
            (code)="confirm($event)"
          />
          <button type="button" class="button button--secondary" (click)="load()">Cancel</button>
        }
      }
      @case ('codes') {
        <fw-alert kind="success">Two-step sign-in is on.</fw-alert>
        <app-recovery-codes [codes]="recoveryCodes()" [who]="email()" />
        <div class="form-actions">
          <button type="button" class="button" (click)="load()">Done</button>
        </div>
      }
      @case ('ready') {
        @if (status(); as status) {
          @if (status.enabled) {
            <p data-testid="mfa-status">
              <strong>On</strong> since {{ since() }}. {{ status.recoveryCodesLeft }} of 10 recovery codes left.
            </p>
            @if (status.required) {
              <p class="muted">Your career center requires two-step sign-in for staff, so it stays on. Lost your phone? Use a recovery code, or ask an administrator to reset it.</p>
            } @else {
              <form class="form" [formGroup]="offForm" (ngSubmit)="disable()" novalidate>
                <fw-field label="To turn it off, enter a current code (or a recovery code)" [error]="codeError()" [showErrors]="false">
                  <input
                    id="settings-mfa-off-code"
                    fwControl
                    formControlName="code"
                    type="text"
                    inputmode="numeric"
                    autocomplete="one-time-code"
                    maxlength="20"
                  />
                </fw-field>
                <div class="form-actions">
                  <button type="submit" class="button button--secondary" [attr.aria-disabled]="pending() ? true : null">Turn off two-step sign-in</button>
                </div>
              </form>
            }
          } @else {
            <p data-testid="mfa-status"><strong>Off.</strong>{{ status.required ? ' Your career center requires it for staff: set it up now.' : '' }}</p>
            @if (codeError(); as message) {
              <fw-alert kind="error">{{ message }}</fw-alert>
            }
            <div class="form-actions">
              <button type="button" class="button" (click)="start()" [attr.aria-disabled]="pending() ? true : null">Set up two-step sign-in</button>
            </div>
          }
        }
      }
    }

    @if (admin()) {
      <h3 id="mfa-policy-heading">For your career center</h3>
      <div class="field">
        <label class="checkbox">
          <input type="checkbox" [checked]="requireForStaff()" (change)="setPolicy($any($event.target).checked)" [disabled]="policyPending()" aria-describedby="mfa-policy-hint" />
          Require two-step sign-in for admins and advisors
        </label>
        <p class="hint" id="mfa-policy-hint">Staff without it are asked to set it up the next time they sign in with their password. Students are not affected.</p>
      </div>
      <p class="muted" role="status" aria-live="polite">{{ policyStatus() }}</p>
    }
  `,
})
export class TwoStepCard {
  private readonly twoStep = inject(TwoStepService);
  private readonly auth = inject(AuthService);
  private readonly time = inject(TenantTime);
  private request: Subscription | null = null;
  protected readonly intro = TWO_STEP_INTRO;
  protected readonly state = signal<CardState>({ kind: 'loading' });
  protected readonly pending = signal(false);
  protected readonly codeError = signal<string | null>(null);
  /** Turning it off: a current code or a recovery code (checked here, worded by `codeError`). */
  protected readonly offForm = inject(FormBuilder).nonNullable.group({ code: [''] });
  protected readonly admin = computed(() => this.auth.role() === 'admin');
  protected readonly email = computed(() => this.auth.user()?.email ?? '');
  protected readonly requireForStaff = signal(false);
  protected readonly policyPending = signal(false);
  protected readonly policyStatus = signal('');

  protected readonly status = computed(() => {
    const state = this.state();
    return state.kind === 'ready' ? state.status : null;
  });
  protected readonly enrollment = computed(() => {
    const state = this.state();
    return state.kind === 'enrolling' ? state.enrollment : null;
  });
  protected readonly recoveryCodes = computed(() => {
    const state = this.state();
    return state.kind === 'codes' ? state.recoveryCodes : [];
  });
  protected readonly loadError = computed(() => {
    const state = this.state();
    return state.kind === 'error' ? state.message : '';
  });
  protected readonly since = computed(() => {
    const at = this.status()?.enabledAt;
    return at ? this.time.format(at, { time: false, year: 'always' }) : '';
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => this.request?.unsubscribe());
    this.load();
    if (this.admin()) {
      this.twoStep.policy().subscribe({ next: (policy) => this.requireForStaff.set(policy.requireForStaff), error: () => undefined });
    }
  }

  protected load(): void {
    this.request?.unsubscribe();
    this.codeError.set(null);
    this.pending.set(false);
    this.offForm.reset();
    this.state.set({ kind: 'loading' });
    this.request = this.twoStep.status().subscribe({
      next: (status) => this.state.set({ kind: 'ready', status }),
      error: (err: unknown) => this.state.set({ kind: 'error', message: readApiError(err, 'Could not load your two-step sign-in.').message }),
    });
  }

  protected start(): void {
    if (this.pending()) return;
    this.pending.set(true);
    this.codeError.set(null);
    this.twoStep.startEnrollment().subscribe({
      next: (enrollment) => {
        this.pending.set(false);
        this.state.set({ kind: 'enrolling', enrollment });
      },
      error: (err: unknown) => {
        this.pending.set(false);
        this.codeError.set(readApiError(err, 'Could not start the set-up. Please try again.').message);
      },
    });
  }

  protected confirm(code: string): void {
    if (!/^\d{6}$/.test(code)) {
      this.codeError.set('Enter the six digits your authenticator app shows.');
      return;
    }
    this.pending.set(true);
    this.codeError.set(null);
    this.twoStep.confirm(code).subscribe({
      next: (recoveryCodes) => {
        this.pending.set(false);
        this.state.set({ kind: 'codes', recoveryCodes });
      },
      error: (err: unknown) => {
        this.pending.set(false);
        const problem = readApiError(err, 'Could not check the code. Please try again.');
        this.codeError.set(problem.fieldErrors['code'] ?? problem.message);
      },
    });
  }

  protected disable(): void {
    const code = this.offForm.controls.code.value;
    if (this.pending()) return;
    if (!code.trim()) {
      this.codeError.set('Enter a code from your authenticator app, or a recovery code.');
      return;
    }
    this.pending.set(true);
    this.codeError.set(null);
    this.twoStep.disable(code).subscribe({
      next: () => this.load(),
      error: (err: unknown) => {
        this.pending.set(false);
        const problem = readApiError(err, 'Could not turn it off. Please try again.');
        this.codeError.set(problem.fieldErrors['code'] ?? problem.message);
      },
    });
  }

  protected setPolicy(requireForStaff: boolean): void {
    this.policyPending.set(true);
    this.policyStatus.set('');
    this.twoStep.setPolicy({ requireForStaff }).subscribe({
      next: (policy) => {
        this.policyPending.set(false);
        this.requireForStaff.set(policy.requireForStaff);
        this.policyStatus.set(policy.requireForStaff ? 'Saved: admins and advisors need two-step sign-in.' : 'Saved: two-step sign-in is optional.');
        this.load();
      },
      error: (err: unknown) => {
        this.policyPending.set(false);
        this.requireForStaff.set(!requireForStaff);
        this.policyStatus.set(readApiError(err, 'Could not save the rule. Please try again.').message);
      },
    });
  }
}
