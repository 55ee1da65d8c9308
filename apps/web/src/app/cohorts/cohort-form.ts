import { ChangeDetectionStrategy, Component, booleanAttribute, computed, input } from '@angular/core';
import { AbstractControl, FormBuilder, ReactiveFormsModule, ValidationErrors, ValidatorFn, Validators } from '@angular/forms';
import { ErrorMessages, FW_FIELD_GROUP_PROVIDERS, FwControl, FwField, FwFieldGroup } from '@fieldwork/web-ui';

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

/** The fields of the cohort forms, as the API names them. */
export const COHORT_FIELDS = ['name', 'startsOn', 'endsOn'] as const;

export const COHORT_FIELD_MESSAGES = {
  name: { required: 'Enter a name for the cohort.', maxlength: `Use at most ${COHORT_NAME_MAX} characters.` },
  endsOn: { order: 'The end date is before the start date.' },
} as const satisfies Record<string, ErrorMessages>;

/** A cohort's name and dates, as both the "new cohort" and the settings form edit them. */
export function cohortFormGroup(fb: FormBuilder) {
  return fb.nonNullable.group(
    {
      name: ['', [Validators.required, Validators.maxLength(COHORT_NAME_MAX)]],
      startsOn: [''],
      endsOn: [''],
    },
    { validators: dateOrderValidator },
  );
}

/** Trims the name in place (so " Fall " is saved, and checked, as "Fall"). */
export function trimCohortName(form: ReturnType<typeof cohortFormGroup>): void {
  const name = form.controls.name;
  if (name.value.trim() !== name.value) name.setValue(name.value.trim());
}

/**
 * The name and date fields of a cohort form, inside the page's `<form [formGroup]>` (a `cohortFormGroup`).
 * `idPrefix` names the inputs (`<prefix>-name`, `-start`, `-end`).
 */
@Component({
  selector: 'app-cohort-fields',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, FwField, FwControl],
  viewProviders: FW_FIELD_GROUP_PROVIDERS,
  host: { class: 'form-grid' },
  template: `
    <fw-field label="Name" [hint]="nameHint()" [messages]="messages.name" [error]="serverErrors()['name']">
      <input [id]="idPrefix() + '-name'" fwControl type="text" formControlName="name" autocomplete="off" required />
    </fw-field>
    <fw-field label="Starts on" [labelNote]="optionalNote()" [error]="serverErrors()['startsOn']">
      <input [id]="idPrefix() + '-start'" fwControl type="date" formControlName="startsOn" />
    </fw-field>
    <fw-field label="Ends on" [labelNote]="optionalNote()" [messages]="messages.endsOn" [error]="serverErrors()['endsOn']">
      <input [id]="idPrefix() + '-end'" fwControl type="date" formControlName="endsOn" />
    </fw-field>
  `,
})
export class CohortFields extends FwFieldGroup {
  readonly idPrefix = input.required<string>();
  readonly nameHint = input<string | null>(null);
  /** Say "(optional)" after the date labels. */
  readonly optionalDates = input(false, { transform: booleanAttribute });
  /** The server's messages by field. */
  readonly serverErrors = input<Record<string, string>>({});
  protected readonly messages = COHORT_FIELD_MESSAGES;
  protected readonly optionalNote = computed(() => (this.optionalDates() ? '(optional)' : null));
}
