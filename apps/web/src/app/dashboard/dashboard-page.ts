import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import type { AssignmentStats, CohortSummary, Dashboard } from '@fieldwork/contracts';
import { AuthService, CohortsService, TenantTime, daysAgoText, formatDay, formatLocalDay, readApiError } from '@fieldwork/web-core';
import { FwAlert, FwControl, FwDataTable, FwField, FwRow, FwStatusBadge } from '@fieldwork/web-ui';
import { Subscription } from 'rxjs';
import { ChartData, ChartPanel } from './chart-panel';
import { DashboardsService } from './dashboards.service';

const COLORS = { assigned: '#1f5fa8', started: '#6a3fa0', submitted: '#b35c00', approved: '#2e7d32' };

export interface DashboardFilters {
  cohortId: string;
  from: string;
  to: string;
}

/** Completion, risk, review work and network growth for the cohorts the user may see. */
@Component({
  selector: 'app-dashboard-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ChartPanel, FwAlert, FwField, FwControl, FwDataTable, FwRow, FwStatusBadge],
  templateUrl: './dashboard-page.html',
  styleUrl: './dashboard-page.css',
})
export class DashboardPage {
  private readonly dashboards = inject(DashboardsService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private request: Subscription | null = null;

  protected readonly formatDay = formatDay;
  protected readonly daysAgo = daysAgoText;
  private readonly time = inject(TenantTime);
  private readonly auth = inject(AuthService);
  protected readonly isAdmin = computed(() => this.auth.role() === 'admin');
  protected readonly cohorts = signal<CohortSummary[]>([]);
  protected readonly filters = signal<DashboardFilters>({ cohortId: '', from: '', to: '' });
  protected readonly dashboard = signal<Dashboard | null>(null);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<string | null>(null);

  protected readonly atRiskColumns = [{ header: 'Student' }, { header: 'Why' }, { header: 'Last activity' }, { header: 'Overdue tasks' }];
  protected readonly backlogColumns = [{ header: 'Student' }, { header: 'Homework' }, { header: 'Waiting since' }];
  protected readonly caseloadColumns = [
    { header: 'Advisor' },
    { header: 'Cohorts' },
    { header: 'Students' },
    { header: 'Waiting for review' },
    { header: 'Oldest waiting' },
  ];
  protected readonly assignmentColumns = [
    { header: 'Homework' },
    { header: 'Cohort' },
    { header: 'Due' },
    { header: 'Approved' },
    { header: 'On time / late' },
    { header: 'Overdue now' },
    { header: 'Median days to submit' },
  ];
  protected readonly byId = (row: { id: string }) => row.id;
  protected readonly byTask = (row: { taskId: string }) => row.taskId;
  protected readonly byAdvisor = (row: { advisorId: string }) => row.advisorId;
  protected readonly byAssignment = (row: AssignmentStats) => row.assignmentId;

  protected readonly empty = computed(() => {
    const d = this.dashboard();
    return d !== null && d.funnel.assigned === 0 && d.backlog.waiting === 0;
  });
  protected readonly funnelChart = computed<ChartData | null>(() => {
    const f = this.dashboard()?.funnel;
    if (!f) return null;
    return {
      kind: 'bar',
      horizontal: true,
      labels: ['Assigned', 'Started', 'Submitted', 'Approved'],
      series: [{ label: 'Tasks', values: [f.assigned, f.started, f.submitted, f.approved], color: COLORS.assigned }],
    };
  });
  protected readonly funnelSummary = computed(() => {
    const f = this.dashboard()?.funnel;
    if (!f) return '';
    return `Completion funnel: ${f.assigned} tasks assigned, ${f.started} started (${percent(f.startedRate)}), ${f.submitted} submitted (${percent(f.submittedRate)}), ${f.approved} approved (${percent(f.approvedRate)}).`;
  });
  /** One cohort: completion per assignment; several: completion per cohort. */
  protected readonly perAssignment = computed(() => this.dashboard()?.scope.kind === 'cohort');
  protected readonly completionChart = computed<ChartData | null>(() => {
    const d = this.dashboard();
    if (!d) return null;
    if (this.perAssignment()) {
      const rows = d.assignments.slice(0, 12);
      return {
        kind: 'bar',
        horizontal: true,
        percent: true,
        labels: rows.map((a) => a.title),
        series: [{ label: 'Approved', values: rows.map((a) => a.completionRate ?? 0), color: COLORS.approved }],
      };
    }
    const rows = d.cohorts.filter((c) => c.assigned > 0);
    return {
      kind: 'bar',
      percent: true,
      labels: rows.map((c) => c.name),
      series: [
        { label: 'Submitted', values: rows.map((c) => c.submittedRate ?? 0), color: COLORS.submitted },
        { label: 'Approved', values: rows.map((c) => c.approvedRate ?? 0), color: COLORS.approved },
      ],
    };
  });
  protected readonly completionSummary = computed(() => {
    const chart = this.completionChart();
    if (!chart || !chart.labels.length) return 'No completion to show yet.';
    const last = chart.series[chart.series.length - 1];
    const parts = chart.labels.map((label, i) => `${label} ${Math.round(last.values[i] * 100)}%`);
    return `Share of tasks approved, ${this.perAssignment() ? 'per assignment' : 'per cohort'}: ${parts.join(', ')}.`;
  });
  protected readonly trendChart = computed<ChartData | null>(() => {
    const weeks = this.dashboard()?.weekly;
    if (!weeks) return null;
    return {
      kind: 'line',
      labels: weeks.map((w) => formatDay(w.week)),
      series: [
        { label: 'Submissions', values: weeks.map((w) => w.submissions), color: COLORS.submitted },
        { label: 'Approvals', values: weeks.map((w) => w.approvals), color: COLORS.approved },
      ],
    };
  });
  protected readonly trendSummary = computed(() => {
    const weeks = this.dashboard()?.weekly ?? [];
    if (!weeks.length) return '';
    const submissions = weeks.reduce((n, w) => n + w.submissions, 0);
    const approvals = weeks.reduce((n, w) => n + w.approvals, 0);
    const busiest = weeks.reduce((best, w) => (w.submissions > best.submissions ? w : best), weeks[0]);
    return `Weekly submissions and approvals over ${weeks.length} weeks from ${formatDay(weeks[0].week)}: ${submissions} submissions and ${approvals} approvals in all; the busiest week began ${formatDay(busiest.week)} with ${busiest.submissions} submissions.`;
  });

  /** The local due day(s) in the career center's zone: "Dec 10", or "Dec 1 – Dec 10" for a relative due date. */
  protected dueDays(a: AssignmentStats): string {
    const from = this.time.day(a.dueFrom);
    const to = this.time.day(a.dueTo);
    if (!to) return '—';
    return from && from !== to ? `${formatLocalDay(from)} – ${formatLocalDay(to)}` : formatLocalDay(to);
  }

  constructor() {
    inject(CohortsService)
      .list({ archived: false, limit: 200 })
      .pipe(takeUntilDestroyed())
      .subscribe({ next: (page) => this.cohorts.set(page.items), error: () => this.cohorts.set([]) });
    this.route.queryParamMap.pipe(takeUntilDestroyed()).subscribe((params) => {
      this.filters.set({ cohortId: params.get('cohortId') ?? '', from: params.get('from') ?? '', to: params.get('to') ?? '' });
      this.load();
    });
    inject(DestroyRef).onDestroy(() => this.request?.unsubscribe());
  }

  /** The filters live in the URL, so a view can be bookmarked and shared. */
  protected apply(event: Event): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const value = (name: string) => String(form.get(name) ?? '') || null;
    void this.router.navigate([], { relativeTo: this.route, queryParams: { cohortId: value('cohortId'), from: value('from'), to: value('to') } });
  }

  protected clear(): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: {} });
  }

  protected load(): void {
    this.request?.unsubscribe();
    this.loading.set(true);
    this.loadError.set(null);
    const { cohortId, from, to } = this.filters();
    this.request = this.dashboards.overview({ cohortId: cohortId || undefined, from: from || undefined, to: to || undefined }).subscribe({
      next: (dashboard) => {
        this.dashboard.set(dashboard);
        this.loading.set(false);
      },
      error: (err: unknown) => {
        this.loading.set(false);
        this.dashboard.set(null);
        this.loadError.set(readApiError(err, 'Could not load the dashboard.').message);
      },
    });
  }

  protected readonly percent = percent;
  protected readonly perStudent = (value: number | null) => (value === null ? '—' : value.toFixed(1));
}

function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${Math.round(rate * 100)}%`;
}
