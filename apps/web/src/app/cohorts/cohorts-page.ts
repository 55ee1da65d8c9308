import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import type { CohortSummary, Page } from '@fieldwork/contracts';
import { AuthService, CohortsService, readApiError } from '@fieldwork/web-core';
import { Observable, Subscription } from 'rxjs';
import { CohortTable } from './cohort-table';
import { NewCohortForm } from './new-cohort-form';

export const COHORTS_PAGE_SIZE = 50;

/** One paged list of cohorts (live or archived). */
class CohortList {
  readonly items = signal<CohortSummary[]>([]);
  readonly nextCursor = signal<string | null>(null);
  readonly loading = signal(false);
  readonly loaded = signal(false);
  readonly error = signal<string | null>(null);
  private request: Subscription | null = null;

  constructor(private readonly fetchPage: (cursor?: string) => Observable<Page<CohortSummary>>) {}

  load(cursor?: string): void {
    if (!cursor) this.request?.unsubscribe();
    this.loading.set(true);
    this.error.set(null);
    this.request = this.fetchPage(cursor).subscribe({
      next: (page) => {
        this.items.update((list) => (cursor ? [...list, ...page.items] : page.items));
        this.nextCursor.set(page.nextCursor);
        this.loading.set(false);
        this.loaded.set(true);
      },
      error: (err: unknown) => {
        this.loading.set(false);
        this.error.set(readApiError(err, 'Could not load cohorts.').message);
      },
    });
  }

  more(): void {
    const cursor = this.nextCursor();
    if (cursor && !this.loading()) this.load(cursor);
  }

  stop(): void {
    this.request?.unsubscribe();
  }
}

@Component({
  selector: 'app-cohorts-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [CohortTable, NewCohortForm],
  templateUrl: './cohorts-page.html',
})
export class CohortsPage {
  private readonly cohortsApi = inject(CohortsService);
  private readonly auth = inject(AuthService);

  protected readonly isAdmin = computed(() => this.auth.role() === 'admin');
  protected readonly live = new CohortList((cursor) =>
    this.cohortsApi.list({ archived: false, cursor, limit: COHORTS_PAGE_SIZE }),
  );
  protected readonly archived = new CohortList((cursor) =>
    this.cohortsApi.list({ archived: true, cursor, limit: COHORTS_PAGE_SIZE }),
  );
  protected readonly showArchived = signal(false);
  protected readonly status = computed(() => {
    if (this.live.loading() && !this.live.loaded()) return 'Loading cohorts…';
    if (!this.live.loaded()) return '';
    const n = this.live.items().length;
    const more = this.live.nextCursor() ? ' (more to load)' : '';
    return `${n} ${n === 1 ? 'cohort' : 'cohorts'}${more}.`;
  });

  constructor() {
    this.live.load();
    inject(DestroyRef).onDestroy(() => {
      this.live.stop();
      this.archived.stop();
    });
  }

  protected toggleArchived(event: Event): void {
    const on = (event.target as HTMLInputElement).checked;
    this.showArchived.set(on);
    if (on && !this.archived.loaded()) this.archived.load();
  }

  protected onCreated(cohort: CohortSummary): void {
    this.live.items.update((list) => [cohort, ...list.filter((c) => c.id !== cohort.id)]);
  }
}
