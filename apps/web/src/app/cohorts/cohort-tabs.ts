import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';

/** The tabs between a cohort's pages (Overview, Gradebook); `current` is the page shown. */
@Component({
  selector: 'app-cohort-tabs',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <nav class="cohort-tabs" aria-label="Cohort sections">
      <a [routerLink]="['/cohorts', cohortId()]" [attr.aria-current]="current() === 'overview' ? 'page' : null">Overview</a>
      <a [routerLink]="['/cohorts', cohortId(), 'gradebook']" [attr.aria-current]="current() === 'gradebook' ? 'page' : null">Gradebook</a>
    </nav>
  `,
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
export class CohortTabs {
  readonly cohortId = input.required<string>();
  readonly current = input.required<'overview' | 'gradebook'>();
}
