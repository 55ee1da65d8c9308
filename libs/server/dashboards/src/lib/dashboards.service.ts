import { Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TenantDatabase, UserAuth, validationFailed } from '@fieldwork/server-core';
import { requireAccess } from '@fieldwork/server-access';
import {
  DASHBOARD_LIST_LIMIT,
  type AdvisorCaseload,
  type AssignmentStats,
  type AtRiskList,
  type CohortDashboard,
  type CohortStats,
  type CompletionFunnel,
  type Dashboard,
  type DashboardQuery,
  type DashboardScope,
  type NetworkGrowth,
  type ReviewBacklog,
} from '@fieldwork/contracts';
import {
  advisedCohortIds,
  cohortName,
  dashboardFacts,
  dashboardRange,
  type AdvisorFacts,
  type AssignmentFacts,
  type AtRiskFacts,
  type CohortFacts,
  type DashboardFacts,
  type DashboardRange,
  type FunnelCounts,
  type JsonTime,
} from './dashboards.queries';

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

/**
 * Reads dashboards from the roll-up tables only: every query is a lookup whose size depends on
 * cohorts × assignments (or a LIMIT on an index), never on the number of students or tasks.
 * A dashboard is two to four statements: the cohorts it covers (an advisor's; a cohort's access
 * and name), its range in the career center's zone, then every panel at once (`dashboardFacts`).
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

  private async range(db: EntityManager, tenantId: string, query: DashboardQuery): Promise<DashboardRange> {
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

  private async build(db: EntityManager, tenantId: string, scope: Scope, range: DashboardRange, assignmentLimit: number): Promise<Dashboard> {
    const facts = await dashboardFacts(
      db,
      { tenantId, cohortIds: scope.cohortIds, range },
      { assignments: assignmentLimit, cohorts: DASHBOARD_LIST_LIMIT, advisors: DASHBOARD_LIST_LIMIT, atRisk: AT_RISK_LIMIT + 1, oldestWaiting: BACKLOG_LIMIT },
    );
    return {
      scope: { kind: scope.kind, cohortIds: scope.cohortIds ?? [] },
      range: { from: range.from, to: range.to, timezone: range.timezone },
      funnel: funnel(facts.totals),
      cohorts: facts.cohorts.map(toCohortStats),
      cohortsInScope: facts.cohortsInScope,
      assignments: facts.assignments.map(toAssignmentStats),
      atRisk: atRisk(facts.atRisk, range.atRiskDays),
      caseload: facts.caseload.map(toCaseload),
      advisorsInScope: facts.advisorsInScope,
      backlog: backlog(facts),
      network: network(facts.network, facts.sectors),
      weekly: facts.weekly,
      generatedAt: new Date().toISOString(),
    };
  }
}

/**
 * Students with no activity in N days, or with two or more overdue tasks, with their overdue
 * task counts; AT_RISK_LIMIT at most (`more` says there were more).
 */
function atRisk(rows: AtRiskFacts[], days: number): AtRiskList {
  const now = Date.now();
  return {
    inactiveDays: days,
    more: rows.length > AT_RISK_LIMIT,
    students: rows.slice(0, AT_RISK_LIMIT).map((row) => {
      const lastActivity = new Date(row.last_activity_at);
      return {
        id: row.student_id,
        name: row.name,
        lastActivityAt: lastActivity.toISOString(),
        inactiveDays: Math.floor((now - lastActivity.getTime()) / 86_400_000),
        overdueTasks: row.overdue_tasks,
        reasons: [...(row.inactive ? (['inactive'] as const) : []), ...(row.overdue ? (['overdue'] as const) : [])],
      };
    }),
  };
}

function toCaseload(row: AdvisorFacts): AdvisorCaseload {
  return {
    advisorId: row.user_id,
    name: row.name,
    cohorts: row.cohorts,
    students: row.students,
    awaitingReview: row.waiting,
    oldestWaitingSince: isoTime(row.oldest_waiting),
  };
}

/** Submissions waiting for review now: the count from the roll-ups, the oldest from a partial index. */
function backlog({ totals, oldestWaiting }: DashboardFacts): ReviewBacklog {
  return {
    waiting: totals.waiting,
    oldestWaitingSince: isoTime(oldestWaiting[0]?.submitted_at ?? null),
    oldest: oldestWaiting.map((row) => ({
      taskId: row.id,
      title: row.title,
      student: { id: row.student_id, name: row.student_name },
      cohort: cohortRef(row),
      submittedAt: new Date(row.submitted_at).toISOString(),
    })),
  };
}

function network(totals: DashboardFacts['network'], sectors: DashboardFacts['sectors']): NetworkGrowth {
  const per = (n: number) => (totals.students ? round(n / totals.students) : null);
  return {
    students: totals.students,
    contacts: totals.contacts,
    conversations: totals.conversations,
    introductions: totals.introductions,
    contactsPerStudent: per(totals.contacts),
    conversationsPerStudent: per(totals.conversations),
    introductionsPerStudent: per(totals.introductions),
    sectors,
  };
}

function toCohortStats(cohort: CohortFacts): CohortStats {
  return {
    cohortId: cohort.id,
    name: cohort.name,
    students: cohort.students,
    overdueNow: cohort.overdue_now,
    awaitingReview: cohort.waiting,
    ...funnel(cohort),
  };
}

function toAssignmentStats(row: AssignmentFacts): AssignmentStats {
  return {
    assignmentId: row.assignment_id,
    title: row.title,
    cohort: cohortRef(row),
    dueFrom: new Date(row.due_from).toISOString(),
    dueTo: new Date(row.due_to).toISOString(),
    assigned: row.assigned,
    submitted: row.submitted,
    approved: row.approved,
    completionRate: rate(row.approved, row.assigned),
    onTime: row.on_time,
    late: row.late,
    overdueNow: row.overdue_now,
    awaitingReview: row.awaiting_review,
    medianDaysToSubmit: row.median_days,
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

/** A JSON timestamp as the contracts carry it (ISO 8601 in UTC, milliseconds). */
function isoTime(value: JsonTime | null): string | null {
  return value === null ? null : new Date(value).toISOString();
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
