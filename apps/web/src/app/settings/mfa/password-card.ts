import { ChangeDetectionStrategy, Component, ElementRef, Injector, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { PASSWORD_MIN_LENGTH } from '@fieldwork/contracts';
import { AuthService, readApiError } from '@fieldwork/web-core';
import { controlError, focusFirstInvalid, matchingValidator, minLengthMessage } from '@fieldwork/web-ui';

export const PASSWORD_CHANGED = 'Your password is changed. You are signed out everywhere else; this browser stays signed in.';

/** Settings "Password": change it with the current one; every other session ends. */
@Component({
  selector: 'app-password-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule],
  template: `
    <form class="form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
      @if (error()) {
        <div class="alert alert--error" role="alert"><p>{{ error() }}</p></div>
      }
      <div class="field">
        <label for="password-current">Current password</label>
        <input
          id="password-current"
          type="password"
          formControlName="currentPassword"
          autocomplete="current-password"
          [attr.aria-invalid]="fieldError('currentPassword') ? true : null"
          [attr.aria-describedby]="fieldError('currentPassword') ? 'password-current-error' : null"
        />
        @if (fieldError('currentPassword'); as message) {
          <p class="field-error" id="password-current-error">{{ message }}</p>
        }
      </div>
      <div class="field">
        <label for="password-new">New password</label>
        <p class="hint" id="password-new-hint">At least {{ minLength }} characters; a phrase of three or four unrelated words works well.</p>
        <input
          id="password-new"
          type="password"
          formControlName="newPassword"
          autocomplete="new-password"
          [attr.aria-invalid]="fieldError('newPassword') ? true : null"
          [attr.aria-describedby]="fieldError('newPassword') ? 'password-new-hint password-new-error' : 'password-new-hint'"
        />
        @if (fieldError('newPassword'); as message) {
          <p class="field-error" id="password-new-error">{{ message }}</p>
        }
      </div>
      <div class="field">
        <label for="password-confirm">Type the new password again</label>
        <input
          id="password-confirm"
          type="password"
          formControlName="confirm"
          autocomplete="new-password"
          [attr.aria-invalid]="fieldError('confirm') ? true : null"
          [attr.aria-describedby]="fieldError('confirm') ? 'password-confirm-error' : null"
        />
        @if (fieldError('confirm'); as message) {
          <p class="field-error" id="password-confirm-error">{{ message }}</p>
        }
      </div>
      <div class="form-actions">
        <button type="submit" class="button button--secondary" [attr.aria-disabled]="pending() ? true : null">
          {{ pending() ? 'Saving…' : 'Change password' }}
        </button>
      </div>
      <p class="muted" role="status" aria-live="polite">{{ status() }}</p>
    </form>
  `,
})
export class PasswordCard {
  private readonly auth = inject(AuthService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly form = inject(FormBuilder).nonNullable.group(
    {
      currentPassword: ['', Validators.required],
      newPassword: ['', [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH)]],
      confirm: ['', Validators.required],
    },
    { validators: matchingValidator('newPassword', 'confirm') },
  );
  protected readonly submitted = signal(false);
  protected readonly pending = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly status = signal('');
  private readonly serverErrors = signal<Record<string, string>>({});

  protected fieldError(name: 'currentPassword' | 'newPassword' | 'confirm'): string | null {
    if (!this.submitted()) return null;
    const control = this.form.controls[name];
    const local =
      name === 'currentPassword'
        ? controlError(control, { required: 'Enter your current password.' })
        : name === 'newPassword'
          ? controlError(control, { required: 'Choose a new password.', minlength: minLengthMessage('Your new password') })
          : controlError(control, { required: 'Type the new password again.', mismatch: 'The two passwords are different. Type the same password twice.' });
    return local ?? this.serverErrors()[name] ?? null;
  }

  protected submit(): void {
    this.submitted.set(true);
    this.error.set(null);
    this.status.set('');
    this.serverErrors.set({});
    if (this.form.invalid) {
      focusFirstInvalid(this.host, this.injector);
      return;
    }
    if (this.pending()) return;
    this.pending.set(true);
    const { currentPassword, newPassword } = this.form.getRawValue();
    this.auth.changePassword(currentPassword, newPassword).subscribe({
      next: () => {
        this.pending.set(false);
        this.submitted.set(false);
        this.form.reset();
        this.status.set(PASSWORD_CHANGED);
      },
      error: (err: unknown) => {
        this.pending.set(false);
        const problem = readApiError(err, 'Could not change your password. Please try again.');
        if (problem.fieldErrors['currentPassword'] || problem.fieldErrors['newPassword']) {
          this.serverErrors.set(problem.fieldErrors);
          focusFirstInvalid(this.host, this.injector);
          return;
        }
        this.error.set(problem.message);
      },
    });
  }
}
