import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
} from '@angular/core';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import type { CohortSummary, ReviewQueueItem } from '@fieldwork/contracts';
import { CohortsService, FlashService, ReviewsService, TenantTime, daysAgoText, formatDay, readApiError } from '@fieldwork/web-core';
import { Subscription } from 'rxjs';

export const QUEUE_PAGE_SIZE = 50;

/** Submitted reflections waiting for a decision, oldest first. */
@Component({
  selector: 'app-review-queue',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  templateUrl: './review-queue.html',
})
export class ReviewQueue {
  private readonly reviews = inject(ReviewsService);
  private readonly cohortsApi = inject(CohortsService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private request: Subscription | null = null;

  private readonly time = inject(TenantTime);
  /** Days in the career center's zone. */
  protected readonly formatDay = (value: string | null | undefined) => formatDay(value, this.time.zone());
  protected readonly daysAgo = (iso: string | null | undefined) => daysAgoText(iso, new Date(), this.time.zone());
  protected readonly flash = signal(inject(FlashService).take());
  protected readonly cohortId = signal(this.route.snapshot.queryParamMap.get('cohortId') ?? '');
  protected readonly cohorts = signal<CohortSummary[]>([]);
  protected readonly items = signal<ReviewQueueItem[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly loaded = signal(false);
  protected readonly loadError = signal<string | null>(null);
  protected readonly status = computed(() => {
    if (this.loading() && !this.items().length) return 'Loading the queue…';
    if (!this.loaded()) return '';
    const n = this.items().length;
    const more = this.nextCursor() ? '+' : '';
    return n ? `${n}${more} ${n === 1 ? 'reflection' : 'reflections'} waiting for review.` : '';
  });

  constructor() {
    this.cohortsApi.list({ archived: false, limit: 200 }).subscribe({
      next: (page) => this.cohorts.set(page.items),
      error: () => this.cohorts.set([]),
    });
    this.load();
    inject(DestroyRef).onDestroy(() => this.request?.unsubscribe());
    if (this.flash()) {
      afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>('#review-flash')?.focus(), {
        injector: this.injector,
      });
    }
  }

  protected onCohort(event: Event): void {
    const id = (event.target as HTMLSelectElement).value;
    this.cohortId.set(id);
    this.flash.set(null);
    void this.router.navigate([], { relativeTo: this.route, queryParams: { cohortId: id || null }, replaceUrl: true });
    this.load();
  }

  protected load(cursor?: string): void {
    if (!cursor) this.request?.unsubscribe();
    this.loading.set(true);
    this.loadError.set(null);
    this.request = this.reviews
      .queue({ cohortId: this.cohortId() || undefined, cursor, limit: QUEUE_PAGE_SIZE })
      .subscribe({
        next: (page) => {
          this.items.update((list) => (cursor ? [...list, ...page.items] : page.items));
          this.nextCursor.set(page.nextCursor);
          this.loading.set(false);
          this.loaded.set(true);
        },
        error: (err: unknown) => {
          this.loading.set(false);
          this.loadError.set(readApiError(err, 'Could not load the review queue.').message);
        },
      });
  }

  protected more(): void {
    const cursor = this.nextCursor();
    if (cursor && !this.loading()) this.load(cursor);
  }
}
