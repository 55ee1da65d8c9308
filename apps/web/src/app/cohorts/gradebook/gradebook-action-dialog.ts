import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, OnInit, afterNextRender, computed, inject, input, output, signal, viewChild } from '@angular/core';
import { AbstractControl, FormBuilder, ReactiveFormsModule, ValidationErrors, ValidatorFn } from '@angular/forms';
import {
  EXTENSION_REASON_MAX,
  NUDGE_MESSAGE_MAX,
  type GradebookAssignment,
  type GradebookCell,
} from '@fieldwork/contracts';
import { GradebookService, TenantTime, formatLocalDay, readApiError } from '@fieldwork/web-core';
import { ErrorMessages, FwAlert, FwControl, FwField, RequestErrors, pageFocus, requiredText } from '@fieldwork/web-ui';
import { Observable, Subscription, map } from 'rxjs';
import {
  defaultExtensionDay,
  defaultNudgeMessage,
  excuseDoneMessage,
  extendDoneMessage,
  namesText,
  nudgeDoneMessage,
  nudgedRecently,
  studentsText,
} from './gradebook-text';

export type GradebookAction = 'nudge' | 'extend' | 'excuse';

/** A chosen student and their task for the assignment acted on. */
export interface ActionTarget {
  id: string;
  name: string;
  cell: GradebookCell;
}

const REASON_MAX = EXTENSION_REASON_MAX;

/** At most `max` characters once trimmed (error key `tooLong`). */
function maxTrimmedLength(max: number): ValidatorFn {
  return (control: AbstractControl<string>): ValidationErrors | null => (control.value.trim().length > max ? { tooLong: true } : null);
}

/** A YYYY-MM-DD day, not before `today()` (error keys `required`, `past`). */
function dayFrom(today: () => string): ValidatorFn {
  return (control: AbstractControl<string>): ValidationErrors | null => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(control.value)) return { required: true };
    return control.value < today() ? { past: true } : null;
  };
}

/** What each field says when it is refused. */
const FIELD_MESSAGES: Record<'message' | 'dueOn' | 'reason', ErrorMessages> = {
  message: {
    required: 'Write a message: the students read it in their inbox and e-mail.',
    tooLong: `The message is too long: at most ${NUDGE_MESSAGE_MAX.toLocaleString('en-US')} characters.`,
  },
  dueOn: { required: 'Choose the new due date.', past: 'The new due date is in the past: choose today or later.' },
  reason: {
    required: 'Give a reason: it is kept with the task.',
    tooLong: `The reason is too long: at most ${REASON_MAX.toLocaleString('en-US')} characters.`,
  },
};

/**
 * One modal (native `<dialog>`) for acting on the chosen students of one
 * assignment: nudge (with a confirmation when someone was nudged in the last
 * 24 hours), extend the due date, or excuse.
 */
@Component({
  selector: 'app-gradebook-action-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, FwField, FwControl, FwAlert],
  templateUrl: './gradebook-action-dialog.html',
  styles: `
    dialog {
      width: min(34rem, calc(100vw - 2rem));
      max-height: calc(100vh - 2rem);
      padding: 1.25rem;
      border: 1px solid var(--fw-border-strong);
      border-radius: calc(var(--fw-radius) + 2px);
      box-shadow: 0 10px 30px rgb(16 24 40 / 25%);
      color: var(--fw-text);
    }
    dialog::backdrop {
      background: rgb(16 24 40 / 45%);
    }
    .gb-dialog__who {
      margin: 0 0 1rem;
    }
    .gb-dialog__counter {
      justify-self: end;
    }
    form {
      display: grid;
      gap: 1rem;
    }
    input[type='date'] {
      min-height: 2.625rem;
      padding: 0.5rem 0.75rem;
      font: inherit;
      border: 1px solid var(--fw-border-strong);
      border-radius: var(--fw-radius);
      max-width: 14rem;
    }
  `,
})
export class GradebookActionDialog implements OnInit {
  private readonly api = inject(GradebookService);
  private readonly time = inject(TenantTime);
  private readonly focus = pageFocus();
  private request: Subscription | null = null;

  readonly kind = input.required<GradebookAction>();
  readonly cohortId = input.required<string>();
  readonly assignment = input.required<GradebookAssignment>();
  readonly targets = input.required<ActionTarget[]>();

  /** The action succeeded: a sentence saying what happened. */
  readonly done = output<string>();
  /** Closed without acting. */
  readonly cancelled = output<void>();

  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');

  protected readonly nudgeMax = NUDGE_MESSAGE_MAX;
  protected readonly reasonMax = REASON_MAX;
  protected readonly formatLocalDay = formatLocalDay;
  protected readonly namesText = namesText;

  protected readonly messages = FIELD_MESSAGES;
  protected readonly form = inject(FormBuilder).nonNullable.group({ message: [''], dueOn: [''], reason: [''] });
  protected readonly errors = new RequestErrors(['message', 'dueOn', 'reason']);
  protected readonly busy = signal(false);
  /** Students nudged in the last 24 hours: set when a confirmation is needed. */
  protected readonly confirmNames = signal<string[] | null>(null);
  private succeeded = false;

  protected readonly heading = computed(() => {
    switch (this.kind()) {
      case 'nudge':
        return 'Nudge students';
      case 'extend':
        return 'Extend the due date';
      case 'excuse':
        return 'Excuse students';
    }
  });
  protected readonly who = computed(() => `${studentsText(this.targets().length)}: ${namesText(this.targets().map((t) => t.name))}`);
  /** The current due days of the chosen students' tasks. */
  protected readonly currentDue = computed(() => {
    const days = [...new Set(this.targets().map((t) => t.cell.dueOn))].sort();
    return days.map((d) => formatLocalDay(d)).join(', ');
  });
  protected readonly minDay = computed(() => this.time.today(0));

