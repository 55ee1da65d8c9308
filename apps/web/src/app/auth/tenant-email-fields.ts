import { ChangeDetectionStrategy, Component, booleanAttribute, input } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { FW_FIELD_GROUP_PROVIDERS, FwControl, FwField, FwFieldGroup } from '@fieldwork/web-ui';
import { EMAIL_MESSAGES, TENANT_MESSAGES } from './messages';

/**
 * The "Career center" and "Email address" fields the sign-in and forgot-password forms share. Place it
 * inside the page's `[formGroup]` with `tenant` and `email` controls; ids are `<idPrefix>-tenant` and
 * `<idPrefix>-email`.
 */
@Component({
  selector: 'app-tenant-email-fields',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, FwField, FwControl],
  viewProviders: FW_FIELD_GROUP_PROVIDERS,
  template: `
    <fw-field label="Career center" [hint]="tenantHint()" [messages]="tenantMessages">
      <input
        fwControl
        [id]="idPrefix() + '-tenant'"
        type="text"
        formControlName="tenant"
        [attr.placeholder]="tenantPlaceholder()"
        autocomplete="organization"
        autocapitalize="none"
        spellcheck="false"
        [attr.required]="tenantRequired() ? '' : null"
      />
    </fw-field>
    <fw-field label="Email address" [messages]="emailMessages">
      <input
        fwControl
        [id]="idPrefix() + '-email'"
        type="email"
        formControlName="email"
        autocomplete="username"
        autocapitalize="none"
        spellcheck="false"
        required
      />
    </fw-field>
  `,
})
export class TenantEmailFields extends FwFieldGroup {
  readonly idPrefix = input.required<string>();
  readonly tenantHint = input.required<string>();
  readonly tenantPlaceholder = input<string | null>(null);
  /** The form requires a career center (platform operators sign in without one). */
  readonly tenantRequired = input(false, { transform: booleanAttribute });
  protected readonly tenantMessages = TENANT_MESSAGES;
  protected readonly emailMessages = EMAIL_MESSAGES;
}
