import { Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TenantDatabase, UserAuth, validationFailed } from '@fieldwork/server-core';
import { requireAccess } from '@fieldwork/server-access';
import type {
  AdvisorCaseload,
  AssignmentStats,
  AtRiskList,
  CohortDashboard,
  CohortStats,
  CompletionFunnel,
  Dashboard,
  DashboardQuery,
  DashboardScope,
  NetworkGrowth,
  ReviewBacklog,
  WeeklyPoint,
} from '@fieldwork/contracts';
import {
  advisedCohortIds,
  assignmentRollups,
  atRiskStudents,
  cohortAdvisors,
  cohortName,
  cohortRollups,
  dashboardRange,
  networkTotals,
  oldestWaiting,
  overdueCounts,
  submitDays,
  topSectors,
  scopeCounts,
  weeklyActivity,
  type AssignmentRollupRow,
  type FunnelCounts,
  type CohortRollupRow,
  type DueRange,
} from './dashboards.queries';

/** The roll-ups' key for "the whole career center" (see the dashboards migration). */
export const WHOLE_TENANT = '00000000-0000-0000-0000-000000000000';
const AT_RISK_LIMIT = 50;
const BACKLOG_LIMIT = 10;
const OVERVIEW_ASSIGNMENTS = 50;
const COHORT_ASSIGNMENTS = 200;
const DEFAULT_WEEKS = 12;
const MAX_RANGE_DAYS = 366;

/** Which cohorts a read covers: null means the whole career center (admins only). */
interface Scope {
  kind: DashboardScope['kind'];
  cohortIds: string[] | null;
}

/** The range in the career center's time zone, as SQL-ready bounds. */
interface Range extends DueRange {
  atRiskDays: number;
  /** Monday of the first and last week of the trend. */
  firstWeek: string;
  lastWeek: string;
}

/**
 * Reads dashboards from the roll-up tables only: every query is a lookup whose size depends on
 * cohorts × assignments (or a LIMIT on an index), never on the number of students or tasks.
 */
@Injectable()
export class DashboardsService {
  constructor(private readonly tenantDb: TenantDatabase) {}

