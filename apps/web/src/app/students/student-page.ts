import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TASK_STATUS_LABELS, type StudentTask } from '@fieldwork/contracts';
import { TenantTime, daysAgoText, formatDay, readApiError } from '@fieldwork/web-core';
import { DataTableColumn, FwAlert, FwDataTable, FwRow, FwStatusBadge, pageTitle, routeRecord } from '@fieldwork/web-ui';
import { DashboardsService } from '../dashboard/dashboards.service';

/** The staff view of one student: cohorts, homework and the size of their network. */
@Component({
  selector: 'app-student-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, FwAlert, FwStatusBadge, FwDataTable, FwRow],
  templateUrl: './student-page.html',
})
export class StudentPage {
  private readonly dashboards = inject(DashboardsService);
  private readonly setTitle = pageTitle();

  private readonly time = inject(TenantTime);
  /** Days in the career center's zone: a due date is the local day it ends. */
  protected readonly formatDay = (value: string | null | undefined) => formatDay(value, this.time.zone());
  protected readonly daysAgo = (iso: string | null | undefined) => daysAgoText(iso, new Date(), this.time.zone());
  /** "Dec 10, 11:59 PM ET": the full due moment, for the tooltip. */
  protected readonly moment = (iso: string | null | undefined) => this.time.format(iso, { year: 'always' });
  protected readonly student = routeRecord((id) => this.dashboards.student(id), {
    problem: (err) => readApiError(err, 'Could not load this student.'),
    loaded: (student) => this.setTitle(student.name),
  });

  protected readonly taskColumns: DataTableColumn[] = [
    { header: 'Homework' },
    { header: 'Status' },
    { header: 'Due' },
    { header: 'Submitted' },
    { header: 'Approved' },
  ];
  protected readonly byId = (task: StudentTask) => task.id;

  protected badge(task: StudentTask): { kind: string; label: string } {
    if (task.overdue) return { kind: 'overdue', label: `${TASK_STATUS_LABELS[task.status]} · overdue` };
    return { kind: task.status.replace('_', '-'), label: TASK_STATUS_LABELS[task.status] };
  }
}
