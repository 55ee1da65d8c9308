import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Title } from '@angular/platform-browser';
import { ActivatedRoute, RouterLink } from '@angular/router';
import type { CohortDetail, CohortSummary } from '@fieldwork/contracts';
import { AuthService, CohortsService, dateRangeText, readApiError } from '@fieldwork/web-core';
import { Subscription, map } from 'rxjs';
import { CohortAssignments } from './cohort-assignments';
import { CohortRoster } from './cohort-roster';
import { CohortSettings } from './cohort-settings';

/** One cohort: its homework and progress, its people, and its settings. */
@Component({
  selector: 'app-cohort-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, CohortAssignments, CohortRoster, CohortSettings],
  templateUrl: './cohort-page.html',
  styles: `
    .cohort-tabs {
      display: flex;
      gap: 0.25rem;
      margin: 0 0 1rem;
      border-bottom: 1px solid var(--fw-border);
    }
    .cohort-tabs a {
      padding: 0.5rem 0.875rem;
      border: 1px solid transparent;
      border-bottom: 0;
      border-radius: var(--fw-radius) var(--fw-radius) 0 0;
      color: var(--fw-primary);
      font-weight: 600;
      text-decoration: none;
    }
    .cohort-tabs a[aria-current='page'] {
      margin-bottom: -1px;
      border-color: var(--fw-border);
      background: var(--fw-surface);
      color: var(--fw-text);
    }
  `,
})
export class CohortPage {
  private readonly cohortsApi = inject(CohortsService);
  private readonly auth = inject(AuthService);
  private readonly title = inject(Title);
  private request: Subscription | null = null;

  protected readonly cohortId = signal('');
  protected readonly cohort = signal<CohortDetail | null>(null);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<string | null>(null);
  protected readonly notFound = signal(false);
  protected readonly rosterVersion = signal(0);
  protected readonly isAdmin = computed(() => this.auth.role() === 'admin');
  protected readonly dates = computed(() => {
    const c = this.cohort();
    return c ? dateRangeText(c.startsOn, c.endsOn) : '';
  });

  constructor() {
    inject(ActivatedRoute)
      .paramMap.pipe(
        map((params) => params.get('id') ?? ''),
        takeUntilDestroyed(),
      )
      .subscribe((id) => {
        this.cohortId.set(id);
        this.cohort.set(null);
        this.load();
      });
    inject(DestroyRef).onDestroy(() => this.request?.unsubscribe());
  }

  protected load(): void {
    this.request?.unsubscribe();
    this.loading.set(true);
    this.loadError.set(null);
    this.notFound.set(false);
    this.request = this.cohortsApi.get(this.cohortId()).subscribe({
      next: (cohort) => {
        this.cohort.set(cohort);
        this.loading.set(false);
        this.title.setTitle(`${cohort.name} · Fieldwork`);
      },
      error: (err: unknown) => {
        this.loading.set(false);
        const problem = readApiError(err, 'Could not load this cohort.');
        this.notFound.set(problem.status === 404 || problem.status === 400);
        this.loadError.set(problem.message);
      },
    });
  }

  /** People were added or removed: reload the cohort and its homework progress. */
  protected onRosterChanged(): void {
    this.rosterVersion.update((n) => n + 1);
    this.load();
  }

  /** Settings saved: keep the roster, take the new name, dates and archived flag. */
  protected onSaved(summary: CohortSummary): void {
    this.cohort.update((current) => (current ? { ...current, ...summary, members: current.members } : current));
    this.title.setTitle(`${summary.name} · Fieldwork`);
  }
}