  overview(auth: UserAuth, query: DashboardQuery): Promise<Dashboard> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      await requireAccess(db, auth, 'dashboard.read');
      const scope = await this.scopeFor(db, auth, query.cohortId);
      return this.build(db, auth.tenantId, scope, await this.range(db, auth.tenantId, query), OVERVIEW_ASSIGNMENTS);
    });
  }

  cohort(auth: UserAuth, cohortId: string, query: DashboardQuery): Promise<CohortDashboard> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      await requireAccess(db, auth, 'dashboard.cohort.read', cohortId);
      const cohort = await cohortName(db, auth.tenantId, cohortId);
      if (!cohort) throw new NotFoundException('No such cohort');
      const dashboard = await this.build(db, auth.tenantId, { kind: 'cohort', cohortIds: [cohortId] }, await this.range(db, auth.tenantId, query), COHORT_ASSIGNMENTS);
      return { ...dashboard, cohort: { id: cohort.id, name: cohort.name } };
    });
  }

  private async scopeFor(db: EntityManager, auth: UserAuth, cohortId?: string): Promise<Scope> {
    if (cohortId) {
      await requireAccess(db, auth, 'dashboard.cohort.read', cohortId);
      return { kind: 'cohort', cohortIds: [cohortId] };
    }
    if (auth.role === 'admin') return { kind: 'tenant', cohortIds: null };
    if (auth.role !== 'advisor') throw new NotFoundException('No dashboard for you here');
    const rows = await advisedCohortIds(db, auth.tenantId, auth.userId);
    return { kind: 'advisor', cohortIds: rows.map((row) => row.cohort_id) };
  }

  private async range(db: EntityManager, tenantId: string, query: DashboardQuery): Promise<Range> {
    const problems: { field: string; problems: string[] }[] = [];
    for (const field of ['from', 'to'] as const) {
      const value = query[field];
      if (value && !isRealDate(value)) problems.push({ field, problems: [`${field} must be a real calendar date`] });
    }
    if (!problems.length && query.from && query.to) {
      if (query.from > query.to) problems.push({ field: 'from', problems: ['from must not be after to'] });
      else if (daysBetween(query.from, query.to) > MAX_RANGE_DAYS) problems.push({ field: 'to', problems: [`the range may cover at most ${MAX_RANGE_DAYS} days`] });
    }
    if (problems.length) throw validationFailed(problems);
    const row = await dashboardRange(db, tenantId, query.from ?? null, query.to ?? null, DEFAULT_WEEKS);
    if (!row) throw new NotFoundException('No such career center');
    return {
      from: query.from ?? null,
      to: query.to ?? null,
      timezone: row.timezone,
      startsAt: row.starts_at,
      endsBefore: row.ends_before,
      atRiskDays: row.at_risk_inactive_days,
      firstWeek: row.first_week,
      lastWeek: row.last_week,
    };
  }

  private async build(db: EntityManager, tenantId: string, scope: Scope, range: Range, assignmentLimit: number): Promise<Dashboard> {
    // Sums come from PostgreSQL (the scope's, each cohort's); only the assignments listed travel as rows.
    const totals = await scopeCounts(db, tenantId, scope.cohortIds, range);
    const listed = await assignmentRollups(db, tenantId, scope.cohortIds, range, assignmentLimit);
    const cohortRows = await cohortRollups(db, tenantId, scope.cohortIds, range);
    const medians = await this.medians(db, tenantId, range, listed.map((row) => row.assignment_id));
    return {
      scope: { kind: scope.kind, cohortIds: scope.cohortIds ?? [] },
      range: { from: range.from, to: range.to, timezone: range.timezone },
      funnel: funnel(totals),
      cohorts: cohortRows.map(toCohortStats),
      assignments: listed.map((row) => toAssignmentStats(row, medians.get(row.assignment_id) ?? null)),
      atRisk: await this.atRisk(db, tenantId, scope, range.atRiskDays),
      caseload: await this.caseload(db, tenantId, cohortRows),
      backlog: await this.backlog(db, tenantId, scope, totals.waiting),
      network: await this.network(db, tenantId, scope),
      weekly: await this.weekly(db, tenantId, scope, range),
      generatedAt: new Date().toISOString(),
    };
  }

  /** Lower median of whole days to first submission, from the per-assignment histogram. */
  private async medians(db: EntityManager, tenantId: string, range: Range, assignmentIds: string[]): Promise<Map<string, number>> {
    if (!assignmentIds.length) return new Map();
    const rows = await submitDays(db, tenantId, assignmentIds, range);
    const histograms = new Map<string, { days: number; tasks: number }[]>();
    for (const row of rows) {
      const list = histograms.get(row.assignment_id) ?? [];
      list.push({ days: row.days, tasks: row.tasks });
      histograms.set(row.assignment_id, list);
    }
    const medians = new Map<string, number>();
    for (const [id, histogram] of histograms) {
      const total = histogram.reduce((n, bucket) => n + bucket.tasks, 0);
      const position = Math.ceil(total / 2);
      let seen = 0;
      for (const bucket of histogram) {
        seen += bucket.tasks;
        if (seen >= position) {
          medians.set(id, bucket.days);
          break;
        }
      }
    }
    return medians;
  }

  /**
   * Students with no activity in N days, or with two or more overdue tasks, with their overdue
   * task counts; AT_RISK_LIMIT at most (`more` says there were more).
   */
  private async atRisk(db: EntityManager, tenantId: string, scope: Scope, days: number): Promise<AtRiskList> {
    const rows = await atRiskStudents(db, tenantId, scope.cohortIds, days, AT_RISK_LIMIT + 1);
    const listed = rows.slice(0, AT_RISK_LIMIT);
    const overdue = new Map<string, number>();
    if (listed.length) {
      const counts = await overdueCounts(db, tenantId, listed.map((row) => row.student_id));
      for (const row of counts) overdue.set(row.student_id, row.overdue);
    }
    const now = Date.now();
    return {
      inactiveDays: days,
      more: rows.length > AT_RISK_LIMIT,
      students: listed.map((row) => ({
        id: row.student_id,
        name: row.name,
        lastActivityAt: row.last_activity_at.toISOString(),
        inactiveDays: Math.floor((now - row.last_activity_at.getTime()) / 86_400_000),
        overdueTasks: overdue.get(row.student_id) ?? 0,
        reasons: [...(row.inactive ? (['inactive'] as const) : []), ...(row.overdue ? (['overdue'] as const) : [])],
      })),
    };
  }

  /** Advisors of the cohorts in scope, with their student places and review work, from the per-cohort numbers. */
  private async caseload(db: EntityManager, tenantId: string, cohortRows: CohortRollupRow[]): Promise<AdvisorCaseload[]> {
    if (!cohortRows.length) return [];
    const byCohort = new Map(cohortRows.map((row) => [row.id, row]));
    const advisors = await cohortAdvisors(db, tenantId, [...byCohort.keys()]);
    const caseload = new Map<string, AdvisorCaseload>();
    for (const row of advisors) {
      const cohort = byCohort.get(row.cohort_id);
      if (!cohort) continue;
      const entry = caseload.get(row.user_id) ?? { advisorId: row.user_id, name: row.name, cohorts: 0, students: 0, awaitingReview: 0, oldestWaitingSince: null };
      entry.cohorts += 1;
      entry.students += cohort.students;
      entry.awaitingReview += cohort.waiting;
      const oldest = cohort.oldest_waiting?.toISOString() ?? null;
      if (oldest && (!entry.oldestWaitingSince || oldest < entry.oldestWaitingSince)) entry.oldestWaitingSince = oldest;
      caseload.set(row.user_id, entry);
    }
    return [...caseload.values()];
  }

  /** Submissions waiting for review now: the count from the roll-ups, the oldest from a partial index. */
  private async backlog(db: EntityManager, tenantId: string, scope: Scope, waiting: number): Promise<ReviewBacklog> {
    const rows = await oldestWaiting(db, tenantId, scope.cohortIds, BACKLOG_LIMIT);
    return {
      waiting,
      oldestWaitingSince: rows[0]?.submitted_at.toISOString() ?? null,
      oldest: rows.map((row) => ({
        taskId: row.id,
        title: row.title,
        student: { id: row.student_id, name: row.student_name },
        cohort: cohortRef(row),
        submittedAt: row.submitted_at.toISOString(),
      })),
    };
  }

  private async network(db: EntityManager, tenantId: string, scope: Scope): Promise<NetworkGrowth> {
    const scopes = scope.cohortIds ?? [WHOLE_TENANT];
    const totals = (await networkTotals(db, tenantId, scopes)) ?? { students: 0, contacts: 0, conversations: 0, introductions: 0 };
    const sectors = await topSectors(db, tenantId, scopes);
    const per = (n: number) => (totals.students ? round(n / totals.students) : null);
    return {
      students: totals.students,
      contacts: totals.contacts,
      conversations: totals.conversations,
      introductions: totals.introductions,
      contactsPerStudent: per(totals.contacts),
      conversationsPerStudent: per(totals.conversations),
      introductionsPerStudent: per(totals.introductions),
      sectors: sectors.map((row) => ({ sector: row.sector, contacts: row.contacts })),
    };
  }

  private async weekly(db: EntityManager, tenantId: string, scope: Scope, range: Range): Promise<WeeklyPoint[]> {
    const rows = await weeklyActivity(db, tenantId, scope.cohortIds ?? [WHOLE_TENANT], range.firstWeek, range.lastWeek);
    return rows.map((row) => ({ week: row.week, submissions: row.submissions, approvals: row.approvals }));
  }
}

