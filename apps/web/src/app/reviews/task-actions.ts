import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { type AbstractControl, FormBuilder, ReactiveFormsModule, type ValidationErrors, Validators } from '@angular/forms';
import { EXTENSION_REASON_MAX, isOpenTaskStatus, type TaskDetail, type TaskSummary } from '@fieldwork/contracts';
import { ReviewsService, TenantTime, addLocalDays, formatShortDay, isLocalDay, readApiError } from '@fieldwork/web-core';
import { FwAlert, FwControl, FwField, FwSubmitActions, pageFocus, requiredText, type ErrorMessages } from '@fieldwork/web-ui';

type Mode = 'extend' | 'excuse' | 'confirm-excuse' | null;

export const EXCUSE_REASON_MAX = 1_000;

/** Staff, on one student's task: give this student more time, or excuse them (with a reason). */
@Component({
  selector: 'app-task-actions',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, FwAlert, FwField, FwControl, FwSubmitActions],
  template: `
    @let t = task();
    <section class="card" aria-labelledby="task-actions-heading">
      <h2 id="task-actions-heading">This student’s task</h2>
      @if (status(); as message) {
        <fw-alert kind="success" id="task-actions-status" tabindex="-1"><p>{{ message }}</p></fw-alert>
      }
      @if (error(); as message) {
        <fw-alert kind="error" id="task-actions-error" tabindex="-1"><p>{{ message }}</p></fw-alert>
      }

      @switch (mode()) {
        @case ('extend') {
          <form class="form" [formGroup]="extendForm" (ngSubmit)="extend()" novalidate aria-labelledby="extend-heading">
            <h3 id="extend-heading">Extend the due date for {{ t.student.name }}</h3>
            <fw-field class="field--narrow" label="New due date" [hint]="extendHint()" [messages]="dueOnMessages" [error]="fieldErrors()['dueOn']">
              <input id="extend-due-on" type="date" fwControl formControlName="dueOn" (input)="fieldErrors.set({})" />
            </fw-field>
            <fw-field label="Reason" labelNote="(optional; the student sees it)" [messages]="reasonMessages" [error]="fieldErrors()['reason']">
              <textarea id="extend-reason" rows="2" fwControl formControlName="reason" [attr.maxlength]="reasonMax"></textarea>
            </fw-field>
            <fw-submit-actions label="Extend due date" [pending]="pending()">
              <button type="button" class="button button--secondary" (click)="close()">Cancel</button>
            </fw-submit-actions>
          </form>
        }
        @case ('excuse') {
          <form class="form" [formGroup]="excuseForm" (ngSubmit)="askExcuse()" novalidate aria-labelledby="excuse-heading">
            <h3 id="excuse-heading">Excuse {{ t.student.name }} from “{{ t.title }}”</h3>
            <fw-field
              label="Reason"
              hint="Required. The student sees it; the task leaves the completion counts."
              [messages]="excuseReasonMessages"
              [error]="fieldErrors()['reason']"
            >
              <textarea id="excuse-reason" rows="2" fwControl formControlName="reason" [attr.maxlength]="excuseMax" (input)="fieldErrors.set({})"></textarea>
            </fw-field>
            <fw-submit-actions label="Excuse…">
              <button type="button" class="button button--secondary" (click)="close()">Cancel</button>
            </fw-submit-actions>
          </form>
        }
        @case ('confirm-excuse') {
          <div class="alert alert--info" role="alertdialog" id="excuse-confirm" tabindex="-1" aria-labelledby="excuse-confirm-text">
            <p id="excuse-confirm-text">
              Excuse {{ t.student.name }} from “{{ t.title }}”? They will no longer need to submit it. Reason: {{ excuseForm.controls.reason.value.trim() }}
            </p>
            <div class="form-actions">
              <button type="button" class="button" (click)="excuse()" [attr.aria-disabled]="pending() ? true : null">
                {{ pending() ? 'Excusing…' : 'Yes, excuse' }}
              </button>
              <button type="button" class="button button--secondary" (click)="open('excuse')">Go back</button>
            </div>
          </div>
        }
        @default {
          @if (canExtend() || canExcuse()) {
            <div class="form-actions">
              @if (canExtend()) {
                <button type="button" class="button button--secondary" id="open-extend" (click)="open('extend')">Extend due date</button>
              }
              @if (canExcuse()) {
                <button type="button" class="button button--secondary" id="open-excuse" (click)="open('excuse')">Excuse</button>
              }
            </div>
          } @else {
            <p class="muted">Nothing to change: this task is {{ t.status === 'excused' ? 'excused' : 'done' }}.</p>
          }
        }
      }
    </section>
  `,
})
export class TaskActions {
  private readonly reviews = inject(ReviewsService);
  private readonly time = inject(TenantTime);
  private readonly focus = pageFocus();

  readonly task = input.required<TaskDetail>();
  /** The task as the API answered after a change. */
  readonly changed = output<TaskSummary>();

