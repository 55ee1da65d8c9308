import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { CohortSummary } from '@fieldwork/contracts';
import { dateRangeText } from '@fieldwork/web-core';

/** Cohorts as a table that stacks into cards on phones. */
@Component({
  selector: 'app-cohort-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <table class="table table--stack">
      <caption class="visually-hidden">{{ caption() }}</caption>
      <thead>
        <tr>
          <th scope="col">Cohort</th>
          <th scope="col">Dates</th>
          <th scope="col">Students</th>
          <th scope="col">Advisors</th>
        </tr>
      </thead>
      <tbody>
        @for (cohort of cohorts(); track cohort.id) {
          <tr>
            <th scope="row" data-label="Cohort">
              <a [routerLink]="['/cohorts', cohort.id]">{{ cohort.name }}</a>
              @if (cohort.archived) {
                <span class="badge badge--deactivated">Archived</span>
              }
            </th>
            <td data-label="Dates">{{ dates(cohort) }}</td>
            <td data-label="Students">{{ cohort.studentCount }}</td>
            <td data-label="Advisors">{{ cohort.advisorCount }}</td>
          </tr>
        }
      </tbody>
    </table>
  `,
})
export class CohortTable {
  readonly cohorts = input.required<CohortSummary[]>();
  readonly caption = input('Cohorts');
  protected dates(cohort: CohortSummary): string {
    return dateRangeText(cohort.startsOn, cohort.endsOn);
  }
}