  constructor() {
    afterNextRender(() => {
      const el = this.dialog().nativeElement;
      if (typeof el.showModal === 'function') el.showModal();
      else el.setAttribute('open', '');
      el.querySelector<HTMLElement>('textarea, input')?.focus();
    });
    inject(DestroyRef).onDestroy(() => this.request?.unsubscribe());
  }

  ngOnInit(): void {
    const a = this.assignment();
    const { message, dueOn, reason } = this.form.controls;
    message.setValue(defaultNudgeMessage(a.title, a.dueOn));
    dueOn.setValue(defaultExtensionDay(this.targets().map((t) => t.cell.dueOn), this.time.today(0)));
    // Only the chosen action's fields are checked.
    switch (this.kind()) {
      case 'nudge':
        message.setValidators([requiredText, maxTrimmedLength(NUDGE_MESSAGE_MAX)]);
        break;
      case 'extend':
        dueOn.setValidators(dayFrom(() => this.time.today(0)));
        reason.setValidators(maxTrimmedLength(REASON_MAX));
        break;
      case 'excuse':
        reason.setValidators([requiredText, maxTrimmedLength(REASON_MAX)]);
        break;
    }
    this.form.updateValueAndValidity();
  }

  protected submit(allowRepeat = false): void {
    if (this.busy()) return;
    this.errors.clear();
    this.form.updateValueAndValidity();
    if (this.form.invalid) {
      this.focusFirstInvalid();
      return;
    }
    if (this.kind() === 'nudge' && !allowRepeat) {
      const recent = this.targets().filter((t) => nudgedRecently(t.cell.lastNudgedAt));
      if (recent.length) {
        this.askToConfirm(recent.map((t) => t.name));
        return;
      }
    }
    this.busy.set(true);
    this.request?.unsubscribe();
    this.request = this.send(allowRepeat).subscribe({
      next: (text) => {
        this.busy.set(false);
        this.succeeded = true;
        this.close();
        this.done.emit(text);
      },
      error: (err: unknown) => {
        this.busy.set(false);
        const repeat = recentlyNudged(err);
        if (this.kind() === 'nudge' && repeat) {
          const byId = new Map(this.targets().map((t) => [t.id, t.name]));
          this.askToConfirm(repeat.map((s) => s.name || byId.get(s.id) || 'A student'));
          return;
        }
        const problem = readApiError(err, 'Could not save. Please try again.');
        // The API calls the new due day `dueAt` on the bulk endpoint.
        const fieldErrors = Object.fromEntries(
          Object.entries(problem.fieldErrors).map(([field, text]) => [field === 'dueAt' ? 'dueOn' : field, text]),
        );
        this.errors.show({ message: problem.message, fieldErrors });
        this.focusFirstInvalid();
      },
    });
  }

  protected sendAgain(): void {
    this.submit(true);
  }

  protected backFromConfirm(): void {
    this.confirmNames.set(null);
    this.focus.after('textarea');
  }

  protected cancel(): void {
    this.close();
  }

  /** The dialog closed (Escape, Cancel, or after success). */
  protected onClose(): void {
    if (!this.succeeded) this.cancelled.emit();
  }

  private send(allowRepeat: boolean): Observable<string> {
    const cohortId = this.cohortId();
    const a = this.assignment();
    const targets = this.targets();
    const studentIds = targets.map((t) => t.id);
    switch (this.kind()) {
      case 'nudge':
        return this.api
          .nudge(cohortId, { assignmentId: a.id, studentIds, message: this.form.controls.message.value, allowRepeat })
          .pipe(map((r) => nudgeDoneMessage(r.recipients, a.title)));
      case 'extend': {
        const { dueOn, reason } = this.form.getRawValue();
        if (targets.length === 1) {
          return this.api.extendTask(targets[0].cell.taskId, { dueOn, reason }).pipe(map(() => extendDoneMessage(1, dueOn, a.title)));
        }
        return this.api
          .extend(cohortId, { assignmentId: a.id, studentIds, dueOn, reason })
          .pipe(map((r) => extendDoneMessage(r.count, dueOn, a.title)));
      }
      case 'excuse':
        return this.api
          .excuse(cohortId, { assignmentId: a.id, studentIds, reason: this.form.controls.reason.value })
          .pipe(map((r) => excuseDoneMessage(r.count, a.title)));
    }
  }

  private askToConfirm(names: string[]): void {
    this.confirmNames.set(names);
    this.focus.after('[data-confirm-repeat]');
  }

  private close(): void {
    const el = this.dialog().nativeElement;
    if (typeof el.close === 'function') el.close();
    else {
      el.removeAttribute('open');
      this.onClose();
    }
  }

  private focusFirstInvalid(): void {
    this.focus.after('[aria-invalid="true"], .alert');
  }
}

/** The students of a 409 `recently_nudged` answer, or null for any other error. */
function recentlyNudged(err: unknown): { id: string; name: string }[] | null {
  if (!(err instanceof HttpErrorResponse) || err.status !== 409) return null;
  const body: unknown = typeof err.error === 'string' ? safeJson(err.error) : err.error;
  if (!body || typeof body !== 'object' || (body as { code?: unknown }).code !== 'recently_nudged') return null;
  const students = (body as { students?: unknown }).students;
  return Array.isArray(students)
    ? students.filter((s): s is { id: string; name: string } => !!s && typeof s === 'object' && typeof (s as { id?: unknown }).id === 'string')
    : [];
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
