import { ChangeDetectionStrategy, Component, DestroyRef, effect, inject, input, signal, untracked } from '@angular/core';
import { FormBuilder, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { CATEGORY_LABELS, type AssignmentSummary, type UpdateAssignmentRequest } from '@fieldwork/contracts';
import { AssignmentsService, formatDay, isoToDateInput, readApiError } from '@fieldwork/web-core';
import { FwAlert, FwLoadMore, FwStatusBadge, cursorList, pageFocus } from '@fieldwork/web-ui';
import { Subscription } from 'rxjs';
import { AssignmentProgress } from './assignment-progress';
import { DueFields, dueChoice, dueRuleValidator } from './due-fields';
import { DueMode, dueText } from './due-rule';

/** The homework of one cohort with progress; change due dates, archive. */
@Component({
  selector: 'app-cohort-assignments',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, AssignmentProgress, ReactiveFormsModule, DueFields, FwAlert, FwLoadMore, FwStatusBadge],
  templateUrl: './cohort-assignments.html',
})
export class CohortAssignments {
  private readonly assignmentsApi = inject(AssignmentsService);
  private readonly focus = pageFocus();
  private requests: Subscription[] = [];

  readonly cohortId = input.required<string>();
  readonly archivedCohort = input(false);
  /** Bump to reload (e.g. after the roster changed: new students get the cohort's homework). */
  readonly refreshKey = input(0);

  protected readonly categoryLabels = CATEGORY_LABELS;
  protected readonly dueText = dueText;
  protected readonly formatDay = formatDay;

  protected readonly items = cursorList(
    (cursor) => this.assignmentsApi.list({ cohortId: this.cohortId(), archived: false, cursor: cursor ?? undefined }),
    { errorMessage: (err) => readApiError(err, 'Could not load the homework of this cohort.').message },
  );
  protected readonly showArchived = signal(false);
  protected readonly archivedItems = signal<AssignmentSummary[] | null>(null);
  protected readonly editing = signal<string | null>(null);
  /** The opening day of the homework being edited: its due date may not be before it. */
  private editedOpensOn: string | undefined;
  protected readonly dueForm = inject(FormBuilder).nonNullable.group(
    { dueMode: ['fixed' as DueMode], dueDate: [''], dueDays: [null as number | null] },
    { validators: dueRuleValidator(() => this.editedOpensOn) },
  );
  /** The server's word on the due rule, by control (`dueDate`, `dueDays`). */
  protected readonly dueServerErrors = signal<Record<string, string>>({});
  protected readonly busy = signal<string | null>(null);
  protected readonly status = signal('');
  protected readonly actionError = signal<string | null>(null);
  protected readonly undo = signal<AssignmentSummary | null>(null);

  constructor() {
    effect(() => {
      this.cohortId();
      this.refreshKey();
      untracked(() => this.items.reload());
    });
    inject(DestroyRef).onDestroy(() => this.requests.forEach((r) => r.unsubscribe()));
  }

  protected toggleArchived(event: Event): void {
    const on = (event.target as HTMLInputElement).checked;
    this.showArchived.set(on);
    if (on) this.loadArchived();
  }

  protected startEdit(a: AssignmentSummary): void {
    this.dueServerErrors.set({});
    this.actionError.set(null);
    const relative = a.dueDaysAfterJoin !== null && a.dueDaysAfterJoin !== undefined;
    this.editedOpensOn = a.opensOn || isoToDateInput(a.opensAt);
    this.dueForm.reset({
      dueMode: relative ? 'relative' : 'fixed',
      dueDate: a.dueOn ?? isoToDateInput(a.dueAt),
      dueDays: relative ? a.dueDaysAfterJoin : 14,
    });
    this.editing.set(a.id);
    this.focus.after(`#due-${a.id} input[type=radio]:checked`);
  }

  protected cancelEdit(a: AssignmentSummary): void {
    this.editing.set(null);
    this.focus.after(`[data-edit="${a.id}"]`);
  }

  protected saveDue(a: AssignmentSummary): void {
    this.dueServerErrors.set({});
    const due = dueChoice(this.dueForm.getRawValue(), this.editedOpensOn);
    if (!due) {
      this.focus.after(`#due-${a.id} [aria-invalid="true"]`);
      return;
    }
    this.update(a, due, (updated) => `${updated.title}: now ${dueText(updated).replace(/^Due/, 'due')}.`, () => {
      this.editing.set(null);
      this.focus.after(`[data-edit="${a.id}"]`);
    });
  }

  protected archive(a: AssignmentSummary): void {
    this.update(a, { archived: true }, (updated) => `Archived “${updated.title}”. Students no longer see it.`, (updated) => {
      this.items.replace((list) => list.filter((x) => x.id !== a.id));
      this.undo.set(updated);
      if (this.showArchived()) this.loadArchived();
      this.focus.after('#assignments-status');
    });
  }

  protected unarchive(a: AssignmentSummary): void {
    this.update(a, { archived: false }, (updated) => `“${updated.title}” is live again.`, (updated) => {
      this.undo.set(null);
      this.archivedItems.update((list) => list?.filter((x) => x.id !== a.id) ?? null);
      this.items.replace((list) => [updated, ...list.filter((x) => x.id !== a.id)]);
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
          this.items.replace((list) => list.map((x) => (x.id === a.id ? merged : x)));
          this.status.set(describe(merged));
          after(merged);
        },
        error: (err: unknown) => {
          this.busy.set(null);
          const problem = readApiError(err, 'Could not update the homework.');
          const field = Object.keys(problem.fieldErrors)[0];
          if (field && this.editing() === a.id) {
            // The days-after-joining rule has its own field; any other problem is about the date.
            this.dueServerErrors.set({ [field === 'dueDaysAfterJoin' ? 'dueDays' : 'dueDate']: problem.fieldErrors[field] });
          } else {
            this.actionError.set(`${a.title}: ${problem.message}`);
          }
        },
      }),
    );
  }

  private track(subscription: Subscription): void {
    this.requests = [...this.requests.filter((r) => !r.closed), subscription];
  }
}
