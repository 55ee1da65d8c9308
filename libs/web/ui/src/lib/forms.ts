import { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import { ElementRef, Injector, afterNextRender } from '@angular/core';

/** Messages for a control's validator keys, e.g. `{ required: 'Enter your email address.' }`. */
export type ErrorMessages = Partial<Record<string, string | ((error: unknown) => string)>>;

/** The first message that applies to a control's current errors, or null. */
export function controlError(control: AbstractControl, messages: ErrorMessages): string | null {
  const errors = control.errors;
  if (!errors) return null;
  for (const [key, message] of Object.entries(messages)) {
    if (key in errors && message) {
      return typeof message === 'function' ? message(errors[key]) : message;
    }
  }
  const first = Object.keys(errors)[0];
  return first ? 'Check this field.' : null;
}

/** Like `Validators.required`, but spaces alone do not count as an answer (error key `required`). */
export function requiredText(control: AbstractControl<string | null>): ValidationErrors | null {
  return control.value?.trim() ? null : { required: true };
}

/** `{ minlength: { requiredLength } }` -> "at least N characters" helper. */
export function minLengthMessage(label: string): (error: unknown) => string {
  return (error) => {
    const n = (error as { requiredLength?: number } | null)?.requiredLength ?? 0;
    return `${label} must be at least ${n} characters.`;
  };
}

/** Group validator: the two named controls must hold the same value. */
export function matchingValidator(field: string, confirmField: string): ValidatorFn {
  return (group: AbstractControl): ValidationErrors | null => {
    const confirm = group.get(confirmField);
    const value = group.get(field)?.value;
    if (!confirm) return null;
    const mismatch = !!confirm.value && confirm.value !== value;
    const others = { ...(confirm.errors ?? {}) };
    delete others['mismatch'];
    confirm.setErrors(
      mismatch ? { ...others, mismatch: true } : Object.keys(others).length ? others : null,
    );
    return null;
  };
}

/**
 * The check every form submit starts with: false when the request must not go, because the form is
 * invalid (focus then moves to its first invalid field, whose error the submit just revealed) or a
 * request is already pending.
 */
export function canSubmit(form: AbstractControl, pending: boolean, host: ElementRef<HTMLElement>, injector: Injector): boolean {
  if (form.invalid) {
    focusFirstInvalid(host, injector);
    return false;
  }
  return !pending;
}

/** After the next render, moves focus to the first field marked invalid in `host`. */
export function focusFirstInvalid(host: ElementRef<HTMLElement>, injector: Injector): void {
  focusAfterRender(host, injector, '[aria-invalid="true"]');
}

/** After the next render, focuses the first element matching `selector` in `host` (a notice or heading that just appeared). */
export function focusAfterRender(host: ElementRef<HTMLElement>, injector: Injector, selector: string): void {
  afterNextRender(() => host.nativeElement.querySelector<HTMLElement>(selector)?.focus(), { injector });
}
