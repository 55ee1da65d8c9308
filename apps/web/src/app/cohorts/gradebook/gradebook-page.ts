import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import {
  GRADEBOOK_STATUSES,
  GRADEBOOK_STATUS_LABELS,
  type Gradebook,
  type GradebookAssignment,
  type GradebookCell,
  type GradebookStatus,
  type GradebookStudent,
} from '@fieldwork/contracts';
import { GradebookService, formatLocalDay, readApiError } from '@fieldwork/web-core';
import { FwAlert, FwControl, FwField, cursorList, pageFocus, pageTitle } from '@fieldwork/web-ui';
import { combineLatest, map, tap } from 'rxjs';
import { CohortTabs } from '../cohort-tabs';
import { ActionTarget, GradebookAction, GradebookActionDialog } from './gradebook-action-dialog';
import { GRADEBOOK_PAGE_SIZE, dueLabel, isGradebookStatus, studentsText } from './gradebook-text';
import { GradebookStatusBadge } from './status-badge';

/** The gradebook's filter, as in the URL: `?assignment=<id>&status=<status>&q=`. */
export interface GradebookFilter {
  assignment: string;
  status: GradebookStatus | '';
  q: string;
}

interface Row {
  student: GradebookStudent;
  /** One per assignment column (null: the student has no task for it). */
  cells: (GradebookCell | null)[];
  /** The cell of the filtered assignment, when one is chosen. */
  chosen: GradebookCell | null;
}

/** Narrow screens get a per-student list instead of the table. */
export const PHONE_QUERY = '(max-width: 600px)';

/**
 * A cohort's gradebook: students as rows, homework as columns, each cell the
 * task's status in words; filter by homework and status ("who hasn't
 * started X"), choose students and nudge them, extend their due date or
 * excuse them.
 */
@Component({
  selector: 'app-gradebook-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, GradebookStatusBadge, GradebookActionDialog, CohortTabs, FwAlert, FwField, FwControl],
  templateUrl: './gradebook-page.html',
  styleUrl: './gradebook-page.css',
})
export class GradebookPage {
  private readonly api = inject(GradebookService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly setTitle = pageTitle();
  private readonly focus = pageFocus();

  protected readonly statuses = GRADEBOOK_STATUSES;
  protected readonly statusLabels = GRADEBOOK_STATUS_LABELS;
  protected readonly dueLabel = dueLabel;
  protected readonly studentsText = studentsText;
  protected readonly formatDay = formatLocalDay;

  protected readonly cohortId = signal('');
  protected readonly filter = signal<GradebookFilter>({ assignment: '', status: '', q: '' });
  protected readonly book = signal<Gradebook | null>(null);
  /** The students shown, page by page (each page also brings the cohort and its homework: `book`). */
  protected readonly students = cursorList<GradebookStudent>(
    (cursor) => {
      const f = this.filter();
      return this.api
        .gradebook(this.cohortId(), {
          assignmentId: f.assignment || undefined,
          status: f.assignment && f.status ? f.status : undefined,
          q: f.q || undefined,
          cursor: cursor ?? undefined,
          limit: GRADEBOOK_PAGE_SIZE,
        })
        .pipe(
          tap((book) => {
            this.book.set(book);
            this.setTitle(`Gradebook: ${book.cohort.name}`);
          }),
          map((book) => ({ items: book.students, nextCursor: book.nextCursor })),
        );
    },
    {
      errorMessage: (err) => {
        const problem = readApiError(err, 'Could not load the gradebook.');
        this.notFound.set(problem.status === 404);
        return problem.message;
      },
    },
  );
  protected readonly notFound = signal(false);
  protected readonly selected = signal<ReadonlySet<string>>(new Set());
  protected readonly dialog = signal<{ kind: GradebookAction; assignment: GradebookAssignment; targets: ActionTarget[] } | null>(null);
  protected readonly statusMessage = signal('');
  protected readonly phone = signal(false);

  protected readonly assignments = computed(() => this.book()?.assignments ?? []);
  /** The homework chosen in the filter (actions apply to it). */
  protected readonly chosen = computed(() => this.assignments().find((a) => a.id === this.filter().assignment) ?? null);
  protected readonly rows = computed<Row[]>(() => {
    const columns = this.assignments();
    const chosenId = this.chosen()?.id;
    return this.students.items().map((student) => {
      const byAssignment = new Map(student.cells.map((c) => [c.assignmentId, c]));
      return {
        student,
        cells: columns.map((a) => byAssignment.get(a.id) ?? null),
        chosen: chosenId ? (byAssignment.get(chosenId) ?? null) : null,
      };
    });
  });
  /** Rows that can be chosen: those with a task for the chosen homework. */
  protected readonly selectable = computed(() => this.rows().filter((r) => r.chosen));
  protected readonly allSelected = computed(() => {
    const ids = this.selected();
    const rows = this.selectable();
    return rows.length > 0 && rows.every((r) => ids.has(r.student.id));
  });
  protected readonly someSelected = computed(() => this.selected().size > 0 && !this.allSelected());
  protected readonly filtered = computed(() => {
    const f = this.filter();
    return !!(f.assignment || f.status || f.q);
  });
  protected readonly summary = computed(() => {
    const book = this.book();
    if (!book) return '';
    const f = this.filter();
    const a = this.chosen();
    const total = studentsText(book.totalStudents);
    if (a && f.status) return `${total} ${f.status === 'not_started' ? 'haven’t started' : `with “${GRADEBOOK_STATUS_LABELS[f.status]}” on`} “${a.title}”${f.q ? ` matching “${f.q}”` : ''}.`;
    return `${total}${f.q ? ` matching “${f.q}”` : ''}.`;
  });

  constructor() {
    combineLatest([this.route.paramMap, this.route.queryParamMap])
      .pipe(takeUntilDestroyed())
      .subscribe(([params, query]) => {
        const status = query.get('status');
        this.cohortId.set(params.get('id') ?? '');
        this.filter.set({
          assignment: query.get('assignment') ?? '',
          status: isGradebookStatus(status) ? status : '',
          q: query.get('q') ?? '',
        });
        this.selected.set(new Set());
        this.load();
      });
    this.watchPhone();
  }

  /** The first page for the current filter. */
  protected load(): void {
    this.notFound.set(false);
    this.students.reload();
  }

  protected setAssignment(event: Event): void {
    const assignment = (event.target as HTMLSelectElement).value;
    this.navigate({ ...this.filter(), assignment, status: assignment ? this.filter().status : '' });
  }

  protected setStatus(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    this.navigate({ ...this.filter(), status: isGradebookStatus(value) ? value : '' });
  }

  protected search(event: Event): void {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).querySelector<HTMLInputElement>('#gb-search');
    this.navigate({ ...this.filter(), q: (input?.value ?? '').trim() });
  }

