import { IsDefined, ValidateBy, ValidateIf, type ValidationOptions } from 'class-validator';

/** Line breaks of any kind: CR, LF, NEL and the Unicode line and paragraph separators. */
const LINE_BREAK = /[\r\n\u0085\u2028\u2029]/;

export const SINGLE_LINE_PROBLEM = 'must be a single line (no line breaks)';

/** True when a value is not a string, or a string without line breaks. */
export function isSingleLine(value: unknown): boolean {
  return typeof value !== 'string' || !LINE_BREAK.test(value);
}

/**
 * A one-line field (a person's or cohort's name, a title, an organization):
 * line breaks are refused, never stored, so names print on one line in
 * e-mails, CSV exports and headers. With `{each: true}` for arrays of them.
 */
export function SingleLine(options: ValidationOptions = {}): PropertyDecorator {
  return ValidateBy(
    {
      name: 'singleLine',
      validator: {
        validate: (value: unknown) => isSingleLine(value),
        defaultMessage: (args) => `${args?.property ?? 'value'} ${SINGLE_LINE_PROBLEM}`,
      },
    },
    options,
  );
}

/**
 * An optional field that may be left out but is never null (unlike
 * `@IsOptional()`, which lets null through to the service and the database's
 * NOT NULL): `{"name": null}` is a 400 "name must not be null".
 */
export function OptionalNotNull(): PropertyDecorator {
  return (target, key) => {
    ValidateIf((_object, value) => value !== undefined)(target, key);
    IsDefined({ message: '$property must not be null' })(target, key);
  };
}

/** True for an IANA time zone name this runtime knows ("America/New_York"). */
export function isTimeZone(value: unknown): boolean {
  if (typeof value !== 'string' || !value) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** A career center's time zone: an IANA name such as America/New_York. */
export function IsTimeZone(options: ValidationOptions = {}): PropertyDecorator {
  return ValidateBy(
    {
      name: 'timeZone',
      validator: {
        validate: (value: unknown) => isTimeZone(value),
        defaultMessage: (args) => `${args?.property ?? 'timezone'} must be an IANA time zone such as America/New_York`,
      },
    },
    options,
  );
}
