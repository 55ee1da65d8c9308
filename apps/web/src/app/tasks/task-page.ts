import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Title } from '@angular/platform-browser';
import { ActivatedRoute, RouterLink } from '@angular/router';
import {
  CATEGORY_LABELS,
  TASK_STATUS_LABELS,
  type Submission,
  type TaskDetail,
  type TaskDraft,
} from '@fieldwork/contracts';
import {
  type ReflectionState,
  TasksService,
  TenantTime,
  describeDue,
  excusedText,
  extensionText,
  shortDateText,
  isTaskEditable,
  readApiError,
  reflectionFromDraft,
  taskBadges,
} from '@fieldwork/web-core';
import { FwAlert, FwLoadProblem, FwMarkdown, FwStatusBadge, pageFocus } from '@fieldwork/web-ui';
import { Observable, catchError, forkJoin, map, of, switchMap, tap } from 'rxjs';
import { AnswersView } from './answers-view';
import { ReflectionForm } from './reflection-form';
import { ReviewFeedback } from './review-feedback';
import { SubmissionHistory } from './submission-history';

interface Loaded {
  task: TaskDetail;
  submissions: Submission[];
  historyError: string | null;
}

/** Student: one task — instructions, the reflection form, feedback and the submission history. */
/** What the API says (410) about a student's open task whose homework the advisor archived. */
export const ARCHIVED_TASK_MESSAGE = 'This homework was archived by your advisor; there is nothing more to do.';

@Component({
  selector: 'app-task-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, FwMarkdown, FwAlert, FwLoadProblem, FwStatusBadge, ReflectionForm, AnswersView, ReviewFeedback, SubmissionHistory],
  templateUrl: './task-page.html',
  styles: `
    .crumb {
      margin-bottom: 0.5rem;
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 1.25rem;
      margin: 0 0 0.5rem;
      padding: 0;
      list-style: none;
      color: var(--fw-muted);
    }
    .feedback-alert h2 {
      font-size: 1.1rem;
      color: inherit;
    }
    .confirmation h2 {
      color: inherit;
    }
  `,
})
export class TaskPage {
  private readonly tasks = inject(TasksService);
  private readonly title = inject(Title);
  private readonly focus = pageFocus();
  private readonly time = inject(TenantTime);

  protected readonly categoryLabels = CATEGORY_LABELS;
  protected readonly statusLabels = TASK_STATUS_LABELS;

  protected readonly taskId = signal<string | null>(null);
  protected readonly task = signal<TaskDetail | null>(null);
  protected readonly submissions = signal<Submission[]>([]);
  protected readonly initial = signal<ReflectionState | null>(null);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<{ status: number; message: string } | null>(null);
  protected readonly historyError = signal<string | null>(null);
  protected readonly confirmation = signal<Submission | null>(null);

  protected readonly editable = computed(() => {
    const task = this.task();
    return !!task && isTaskEditable(task.status);
  });
  protected readonly badges = computed(() => {
    const task = this.task();
    return task ? taskBadges(task) : [];
  });
  protected readonly due = computed(() => {
    const task = this.task();
    if (!task) return '';
    // Local days and times of the career center ("due in 2 days · Dec 10, 11:59 PM ET" from elsewhere).
    return isTaskEditable(task.status) ? describeDue(task.dueAt, new Date(), this.time.zone()).text : `due ${this.time.format(task.dueAt)}`;
  });
  /** "Extended to Dec 12 — was due Dec 10. Reason: …" */
  protected readonly extension = computed(() => {
    const task = this.task();
    return task ? extensionText(task, this.time.zone()) : '';
  });
  /** "Excused by your advisor: …" */
  protected readonly excused = computed(() => {
    const task = this.task();
    return task ? excusedText(task, 'student') : '';
  });
  /** The newest review, if any. */
  protected readonly latestReview = computed(() => this.submissions()[0]?.review ?? null);
  /** What the read-only view shows: the newest version, or the draft when nothing was submitted. */
  protected readonly latest = computed(() => this.submissions()[0] ?? null);

  constructor() {
    inject(ActivatedRoute)
      .paramMap.pipe(
        map((params) => params.get('id') ?? ''),
        tap((id) => {
          this.taskId.set(id);
          this.task.set(null);
          this.confirmation.set(null);
        }),
        switchMap((id) => this.load(id)),
        takeUntilDestroyed(),
      )
      .subscribe();
  }

  protected minutes(n: number): string {
    if (!n) return '';
    if (n < 60) return `About ${n} minutes`;
    const h = Math.floor(n / 60);
    const m = n % 60;
    return `About ${h} hour${h === 1 ? '' : 's'}${m ? ` ${m} minutes` : ''}`;
  }

  protected shortDate(iso: string | null): string {
    return iso ? shortDateText(iso, new Date(), this.time.zone()) : '';
  }

  protected reload(): void {
    const id = this.taskId();
    if (id) this.load(id, true).subscribe();
  }

  protected onDraftSaved(_draft: TaskDraft): void {
    this.task.update((t) => (t && t.status === 'assigned' ? { ...t, status: 'in_progress' } : t));
  }

  protected onSubmitted(submission: Submission): void {
    this.confirmation.set(submission);
    const id = this.taskId();
    if (!id) return;
    this.load(id, true).subscribe(() => this.focus.after('#task-confirmation'));
  }

  protected onLocked(): void {
    this.reload();
  }

  private load(id: string, quiet = false): Observable<Loaded | null> {
    if (!quiet) this.loading.set(true);
    this.loadError.set(null);
    return forkJoin({
      task: this.tasks.get(id),
      history: this.tasks.submissions(id).pipe(
        map((submissions) => ({ submissions, error: null as string | null })),
        catchError((err: unknown) =>
          of({ submissions: [] as Submission[], error: readApiError(err, 'Could not load your submission history.').message }),
        ),
      ),
    }).pipe(
      map(({ task, history }) => ({ task, submissions: history.submissions, historyError: history.error })),
      tap((loaded) => {
        this.loading.set(false);
        this.submissions.set(loaded.submissions);
        this.historyError.set(loaded.historyError);
        this.initial.set(this.startingPoint(loaded.task, loaded.submissions));
        this.task.set(loaded.task);
        this.title.setTitle(`${loaded.task.title} · Fieldwork`);
      }),
      catchError((err: unknown) => {
        this.loading.set(false);
        const problem = readApiError(err, 'Could not load this task.');
        // A malformed id answers 400: for the student it is the same as a missing task.
        const missing = problem.status === 404 || problem.status === 400;
        // 410: the advisor archived this homework while it was open (a notification may still point here).
        const archived = problem.status === 410;
        this.loadError.set({
          status: missing ? 404 : problem.status,
          message: missing
            ? 'We couldn’t find this task. It may have been removed, or the link is wrong.'
            : archived
              ? problem.message || ARCHIVED_TASK_MESSAGE
              : problem.message,
        });
        return of(null);
      }),
    );
  }

  /** A revision starts from the last submitted version unless the student has saved a newer draft. */
  private startingPoint(task: TaskDetail, submissions: Submission[]): ReflectionState {
    const last = submissions[0];
    const draftSavedAt = task.draft?.savedAt ? Date.parse(task.draft.savedAt) : 0;
    if (last && (!draftSavedAt || draftSavedAt < Date.parse(last.submittedAt))) {
      return reflectionFromDraft({
        ...task,
        draft: {
          answers: last.answers,
          contactId: last.contact?.id ?? null,
          evidence: last.evidence,
          savedAt: null,
        },
      });
    }
    return reflectionFromDraft(task);
  }
}