  protected clearFilter(): void {
    this.navigate({ assignment: '', status: '', q: '' });
  }

  protected isSelected(studentId: string): boolean {
    return this.selected().has(studentId);
  }

  protected toggle(studentId: string, event: Event): void {
    const on = (event.target as HTMLInputElement).checked;
    this.selected.update((current) => {
      const next = new Set(current);
      if (on) next.add(studentId);
      else next.delete(studentId);
      return next;
    });
  }

  protected toggleAll(event: Event): void {
    const on = (event.target as HTMLInputElement).checked;
    this.selected.set(on ? new Set(this.selectable().map((r) => r.student.id)) : new Set());
  }

  protected open(kind: GradebookAction): void {
    const assignment = this.chosen();
    if (!assignment) return;
    const ids = this.selected();
    const targets = this.selectable()
      .filter((r) => ids.has(r.student.id) && r.chosen)
      .map((r) => ({ id: r.student.id, name: r.student.name, cell: r.chosen as GradebookCell }));
    if (!targets.length) {
      this.statusMessage.set('Choose students first: tick the box beside each name.');
      return;
    }
    this.statusMessage.set('');
    this.dialog.set({ kind, assignment, targets });
  }

  protected onDone(message: string): void {
    this.dialog.set(null);
    this.statusMessage.set(message);
    this.selected.set(new Set());
    this.load();
    this.focus.after('#gb-status');
  }

  protected onCancelled(): void {
    this.dialog.set(null);
  }

  private navigate(f: GradebookFilter): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { assignment: f.assignment || null, status: (f.assignment && f.status) || null, q: f.q || null },
    });
  }

  private watchPhone(): void {
    if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return;
    const media = window.matchMedia(PHONE_QUERY);
    this.phone.set(media.matches);
    const listener = (e: MediaQueryListEvent) => this.phone.set(e.matches);
    media.addEventListener?.('change', listener);
    inject(DestroyRef).onDestroy(() => media.removeEventListener?.('change', listener));
  }
}
