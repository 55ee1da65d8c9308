import { Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TenantDatabase, UserAuth, validationFailed } from '@fieldwork/server-core';
import { OPEN_STATUSES } from '@fieldwork/server-homework';
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
interface Range {
  from: string | null;
  to: string | null;
  timezone: string;
  atRiskDays: number;
  /** Monday of the first and last week of the trend. */
  firstWeek: string;
  lastWeek: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Row = any;

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
      const [cohort] = await db.query(`SELECT id, name FROM cohorts WHERE tenant_id = $1 AND id = $2`, [auth.tenantId, cohortId]);
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
    const rows = await db.query(
      `SELECT m.cohort_id FROM cohort_members m WHERE m.tenant_id = $1 AND m.user_id = $2 AND m.role = 'advisor' ORDER BY m.cohort_id`,
      [auth.tenantId, auth.userId],
    );
    return { kind: 'advisor', cohortIds: rows.map((row: Row) => row.cohort_id) };
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
    const [row] = await db.query(
      `SELECT t.timezone, t.at_risk_inactive_days,
              to_char(date_trunc('week', COALESCE($2::date, COALESCE($3::date, today.d) - ${7 * (DEFAULT_WEEKS - 1)})), 'YYYY-MM-DD') AS first_week,
              to_char(date_trunc('week', COALESCE($3::date, today.d)), 'YYYY-MM-DD') AS last_week
         FROM tenants t CROSS JOIN LATERAL (SELECT (now() AT TIME ZONE t.timezone)::date AS d) today
        WHERE t.id = $1`,
      [tenantId, query.from ?? null, query.to ?? null],
    );
    return {
      from: query.from ?? null,
      to: query.to ?? null,
      timezone: row.timezone,
      atRiskDays: row.at_risk_inactive_days,
      firstWeek: row.first_week,
      lastWeek: row.last_week,
    };
  }

  private async build(db: EntityManager, tenantId: string, scope: Scope, range: Range, assignmentLimit: number): Promise<Dashboard> {
    const assignmentRows = await this.assignmentRows(db, tenantId, scope, range);
    const cohortRows = await this.cohortRows(db, tenantId, scope);
    const listed = assignmentRows.slice(0, assignmentLimit);
    const medians = await this.medians(db, tenantId, range, listed.map((row: Row) => row.assignment_id));
    const cohorts = cohortStats(cohortRows, assignmentRows);
    return {
      scope: { kind: scope.kind, cohortIds: scope.cohortIds ?? [] },
      range: { from: range.from, to: range.to, timezone: range.timezone },
      funnel: funnel(sum(assignmentRows, 'assigned'), sum(assignmentRows, 'started'), sum(assignmentRows, 'submitted'), sum(assignmentRows, 'approved')),
      cohorts,
      assignments: listed.map((row: Row) => toAssignmentStats(row, medians.get(row.assignment_id) ?? null)),
      atRisk: await this.atRisk(db, tenantId, scope, range.atRiskDays),
      caseload: await this.caseload(db, tenantId, cohortRows),
      backlog: await this.backlog(db, tenantId, scope),
      network: await this.network(db, tenantId, scope),
      weekly: await this.weekly(db, tenantId, scope, range),
      generatedAt: new Date().toISOString(),
    };
  }

  /** SQL bounds: a cohort filter on `column`, and the due-date range on `dueColumn`, appended to params. */
  private filters(params: unknown[], scope: Scope, range: Range | null, column: string, dueColumn?: string): string {
    let sql = '';
    if (scope.cohortIds) {
      params.push(scope.cohortIds);
      sql += ` AND ${column} = ANY($${params.length}::uuid[])`;
    }
    if (range && dueColumn) {
      if (range.from) {
        params.push(range.from, range.timezone);
        sql += ` AND ${dueColumn} >= ($${params.length - 1}::date)::timestamp AT TIME ZONE $${params.length}::text`;
      }
      if (range.to) {
        params.push(range.to, range.timezone);
        sql += ` AND ${dueColumn} < ($${params.length - 1}::date + 1)::timestamp AT TIME ZONE $${params.length}::text`;
      }
    }
    return sql;
  }

  /** One row per live assignment with counted tasks due in range, latest due first. */
  private assignmentRows(db: EntityManager, tenantId: string, scope: Scope, range: Range): Promise<Row[]> {
    const params: unknown[] = [tenantId];
    const where = this.filters(params, scope, range, 'r.cohort_id', 'r.due_at');
    return db.query(
      `SELECT r.assignment_id, a.title, r.cohort_id, c.name AS cohort_name, min(r.due_at) FILTER (WHERE r.assigned > 0) AS due_from, max(r.due_at) FILTER (WHERE r.assigned > 0) AS due_to,
              sum(r.assigned)::int AS assigned, sum(r.started)::int AS started, sum(r.submitted)::int AS submitted,
              sum(r.approved)::int AS approved, sum(r.on_time)::int AS on_time, sum(r.late)::int AS late,
              sum(r.awaiting_review)::int AS awaiting_review,
              COALESCE(sum(r.open) FILTER (WHERE r.due_at < now()), 0)::int AS overdue_now
         FROM dash_task_rollups r
         JOIN assignments a ON a.tenant_id = r.tenant_id AND a.id = r.assignment_id AND a.archived_at IS NULL
         LEFT JOIN cohorts c ON c.tenant_id = r.tenant_id AND c.id = r.cohort_id
        WHERE r.tenant_id = $1 ${where}
        GROUP BY r.assignment_id, a.title, r.cohort_id, c.name
       HAVING sum(r.assigned) > 0
        ORDER BY max(r.due_at) FILTER (WHERE r.assigned > 0) DESC, r.assignment_id`,
      params,
    );
  }

  /**
   * The cohorts in scope with their students and the review work waiting now: the waiting counts
   * summed from the roll-ups in one grouped pass (not a probe per cohort), the oldest waiting
   * submission per cohort from the partial index.
   */
  private cohortRows(db: EntityManager, tenantId: string, scope: Scope): Promise<Row[]> {
    const params: unknown[] = [tenantId];
    const where = this.filters(params, scope, null, 'c.id');
    const rollupWhere = scope.cohortIds ? `AND r.cohort_id = ANY($2::uuid[])` : '';
    return db.query(
      `WITH waiting AS (
         SELECT r.cohort_id, sum(r.awaiting_review) AS waiting FROM dash_task_rollups r
           JOIN assignments a ON a.tenant_id = r.tenant_id AND a.id = r.assignment_id AND a.archived_at IS NULL
          WHERE r.tenant_id = $1 AND r.cohort_id IS NOT NULL ${rollupWhere}
          GROUP BY r.cohort_id)
       SELECT c.id, c.name, COALESCE(n.students, 0) AS students, COALESCE(w.waiting, 0)::int AS waiting, oldest.submitted_at AS oldest_waiting
         FROM cohorts c
         LEFT JOIN dash_network n ON n.tenant_id = c.tenant_id AND n.scope_id = c.id
         LEFT JOIN waiting w ON w.cohort_id = c.id
         LEFT JOIN LATERAL (
           SELECT t.submitted_at FROM tasks t
             JOIN assignments a ON a.tenant_id = t.tenant_id AND a.id = t.assignment_id AND a.archived_at IS NULL
            WHERE t.tenant_id = c.tenant_id AND t.cohort_id = c.id AND t.status = 'submitted'
            ORDER BY t.submitted_at, t.id LIMIT 1) oldest ON true
        WHERE c.tenant_id = $1 ${where}
        ORDER BY lower(c.name), c.id`,
      params,
    );
  }

  /** Lower median of whole days to first submission, from the per-assignment histogram. */
  private async medians(db: EntityManager, tenantId: string, range: Range, assignmentIds: string[]): Promise<Map<string, number>> {
    if (!assignmentIds.length) return new Map();
    const params: unknown[] = [tenantId, assignmentIds];
    const where = this.filters(params, { kind: 'tenant', cohortIds: null }, range, 'r.assignment_id', 'r.due_at');
    const rows: Row[] = await db.query(
      `SELECT r.assignment_id, r.days, sum(r.tasks)::int AS tasks FROM dash_submit_days r
        WHERE r.tenant_id = $1 AND r.assignment_id = ANY($2::uuid[]) ${where}
        GROUP BY r.assignment_id, r.days HAVING sum(r.tasks) > 0
        ORDER BY r.assignment_id, r.days`,
      params,
    );
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
   * Students with no activity in N days, or with two or more overdue tasks. For the whole career
   * center: the union of two LIMITed index walks (by last activity, by the second-earliest open due
   * time); for cohorts: their members (a cohort's size), looked up by key.
   */
  private async atRisk(db: EntityManager, tenantId: string, scope: Scope, days: number): Promise<AtRiskList> {
    const columns = `s.student_id, u.name, s.last_activity_at,
                     COALESCE(s.last_activity_at < now() - make_interval(days => $2), false) AS inactive,
                     COALESCE(s.second_open_due_at < now(), false) AS overdue`;
    const atRisk = `(s.last_activity_at < now() - make_interval(days => $2) OR s.second_open_due_at < now())`;
    const people = `JOIN users u ON u.tenant_id = s.tenant_id AND u.id = s.student_id AND u.role = 'student' AND u.active`;
    const limit = AT_RISK_LIMIT + 1;
    const rows: Row[] = scope.cohortIds
      ? await db.query(
          `SELECT ${columns}
             FROM (SELECT DISTINCT m.user_id FROM cohort_members m
                    WHERE m.tenant_id = $1 AND m.cohort_id = ANY($3::uuid[]) AND m.role = 'student') k
             JOIN dash_students s ON s.tenant_id = $1 AND s.student_id = k.user_id
             ${people}
            WHERE ${atRisk}
            ORDER BY s.last_activity_at, s.student_id LIMIT ${limit}`,
          [tenantId, days, scope.cohortIds],
        )
      : await db.query(
          `WITH candidates AS (
             (SELECT s.student_id FROM dash_students s ${people}
               WHERE s.tenant_id = $1 AND s.last_activity_at < now() - make_interval(days => $2)
               ORDER BY s.last_activity_at, s.student_id LIMIT ${limit})
             UNION
             (SELECT s.student_id FROM dash_students s ${people}
               WHERE s.tenant_id = $1 AND s.second_open_due_at < now()
               ORDER BY s.second_open_due_at, s.student_id LIMIT ${limit}))
           SELECT ${columns} FROM candidates k
             JOIN dash_students s ON s.tenant_id = $1 AND s.student_id = k.student_id
             ${people}
            ORDER BY s.last_activity_at, s.student_id LIMIT ${limit}`,
          [tenantId, days],
        );
    const listed = rows.slice(0, AT_RISK_LIMIT);
    const overdue = new Map<string, number>();
    if (listed.length) {
      const counts: Row[] = await db.query(
        `SELECT t.student_id, count(*)::int AS overdue FROM tasks t
           JOIN assignments a ON a.tenant_id = t.tenant_id AND a.id = t.assignment_id AND a.archived_at IS NULL
          WHERE t.tenant_id = $1 AND t.student_id = ANY($2::uuid[]) AND t.status IN ${OPEN_STATUSES} AND t.due_at < now()
          GROUP BY t.student_id`,
        [tenantId, listed.map((row) => row.student_id)],
      );
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
  private async caseload(db: EntityManager, tenantId: string, cohortRows: Row[]): Promise<AdvisorCaseload[]> {
    if (!cohortRows.length) return [];
    const byCohort = new Map<string, Row>(cohortRows.map((row) => [row.id, row]));
    const advisors: Row[] = await db.query(
      `SELECT m.user_id, u.name, m.cohort_id FROM cohort_members m
         JOIN users u ON u.tenant_id = m.tenant_id AND u.id = m.user_id
        WHERE m.tenant_id = $1 AND m.cohort_id = ANY($2::uuid[]) AND m.role = 'advisor'
        ORDER BY lower(u.name), m.user_id`,
      [tenantId, [...byCohort.keys()]],
    );
    const caseload = new Map<string, AdvisorCaseload>();
    for (const row of advisors) {
      const cohort = byCohort.get(row.cohort_id);
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
  private async backlog(db: EntityManager, tenantId: string, scope: Scope): Promise<ReviewBacklog> {
    const countParams: unknown[] = [tenantId];
    const countWhere = this.filters(countParams, scope, null, 'r.cohort_id');
    const [{ waiting }] = await db.query(
      `SELECT COALESCE(sum(r.awaiting_review), 0)::int AS waiting FROM dash_task_rollups r
         JOIN assignments a ON a.tenant_id = r.tenant_id AND a.id = r.assignment_id AND a.archived_at IS NULL
        WHERE r.tenant_id = $1 ${countWhere}`,
      countParams,
    );
    const params: unknown[] = [tenantId];
    const where = this.filters(params, scope, null, 't.cohort_id');
    const rows: Row[] = await db.query(
      `SELECT t.id, a.title, t.student_id, u.name AS student_name, t.cohort_id, c.name AS cohort_name, t.submitted_at
         FROM tasks t
         JOIN assignments a ON a.tenant_id = t.tenant_id AND a.id = t.assignment_id AND a.archived_at IS NULL
         JOIN users u ON u.tenant_id = t.tenant_id AND u.id = t.student_id
         LEFT JOIN cohorts c ON c.tenant_id = t.tenant_id AND c.id = t.cohort_id
        WHERE t.tenant_id = $1 AND t.status = 'submitted' ${where}
        ORDER BY t.submitted_at, t.id LIMIT ${BACKLOG_LIMIT}`,
      params,
    );
    return {
      waiting,
      oldestWaitingSince: rows[0]?.submitted_at.toISOString() ?? null,
      oldest: rows.map((row) => ({
        taskId: row.id,
        title: row.title,
        student: { id: row.student_id, name: row.student_name },
        cohort: row.cohort_id ? { id: row.cohort_id, name: row.cohort_name } : null,
        submittedAt: row.submitted_at.toISOString(),
      })),
    };
  }

  private async network(db: EntityManager, tenantId: string, scope: Scope): Promise<NetworkGrowth> {
    const scopes = scope.cohortIds ?? [WHOLE_TENANT];
    const [totals] = await db.query(
      `SELECT COALESCE(sum(students), 0)::int AS students, COALESCE(sum(contacts), 0)::int AS contacts,
              COALESCE(sum(conversations), 0)::int AS conversations, COALESCE(sum(introductions), 0)::int AS introductions
         FROM dash_network WHERE tenant_id = $1 AND scope_id = ANY($2::uuid[])`,
      [tenantId, scopes],
    );
    const sectors: Row[] = await db.query(
      `SELECT sector, sum(contacts)::int AS contacts FROM dash_sectors WHERE tenant_id = $1 AND scope_id = ANY($2::uuid[])
        GROUP BY sector HAVING sum(contacts) > 0 ORDER BY sum(contacts) DESC, sector LIMIT 12`,
      [tenantId, scopes],
    );
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
    const rows: Row[] = await db.query(
      `SELECT to_char(g.week, 'YYYY-MM-DD') AS week, COALESCE(sum(w.submissions), 0)::int AS submissions, COALESCE(sum(w.approvals), 0)::int AS approvals
         FROM generate_series($3::date, $4::date, interval '7 days') AS g(week)
         LEFT JOIN dash_weekly w ON w.tenant_id = $1 AND w.scope_id = ANY($2::uuid[]) AND w.week = g.week::date
        GROUP BY g.week ORDER BY g.week`,
      [tenantId, scope.cohortIds ?? [WHOLE_TENANT], range.firstWeek, range.lastWeek],
    );
    return rows.map((row) => ({ week: row.week, submissions: row.submissions, approvals: row.approvals }));
  }
}

function cohortStats(cohortRows: Row[], assignmentRows: Row[]): CohortStats[] {
  return cohortRows.map((cohort) => {
    const mine = assignmentRows.filter((row) => row.cohort_id === cohort.id);
    return {
      cohortId: cohort.id,
      name: cohort.name,
      students: cohort.students,
      overdueNow: sum(mine, 'overdue_now'),
      awaitingReview: cohort.waiting,
      ...funnel(sum(mine, 'assigned'), sum(mine, 'started'), sum(mine, 'submitted'), sum(mine, 'approved')),
    };
  });
}

function toAssignmentStats(row: Row, median: number | null): AssignmentStats {
  return {
    assignmentId: row.assignment_id,
    title: row.title,
    cohort: row.cohort_id ? { id: row.cohort_id, name: row.cohort_name } : null,
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

function funnel(assigned: number, started: number, submitted: number, approved: number): CompletionFunnel {
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

function sum(rows: Row[], key: string): number {
  return rows.reduce((n, row) => n + row[key], 0);
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
