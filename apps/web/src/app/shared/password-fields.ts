import { ChangeDetectionStrategy, ChangeDetectorRef, Component, DoCheck, inject, input } from '@angular/core';
import { ControlContainer, ReactiveFormsModule } from '@angular/forms';
import { ErrorMessages, FwControl, FwField } from '@fieldwork/web-ui';

/**
 * The "new password" and "type it again" fields of the reset, invitation and change-password forms.
 * Place it inside the page's `[formGroup]`: its controls are that group's (a `matchingValidator` on the
 * group marks the second one), so the page validates and submits as before.
 *
 * ```html
 * <app-password-fields passwordId="reset-password" confirmId="reset-confirm" confirmLabel="Type it again"
 *   [hint]="passwordHint" [passwordMessages]="…" [confirmMessages]="…" [passwordError]="serverPasswordError()" />
 * ```
 */
@Component({
  selector: 'app-password-fields',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, FwField, FwControl],
  // formControlName below looks for the page's form group, not one of its own.
  viewProviders: [{ provide: ControlContainer, useFactory: () => inject(ControlContainer, { skipSelf: true }) }],
  template: `
    <fw-field [label]="passwordLabel()" [hint]="hint()" [messages]="passwordMessages()" [error]="passwordError()">
      <input
        fwControl
        [id]="passwordId()"
        type="password"
        [formControlName]="passwordControl()"
        autocomplete="new-password"
        required
        [attr.minlength]="minLength()"
      />
    </fw-field>
    <fw-field [label]="confirmLabel()" [messages]="confirmMessages()" [error]="confirmError()">
      <input fwControl [id]="confirmId()" type="password" formControlName="confirm" autocomplete="new-password" required />
    </fw-field>
  `,
})
export class PasswordFields implements DoCheck {
  readonly passwordId = input.required<string>();
  readonly confirmId = input.required<string>();
  /** The new password's control in the page's group (the second one is always `confirm`). */
  readonly passwordControl = input('password');
  readonly passwordLabel = input('New password');
  readonly confirmLabel = input.required<string>();
  readonly hint = input.required<string>();
  readonly passwordMessages = input.required<ErrorMessages>();
  readonly confirmMessages = input.required<ErrorMessages>();
  /** The server's word on the new password (too common, too short), or on the second field. */
  readonly passwordError = input<string | null | undefined>(null);
  readonly confirmError = input<string | null | undefined>(null);
  /** Shown as the field's `minlength` attribute (the form's validator checks it). */
  readonly minLength = input<number | null>(null);

  private readonly changes = inject(ChangeDetectorRef);

  /** The fields show the page form's state (submitted, errors), which is not a signal: check them whenever the page is. */
  ngDoCheck(): void {
    this.changes.markForCheck();
  }
}
