import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { CATEGORY_LABELS, type AssignmentSummary, type UpdateAssignmentRequest } from '@fieldwork/contracts';
import { AssignmentsService, formatDay, isoToDateInput, readApiError } from '@fieldwork/web-core';
import { Subscription } from 'rxjs';
import { AssignmentProgress } from './assignment-progress';
import { DueInput, dueText, readDue } from './due-rule';

/** The homework of one cohort with progress; change due dates, archive. */
@Component({
  selector: 'app-cohort-assignments',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, AssignmentProgress],
  templateUrl: './cohort-assignments.html',
})
export class CohortAssignments {
  private readonly assignmentsApi = inject(AssignmentsService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private requests: Subscription[] = [];

  readonly cohortId = input.required<string>();
  readonly archivedCohort = input(false);
  /** Bump to reload (e.g. after the roster changed: new students get the cohort's homework). */
  readonly refreshKey = input(0);

  protected readonly categoryLabels = CATEGORY_LABELS;
  protected readonly dueText = dueText;
  protected readonly formatDay = formatDay;

  protected readonly items = signal<AssignmentSummary[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<string | null>(null);
  protected readonly showArchived = signal(false);
  protected readonly archivedItems = signal<AssignmentSummary[] | null>(null);
  protected readonly editing = signal<string | null>(null);
  protected readonly due = signal<DueInput>({ mode: 'fixed', date: '', days: '' });
  protected readonly dueError = signal<{ field: string; message: string } | null>(null);
  protected readonly busy = signal<string | null>(null);
  protected readonly status = signal('');
  protected readonly actionError = signal<string | null>(null);
  protected readonly undo = signal<AssignmentSummary | null>(null);

  constructor() {
    effect(() => {
      this.cohortId();
      this.refreshKey();
      untracked(() => this.load());
    });
    inject(DestroyRef).onDestroy(() => this.requests.forEach((r) => r.unsubscribe()));
  }

  protected load(cursor?: string): void {
    this.loading.set(true);
    this.loadError.set(null);
    this.track(
      this.assignmentsApi.list({ cohortId: this.cohortId(), archived: false, cursor }).subscribe({
        next: (page) => {
          this.items.update((list) => (cursor ? [...list, ...page.items] : page.items));
          this.nextCursor.set(page.nextCursor);
          this.loading.set(false);
        },
        error: (err: unknown) => {
          this.loading.set(false);
          this.loadError.set(readApiError(err, 'Could not load the homework of this cohort.').message);
        },
      }),
    );
  }

  protected toggleArchived(event: Event): void {
    const on = (event.target as HTMLInputElement).checked;
    this.showArchived.set(on);
    if (on) this.loadArchived();
  }

  protected startEdit(a: AssignmentSummary): void {
    this.dueError.set(null);
    this.actionError.set(null);
    const relative = a.dueDaysAfterJoin !== null && a.dueDaysAfterJoin !== undefined;
    this.due.set({
      mode: relative ? 'relative' : 'fixed',
      date: a.dueOn ?? isoToDateInput(a.dueAt),
      days: relative ? String(a.dueDaysAfterJoin) : '14',
    });
    this.editing.set(a.id);
    this.focus(`#due-${a.id} input[type=radio]:checked`);
  }

  protected cancelEdit(a: AssignmentSummary): void {
    this.editing.set(null);
    this.focus(`[data-edit="${a.id}"]`);
  }

  protected setDue(patch: Partial<DueInput>): void {
    this.due.update((current) => ({ ...current, ...patch }));
  }

  protected saveDue(a: AssignmentSummary): void {
    const result = readDue(this.due(), a.opensOn || isoToDateInput(a.opensAt));
    if (!result.ok) {
      this.dueError.set({ field: result.field, message: result.message });
      this.focus(`#due-${a.id} [aria-invalid="true"]`);
      return;
    }
    this.dueError.set(null);
    this.update(a, result.value, (updated) => `${updated.title}: now ${dueText(updated).replace(/^Due/, 'due')}.`, () => {
      this.editing.set(null);
      this.focus(`[data-edit="${a.id}"]`);
    });
  }

  protected archive(a: AssignmentSummary): void {
    this.update(a, { archived: true }, (updated) => `Archived “${updated.title}”. Students no longer see it.`, (updated) => {
      this.items.update((list) => list.filter((x) => x.id !== a.id));
      this.undo.set(updated);
      if (this.showArchived()) this.loadArchived();
      this.focus('#assignments-status');
    });
  }

  protected unarchive(a: AssignmentSummary): void {
    this.update(a, { archived: false }, (updated) => `“${updated.title}” is live again.`, (updated) => {
      this.undo.set(null);
      this.archivedItems.update((list) => list?.filter((x) => x.id !== a.id) ?? null);
      this.items.update((list) => [updated, ...list.filter((x) => x.id !== a.id)]);
    });
  }

  private loadArchived(): void {
    this.track(
      this.assignmentsApi.list({ cohortId: this.cohortId(), archived: true }).subscribe({
        next: (page) => this.archivedItems.set(page.items),
        error: (err: unknown) => this.actionError.set(readApiError(err, 'Could not load archived homework.').message),
      }),
    );
  }

  private update(
    a: AssignmentSummary,
    changes: UpdateAssignmentRequest,
    describe: (updated: AssignmentSummary) => string,
    after: (updated: AssignmentSummary) => void,
  ): void {
    if (this.busy()) return;
    this.busy.set(a.id);
    this.actionError.set(null);
    this.track(
      this.assignmentsApi.update(a.id, changes).subscribe({
        next: (updated) => {
          this.busy.set(null);
          // Some answers may leave out the progress: keep what we had.
          const merged = { ...a, ...updated, progress: updated.progress ?? a.progress };
          this.items.update((list) => list.map((x) => (x.id === a.id ? merged : x)));
          this.status.set(describe(merged));
          after(merged);
        },
        error: (err: unknown) => {
          this.busy.set(null);
          const problem = readApiError(err, 'Could not update the homework.');
          const field = Object.keys(problem.fieldErrors)[0];
          if (field && this.editing() === a.id) {
            this.dueError.set({ field, message: problem.fieldErrors[field] });
          } else {
            this.actionError.set(`${a.title}: ${problem.message}`);
          }
        },
      }),
    );
  }

  private focus(selector: string): void {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus(), {
      injector: this.injector,
    });
  }

  private track(subscription: Subscription): void {
    this.requests = [...this.requests.filter((r) => !r.closed), subscription];
  }
}
