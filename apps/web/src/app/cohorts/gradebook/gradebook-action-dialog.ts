import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  OnInit,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import {
  EXTENSION_REASON_MAX,
  NUDGE_MESSAGE_MAX,
  type GradebookAssignment,
  type GradebookCell,
} from '@fieldwork/contracts';
import { GradebookService, TenantTime, formatLocalDay, readApiError } from '@fieldwork/web-core';
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

/**
 * One modal (native `<dialog>`) for acting on the chosen students of one
 * assignment: nudge (with a confirmation when someone was nudged in the last
 * 24 hours), extend the due date, or excuse.
 */
@Component({
  selector: 'app-gradebook-action-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
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
  private readonly injector = inject(Injector);
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

  protected readonly message = signal('');
  protected readonly dueOn = signal('');
  protected readonly reason = signal('');
  protected readonly errors = signal<Record<string, string>>({});
  protected readonly formError = signal<string | null>(null);
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
    this.message.set(defaultNudgeMessage(a.title, a.dueOn));
    this.dueOn.set(defaultExtensionDay(this.targets().map((t) => t.cell.dueOn), this.time.today(0)));
  }

  protected onInput(field: 'message' | 'dueOn' | 'reason', event: Event): void {
    const value = (event.target as HTMLInputElement | HTMLTextAreaElement).value;
    this[field].set(value);
    if (this.errors()[field]) this.errors.update(({ [field]: _, ...rest }) => rest);
  }

  protected submit(event: Event, allowRepeat = false): void {
    event.preventDefault();
    if (this.busy()) return;
    this.formError.set(null);
    const problems = this.validate();
    this.errors.set(problems);
    if (Object.keys(problems).length) {
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
        const placed: Record<string, string> = {};
        const others: string[] = [];
        for (const [field, text] of Object.entries(problem.fieldErrors)) {
          const key = field === 'dueAt' ? 'dueOn' : field;
          if (key === 'message' || key === 'dueOn' || key === 'reason') placed[key] = text;
          else others.push(text);
        }
        this.errors.set(placed);
        this.formError.set([problem.message, ...others].join(' '));
        this.focusFirstInvalid();
      },
    });
  }

  protected sendAgain(event: Event): void {
    this.submit(event, true);
  }

  protected backFromConfirm(): void {
    this.confirmNames.set(null);
    this.focus('textarea');
  }

  protected cancel(): void {
    this.close();
  }

  /** The dialog closed (Escape, Cancel, or after success). */
  protected onClose(): void {
    if (!this.succeeded) this.cancelled.emit();
  }

  protected errorFor(field: string): string | null {
    return this.errors()[field] ?? null;
  }

  private validate(): Record<string, string> {
    const problems: Record<string, string> = {};
    switch (this.kind()) {
      case 'nudge': {
        const text = this.message().trim();
        if (!text) problems['message'] = 'Write a message: the students read it in their inbox and e-mail.';
        else if (text.length > NUDGE_MESSAGE_MAX) problems['message'] = `The message is too long: at most ${NUDGE_MESSAGE_MAX.toLocaleString('en-US')} characters.`;
        break;
      }
      case 'extend': {
        const day = this.dueOn();
        if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) problems['dueOn'] = 'Choose the new due date.';
        else if (day < this.time.today(0)) problems['dueOn'] = 'The new due date is in the past: choose today or later.';
        if (this.reason().trim().length > REASON_MAX) problems['reason'] = `The reason is too long: at most ${REASON_MAX.toLocaleString('en-US')} characters.`;
        break;
      }
      case 'excuse': {
        const text = this.reason().trim();
        if (!text) problems['reason'] = 'Give a reason: it is kept with the task.';
        else if (text.length > REASON_MAX) problems['reason'] = `The reason is too long: at most ${REASON_MAX.toLocaleString('en-US')} characters.`;
        break;
      }
    }
    return problems;
  }

  private send(allowRepeat: boolean): Observable<string> {
    const cohortId = this.cohortId();
    const a = this.assignment();
    const targets = this.targets();
    const studentIds = targets.map((t) => t.id);
    switch (this.kind()) {
      case 'nudge':
        return this.api
          .nudge(cohortId, { assignmentId: a.id, studentIds, message: this.message(), allowRepeat })
          .pipe(map((r) => nudgeDoneMessage(r.recipients, a.title)));
      case 'extend': {
        const dueOn = this.dueOn();
        const reason = this.reason();
        if (targets.length === 1) {
          return this.api.extendTask(targets[0].cell.taskId, { dueOn, reason }).pipe(map(() => extendDoneMessage(1, dueOn, a.title)));
        }
        return this.api
          .extend(cohortId, { assignmentId: a.id, studentIds, dueOn, reason })
          .pipe(map((r) => extendDoneMessage(r.count, dueOn, a.title)));
      }
      case 'excuse':
        return this.api
          .excuse(cohortId, { assignmentId: a.id, studentIds, reason: this.reason() })
          .pipe(map((r) => excuseDoneMessage(r.count, a.title)));
    }
  }

  private askToConfirm(names: string[]): void {
    this.confirmNames.set(names);
    this.focus('[data-confirm-repeat]');
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
    this.focus('[aria-invalid="true"], .alert');
  }

  private focus(selector: string): void {
    afterNextRender(() => this.dialog().nativeElement.querySelector<HTMLElement>(selector)?.focus(), { injector: this.injector });
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
