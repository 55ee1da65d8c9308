import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { CohortSummary } from '@fieldwork/contracts';
import { AuthService, CohortsService, dateRangeText, readApiError } from '@fieldwork/web-core';
import { FwAlert, FwStatusBadge, pageTitle, routeRecord } from '@fieldwork/web-ui';
import { CohortAssignments } from './cohort-assignments';
import { CohortRoster } from './cohort-roster';
import { CohortSettings } from './cohort-settings';
import { CohortTabs } from './cohort-tabs';

/** One cohort: its homework and progress, its people, and its settings. */
@Component({
  selector: 'app-cohort-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, CohortAssignments, CohortRoster, CohortSettings, CohortTabs, FwAlert, FwStatusBadge],
  templateUrl: './cohort-page.html',
})
export class CohortPage {
  private readonly cohortsApi = inject(CohortsService);
  private readonly auth = inject(AuthService);
  private readonly setTitle = pageTitle();

  protected readonly cohort = routeRecord((id) => this.cohortsApi.get(id), {
    problem: (err) => readApiError(err, 'Could not load this cohort.'),
    notFoundStatuses: [404, 400],
    loaded: (cohort) => this.setTitle(cohort.name),
  });
  protected readonly rosterVersion = signal(0);
  protected readonly isAdmin = computed(() => this.auth.role() === 'admin');
  protected readonly dates = computed(() => {
    const c = this.cohort.value();
    return c ? dateRangeText(c.startsOn, c.endsOn) : '';
  });

  /** People were added or removed: reload the cohort and its homework progress. */
  protected onRosterChanged(): void {
    this.rosterVersion.update((n) => n + 1);
    this.cohort.reload();
  }

  /** Settings saved: keep the roster, take the new name, dates and archived flag. */
  protected onSaved(summary: CohortSummary): void {
    this.cohort.value.update((current) => (current ? { ...current, ...summary, members: current.members } : current));
    this.setTitle(summary.name);
  }
}
