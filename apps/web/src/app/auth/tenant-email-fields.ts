import { ChangeDetectionStrategy, ChangeDetectorRef, Component, DoCheck, booleanAttribute, inject, input } from '@angular/core';
import { ControlContainer, ReactiveFormsModule } from '@angular/forms';
import { FwControl, FwField } from '@fieldwork/web-ui';
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
  // formControlName below looks for the page's form group, not one of its own.
  viewProviders: [{ provide: ControlContainer, useFactory: () => inject(ControlContainer, { skipSelf: true }) }],
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
export class TenantEmailFields implements DoCheck {
  readonly idPrefix = input.required<string>();
  readonly tenantHint = input.required<string>();
  readonly tenantPlaceholder = input<string | null>(null);
  /** The form requires a career center (platform operators sign in without one). */
  readonly tenantRequired = input(false, { transform: booleanAttribute });
  protected readonly tenantMessages = TENANT_MESSAGES;
  protected readonly emailMessages = EMAIL_MESSAGES;

  private readonly changes = inject(ChangeDetectorRef);

  /** The fields show the page form's state (submitted, errors), which is not a signal: check them whenever the page is. */
  ngDoCheck(): void {
    this.changes.markForCheck();
  }
}
