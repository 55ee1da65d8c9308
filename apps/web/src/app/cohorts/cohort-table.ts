import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { CohortSummary } from '@fieldwork/contracts';
import { dateRangeText } from '@fieldwork/web-core';
import { DataTableColumn, FwDataTable, FwRow, FwStatusBadge } from '@fieldwork/web-ui';

/** Cohorts as a table that stacks into cards on phones. */
@Component({
  selector: 'app-cohort-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, FwDataTable, FwRow, FwStatusBadge],
  template: `
    <fw-data-table [caption]="caption()" hideCaption [columns]="columns">
      <ng-template fwRow [fwRowOf]="cohorts()" [fwRowTrackBy]="byId" let-cohort>
        <th scope="row">
          <a [routerLink]="['/cohorts', cohort.id]">{{ cohort.name }}</a>
          @if (cohort.archived) {
            <fw-status-badge tone="deactivated" label="Archived" />
          }
        </th>
        <td>{{ dates(cohort) }}</td>
        <td>{{ cohort.studentCount }}</td>
        <td>{{ cohort.advisorCount }}</td>
      </ng-template>
    </fw-data-table>
  `,
})
export class CohortTable {
  readonly cohorts = input.required<CohortSummary[]>();
  readonly caption = input('Cohorts');
  protected readonly columns: DataTableColumn[] = [{ header: 'Cohort' }, { header: 'Dates' }, { header: 'Students' }, { header: 'Advisors' }];
  protected readonly byId = (cohort: CohortSummary) => cohort.id;
  protected dates(cohort: CohortSummary): string {
    return dateRangeText(cohort.startsOn, cohort.endsOn);
  }
}
