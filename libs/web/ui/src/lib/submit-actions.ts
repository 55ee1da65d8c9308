import { ChangeDetectionStrategy, Component, booleanAttribute, input } from '@angular/core';

/**
 * A form's action row with its submit button: the button says `pendingLabel` while the request is on
 * its way and is `aria-disabled` then (it stays focusable, and the page's submit ignores it). Other
 * buttons of the row ("Start over", "Cancel") go inside and follow the submit button.
 *
 * ```html
 * <fw-submit-actions label="Sign in" pendingLabel="Signing in…" [pending]="pending()" block />
 * <fw-submit-actions label="Save time zone" [pending]="saving()" [disabled]="!changed()" />
 * ```
 */
@Component({
  selector: 'fw-submit-actions',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'form-actions' },
  template: `
    <button
      type="submit"
      class="button"
      [class.button--block]="block()"
      [class.button--secondary]="secondary()"
      [attr.aria-disabled]="pending() || disabled() ? true : null"
    >
      {{ pending() ? pendingLabel() : label() }}
    </button>
    <ng-content />
  `,
})
export class FwSubmitActions {
  readonly label = input.required<string>();
  readonly pendingLabel = input('Saving…');
  /** The request is on its way. */
  readonly pending = input(false);
  /** Nothing to submit yet (e.g. nothing changed): `aria-disabled` without the pending words. */
  readonly disabled = input(false);
  /** A full-width button (the sign-in and password pages). */
  readonly block = input(false, { transform: booleanAttribute });
  /** A quieter button, for a form that is not the page's main task. */
  readonly secondary = input(false, { transform: booleanAttribute });
}
