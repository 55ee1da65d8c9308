import {
  ChangeDetectionStrategy,
  Component,
  Directive,
  DoCheck,
  computed,
  contentChild,
  inject,
  input,
  signal,
} from '@angular/core';
import { FormGroupDirective, NgControl, NgForm } from '@angular/forms';
import { ErrorMessages, controlError } from './forms';

let nextControlId = 0;

/** What a field needs to know about its control, refreshed on every check of the page. */
interface ControlState {
  /** The control's current errors as one message (null when valid or not shown yet). */
  message: string | null;
  /** The form has been submitted, or the control touched when the field shows errors on touch. */
  reached: boolean;
}

/**
 * Marks the `<input>`, `<select>` or `<textarea>` inside a `<fw-field>`: gives it an id (its own `id`
 * attribute, else a generated one) and the `aria-describedby` / `aria-invalid` the field's hint and
 * error need. Works with `formControlName`, `[formControl]` or no form control at all.
 */
@Directive({
  selector: '[fwControl]',
  host: {
    '[id]': 'id()',
    '[attr.aria-describedby]': 'describedBy()',
    '[attr.aria-invalid]': 'field.invalidShown() ? true : null',
  },
})
export class FwControl implements DoCheck {
  /** The element's id; the field's `<label for>` points here. */
  readonly id = input(`fw-control-${++nextControlId}`);
  /** Ids of other elements that describe the control (read after the hint and error). */
  readonly fwControlDescribedBy = input<string | null>(null);

  protected readonly field = inject(FwField);
  private readonly ngControl = inject(NgControl, { self: true, optional: true });
  private readonly form = inject(FormGroupDirective, { optional: true }) ?? inject(NgForm, { optional: true });

  readonly state = signal<ControlState>(
    { message: null, reached: false },
    { equal: (a, b) => a.message === b.message && a.reached === b.reached },
  );

  protected readonly describedBy = computed(() => {
    const ids = [this.field.hintId(), this.field.errorId(), this.fwControlDescribedBy()].filter(Boolean);
    return ids.length ? ids.join(' ') : null;
  });

  /** Reactive Forms controls are not signals: read their state whenever the page is checked. */
  ngDoCheck(): void {
    const control = this.ngControl?.control;
    const submitted = !!this.form?.submitted;
    const touched = !!control?.touched;
    this.state.set({
      message: control ? controlError(control, this.field.messages()) : null,
      reached: submitted || (this.field.showOn() === 'touch' && touched),
    });
  }
}

/**
 * A form field: label, optional hint, the projected control (marked `fwControl`) and its error.
 *
 * The error is the control's first validator message from `messages` (via `controlError`) once the form
 * is submitted (or the control touched, with `showOn="touch"`; or whenever `[showErrors]` says so),
 * else `error` (e.g. the server's word for this field).
 */
@Component({
  selector: 'fw-field',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'field' },
  template: `
    <label [for]="control()?.id()"
      >{{ labelNote() ? label() + ' ' : label() }}@if (labelNote(); as note) {<span class="req">{{ note }}</span>}</label
    >
    @if (hint()) {
      <p class="hint" [id]="hintId()">{{ hint() }}</p>
    }
    <ng-content />
    @if (message(); as text) {
      <p class="field-error" [id]="errorId()" [attr.role]="errorRole()">{{ text }}</p>
    }
  `,
})
export class FwField {
  readonly label = input.required<string>();
  /** Quieter words after the label, part of its name: "(required)", "(optional)". */
  readonly labelNote = input<string | null>(null);
  readonly hint = input<string | null>(null);
  /** Messages for the control's validator keys, e.g. `{ required: 'Enter your name.' }`. */
  readonly messages = input<ErrorMessages>({});
  /** A message from outside the control (the server, a check the page makes); shown when the control's own is not. */
  readonly error = input<string | null | undefined>(null);
  /** When the control's own errors appear: after the form is submitted (default) or also once touched. */
  readonly showOn = input<'submit' | 'touch'>('submit');
  /** Overrides `showOn`, for pages that track "submitted" themselves. */
  readonly showErrors = input<boolean | null>(null);
  /** `alert` makes screen readers announce the error as it appears (for errors that come without a submit). */
  readonly errorRole = input<'alert' | null>(null);

  protected readonly control = contentChild(FwControl);

  readonly message = computed(() => {
    const state = this.control()?.state();
    const shown = this.showErrors() ?? state?.reached ?? false;
    return (shown ? state?.message : null) ?? this.error();
  });
  readonly invalidShown = computed(() => !!this.message());
  readonly hintId = computed(() => (this.hint() ? `${this.control()?.id()}-hint` : null));
  readonly errorId = computed(() => (this.message() ? `${this.control()?.id()}-error` : null));
}
