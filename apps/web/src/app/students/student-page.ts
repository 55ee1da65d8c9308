import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Title } from '@angular/platform-browser';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { TASK_STATUS_LABELS, type StudentProfile, type StudentTask } from '@fieldwork/contracts';
import { TenantTime, daysAgoText, formatDay, readApiError } from '@fieldwork/web-core';
import { Subscription, map } from 'rxjs';
import { DashboardsService } from '../dashboard/dashboards.service';

/** The staff view of one student: cohorts, homework and the size of their network. */
@Component({
  selector: 'app-student-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  templateUrl: './student-page.html',
})
export class StudentPage {
  private readonly dashboards = inject(DashboardsService);
  private readonly title = inject(Title);
  private request: Subscription | null = null;

  private readonly time = inject(TenantTime);
  /** Days in the career center's zone: a due date is the local day it ends. */
  protected readonly formatDay = (value: string | null | undefined) => formatDay(value, this.time.zone());
  protected readonly daysAgo = (iso: string | null | undefined) => daysAgoText(iso, new Date(), this.time.zone());
  /** "Dec 10, 11:59 PM ET": the full due moment, for the tooltip. */
  protected readonly moment = (iso: string | null | undefined) => this.time.format(iso, { year: 'always' });
  protected readonly studentId = signal('');
  protected readonly student = signal<StudentProfile | null>(null);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<string | null>(null);
  protected readonly notFound = signal(false);

  constructor() {
    inject(ActivatedRoute)
      .paramMap.pipe(
        map((params) => params.get('id') ?? ''),
        takeUntilDestroyed(),
      )
      .subscribe((id) => {
        this.studentId.set(id);
        this.load();
      });
    inject(DestroyRef).onDestroy(() => this.request?.unsubscribe());
  }

  protected load(): void {
    this.request?.unsubscribe();
    this.loading.set(true);
    this.loadError.set(null);
    this.notFound.set(false);
    this.request = this.dashboards.student(this.studentId()).subscribe({
      next: (student) => {
        this.student.set(student);
        this.loading.set(false);
        this.title.setTitle(`${student.name} · Fieldwork`);
      },
      error: (err: unknown) => {
        this.loading.set(false);
        const error = readApiError(err, 'Could not load this student.');
        if (error.status === 404) this.notFound.set(true);
        else this.loadError.set(error.message);
      },
    });
  }

  protected badge(task: StudentTask): { kind: string; label: string } {
    if (task.overdue) return { kind: 'overdue', label: `${TASK_STATUS_LABELS[task.status]} · overdue` };
    return { kind: task.status.replace('_', '-'), label: TASK_STATUS_LABELS[task.status] };
  }
}
