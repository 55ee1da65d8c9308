import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { PASSWORD_MIN_LENGTH } from '@fieldwork/contracts';
import { ErrorMessages, FW_FIELD_GROUP_PROVIDERS, FwControl, FwField, FwFieldGroup } from '@fieldwork/web-ui';
import { NEW_PASSWORD_MESSAGES, PASSWORD_AGAIN_MESSAGES } from '../auth/messages';

/**
 * The "new password" and "type it again" fields of the reset, invitation and change-password forms.
 * Place it inside the page's `[formGroup]`: its controls are that group's (a `matchingValidator` on the
 * group marks the second one, always named `confirm`), so the page validates and submits as before.
 *
 * ```html
 * <app-password-fields passwordId="reset-password" confirmId="reset-confirm" confirmLabel="Type it again"
 *   [hint]="passwordHint" [errors]="serverErrors()" />
 * ```
 */
@Component({
  selector: 'app-password-fields',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, FwField, FwControl],
  viewProviders: FW_FIELD_GROUP_PROVIDERS,
  template: `
    <fw-field label="New password" [hint]="hint()" [messages]="passwordMessages()" [error]="errors()[passwordControl()]">
      <input
        fwControl
        [id]="passwordId()"
        type="password"
        [formControlName]="passwordControl()"
        autocomplete="new-password"
        required
        [attr.minlength]="minLength"
      />
    </fw-field>
    <fw-field [label]="confirmLabel()" [messages]="confirmMessages()" [error]="errors()['confirm']">
      <input fwControl [id]="confirmId()" type="password" formControlName="confirm" autocomplete="new-password" required />
    </fw-field>
  `,
})
export class PasswordFields extends FwFieldGroup {
  readonly passwordId = input.required<string>();
  readonly confirmId = input.required<string>();
  readonly confirmLabel = input.required<string>();
  readonly hint = input.required<string>();
  /** The new password's control in the page's group. */
  readonly passwordControl = input('password');
  readonly passwordMessages = input<ErrorMessages>(NEW_PASSWORD_MESSAGES);
  readonly confirmMessages = input<ErrorMessages>(PASSWORD_AGAIN_MESSAGES);
  /** The server's words by field name (the new password too common, …). */
  readonly errors = input<Record<string, string>>({});
  protected readonly minLength = PASSWORD_MIN_LENGTH;
}
