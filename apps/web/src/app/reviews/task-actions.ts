import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { EXTENSION_REASON_MAX, isOpenTaskStatus, type TaskDetail, type TaskSummary } from '@fieldwork/contracts';
import { ReviewsService, TenantTime, addLocalDays, formatShortDay, isLocalDay, readApiError } from '@fieldwork/web-core';

type Mode = 'extend' | 'excuse' | 'confirm-excuse' | null;

export const EXCUSE_REASON_MAX = 1_000;

/** Staff, on one student's task: give this student more time, or excuse them (with a reason). */
@Component({
  selector: 'app-task-actions',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let t = task();
    <section class="card" aria-labelledby="task-actions-heading">
      <h2 id="task-actions-heading">This student’s task</h2>
      @if (status(); as message) {
        <p class="alert alert--success" role="status" id="task-actions-status" tabindex="-1">{{ message }}</p>
      }
      @if (error(); as message) {
        <div class="alert alert--error" role="alert" id="task-actions-error" tabindex="-1"><p>{{ message }}</p></div>
      }

      @switch (mode()) {
        @case ('extend') {
          <form class="form" (submit)="$event.preventDefault(); extend()" novalidate aria-labelledby="extend-heading">
            <h3 id="extend-heading">Extend the due date for {{ t.student.name }}</h3>
            <div class="field field--narrow">
              <label for="extend-due-on">New due date</label>
              <input
                id="extend-due-on"
                type="date"
                [value]="dueOn()"
                (input)="dueOn.set(value($event)); fieldErrors.set({})"
                [attr.aria-invalid]="fieldErrors()['dueOn'] ? true : null"
                [attr.aria-describedby]="fieldErrors()['dueOn'] ? 'extend-due-on-hint extend-due-on-error' : 'extend-due-on-hint'"
              />
              <p class="hint" id="extend-due-on-hint">
                Due at the end of that day ({{ zone() }}). Now due {{ currentDue() }}; the rest of the cohort keeps its date.
              </p>
              @if (fieldErrors()['dueOn']; as message) {
                <p class="field-error" id="extend-due-on-error">{{ message }}</p>
              }
            </div>
            <div class="field">
              <label for="extend-reason">Reason <span class="muted">(optional; the student sees it)</span></label>
              <textarea
                id="extend-reason"
                rows="2"
                [attr.maxlength]="reasonMax"
                [value]="reason()"
                (input)="reason.set(value($event))"
                [attr.aria-invalid]="fieldErrors()['reason'] ? true : null"
                [attr.aria-describedby]="fieldErrors()['reason'] ? 'extend-reason-error' : null"
              ></textarea>
              @if (fieldErrors()['reason']; as message) {
                <p class="field-error" id="extend-reason-error">{{ message }}</p>
              }
            </div>
            <div class="form-actions">
              <button type="submit" class="button" [attr.aria-disabled]="pending() ? true : null">
                {{ pending() ? 'Saving…' : 'Extend due date' }}
              </button>
              <button type="button" class="button button--secondary" (click)="close()">Cancel</button>
            </div>
          </form>
        }
        @case ('excuse') {
          <form class="form" (submit)="$event.preventDefault(); askExcuse()" novalidate aria-labelledby="excuse-heading">
            <h3 id="excuse-heading">Excuse {{ t.student.name }} from “{{ t.title }}”</h3>
            <div class="field">
              <label for="excuse-reason">Reason</label>
              <textarea
                id="excuse-reason"
                rows="2"
                [attr.maxlength]="excuseMax"
                [value]="reason()"
                (input)="reason.set(value($event)); fieldErrors.set({})"
                [attr.aria-invalid]="fieldErrors()['reason'] ? true : null"
                [attr.aria-describedby]="fieldErrors()['reason'] ? 'excuse-reason-hint excuse-reason-error' : 'excuse-reason-hint'"
              ></textarea>
              <p class="hint" id="excuse-reason-hint">Required. The student sees it; the task leaves the completion counts.</p>
              @if (fieldErrors()['reason']; as message) {
                <p class="field-error" id="excuse-reason-error">{{ message }}</p>
              }
            </div>
            <div class="form-actions">
              <button type="submit" class="button">Excuse…</button>
              <button type="button" class="button button--secondary" (click)="close()">Cancel</button>
            </div>
          </form>
        }
        @case ('confirm-excuse') {
          <div class="alert alert--info" role="alertdialog" id="excuse-confirm" tabindex="-1" aria-labelledby="excuse-confirm-text">
            <p id="excuse-confirm-text">
              Excuse {{ t.student.name }} from “{{ t.title }}”? They will no longer need to submit it. Reason: {{ reason().trim() }}
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
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  readonly task = input.required<TaskDetail>();
  /** The task as the API answered after a change. */
  readonly changed = output<TaskSummary>();

  protected readonly reasonMax = EXTENSION_REASON_MAX;
  protected readonly excuseMax = EXCUSE_REASON_MAX;
  protected readonly zone = this.time.zone;
  protected readonly mode = signal<Mode>(null);
  protected readonly dueOn = signal('');
  protected readonly reason = signal('');
  protected readonly pending = signal(false);
  protected readonly fieldErrors = signal<Record<string, string>>({});
  protected readonly error = signal<string | null>(null);
  protected readonly status = signal<string | null>(null);

  protected readonly canExtend = computed(() => isOpenTaskStatus(this.task().status));
  protected readonly canExcuse = computed(() => !['approved', 'excused'].includes(this.task().status));
  protected readonly currentDue = computed(() => formatShortDay(this.task().dueOn || this.task().dueAt, this.zone()));

  protected value(event: Event): string {
    return (event.target as HTMLInputElement | HTMLTextAreaElement).value;
  }

  protected open(mode: 'extend' | 'excuse'): void {
    this.error.set(null);
    this.fieldErrors.set({});
    if (mode === 'extend') {
      const task = this.task();
      // A week after the later of today and the current due day, in the career center's days.
      const today = this.time.today();
      const current = task.dueOn || this.time.day(task.dueAt);
      this.dueOn.set(addLocalDays(current > today ? current : today, 7));
      this.reason.set('');
    } else if (this.mode() !== 'confirm-excuse') {
      this.reason.set('');
    }
    this.mode.set(mode);
    this.focus(mode === 'extend' ? '#extend-due-on' : '#excuse-reason');
  }

  protected close(): void {
    const was = this.mode();
    this.mode.set(null);
    this.focus(was === 'extend' ? '#open-extend' : '#open-excuse');
  }

  protected extend(): void {
    if (this.pending()) return;
    const day = this.dueOn();
    const task = this.task();
    const problems: Record<string, string> = {};
    if (!isLocalDay(day)) problems['dueOn'] = 'Choose the new due date.';
    else if (day < this.time.today()) problems['dueOn'] = 'Choose today or a later day.';
    if (this.reason().trim().length > EXTENSION_REASON_MAX) problems['reason'] = `Use at most ${EXTENSION_REASON_MAX} characters.`;
    if (Object.keys(problems).length) return this.invalid(problems);
    this.pending.set(true);
    this.reviews.extend(task.id, day, this.reason()).subscribe({
      next: (updated) => this.done(updated, `${task.student.name} now has until ${formatShortDay(updated.dueOn || day, this.zone())} (end of day).`),
      error: (err: unknown) => this.failed(err, 'Could not extend the due date.', ['dueOn', 'dueAt', 'reason']),
    });
  }

  protected askExcuse(): void {
    const reason = this.reason().trim();
    if (!reason) return this.invalid({ reason: 'Give a reason: the student sees it.' });
    if (reason.length > EXCUSE_REASON_MAX) return this.invalid({ reason: `Use at most ${EXCUSE_REASON_MAX} characters.` });
    this.fieldErrors.set({});
    this.mode.set('confirm-excuse');
    this.focus('#excuse-confirm');
  }

  protected excuse(): void {
    if (this.pending()) return;
    const task = this.task();
    this.pending.set(true);
    this.reviews.excuse(task.id, this.reason()).subscribe({
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
    this.focus('#task-actions-status');
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
    this.focus('[aria-invalid="true"], #task-actions-error');
  }

  private invalid(problems: Record<string, string>): void {
    this.fieldErrors.set(problems);
    this.focus('[aria-invalid="true"]');
  }

  private focus(selector: string): void {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus(), { injector: this.injector });
  }
}
