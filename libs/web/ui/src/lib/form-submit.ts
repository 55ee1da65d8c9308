import { Signal, signal } from '@angular/core';
import type { AbstractControl } from '@angular/forms';
import type { Observable } from 'rxjs';
import { pageFocus } from './page-focus';
import { RequestErrors, RequestProblem } from './request-errors';

export interface FormSubmitOptions {
  /** The fields the form shows: the server's messages for them stand beside them (see `RequestErrors`). */
  fields: readonly string[];
  /** The words for a refused or failed request, e.g. `(err) => readApiError(err, 'Could not create the cohort.')`. */
  problem: (error: unknown) => RequestProblem;
}

/** A form's submit to the API: pending while the request runs, the server's refusal shown through `errors`. */
export interface FormSubmit {
  /** A request is on its way (for `<fw-submit-actions [pending]>`). */
  readonly pending: Signal<boolean>;
  /** The server's words from the last refusal (`errors.message()` for the alert, `errors.fields()` for the fields). */
  readonly errors: RequestErrors;
  /**
   * Forgets the last refusal; then, unless a request is pending or `form` is invalid (its first invalid field
   * is focused), sends `request()` and gives its answer to `done`. On a refusal the server's words show and
   * the field they name is focused. Pass `form` null for an action that has no fields to check.
   */
  send<T>(form: AbstractControl | null, request: () => Observable<T>, done: (answer: T) => void): void;
}

/**
 * The submit of a form that sends to the API, instead of each form's own pending flag, error handling and
 * focus moves. Call in an injection context (a field initializer):
 *
 * ```ts
 * protected readonly submission = formSubmit({ fields: ['email', 'name'], problem: (err) => readApiError(err, 'Could not invite.') });
 * submit() { this.submission.send(this.form, () => this.api.invite(this.form.getRawValue()), (invitation) => …); }
 * ```
 */
export function formSubmit(options: FormSubmitOptions): FormSubmit {
  const focus = pageFocus();
  const pending = signal(false);
  const errors = new RequestErrors(options.fields);
  return {
    pending: pending.asReadonly(),
    errors,
    send(form, request, done) {
      errors.clear();
      if (form ? !focus.canSubmit(form, pending()) : pending()) return;
      pending.set(true);
      request().subscribe({
        next: (answer) => {
          pending.set(false);
          done(answer);
        },
        error: (err: unknown) => {
          pending.set(false);
          if (errors.show(options.problem(err))) focus.firstInvalid();
        },
      });
    },
  };
}
