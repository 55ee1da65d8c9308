import { ChangeDetectorRef, Directive, DoCheck, inject } from '@angular/core';
import { ControlContainer } from '@angular/forms';

/**
 * `viewProviders` for a component that holds some fields of its page's form (`formControlName` inside it
 * finds the page's `[formGroup]`, not a group of its own). The component extends `FwFieldGroup`.
 */
export const FW_FIELD_GROUP_PROVIDERS = [
  { provide: ControlContainer, useFactory: () => inject(ControlContainer, { skipSelf: true }) },
];

/**
 * Base of a component that holds fields of its page's form (with `viewProviders: FW_FIELD_GROUP_PROVIDERS`):
 * the fields show the form's state (submitted, errors), which is not a signal, so an OnPush group is
 * checked whenever its page is. Its element is `display: contents`, so the fields sit in the page's
 * `.form` grid (and its gaps) as if written there.
 */
@Directive({ host: { '[style.display]': '"contents"' } })
export abstract class FwFieldGroup implements DoCheck {
  private readonly changes = inject(ChangeDetectorRef);

  ngDoCheck(): void {
    this.changes.markForCheck();
  }
}
