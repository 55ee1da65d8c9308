import { signal } from '@angular/core';

/** What a failed request said, in the shape `readApiError` (web-core) gives it. */
export interface RequestProblem {
  message: string;
  /** The server's message for each field it refused, by field name. */
  fieldErrors: Record<string, string>;
}

/**
 * A form's answer to a failed submit: the server's message for each field the form shows (for
 * `<fw-field [error]="errors.fields()['email']">`) and one sentence for the form's alert (the message,
 * then the problems of fields the form does not have, which no field would show).
 */
export class RequestErrors {
  /** The server's messages by field name. */
  readonly fields = signal<Record<string, string>>({});
  /** The sentence for the form's `<fw-alert kind="error">`, or null. */
  readonly message = signal<string | null>(null);

  /** @param shownFields the fields this form shows (their messages go beside them, not into the alert). */
  constructor(private readonly shownFields: readonly string[]) {}

  /** Forgets the last failure (call as a new submit starts). */
  clear(): void {
    this.fields.set({});
    this.message.set(null);
  }

  /** Shows `problem`; true when one of its messages stands beside a field (focus that field then). */
  show(problem: RequestProblem): boolean {
    const entries = Object.entries(problem.fieldErrors);
    const others = entries.filter(([field]) => !this.shownFields.includes(field)).map(([, text]) => text);
    this.fields.set(problem.fieldErrors);
    this.message.set([problem.message, ...others].join(' '));
    return entries.length > others.length;
  }
}
