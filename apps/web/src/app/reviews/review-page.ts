import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { Title } from '@angular/platform-browser';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import {
  TASK_STATUS_LABELS,
  type RubricCriterion,
  type Submission,
  type TaskDetail,
  type TaskSummary,
} from '@fieldwork/contracts';
import {
  FlashService,
  ReviewsService,
  RubricSelection,
  TenantTime,
  excusedText,
  extensionText,
  formatDay,
  readApiError,
  rubricMaxPoints,
  rubricScores,
  rubricTotal,
  unscoredCriteria,
} from '@fieldwork/web-core';
import { FwAlert, FwControl, FwField, FwStatusBadge, pageFocus } from '@fieldwork/web-ui';
import { Subscription, forkJoin, map } from 'rxjs';
import { SubmissionView } from './submission-view';
import { TaskActions } from './task-actions';

type Decision = 'approve' | 'revise';

/** "Approved Sam Lee’s “Informational interview”." */
export function decisionMessage(decision: Decision, student: string, title: string): string {
  return decision === 'approve'
    ? `Approved ${student}’s “${title}”.`
    : `Asked ${student} to revise “${title}”.`;
}

/** A student's latest reflection beside the rubric and the decision. */
@Component({
  selector: 'app-review-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ReactiveFormsModule, SubmissionView, TaskActions, FwAlert, FwField, FwControl, FwStatusBadge],
  templateUrl: './review-page.html',
})
export class ReviewPage {
  private readonly reviews = inject(ReviewsService);
  private readonly flashes = inject(FlashService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly title = inject(Title);
  private readonly focus = pageFocus();
  private readonly time = inject(TenantTime);
  private request: Subscription | null = null;

  protected readonly statusLabels = TASK_STATUS_LABELS;
  /** A day in the career center's zone ("Dec 10, 2026"). */
  protected readonly formatDay = (value: string | null | undefined) => formatDay(value, this.time.zone());
  /** An instant in the career center's zone ("Dec 10, 3:04 PM ET" from elsewhere). */
  protected readonly moment = (iso: string | null | undefined) => this.time.format(iso);

  protected readonly taskId = signal('');
  protected readonly task = signal<TaskDetail | null>(null);
  protected readonly submissions = signal<Submission[]>([]);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<string | null>(null);
  protected readonly flash = signal<string | null>(null);

  protected readonly selection = signal<RubricSelection>({});
  protected readonly comment = new FormControl('', { nonNullable: true });
  protected readonly pending = signal<Decision | null>(null);
  protected readonly errors = signal<Record<string, string>>({});
  protected readonly formError = signal<string | null>(null);

  protected readonly latest = computed<Submission | null>(() => this.submissions().at(0) ?? null);
  protected readonly earlier = computed(() => this.submissions().slice(1));
  protected readonly rubric = computed<RubricCriterion[]>(() => this.task()?.rubric ?? []);
  protected readonly total = computed(() => rubricTotal(this.rubric(), this.selection()));
  protected readonly maxPoints = computed(() => rubricMaxPoints(this.rubric()));
  protected readonly scoredCount = computed(() => Object.keys(rubricScores(this.rubric(), this.selection())).length);
  protected readonly canDecide = computed(() => this.task()?.status === 'submitted' && !!this.latest());
  protected readonly extension = computed(() => {
    const task = this.task();
    return task ? extensionText(task, this.time.zone()) : '';
  });
  protected readonly excused = computed(() => {
    const task = this.task();
    return task ? excusedText(task, 'staff') : '';
  });

  constructor() {
    this.route.paramMap
      .pipe(
        map((params) => params.get('taskId') ?? ''),
        takeUntilDestroyed(),
      )
      .subscribe((id) => {
        this.taskId.set(id);
        this.load();
      });
    inject(DestroyRef).onDestroy(() => this.request?.unsubscribe());
  }

  /** The queue's cohort filter, carried from the queue to the next reflection. */
  protected cohortFilter(): string | null {
    return this.route.snapshot.queryParamMap.get('cohortId') || null;
  }

  protected load(): void {
    this.request?.unsubscribe();
    this.flash.set(this.flashes.take());
    this.loading.set(true);
    this.loadError.set(null);
    this.task.set(null);
    this.submissions.set([]);
    this.selection.set({});
    this.comment.reset('');
    this.errors.set({});
    this.formError.set(null);
    const id = this.taskId();
    this.request = forkJoin({ task: this.reviews.task(id), submissions: this.reviews.submissions(id) }).subscribe({
      next: ({ task, submissions }) => {
        this.task.set(task);
        this.submissions.set(
          [...submissions].sort((a, b) => b.version - a.version || b.submittedAt.localeCompare(a.submittedAt)),
        );
        this.loading.set(false);
        this.title.setTitle(`Review: ${task.student.name}, ${task.title} · Fieldwork`);
        this.focus.after(this.flash() ? '#review-flash' : 'h1');
      },
      error: (err: unknown) => {
        this.loading.set(false);
        this.loadError.set(readApiError(err, 'Could not load this reflection.').message);
      },
    });
  }

  /** An extension or an excusal answered with the task's new state. */
  protected onTaskChanged(updated: TaskSummary): void {
    this.task.update((current) => (current ? { ...current, ...updated } : current));
  }

  protected choose(criterion: RubricCriterion, index: number): void {
    this.selection.update((current) => ({ ...current, [criterion.key]: index }));
    this.clearError(`rubricScores.${criterion.key}`);
  }

  protected decide(decision: Decision): void {
    const task = this.task();
    if (!task || this.pending()) return;
    this.formError.set(null);
    const problems: Record<string, string> = {};
    if (decision === 'approve') {
      for (const criterion of unscoredCriteria(this.rubric(), this.selection())) {
        problems[`rubricScores.${criterion.key}`] = 'Score every criterion before approving.';
      }
    }
    if (decision === 'revise' && !this.comment.value.trim()) {
      problems['comment'] = 'Tell the student what to change: a revision needs a comment.';
    }
    if (Object.keys(problems).length) {
      this.errors.set(problems);
      this.focusError();
      return;
    }
    this.errors.set({});
    this.pending.set(decision);
    const scores = rubricScores(this.rubric(), this.selection());
    this.reviews.review(task.id, { decision, comment: this.comment.value, rubricScores: scores }).subscribe({
      next: () => this.goNext(decision, task),
      error: (err: unknown) => {
        this.pending.set(null);
        const problem = readApiError(err, 'Could not save your review. Please try again.');
        const placed: Record<string, string> = {};
        const others: string[] = [];
        for (const [field, text] of Object.entries(problem.fieldErrors)) {
          if (field === 'comment' || field.startsWith('rubricScores.')) placed[field] = text;
          else others.push(text);
        }
        this.errors.set(placed);
        this.formError.set([problem.message, ...others].join(' '));
        this.focusError();
      },
    });
  }

  protected errorFor(field: string): string | null {
    return this.errors()[field] ?? null;
  }

  /** After a decision: the next reflection of the queue (same cohort filter), or the queue. */
  private goNext(decision: Decision, task: TaskDetail): void {
    const done = decisionMessage(decision, task.student.name, task.title);
    const cohortId = this.cohortFilter();
    this.reviews.queue({ cohortId: cohortId ?? undefined, limit: 5 }).subscribe({
      next: (page) => {
        this.pending.set(null);
        const next = page.items.find((item) => item.taskId !== task.id);
        if (next) {
          this.flashes.set(`${done} Next: ${next.student.name}, “${next.title}”.`);
          void this.router.navigate(['/reviews', next.taskId], { queryParams: { cohortId } });
        } else {
          this.flashes.set(`${done} Nothing else is waiting for review.`);
          void this.router.navigate(['/reviews'], { queryParams: { cohortId } });
        }
      },
      error: () => {
        this.pending.set(null);
        this.flashes.set(done);
        void this.router.navigate(['/reviews'], { queryParams: { cohortId } });
      },
    });
  }

  protected clearError(field: string): void {
    if (this.errors()[field]) {
      this.errors.update((current) => {
        const next = { ...current };
        delete next[field];
        return next;
      });
    }
  }

  private focusError(): void {
    this.focus.firstOf('[aria-invalid="true"]', '#review-error');
  }
}
