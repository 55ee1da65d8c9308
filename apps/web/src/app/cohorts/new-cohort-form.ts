import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  inject,
  output,
  signal,
} from '@angular/core';
import { ReactiveFormsModule, FormBuilder, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import type { CohortSummary } from '@fieldwork/contracts';
import { CohortsService, otherFieldProblems, readApiError } from '@fieldwork/web-core';
import { controlError, focusFirstInvalid } from '@fieldwork/web-ui';
import { COHORT_FIELD_MESSAGES, COHORT_NAME_MAX, dateOrderValidator } from './cohort-form';

type Field = 'name' | 'startsOn' | 'endsOn';

/** Create a cohort: a name and optional start and end dates. */
@Component({
  selector: 'app-new-cohort-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink],
  template: `
    <form class="form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
      @if (error()) {
        <div class="alert alert--error" role="alert"><p>{{ error() }}</p></div>
      }
      <div class="form-grid">
        <div class="field">
          <label for="new-cohort-name">Name</label>
          <input
            id="new-cohort-name"
            type="text"
            formControlName="name"
            autocomplete="off"
            required
            [attr.aria-invalid]="fieldError('name') ? true : null"
            [attr.aria-describedby]="fieldError('name') ? 'new-cohort-name-error' : 'new-cohort-name-hint'"
          />
          <p class="hint" id="new-cohort-name-hint">For example “Fall 2026 Public Service”.</p>
          @if (fieldError('name'); as message) {
            <p class="field-error" id="new-cohort-name-error">{{ message }}</p>
          }
        </div>
        <div class="field">
          <label for="new-cohort-start">Starts on <span class="muted">(optional)</span></label>
          <input
            id="new-cohort-start"
            type="date"
            formControlName="startsOn"
            [attr.aria-invalid]="fieldError('startsOn') ? true : null"
            [attr.aria-describedby]="fieldError('startsOn') ? 'new-cohort-start-error' : null"
          />
          @if (fieldError('startsOn'); as message) {
            <p class="field-error" id="new-cohort-start-error">{{ message }}</p>
          }
        </div>
        <div class="field">
          <label for="new-cohort-end">Ends on <span class="muted">(optional)</span></label>
          <input
            id="new-cohort-end"
            type="date"
            formControlName="endsOn"
            [attr.aria-invalid]="fieldError('endsOn') ? true : null"
            [attr.aria-describedby]="fieldError('endsOn') ? 'new-cohort-end-error' : null"
          />
          @if (fieldError('endsOn'); as message) {
            <p class="field-error" id="new-cohort-end-error">{{ message }}</p>
          }
        </div>
      </div>
      <div class="form-actions">
        <button type="submit" class="button" [attr.aria-disabled]="pending() ? true : null">
          {{ pending() ? 'Creating cohort…' : 'Create cohort' }}
        </button>
      </div>
    </form>
    @if (created(); as cohort) {
      <div class="alert alert--success created-note">
        <p id="new-cohort-done" tabindex="-1">
          <strong>{{ cohort.name }}</strong> is ready.
          <a [routerLink]="['/cohorts', cohort.id]">Open {{ cohort.name }}</a> to add people and assign homework.
        </p>
      </div>
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
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  readonly cohortCreated = output<CohortSummary>();

  protected readonly form = inject(FormBuilder).nonNullable.group(
    {
      name: ['', [Validators.required, Validators.maxLength(COHORT_NAME_MAX)]],
      startsOn: [''],
      endsOn: [''],
    },
    { validators: dateOrderValidator },
  );
  protected readonly submitted = signal(false);
  protected readonly pending = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly serverErrors = signal<Record<string, string>>({});
  protected readonly created = signal<CohortSummary | null>(null);

  protected fieldError(field: Field): string | null {
    const server = this.serverErrors()[field] ?? null;
    if (!this.submitted()) return server;
    const control = this.form.controls[field];
    const messages = field === 'name' ? COHORT_FIELD_MESSAGES.name : field === 'endsOn' ? COHORT_FIELD_MESSAGES.endsOn : {};
    return controlError(control, messages) ?? server;
  }

  protected submit(): void {
    this.submitted.set(true);
    this.error.set(null);
    this.serverErrors.set({});
    const name = this.form.controls.name;
    if (name.value.trim() !== name.value) name.setValue(name.value.trim());
    if (this.form.invalid) {
      focusFirstInvalid(this.host, this.injector);
      return;
    }
    if (this.pending()) return;
    this.pending.set(true);
    this.cohorts.create(this.form.getRawValue()).subscribe({
      next: (cohort) => {
        this.pending.set(false);
        this.submitted.set(false);
        this.form.reset();
        this.created.set(cohort);
        this.cohortCreated.emit(cohort);
        afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>('#new-cohort-done')?.focus(), {
          injector: this.injector,
        });
      },
      error: (err: unknown) => {
        this.pending.set(false);
        const problem = readApiError(err, 'Could not create the cohort. Please try again.');
        this.serverErrors.set(problem.fieldErrors);
        this.error.set([problem.message, ...otherFieldProblems(problem, ['name', 'startsOn', 'endsOn'])].join(' '));
        focusFirstInvalid(this.host, this.injector);
      },
    });
  }
}
