import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import type { CohortDetail, CohortSummary, UpdateCohortRequest } from '@fieldwork/contracts';
import { CohortsService, otherFieldProblems, readApiError } from '@fieldwork/web-core';
import { controlError, focusFirstInvalid } from '@fieldwork/web-ui';
import { COHORT_FIELD_MESSAGES, COHORT_NAME_MAX, dateOrderValidator } from './cohort-form';

type Field = 'name' | 'startsOn' | 'endsOn';

/** Rename a cohort, change its dates, archive or unarchive it. */
@Component({
  selector: 'app-cohort-settings',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule],
  template: `
    <form class="form" [formGroup]="form" (ngSubmit)="save()" novalidate>
      @if (error()) {
        <div class="alert alert--error" role="alert"><p>{{ error() }}</p></div>
      }
      <div class="form-grid">
        <div class="field">
          <label for="cohort-name">Name</label>
          <input
            id="cohort-name"
            type="text"
            formControlName="name"
            autocomplete="off"
            required
            [attr.aria-invalid]="fieldError('name') ? true : null"
            [attr.aria-describedby]="fieldError('name') ? 'cohort-name-error' : null"
          />
          @if (fieldError('name'); as message) {
            <p class="field-error" id="cohort-name-error">{{ message }}</p>
          }
        </div>
        <div class="field">
          <label for="cohort-start">Starts on</label>
          <input id="cohort-start" type="date" formControlName="startsOn"
            [attr.aria-invalid]="fieldError('startsOn') ? true : null"
            [attr.aria-describedby]="fieldError('startsOn') ? 'cohort-start-error' : null" />
          @if (fieldError('startsOn'); as message) {
            <p class="field-error" id="cohort-start-error">{{ message }}</p>
          }
        </div>
        <div class="field">
          <label for="cohort-end">Ends on</label>
          <input id="cohort-end" type="date" formControlName="endsOn"
            [attr.aria-invalid]="fieldError('endsOn') ? true : null"
            [attr.aria-describedby]="fieldError('endsOn') ? 'cohort-end-error' : null" />
          @if (fieldError('endsOn'); as message) {
            <p class="field-error" id="cohort-end-error">{{ message }}</p>
          }
        </div>
      </div>
      <div class="form-actions">
        <button type="submit" class="button" [attr.aria-disabled]="pending() ? true : null">
          {{ pending() ? 'Saving…' : 'Save changes' }}
        </button>
        <button
          type="button"
          class="button"
          [class.button--danger]="!cohort().archived"
          [class.button--secondary]="cohort().archived"
          [attr.aria-disabled]="pending() ? true : null"
          (click)="toggleArchived()"
        >
          {{ cohort().archived ? 'Unarchive cohort' : 'Archive cohort' }}
        </button>
      </div>
      <p class="hint">
        Archiving hides the cohort from the cohort list; its people, homework and reflections are kept.
      </p>
      <p class="status-line" role="status">{{ status() }}</p>
    </form>
  `,
})
export class CohortSettings {
  private readonly cohortsApi = inject(CohortsService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  readonly cohort = input.required<CohortDetail>();
  readonly saved = output<CohortSummary>();

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
  protected readonly status = signal('');
  protected readonly serverErrors = signal<Record<string, string>>({});

  constructor() {
    effect(() => {
      const c = this.cohort();
      untracked(() => this.form.reset({ name: c.name, startsOn: c.startsOn ?? '', endsOn: c.endsOn ?? '' }));
    });
  }

  protected fieldError(field: Field): string | null {
    const server = this.serverErrors()[field] ?? null;
    if (!this.submitted()) return server;
    const messages = field === 'name' ? COHORT_FIELD_MESSAGES.name : field === 'endsOn' ? COHORT_FIELD_MESSAGES.endsOn : {};
    return controlError(this.form.controls[field], messages) ?? server;
  }

  protected save(): void {
    this.submitted.set(true);
    const name = this.form.controls.name;
    if (name.value.trim() !== name.value) name.setValue(name.value.trim());
    if (this.form.invalid) {
      focusFirstInvalid(this.host, this.injector);
      return;
    }
    const value = this.form.getRawValue();
    this.send(
      { name: value.name, startsOn: value.startsOn || null, endsOn: value.endsOn || null },
      'Saved.',
    );
  }

  protected toggleArchived(): void {
    const archived = !this.cohort().archived;
    this.send({ archived }, archived ? 'Cohort archived.' : 'Cohort is active again.');
  }

  private send(changes: UpdateCohortRequest, done: string): void {
    if (this.pending()) return;
    this.pending.set(true);
    this.error.set(null);
    this.status.set('');
    this.serverErrors.set({});
    this.cohortsApi.update(this.cohort().id, changes).subscribe({
      next: (summary) => {
        this.pending.set(false);
        this.submitted.set(false);
        this.status.set(done);
        this.saved.emit(summary);
      },
      error: (err: unknown) => {
        this.pending.set(false);
        const problem = readApiError(err, 'Could not save the cohort.');
        this.serverErrors.set(problem.fieldErrors);
        this.error.set([problem.message, ...otherFieldProblems(problem, ['name', 'startsOn', 'endsOn'])].join(' '));
        focusFirstInvalid(this.host, this.injector);
      },
    });
  }
}
