import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { CATEGORY_LABELS, isOpenTaskStatus, type Page, type TaskSummary } from '@fieldwork/contracts';
import {
  STUDENT_TASK_VIEWS,
  type StudentTaskView,
  TasksService,
  TenantTime,
  describeDue,
  shortDateText,
  readApiError,
  taskBadges,
  taskViewFilter,
} from '@fieldwork/web-core';
import { FwAlert, FwLoadMore, FwStatusBadge, cursorList } from '@fieldwork/web-ui';
import { Observable, of, switchMap } from 'rxjs';

export const TASKS_PAGE_SIZE = 25;
const MAX_SKIPPED_PAGES = 4;

const EMPTY_TEXT: Record<StudentTaskView, string> = {
  open: 'Nothing to do right now. While you wait for your next assignment, think of one person in your chosen field you would like to talk to, and add them to your network.',
  all: 'No homework yet. When your advisor assigns some, it shows up here — informational interviews, thank-you notes and follow-ups with people in your field.',
  due_soon: 'Nothing is due in the next two days. A good moment to get ahead on your open tasks.',
  overdue: 'Nothing overdue. Nice work keeping up.',
  revision_requested: 'No revisions requested. When your advisor asks for changes, the task shows up here with their comments.',
  submitted: 'Nothing waiting for review. Submitted reflections show up here until your advisor reviews them.',
  approved: 'No approved tasks yet. Each approved reflection is a conversation you have had and a person who now knows you.',
  assigned: 'No tasks you haven’t started.',
  in_progress: 'No tasks in progress.',
  excused: 'No excused tasks.',
};

/** Student: "My tasks" — their homework with filters and paging. */
@Component({
  selector: 'app-task-list-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, FwAlert, FwLoadMore, FwStatusBadge],
  templateUrl: './task-list-page.html',
  styles: `
    .chips {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      margin: 0 0 1rem;
      padding: 0;
      border: 0;
    }
    .task-list {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 0.75rem;
    }
    .task {
      margin: 0;
      padding: 1rem;
      display: grid;
      gap: 0.25rem 1rem;
      grid-template-columns: minmax(0, 1fr) auto;
      align-items: start;
    }
    .task h2 {
      font-size: 1.075rem;
      margin: 0;
    }
    .task p {
      margin: 0;
    }
    .task .badges {
      grid-column: 2;
      grid-row: 1 / span 2;
      justify-content: flex-end;
    }
    @media (max-width: 36rem) {
      .task {
        grid-template-columns: minmax(0, 1fr);
      }
      .task .badges {
        grid-column: 1;
        grid-row: auto;
        justify-content: flex-start;
      }
    }
  `,
})
export class TaskListPage {
  private readonly tasks = inject(TasksService);

  protected readonly views = STUDENT_TASK_VIEWS;
  protected readonly categoryLabels = CATEGORY_LABELS;
  protected readonly badgesOf = taskBadges;

  protected readonly view = signal<StudentTaskView>('open');
  protected readonly now = signal(new Date());
  private readonly time = inject(TenantTime);
  protected readonly list = cursorList((cursor) => this.page(this.view(), cursor), {
    errorMessage: (err) => readApiError(err, 'Could not load your tasks.').message,
    onPage: () => this.now.set(new Date()),
  });

  protected readonly emptyText = computed(() => EMPTY_TEXT[this.view()]);

  /** The status line: loading, or how many tasks the view shows. */
  protected readonly announcement = computed(() => {
    const list = this.list;
    if (list.loading() && !list.loadingMore()) return 'Loading your tasks…';
    if (list.error() || !list.loaded()) return '';
    const n = list.items().length;
    const label = this.views.find((v) => v.value === this.view())?.label ?? '';
    const more = list.hasMore() ? ' (more to load)' : '';
    return `${n} ${n === 1 ? 'task' : 'tasks'} · ${label}${more}.`;
  });

  constructor() {
    this.list.reload();
  }

  protected choose(view: StudentTaskView): void {
    if (view === this.view()) return;
    this.view.set(view);
    this.list.reload();
  }

  /** Due words in the career center's local days: "due in 2 days · Dec 10, 11:59 PM" (+ " ET" from elsewhere). */
  protected due(task: TaskSummary): string {
    const zone = this.time.zone();
    const now = this.now();
    if (task.status === 'excused') return task.excusedReason ? `Excused: ${task.excusedReason}` : 'Excused by your advisor';
    const open = isOpenTaskStatus(task.status);
    const extended = task.extension ? ' (extended)' : '';
    if (open) return `${describeDue(task.dueAt, now, zone).text}${extended}`;
    const due = `due ${shortDateText(task.dueAt, now, zone)}${extended}`;
    if (task.status === 'approved' && task.approvedAt) return `Approved ${shortDateText(task.approvedAt, now, zone)} · ${due}`;
    if (task.submittedAt) return `Submitted ${shortDateText(task.submittedAt, now, zone)} · ${due}`;
    return due.charAt(0).toUpperCase() + due.slice(1);
  }

  /**
   * One page of a view. The API has no "open" filter, so "All open" asks for
   * everything (sorted by due date) and keeps the open work; a page without
   * any goes straight on to the next, a few pages at most.
   */
  private page(view: StudentTaskView, cursor: string | null, skipped = 0): Observable<Page<TaskSummary>> {
    return this.tasks
      .list({ status: taskViewFilter(view), cursor: cursor ?? undefined, limit: TASKS_PAGE_SIZE })
      .pipe(
        switchMap((page) => {
          if (view !== 'open') return of(page);
          const items = page.items.filter((t) => isOpenTaskStatus(t.status));
          if (!items.length && page.nextCursor && skipped < MAX_SKIPPED_PAGES) {
            return this.page(view, page.nextCursor, skipped + 1);
          }
          return of({ items, nextCursor: page.nextCursor });
        }),
      );
  }
}