function toCohortStats(cohort: CohortRollupRow): CohortStats {
  return {
    cohortId: cohort.id,
    name: cohort.name,
    students: cohort.students,
    overdueNow: cohort.overdue_now,
    awaitingReview: cohort.waiting,
    ...funnel(cohort),
  };
}

function toAssignmentStats(row: AssignmentRollupRow, median: number | null): AssignmentStats {
  return {
    assignmentId: row.assignment_id,
    title: row.title,
    cohort: cohortRef(row),
    dueFrom: row.due_from.toISOString(),
    dueTo: row.due_to.toISOString(),
    assigned: row.assigned,
    submitted: row.submitted,
    approved: row.approved,
    completionRate: rate(row.approved, row.assigned),
    onTime: row.on_time,
    late: row.late,
    overdueNow: row.overdue_now,
    awaitingReview: row.awaiting_review,
    medianDaysToSubmit: median,
  };
}

function funnel({ assigned, started, submitted, approved }: FunnelCounts): CompletionFunnel {
  return {
    assigned,
    started,
    submitted,
    approved,
    startedRate: rate(started, assigned),
    submittedRate: rate(submitted, assigned),
    approvedRate: rate(approved, assigned),
  };
}

/** The cohort a row belongs to, or null for work outside any cohort. */
function cohortRef(row: { cohort_id: string | null; cohort_name: string | null }): { id: string; name: string } | null {
  return row.cohort_id !== null && row.cohort_name !== null ? { id: row.cohort_id, name: row.cohort_name } : null;
}

function rate(part: number, whole: number): number | null {
  return whole ? round(part / whole) : null;
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

function isRealDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}
