import { Transform } from 'class-transformer';
import { IsEmail, IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { SingleLine } from '../http/field-rules';

/**
 * The field rules the request DTOs of every library repeat, one decorator each. Each composes the
 * decorators it replaces in the order they were written above the property, so the problems a bad
 * request gets back (and their order) are the same.
 */

/** A string trimmed on the way in; any other value is left for the validators to refuse. */
export const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** A string trimmed and lower-cased on the way in (e-mail addresses, slugs). */
export const trimmedLowerCase = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

/** Applies decorators as if written `@first @second …` above a property (TypeScript runs the last one first). */
function written(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => {
    for (const decorator of [...decorators].reverse()) decorator(target, key);
  };
}

/** A required one-line text (a person's, cohort's or career center's name): trimmed, not empty, at most `max` characters. */
export function RequiredLine(field: string, max = 200): PropertyDecorator {
  return written(Transform(trimmed), IsString(), IsNotEmpty({ message: `${field} must not be empty` }), MaxLength(max), SingleLine());
}

/** An optional one-line text: trimmed, at most `max` characters. */
export function OptionalLine(max: number): PropertyDecorator {
  return written(IsOptional(), Transform(trimmed), IsString(), MaxLength(max), SingleLine());
}

/** An e-mail address: trimmed, lower-cased, at most 254 characters. */
export function EmailAddress(field: string): PropertyDecorator {
  return written(Transform(trimmedLowerCase), IsEmail({}, { message: `${field} must be an e-mail address` }), MaxLength(254));
}

/** An optional calendar date, `YYYY-MM-DD` exactly (null allowed: it clears the date). */
export function OptionalDate(field: string): PropertyDecorator {
  return written(IsOptional(), IsISO8601({ strict: true, strictSeparator: true }, { message: `${field} must be a date (YYYY-MM-DD)` }));
}
