import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { AbstractControl, FormGroupDirective, ReactiveFormsModule, ValidationErrors, ValidatorFn } from '@angular/forms';
import { ErrorMessages, FW_FIELD_GROUP_PROVIDERS, FwControl, FwField, FwFieldGroup } from '@fieldwork/web-ui';
import { DUE_DAYS_MESSAGE, DueChoice, DueMode, MAX_DUE_DAYS, readDue } from './due-rule';

/** The due rule's controls, as they sit in a page's form group (beside its other controls). */
export interface DueControls {
  dueMode: DueMode;
  /** YYYY-MM-DD when the mode is fixed. */
  dueDate: string;
  /** When the mode is relative: the number input's value (null when it is empty). */
  dueDays: number | null;
}

/** The number input's value as text, for `readDue` (which reads what was typed). */
function daysText(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

/** The form value's due rule as the request wants it, or null while it is not valid. */
export function dueChoice(value: DueControls, opensOn?: string): DueChoice | null {
  const due = readDue({ mode: value.dueMode, date: value.dueDate, days: daysText(value.dueDays) }, opensOn);
  return due.ok ? due.value : null;
}

/**
 * Group validator: the due date (or the number of days) as `readDue` checks it against the opening day
 * `opensOn(group)` gives; the problem goes on the control it is about, as `{ due: message }`.
 */
export function dueRuleValidator(opensOn: (group: AbstractControl) => string | undefined): ValidatorFn {
  return (group: AbstractControl): ValidationErrors | null => {
    const due = readDue(
      { mode: group.get('dueMode')?.value, date: group.get('dueDate')?.value, days: daysText(group.get('dueDays')?.value) },
      opensOn(group),
    );
    const wrong = due.ok ? null : due.field === 'dueAt' ? 'dueDate' : 'dueDays';
    for (const name of ['dueDate', 'dueDays'] as const) {
      const control = group.get(name);
      const others = { ...(control?.errors ?? {}) };
      delete others['due'];
      const errors = !due.ok && wrong === name ? { ...others, due: due.message } : others;
      control?.setErrors(Object.keys(errors).length ? errors : null);
    }
    return null;
  };
}

/**
 * "Due": on a fixed date or a number of days after each student joins, inside the page's
 * `<form [formGroup]>` whose group holds the `DueControls` (checked by `dueRuleValidator`).
 * Ids end with `idSuffix` (`due-date<suffix>`), so several forms can stand on one page.
 */
@Component({
  selector: 'app-due-fields',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, FwField, FwControl],
  viewProviders: FW_FIELD_GROUP_PROVIDERS,
  template: `
    @let mode = form.form.get('dueMode')?.value;
    <fieldset class="group">
      <legend>{{ legend() }}</legend>
      <div class="check-row">
        <input [id]="'due-fixed' + idSuffix()" type="radio" name="dueMode" formControlName="dueMode" value="fixed" />
        <label [for]="'due-fixed' + idSuffix()">On a fixed date</label>
      </div>
      @if (mode === 'fixed') {
        <fw-field class="field--narrow indent" label="Due on" [hint]="dateHint()" [messages]="messages" [error]="serverErrors()['dueDate']">
          <input [id]="'due-date' + idSuffix()" fwControl type="date" formControlName="dueDate" />
        </fw-field>
      }
      <div class="check-row">
        <input [id]="'due-relative' + idSuffix()" type="radio" name="dueMode" formControlName="dueMode" value="relative" />
        <label [for]="'due-relative' + idSuffix()">{{ relativeLabel() }}</label>
      </div>
      @if (mode === 'relative') {
        <fw-field class="field--narrow indent" label="Days after joining" [hint]="daysHint()" [messages]="messages" [error]="serverErrors()['dueDays']">
          <input
            [id]="'due-days' + idSuffix()"
            fwControl
            type="number"
            inputmode="numeric"
            min="1"
            [max]="maxDays"
            class="input-short"
            formControlName="dueDays"
          />
        </fw-field>
      }
    </fieldset>
  `,
})
export class DueFields extends FwFieldGroup {
  readonly legend = input('Due');
  readonly idSuffix = input('');
  readonly relativeLabel = input('A number of days after each student joins the cohort');
  readonly dateHint = input<string | null>(null);
  readonly daysHint = input<string | null>(null);
  /** The server's messages by control name (`dueDate`, `dueDays`). */
  readonly serverErrors = input<Record<string, string>>({});

  protected readonly form = inject(FormGroupDirective);
  protected readonly maxDays = MAX_DUE_DAYS;
  /**
   * The due rule's own words (from `readDue`) under the error key `due`; the number input's min and max
   * (Angular checks those too) say the same as the rule.
   */
  protected readonly messages: ErrorMessages = { due: (error) => String(error), min: DUE_DAYS_MESSAGE, max: DUE_DAYS_MESSAGE };
}
