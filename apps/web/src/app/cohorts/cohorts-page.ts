import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import type { CohortSummary } from '@fieldwork/contracts';
import { AuthService, CohortsService, readApiError } from '@fieldwork/web-core';
import { FwAlert, FwLoadMore, cursorList } from '@fieldwork/web-ui';
import { CohortTable } from './cohort-table';
import { NewCohortForm } from './new-cohort-form';

export const COHORTS_PAGE_SIZE = 50;

@Component({
  selector: 'app-cohorts-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [CohortTable, NewCohortForm, FwAlert, FwLoadMore],
  templateUrl: './cohorts-page.html',
})
export class CohortsPage {
  private readonly cohortsApi = inject(CohortsService);
  private readonly auth = inject(AuthService);

  protected readonly isAdmin = computed(() => this.auth.role() === 'admin');
  protected readonly live = this.cohortList(false);
  protected readonly archived = this.cohortList(true);
  protected readonly showArchived = signal(false);
  protected readonly status = computed(() => {
    if (this.live.loading() && !this.live.loaded()) return 'Loading cohorts…';
    if (!this.live.loaded()) return '';
    const n = this.live.items().length;
    const more = this.live.hasMore() ? ' (more to load)' : '';
    return `${n} ${n === 1 ? 'cohort' : 'cohorts'}${more}.`;
  });

  constructor() {
    this.live.reload();
  }

  protected toggleArchived(event: Event): void {
    const on = (event.target as HTMLInputElement).checked;
    this.showArchived.set(on);
    if (on && !this.archived.loaded()) this.archived.reload();
  }

  protected onCreated(cohort: CohortSummary): void {
    this.live.replace((list) => [cohort, ...list.filter((c) => c.id !== cohort.id)]);
  }

  /** The live or the archived cohorts, page by page. */
  private cohortList(archived: boolean) {
    return cursorList((cursor) => this.cohortsApi.list({ archived, cursor: cursor ?? undefined, limit: COHORTS_PAGE_SIZE }), {
      errorMessage: (err) => readApiError(err, 'Could not load cohorts.').message,
    });
  }
}
