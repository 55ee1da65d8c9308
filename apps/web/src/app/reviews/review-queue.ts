import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import type { CohortSummary, ReviewQueueItem } from '@fieldwork/contracts';
import { CohortsService, FlashService, ReviewsService, TenantTime, daysAgoText, formatDay, readApiError } from '@fieldwork/web-core';
import { FwAlert, FwDataTable, FwLoadMore, FwRow, FwStatusBadge, cursorList, pageFocus } from '@fieldwork/web-ui';

export const QUEUE_PAGE_SIZE = 50;

/** Submitted reflections waiting for a decision, oldest first. */
@Component({
  selector: 'app-review-queue',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, FwAlert, FwDataTable, FwRow, FwStatusBadge, FwLoadMore],
  templateUrl: './review-queue.html',
})
export class ReviewQueue {
  private readonly reviews = inject(ReviewsService);
  private readonly cohortsApi = inject(CohortsService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly focus = pageFocus();

  private readonly time = inject(TenantTime);
  /** Days in the career center's zone. */
  protected readonly formatDay = (value: string | null | undefined) => formatDay(value, this.time.zone());
  protected readonly daysAgo = (iso: string | null | undefined) => daysAgoText(iso, new Date(), this.time.zone());
  protected readonly flash = signal(inject(FlashService).take());
  protected readonly cohortId = signal(this.route.snapshot.queryParamMap.get('cohortId') ?? '');
  protected readonly cohorts = signal<CohortSummary[]>([]);
  protected readonly queue = cursorList(
    (cursor) => this.reviews.queue({ cohortId: this.cohortId() || undefined, cursor: cursor ?? undefined, limit: QUEUE_PAGE_SIZE }),
    { errorMessage: (err) => readApiError(err, 'Could not load the review queue.').message },
  );
  protected readonly columns = [
    { header: 'Student' },
    { header: 'Homework' },
    { header: 'Cohort' },
    { header: 'Submitted' },
    { header: 'Action', hideHeader: true },
  ];
  protected readonly byTask = (item: ReviewQueueItem) => item.taskId;
  protected readonly status = computed(() => {
    const n = this.queue.items().length;
    if (this.queue.loading() && !n) return 'Loading the queue…';
    if (!this.queue.loaded()) return '';
    const more = this.queue.hasMore() ? '+' : '';
    return n ? `${n}${more} ${n === 1 ? 'reflection' : 'reflections'} waiting for review.` : '';
  });

  constructor() {
    this.cohortsApi.list({ archived: false, limit: 200 }).subscribe({
      next: (page) => this.cohorts.set(page.items),
      error: () => this.cohorts.set([]),
    });
    this.queue.reload();
    if (this.flash()) this.focus.after('#review-flash');
  }

  protected onCohort(event: Event): void {
    const id = (event.target as HTMLSelectElement).value;
    this.cohortId.set(id);
    this.flash.set(null);
    void this.router.navigate([], { relativeTo: this.route, queryParams: { cohortId: id || null }, replaceUrl: true });
    this.queue.reload();
  }
}
