import { ChangeDetectionStrategy, Component, inject, output, signal, viewChild } from '@angular/core';
import { FormBuilder, FormGroupDirective, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import type { CohortSummary } from '@fieldwork/contracts';
import { CohortsService, readApiError } from '@fieldwork/web-core';
import { FwAlert, FwSubmitActions, formSubmit, pageFocus } from '@fieldwork/web-ui';
import { COHORT_FIELDS, CohortFields, cohortFormGroup, trimCohortName } from './cohort-form';

/** Create a cohort: a name and optional start and end dates. */
@Component({
  selector: 'app-new-cohort-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, FwAlert, FwSubmitActions, CohortFields],
  template: `
    <form class="form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
      @if (submission.errors.message(); as message) {
        <fw-alert kind="error">{{ message }}</fw-alert>
      }
      <app-cohort-fields
        idPrefix="new-cohort"
        nameHint="For example “Fall 2026 Public Service”."
        optionalDates
        [serverErrors]="submission.errors.fields()"
      />
      <fw-submit-actions label="Create cohort" pendingLabel="Creating cohort…" [pending]="submission.pending()" />
    </form>
    @if (created(); as cohort) {
      <fw-alert kind="success" class="created-note">
        <p id="new-cohort-done" tabindex="-1">
          <strong>{{ cohort.name }}</strong> is ready.
          <a [routerLink]="['/cohorts', cohort.id]">Open {{ cohort.name }}</a> to add people and assign homework.
        </p>
      </fw-alert>
    }
  `,
  styles: `
    .created-note {
      margin-top: 1rem;
    }
  `,
})
export class NewCohortForm {
  private readonly cohorts = inject(CohortsService);
  private readonly focus = pageFocus();
  private readonly formDirective = viewChild.required(FormGroupDirective);

  readonly cohortCreated = output<CohortSummary>();

  protected readonly form = cohortFormGroup(inject(FormBuilder));
  protected readonly submission = formSubmit({
    fields: COHORT_FIELDS,
    problem: (err) => readApiError(err, 'Could not create the cohort. Please try again.'),
  });
  protected readonly created = signal<CohortSummary | null>(null);

  protected submit(): void {
    trimCohortName(this.form);
    this.submission.send(this.form, () => this.cohorts.create(this.form.getRawValue()), (cohort) => {
      this.formDirective().resetForm();
      this.created.set(cohort);
      this.cohortCreated.emit(cohort);
      this.focus.after('#new-cohort-done');
    });
  }
}
