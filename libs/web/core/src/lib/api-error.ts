import { HttpErrorResponse } from '@angular/common/http';
import type { ApiError, FieldError } from '@fieldwork/contracts';

/** An API failure turned into words a person can act on. */
export interface ReadableError {
  /** HTTP status; 0 when the server could not be reached. */
  status: number;
  /** One sentence (or a few) for the top of a form or page. */
  message: string;
  /** Per-field problems from a validation error, keyed by field name. */
  fieldErrors: Record<string, string>;
}

export const NETWORK_ERROR_MESSAGE =
  "Can't reach Fieldwork right now. Check your connection and try again.";
export const THROTTLED_MESSAGE =
  'Too many attempts. Please wait a minute and try again.';
export const SERVER_ERROR_MESSAGE =
  'Something went wrong on our side. Please try again in a moment.';
export const GENERIC_ERROR_MESSAGE = 'Something went wrong. Please try again.';

/** Turns whatever an HTTP call threw into a readable message and per-field messages. */
export function readApiError(
  error: unknown,
  fallback: string = GENERIC_ERROR_MESSAGE,
): ReadableError {
  if (!(error instanceof HttpErrorResponse)) {
    const message =
      error instanceof Error && error.message ? error.message : fallback;
    return { status: -1, message, fieldErrors: {} };
  }
  const status = error.status;
  if (status === 0) {
    return { status, message: NETWORK_ERROR_MESSAGE, fieldErrors: {} };
  }
  const body = parseBody(error.error);
  const fieldErrors = toFieldErrors(body?.details);
  if (status === 429) {
    // The server's plain words say how long to wait ("wait 15 minutes"); a library's raw text is replaced.
    const said = messageOf(body?.message);
    return { status, message: said && !/Exception/.test(said) ? said : THROTTLED_MESSAGE, fieldErrors };
  }
  if (status >= 500) {
    return { status, message: SERVER_ERROR_MESSAGE, fieldErrors };
  }
  const serverMessage = messageOf(body?.message);
  return { status, message: serverMessage ?? defaultFor(status, fallback), fieldErrors };
}

/**
 * Field problems that a form has no place for (e.g. `token` on a form that
 * only shows name and password), as sentences to show with the main message.
 */
export function otherFieldProblems(
  error: ReadableError,
  shownFields: readonly string[],
): string[] {
  return Object.entries(error.fieldErrors)
    .filter(([field]) => !shownFields.includes(field))
    .map(([, problem]) => problem);
}

function defaultFor(status: number, fallback: string): string {
  switch (status) {
    case 400:
      return 'Please check the highlighted fields.';
    case 401:
      return 'Please sign in again.';
    case 403:
      return "You don't have access to that.";
    case 404:
      return "We couldn't find that. It may have been removed.";
    case 409:
      return 'That conflicts with something that already exists.';
    default:
      return fallback;
  }
}

type ErrorBody = Partial<Omit<ApiError, 'message' | 'details'>> & {
  message?: unknown;
  details?: unknown;
};

function parseBody(raw: unknown): ErrorBody | null {
  if (typeof raw === 'string') {
    try {
      return parseBody(JSON.parse(raw));
    } catch {
      return null;
    }
  }
  return raw !== null && typeof raw === 'object' ? (raw as ErrorBody) : null;
}

function messageOf(message: unknown): string | null {
  if (typeof message === 'string' && message.trim()) return message.trim();
  if (Array.isArray(message)) {
    const parts = message.filter((m): m is string => typeof m === 'string' && !!m.trim());
    return parts.length ? parts.map(sentence).join(' ') : null;
  }
  return null;
}

function toFieldErrors(details: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Array.isArray(details)) return out;
  for (const item of details as Partial<FieldError>[]) {
    if (!item || typeof item.field !== 'string') continue;
    const problems = Array.isArray(item.problems)
      ? item.problems.filter((p): p is string => typeof p === 'string' && !!p.trim())
      : [];
    if (!problems.length) continue;
    const text = problems.map(sentence).join(' ');
    out[item.field] = out[item.field] ? `${out[item.field]} ${text}` : text;
  }
  return out;
}

/** "password is too common" -> "Password is too common." */
function sentence(text: string): string {
  const t = text.trim();
  const capital = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/**
 * The body of an API error answered with that `code` (e.g. a 409
 * `duplicate_assignment` carrying `existing`), or null for any other failure.
 */
export function apiErrorWithCode<T extends object = Record<string, unknown>>(
  error: unknown,
  code: string,
): (T & { code: string; message?: string }) | null {
  if (!(error instanceof HttpErrorResponse)) return null;
  const body = parseBody(error.error) as (ErrorBody & { code?: unknown }) | null;
  return body && body.code === code ? (body as unknown as T & { code: string; message?: string }) : null;
}
