import { ChangeDetectionStrategy, Component, inject, signal, viewChild } from '@angular/core';
import { FormBuilder, FormGroupDirective, ReactiveFormsModule, Validators } from '@angular/forms';
import { PASSWORD_MIN_LENGTH } from '@fieldwork/contracts';
import { AuthService, readApiError } from '@fieldwork/web-core';
import {
  ErrorMessages,
  FwAlert,
  FwControl,
  FwField,
  FwSubmitActions, matchingValidator,
  minLengthMessage,
  pageFocus,
} from '@fieldwork/web-ui';
import { PasswordFields } from '../../shared/password-fields';

export const PASSWORD_CHANGED = 'Your password is changed. You are signed out everywhere else; this browser stays signed in.';

/** Settings "Password": change it with the current one; every other session ends. */
@Component({
  selector: 'app-password-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, FwField, FwControl, FwAlert, FwSubmitActions, PasswordFields],
  template: `
    <form class="form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
      @if (error()) {
        <fw-alert kind="error">{{ error() }}</fw-alert>
      }
      <fw-field label="Current password" [messages]="currentMessages" [error]="serverErrors()['currentPassword']">
        <input id="password-current" fwControl type="password" formControlName="currentPassword" autocomplete="current-password" />
      </fw-field>
      <app-password-fields passwordId="password-new" confirmId="password-confirm" passwordControl="newPassword"
        confirmLabel="Type the new password again" [hint]="newHint" [passwordMessages]="newMessages"
        [confirmMessages]="confirmMessages" [errors]="serverErrors()" />
      <fw-submit-actions label="Change password" [pending]="pending()" secondary />
      <p class="muted" role="status" aria-live="polite">{{ status() }}</p>
    </form>
  `,
})
export class PasswordCard {
  private readonly auth = inject(AuthService);
  private readonly focus = pageFocus();
  protected readonly newHint = `At least ${PASSWORD_MIN_LENGTH} characters; a phrase of three or four unrelated words works well.`;
  protected readonly currentMessages: ErrorMessages = { required: 'Enter your current password.' };
  protected readonly newMessages: ErrorMessages = { required: 'Choose a new password.', minlength: minLengthMessage('Your new password') };
  protected readonly confirmMessages: ErrorMessages = {
    required: 'Type the new password again.',
    mismatch: 'The two passwords are different. Type the same password twice.',
  };
  private readonly formDirective = viewChild.required(FormGroupDirective);
  protected readonly form = inject(FormBuilder).nonNullable.group(
    {
      currentPassword: ['', Validators.required],
      newPassword: ['', [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH)]],
      confirm: ['', Validators.required],
    },
    { validators: matchingValidator('newPassword', 'confirm') },
  );
  protected readonly pending = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly status = signal('');
  protected readonly serverErrors = signal<Record<string, string>>({});

  protected submit(): void {
    this.error.set(null);
    this.status.set('');
    this.serverErrors.set({});
    if (!this.focus.canSubmit(this.form, this.pending())) return;
    this.pending.set(true);
    const { currentPassword, newPassword } = this.form.getRawValue();
    this.auth.changePassword(currentPassword, newPassword).subscribe({
      next: () => {
        this.pending.set(false);
        this.formDirective().resetForm();
        this.status.set(PASSWORD_CHANGED);
      },
      error: (err: unknown) => {
        this.pending.set(false);
        const problem = readApiError(err, 'Could not change your password. Please try again.');
        if (problem.fieldErrors['currentPassword'] || problem.fieldErrors['newPassword']) {
          this.serverErrors.set(problem.fieldErrors);
          this.focus.firstInvalid();
          return;
        }
        this.error.set(problem.message);
      },
    });
  }
}
