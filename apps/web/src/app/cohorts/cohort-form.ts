import { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';

/** Group validator: `endsOn` may not be before `startsOn` (both YYYY-MM-DD, either may be empty). */
export const dateOrderValidator: ValidatorFn = (group: AbstractControl): ValidationErrors | null => {
  const start = group.get('startsOn')?.value as string | undefined;
  const endControl = group.get('endsOn');
  const end = endControl?.value as string | undefined;
  if (!endControl) return null;
  const others = { ...(endControl.errors ?? {}) };
  delete others['order'];
  const wrong = !!start && !!end && end < start;
  endControl.setErrors(wrong ? { ...others, order: true } : Object.keys(others).length ? others : null);
  return null;
};

export const COHORT_NAME_MAX = 200;

export const COHORT_FIELD_MESSAGES = {
  name: { required: 'Enter a name for the cohort.', maxlength: `Use at most ${COHORT_NAME_MAX} characters.` },
  endsOn: { order: 'The end date is before the start date.' },
} as const;
