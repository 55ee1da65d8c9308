import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { PASSWORD_MIN_LENGTH } from '@fieldwork/contracts';
import { AuthService, readApiError } from '@fieldwork/web-core';
import { FwAlert, FwSubmitActions, matchingValidator, pageFocus } from '@fieldwork/web-ui';
import { PasswordFields } from '../shared/password-fields';

export const PASSWORD_RESET_DONE = 'Your new password is set, and you are signed out everywhere. Sign in with your new password.';

/** The page an e-mailed reset link opens: choose a new password (twice). */
@Component({
  selector: 'app-reset-password',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, FwAlert, FwSubmitActions, PasswordFields],
  template: `
    <div class="page-narrow">
      <div class="page-header">
        <h1>Choose a new password</h1>
      </div>
      <div class="card">
        @if (done()) {
          <fw-alert kind="success">{{ doneMessage }}</fw-alert>
          <p><a routerLink="/sign-in" class="button">Sign in</a></p>
        } @else if (!token) {
          <fw-alert kind="error">This link is incomplete. Open the link from the e-mail again, or ask for a new one.</fw-alert>
          <p><a routerLink="/forgot-password">Ask for a new link</a></p>
        } @else {
          <form class="form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
            @if (error()) {
              <fw-alert kind="error">
                <p>{{ error() }}</p>
                @if (linkProblem()) {
                  <p><a routerLink="/forgot-password">Ask for a new link</a></p>
                }
              </fw-alert>
            }
            <app-password-fields passwordId="reset-password" confirmId="reset-confirm" confirmLabel="Type it again"
              [hint]="passwordHint" [errors]="serverErrors()" />
            <fw-submit-actions label="Set new password" [pending]="pending()" block />
          </form>
        }
      </div>
    </div>
  `,
})
export class ResetPassword {
  private readonly auth = inject(AuthService);
  private readonly focus = pageFocus();
  protected readonly token = inject(ActivatedRoute).snapshot.queryParamMap.get('token') ?? '';
  protected readonly passwordHint =
    `At least ${PASSWORD_MIN_LENGTH} characters. A phrase of three or four unrelated words works well; not your name, your ` +
    'career center\'s name or “Fieldwork”.';
  protected readonly doneMessage = PASSWORD_RESET_DONE;

  protected readonly form = inject(FormBuilder).nonNullable.group(
    {
      password: ['', [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH)]],
      confirm: ['', Validators.required],
    },
    { validators: matchingValidator('password', 'confirm') },
  );
  protected readonly pending = signal(false);
  protected readonly done = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly linkProblem = signal(false);
  /** The server's word on the new password (too common, …), shown at the field. */
  protected readonly serverErrors = signal<Record<string, string>>({});

  protected submit(): void {
    this.error.set(null);
    this.serverErrors.set({});
    if (!this.focus.canSubmit(this.form, this.pending())) return;
    this.pending.set(true);
    this.auth.resetPassword(this.token, this.form.controls.password.value).subscribe({
      next: () => {
        this.pending.set(false);
        this.done.set(true);
      },
      error: (err: unknown) => {
        this.pending.set(false);
        const problem = readApiError(err, 'Could not set the new password. Please try again.');
        if (problem.fieldErrors['password']) {
          this.serverErrors.set({ password: problem.fieldErrors['password'] });
          this.focus.firstInvalid();
          return;
        }
        this.linkProblem.set(problem.status === 404 || problem.status === 410);
        this.error.set(problem.message);
      },
    });
  }
}
