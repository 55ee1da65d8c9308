import { ChangeDetectionStrategy, Component, effect, inject, input, output, signal, untracked, viewChild } from '@angular/core';
import { FormBuilder, FormGroup, FormGroupDirective, ReactiveFormsModule } from '@angular/forms';
import type { CohortDetail, CohortSummary, UpdateCohortRequest } from '@fieldwork/contracts';
import { CohortsService, readApiError } from '@fieldwork/web-core';
import { FwAlert, FwSubmitActions, formSubmit } from '@fieldwork/web-ui';
import { COHORT_FIELDS, CohortFields, cohortFormGroup, trimCohortName } from './cohort-form';

/** Rename a cohort, change its dates, archive or unarchive it. */
@Component({
  selector: 'app-cohort-settings',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, FwAlert, FwSubmitActions, CohortFields],
  template: `
    <form class="form" [formGroup]="form" (ngSubmit)="save()" novalidate>
      @if (submission.errors.message(); as message) {
        <fw-alert kind="error">{{ message }}</fw-alert>
      }
      <app-cohort-fields idPrefix="cohort" [serverErrors]="submission.errors.fields()" />
      <fw-submit-actions label="Save changes" [pending]="submission.pending()">
        <button
          type="button"
          class="button"
          [class.button--danger]="!cohort().archived"
          [class.button--secondary]="cohort().archived"
          [attr.aria-disabled]="submission.pending() ? true : null"
          (click)="toggleArchived()"
        >
          {{ cohort().archived ? 'Unarchive cohort' : 'Archive cohort' }}
        </button>
      </fw-submit-actions>
      <p class="hint">
        Archiving hides the cohort from the cohort list; its people, homework and reflections are kept.
      </p>
      <p class="status-line" role="status">{{ status() }}</p>
    </form>
  `,
})
export class CohortSettings {
  private readonly cohortsApi = inject(CohortsService);
  private readonly formDirective = viewChild.required(FormGroupDirective);

  readonly cohort = input.required<CohortDetail>();
  readonly saved = output<CohortSummary>();

  protected readonly form = cohortFormGroup(inject(FormBuilder));
  protected readonly submission = formSubmit({
    fields: COHORT_FIELDS,
    problem: (err) => readApiError(err, 'Could not save the cohort.'),
  });
  protected readonly status = signal('');

  constructor() {
    effect(() => {
      const c = this.cohort();
      untracked(() => this.form.reset({ name: c.name, startsOn: c.startsOn ?? '', endsOn: c.endsOn ?? '' }));
    });
  }

  protected save(): void {
    trimCohortName(this.form);
    const value = this.form.getRawValue();
    this.send(this.form, { name: value.name, startsOn: value.startsOn || null, endsOn: value.endsOn || null }, 'Saved.');
  }

  protected toggleArchived(): void {
    const archived = !this.cohort().archived;
    this.send(null, { archived }, archived ? 'Cohort archived.' : 'Cohort is active again.');
  }

  /** Saves `changes` (after checking `form`, when the fields are what is saved); `done` is said once saved. */
  private send(form: FormGroup | null, changes: UpdateCohortRequest, done: string): void {
    const request = () => {
      this.status.set('');
      return this.cohortsApi.update(this.cohort().id, changes);
    };
    this.submission.send(form, request, (summary) => {
      // The fields keep their values but forget the submit, as before it.
      this.formDirective().resetForm(this.form.getRawValue());
      this.status.set(done);
      this.saved.emit(summary);
    });
  }
}
