import { ChangeDetectionStrategy, Component, ElementRef, Injector, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { PASSWORD_MIN_LENGTH } from '@fieldwork/contracts';
import { AuthService, readApiError } from '@fieldwork/web-core';
import { controlError, focusFirstInvalid, matchingValidator, minLengthMessage } from '@fieldwork/web-ui';

export const PASSWORD_RESET_DONE = 'Your new password is set, and you are signed out everywhere. Sign in with your new password.';

/** The page an e-mailed reset link opens: choose a new password (twice). */
@Component({
  selector: 'app-reset-password',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink],
  template: `
    <div class="page-narrow">
      <div class="page-header">
        <h1>Choose a new password</h1>
      </div>
      <div class="card">
        @if (done()) {
          <p class="alert alert--success" role="status">{{ doneMessage }}</p>
          <p><a routerLink="/sign-in" class="button">Sign in</a></p>
        } @else if (!token) {
          <p class="alert alert--error" role="alert">This link is incomplete. Open the link from the e-mail again, or ask for a new one.</p>
          <p><a routerLink="/forgot-password">Ask for a new link</a></p>
        } @else {
          <form class="form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
            @if (error()) {
              <div class="alert alert--error" role="alert">
                <p>{{ error() }}</p>
                @if (linkProblem()) {
                  <p><a routerLink="/forgot-password">Ask for a new link</a></p>
                }
              </div>
            }
            <div class="field">
              <label for="reset-password">New password</label>
              <p class="hint" id="reset-password-hint">
                At least {{ minLength }} characters. A phrase of three or four unrelated words works well; not your name, your
                career center's name or “Fieldwork”.
              </p>
              <input
                id="reset-password"
                type="password"
                formControlName="password"
                autocomplete="new-password"
                required
                [attr.aria-invalid]="fieldError('password') ? true : null"
                [attr.aria-describedby]="fieldError('password') ? 'reset-password-hint reset-password-error' : 'reset-password-hint'"
              />
              @if (fieldError('password'); as message) {
                <p class="field-error" id="reset-password-error">{{ message }}</p>
              }
            </div>
            <div class="field">
              <label for="reset-confirm">Type it again</label>
              <input
                id="reset-confirm"
                type="password"
                formControlName="confirm"
                autocomplete="new-password"
                required
                [attr.aria-invalid]="fieldError('confirm') ? true : null"
                [attr.aria-describedby]="fieldError('confirm') ? 'reset-confirm-error' : null"
              />
              @if (fieldError('confirm'); as message) {
                <p class="field-error" id="reset-confirm-error">{{ message }}</p>
              }
            </div>
            <div class="form-actions">
              <button type="submit" class="button button--block" [attr.aria-disabled]="pending() ? true : null">
                {{ pending() ? 'Saving…' : 'Set new password' }}
              </button>
            </div>
          </form>
        }
      </div>
    </div>
  `,
})
export class ResetPassword {
  private readonly auth = inject(AuthService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  protected readonly token = inject(ActivatedRoute).snapshot.queryParamMap.get('token') ?? '';
  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly doneMessage = PASSWORD_RESET_DONE;

  protected readonly form = inject(FormBuilder).nonNullable.group(
    {
      password: ['', [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH)]],
      confirm: ['', Validators.required],
    },
    { validators: matchingValidator('password', 'confirm') },
  );
  protected readonly submitted = signal(false);
  protected readonly pending = signal(false);
  protected readonly done = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly linkProblem = signal(false);
  private readonly serverPasswordError = signal<string | null>(null);

  protected fieldError(name: 'password' | 'confirm'): string | null {
    if (!this.submitted()) return null;
    if (name === 'password') {
      return (
        controlError(this.form.controls.password, { required: 'Choose a password.', minlength: minLengthMessage('Your password') }) ??
        this.serverPasswordError()
      );
    }
    return controlError(this.form.controls.confirm, {
      required: 'Type your password again.',
      mismatch: 'The two passwords are different. Type the same password twice.',
    });
  }

  protected submit(): void {
    this.submitted.set(true);
    this.error.set(null);
    this.serverPasswordError.set(null);
    if (this.form.invalid) {
      focusFirstInvalid(this.host, this.injector);
      return;
    }
    if (this.pending()) return;
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
          this.serverPasswordError.set(problem.fieldErrors['password']);
          focusFirstInvalid(this.host, this.injector);
          return;
        }
        this.linkProblem.set(problem.status === 404 || problem.status === 410);
        this.error.set(problem.message);
      },
    });
  }
}
