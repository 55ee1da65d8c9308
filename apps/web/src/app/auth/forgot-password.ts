import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { AuthService, readApiError } from '@fieldwork/web-core';
import { FwAlert, FwSubmitActions, pageFocus } from '@fieldwork/web-ui';
import { TenantEmailFields } from './tenant-email-fields';

export const RESET_REQUESTED =
  'If an account with that e-mail exists in this career center, we sent it a link to choose a new password. The link works for 30 minutes. Check your spam folder if it does not arrive in a few minutes.';

/** "Forgot password?": career center and e-mail; the same answer whether or not the account exists. */
@Component({
  selector: 'app-forgot-password',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, FwAlert, FwSubmitActions, TenantEmailFields],
  template: `
    <div class="page-narrow">
      <div class="page-header">
        <h1>Forgot your password?</h1>
        <p class="lead">We'll e-mail you a link to choose a new one.</p>
      </div>
      <div class="card">
        @if (sent()) {
          <fw-alert kind="success">{{ sentMessage }}</fw-alert>
          <p><a routerLink="/sign-in">Back to sign in</a></p>
        } @else {
          <form class="form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
            @if (error()) {
              <fw-alert kind="error">{{ error() }}</fw-alert>
            }
            <app-tenant-email-fields
              idPrefix="forgot"
              tenantHint="Your career center's short name, as on the sign-in page (for example “demo”)."
              tenantRequired
            />
            <fw-submit-actions label="Send me a link" pendingLabel="Sending…" [pending]="pending()" block />
            <p><a routerLink="/sign-in">Back to sign in</a></p>
          </form>
        }
      </div>
    </div>
  `,
})
export class ForgotPassword {
  private readonly auth = inject(AuthService);
  private readonly focus = pageFocus();
  protected readonly sentMessage = RESET_REQUESTED;

  protected readonly form = inject(FormBuilder).nonNullable.group({
    tenant: [inject(ActivatedRoute).snapshot.queryParamMap.get('tenant') ?? '', Validators.required],
    email: ['', [Validators.required, Validators.email]],
  });
  protected readonly pending = signal(false);
  protected readonly sent = signal(false);
  protected readonly error = signal<string | null>(null);

  protected submit(): void {
    this.error.set(null);
    if (!this.focus.canSubmit(this.form, this.pending())) return;
    this.pending.set(true);
    const { tenant, email } = this.form.getRawValue();
    this.auth.requestPasswordReset(tenant, email).subscribe({
      next: () => {
        this.pending.set(false);
        this.sent.set(true);
      },
      error: (err: unknown) => {
        this.pending.set(false);
        const problem = readApiError(err, 'Could not send the link. Please try again.');
        this.error.set(problem.status === 429 ? 'Too many requests for this account. Wait a while, then try again.' : problem.message);
      },
    });
  }
}