  protected readonly reasonMax = EXTENSION_REASON_MAX;
  protected readonly excuseMax = EXCUSE_REASON_MAX;
  protected readonly zone = this.time.zone;
  protected readonly mode = signal<Mode>(null);
  private readonly forms = inject(FormBuilder).nonNullable;
  /** A local day, today or later (in the career center's days). */
  protected readonly extendForm = this.forms.group({
    dueOn: ['', (control: AbstractControl<string>) => dueDayProblem(control.value, this.time.today())],
    reason: ['', Validators.maxLength(EXTENSION_REASON_MAX)],
  });
  protected readonly excuseForm = this.forms.group({ reason: ['', [requiredText, Validators.maxLength(EXCUSE_REASON_MAX)]] });
  protected readonly dueOnMessages: ErrorMessages = { day: 'Choose the new due date.', past: 'Choose today or a later day.' };
  protected readonly reasonMessages: ErrorMessages = { maxlength: `Use at most ${EXTENSION_REASON_MAX} characters.` };
  protected readonly excuseReasonMessages: ErrorMessages = {
    required: 'Give a reason: the student sees it.',
    maxlength: `Use at most ${EXCUSE_REASON_MAX} characters.`,
  };
  protected readonly pending = signal(false);
  protected readonly fieldErrors = signal<Record<string, string>>({});
  protected readonly error = signal<string | null>(null);
  protected readonly status = signal<string | null>(null);

  protected readonly canExtend = computed(() => isOpenTaskStatus(this.task().status));
  protected readonly canExcuse = computed(() => !['approved', 'excused'].includes(this.task().status));
  protected readonly currentDue = computed(() => formatShortDay(this.task().dueOn || this.task().dueAt, this.zone()));
  protected readonly extendHint = computed(
    () => `Due at the end of that day (${this.zone()}). Now due ${this.currentDue()}; the rest of the cohort keeps its date.`,
  );

  protected open(mode: 'extend' | 'excuse'): void {
    this.error.set(null);
    this.fieldErrors.set({});
    if (mode === 'extend') {
      const task = this.task();
      // A week after the later of today and the current due day, in the career center's days.
      const today = this.time.today();
      const current = task.dueOn || this.time.day(task.dueAt);
      this.extendForm.reset({ dueOn: addLocalDays(current > today ? current : today, 7), reason: '' });
    } else if (this.mode() !== 'confirm-excuse') {
      this.excuseForm.reset({ reason: '' });
    }
    this.mode.set(mode);
    this.focus.after(mode === 'extend' ? '#extend-due-on' : '#excuse-reason');
  }

  protected close(): void {
    const was = this.mode();
    this.mode.set(null);
    this.focus.after(was === 'extend' ? '#open-extend' : '#open-excuse');
  }

  protected extend(): void {
    this.fieldErrors.set({});
    if (!this.focus.canSubmit(this.extendForm, this.pending())) return;
    const { dueOn: day, reason } = this.extendForm.getRawValue();
    const task = this.task();
    this.pending.set(true);
    this.reviews.extend(task.id, day, reason).subscribe({
      next: (updated) => this.done(updated, `${task.student.name} now has until ${formatShortDay(updated.dueOn || day, this.zone())} (end of day).`),
      error: (err: unknown) => this.failed(err, 'Could not extend the due date.', ['dueOn', 'dueAt', 'reason']),
    });
  }

  protected askExcuse(): void {
    this.fieldErrors.set({});
    if (!this.focus.canSubmit(this.excuseForm, false)) return;
    this.mode.set('confirm-excuse');
    this.focus.after('#excuse-confirm');
  }

  protected excuse(): void {
    if (this.pending()) return;
    const task = this.task();
    this.pending.set(true);
    this.reviews.excuse(task.id, this.excuseForm.controls.reason.value).subscribe({
      next: (updated) => this.done(updated, `${task.student.name} is excused from “${task.title}”.`),
      error: (err: unknown) => {
        this.mode.set('excuse');
        this.failed(err, 'Could not excuse the student.', ['reason']);
      },
    });
  }

  private done(updated: TaskSummary, message: string): void {
    this.pending.set(false);
    this.mode.set(null);
    this.status.set(message);
    this.changed.emit(updated);
    this.focus.after('#task-actions-status');
  }

  private failed(err: unknown, fallback: string, fields: string[]): void {
    this.pending.set(false);
    const problem = readApiError(err, fallback);
    const placed: Record<string, string> = {};
    const others: string[] = [];
    for (const [field, text] of Object.entries(problem.fieldErrors)) {
      const key = field === 'dueAt' ? 'dueOn' : field;
      if (fields.includes(field)) placed[key] = text;
      else others.push(text);
    }
    this.fieldErrors.set(placed);
    this.error.set([problem.message, ...others].join(' '));
    this.focus.after('[aria-invalid="true"], #task-actions-error');
  }

}

/** The extension's new due day: a real local day (YYYY-MM-DD), not before `today`. */
function dueDayProblem(day: string, today: string): ValidationErrors | null {
  if (!isLocalDay(day)) return { day: true };
  return day < today ? { past: true } : null;
}
