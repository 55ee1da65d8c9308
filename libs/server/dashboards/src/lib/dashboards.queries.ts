import { execute, join, queryOne, queryRows, raw, sql, type Sql } from '@fieldwork/server-core';
import { OPEN_TASK_STATUSES, type TaskStatus } from '@fieldwork/contracts';
import { OPEN_STATUSES } from '@fieldwork/server-homework';
import type { EntityManager } from 'typeorm';

/** Which cohorts a read covers: null means the whole career center. */
export type CohortIds = string[] | null;

/** A due-date range in the career center's zone (local days, inclusive). */
export interface DueRange {
  from: string | null;
  to: string | null;
  timezone: string;
  /** The instants that bound it: midnight starting `from`, midnight after `to` (computed once by `dashboardRange`). */
  startsAt: Date | null;
  endsBefore: Date | null;
}

/** `column` (a cohort id) among the cohorts of the scope; TRUE for the whole career center. */
function inCohorts(column: string, cohortIds: CohortIds): Sql {
  return cohortIds ? sql`${raw(column)} = ANY(${cohortIds}::uuid[])` : raw('TRUE');
}

/** The roll-up row `r` counts live homework only: the row carries its assignment's state (migration 1766000000000). */
const OF_LIVE_ASSIGNMENT = raw('r.live');

/** `column` (an instant) within the range's local days. */
function dueWithin(column: string, range: DueRange): Sql {
  const bounds: Sql[] = [];
  // Plain instants: a prepared statement's generic plan would otherwise convert the zone once per row and per FILTER.
  if (range.startsAt) bounds.push(sql`${raw(column)} >= ${range.startsAt}::timestamptz`);
  if (range.endsBefore) bounds.push(sql`${raw(column)} < ${range.endsBefore}::timestamptz`);
  return join(bounds, ' AND ');
}

// --- dashboards -------------------------------------------------------------------

/** One row of `advisedCohortIds`. */
export interface CohortIdRow {
  cohort_id: string;
}

/** The cohorts a user advises, by id. */
export function advisedCohortIds(db: EntityManager, tenantId: string, userId: string): Promise<CohortIdRow[]> {
  return queryRows<CohortIdRow>(
    db,
    sql`SELECT m.cohort_id FROM cohort_members m WHERE m.tenant_id = ${tenantId} AND m.user_id = ${userId} AND m.role = 'advisor' ORDER BY m.cohort_id`,
  );
}

/** One row of `cohortName`. */
export interface CohortNameRow {
  id: string;
  name: string;
}

export function cohortName(db: EntityManager, tenantId: string, cohortId: string): Promise<CohortNameRow | undefined> {
  return queryOne<CohortNameRow>(db, sql`SELECT id, name FROM cohorts WHERE tenant_id = ${tenantId} AND id = ${cohortId}`);
}

/** One row of `dashboardRange`: the zone, the range's bounding instants, the at-risk setting and the Mondays of the trend's first and last week. */
export interface DashboardRangeRow {
  timezone: string;
  starts_at: Date | null;
  ends_before: Date | null;
  at_risk_inactive_days: number;
  first_week: string;
  last_week: string;
}

/** The trend covers `from`…`to`, or the `defaultWeeks` weeks up to `to` (or today, in the career center's zone). */
export function dashboardRange(db: EntityManager, tenantId: string, from: string | null, to: string | null, defaultWeeks: number): Promise<DashboardRangeRow | undefined> {
  return queryOne<DashboardRangeRow>(
    db,
    sql`SELECT t.timezone, t.at_risk_inactive_days,
               (${from}::date)::timestamp AT TIME ZONE t.timezone AS starts_at, (${to}::date + 1)::timestamp AT TIME ZONE t.timezone AS ends_before,
               to_char(date_trunc('week', COALESCE(${from}::date, COALESCE(${to}::date, today.d) - ${raw(String(7 * (defaultWeeks - 1)))})), 'YYYY-MM-DD') AS first_week,
               to_char(date_trunc('week', COALESCE(${to}::date, today.d)), 'YYYY-MM-DD') AS last_week
          FROM tenants t CROSS JOIN LATERAL (SELECT (now() AT TIME ZONE t.timezone)::date AS d) today
         WHERE t.id = ${tenantId}`,
  );
}

/** A timestamp inside a JSON answer: PostgreSQL's ISO 8601 text (with its offset), read with `new Date()`. */
export type JsonTime = string;

/** One element of `DashboardFacts.assignments`: a live assignment's counted tasks due in range. */
export interface AssignmentFacts {
  assignment_id: string;
  title: string;
  cohort_id: string | null;
  cohort_name: string | null;
  due_from: JsonTime;
  due_to: JsonTime;
  assigned: number;
  started: number;
  submitted: number;
  approved: number;
  on_time: number;
  late: number;
  awaiting_review: number;
  overdue_now: number;
  /** The lower median of whole days to first submission of its tasks due in range; null before any. */
  median_days: number | null;
}

/** Counted tasks of live homework due in range: the funnel, and those open past their due time now. */
export interface FunnelCounts {
  assigned: number;
  started: number;
  submitted: number;
  approved: number;
  overdue_now: number;
}

/** The scope's funnel of tasks due in range, and its submissions waiting for review now. */
export interface ScopeCounts extends FunnelCounts {
  waiting: number;
}

/** One element of `DashboardFacts.cohorts`: a cohort with its students, its tasks due in range and the review work waiting now. */
export interface CohortFacts extends FunnelCounts {
  id: string;
  name: string;
  students: number;
  waiting: number;
}

/** One element of `DashboardFacts.atRisk`. */
export interface AtRiskFacts {
  student_id: string;
  name: string;
  /** Never null here: the roll-up starts it at the student's creation. */
  last_activity_at: JsonTime;
  inactive: boolean;
  overdue: boolean;
  /** Open tasks of live homework past due now. */
  overdue_tasks: number;
}

/** One element of `DashboardFacts.caseload`: an advisor of cohorts in scope, with those cohorts' student places and review work. */
export interface AdvisorFacts {
  user_id: string;
  name: string;
  /** Their cohorts in scope. */
  cohorts: number;
  /** Student places in those cohorts. */
  students: number;
  waiting: number;
  oldest_waiting: JsonTime | null;
}

/** One element of `DashboardFacts.oldestWaiting`. */
export interface WaitingFacts {
  id: string;
  title: string;
  student_id: string;
  student_name: string;
  cohort_id: string | null;
  cohort_name: string | null;
  submitted_at: JsonTime;
}

/** `DashboardFacts.network`: the network roll-ups of the scope summed. */
export interface NetworkTotals {
  students: number;
  contacts: number;
  conversations: number;
  introductions: number;
}

/** One element of `DashboardFacts.sectors`. */
export interface SectorFacts {
  sector: string;
  contacts: number;
}

/** One element of `DashboardFacts.weekly`. */
export interface WeeklyFacts {
  week: string;
  submissions: number;
  approvals: number;
}

/** Everything a dashboard shows of its scope and range: the parts of `dashboardFacts`. */
export interface DashboardFacts {
  totals: ScopeCounts;
  assignments: AssignmentFacts[];
  cohorts: CohortFacts[];
  cohortsInScope: number;
  atRisk: AtRiskFacts[];
  caseload: AdvisorFacts[];
  advisorsInScope: number;
  oldestWaiting: WaitingFacts[];
  network: NetworkTotals;
  sectors: SectorFacts[];
  weekly: WeeklyFacts[];
}

/** How much of each list a dashboard shows (the rest is counted, not listed). */
export interface DashboardLimits {
  assignments: number;
  cohorts: number;
  advisors: number;
  atRisk: number;
  oldestWaiting: number;
}

/** A dashboard's range in the career center's time zone, as SQL-ready bounds, with its at-risk threshold. */
export interface DashboardRange extends DueRange {
  atRiskDays: number;
  /** Monday of the first and last week of the trend. */
  firstWeek: string;
  lastWeek: string;
}

/** What a dashboard reads: its cohorts (null: the whole career center) and its range. */
export interface DashboardReadScope {
  tenantId: string;
  cohortIds: CohortIds;
  range: DashboardRange;
}

/**
 * A dashboard's numbers and lists in one statement (one round trip, not eleven): each part below is
 * a sub-select of its own, with its own LIMIT and index, and comes back as JSON in the order it is
 * shown (each `json_agg` names its order). Every part reads roll-ups or LIMITed index walks, so the
 * cost follows cohorts × assignments and the lists' limits, never the number of students or tasks.
 * The cohorts in scope, with their counts, are summed once (`in_scope`) for the cohort list and the caseload.
 */
export async function dashboardFacts(db: EntityManager, scope: DashboardReadScope, limits: DashboardLimits): Promise<DashboardFacts> {
  const scopeIds = scope.cohortIds ?? [WHOLE_TENANT];
  const row = await queryOne<DashboardFacts>(
    db,
    sql`WITH in_scope AS MATERIALIZED (${cohortsInScope(scope)}),
             advisors_in_scope AS MATERIALIZED (${advisorsInScope(scope.tenantId)})
        SELECT (SELECT row_to_json(x) FROM (${scopeCounts(scope)}) x) AS totals,
               (SELECT COALESCE(json_agg(x ORDER BY x.due_to DESC, x.assignment_id), '[]') FROM (${assignmentRollups(scope, limits.assignments)}) x) AS assignments,
               (SELECT COALESCE(json_agg(x ORDER BY ${FURTHEST_BEHIND}), '[]') FROM (SELECT * FROM in_scope x ORDER BY ${FURTHEST_BEHIND} LIMIT ${raw(String(limits.cohorts))}) x) AS cohorts,
               (SELECT count(*)::int FROM in_scope) AS "cohortsInScope",
               (SELECT COALESCE(json_agg(x ORDER BY ${MOST_WAITING}), '[]') FROM (${advisorCaseload(scope.tenantId, limits.advisors)}) x) AS caseload,
               (SELECT count(*)::int FROM advisors_in_scope) AS "advisorsInScope",
               (SELECT COALESCE(json_agg(x ORDER BY x.last_activity_at, x.student_id), '[]') FROM (${atRiskStudents(scope, limits.atRisk)}) x) AS "atRisk",
               (SELECT COALESCE(json_agg(x ORDER BY x.submitted_at, x.id), '[]') FROM (${oldestWaiting(scope, limits.oldestWaiting)}) x) AS "oldestWaiting",
               (SELECT row_to_json(x) FROM (${networkTotals(scope.tenantId, scopeIds)}) x) AS network,
               (SELECT COALESCE(json_agg(x ORDER BY x.contacts DESC, x.sector), '[]') FROM (${topSectors(scope.tenantId, scopeIds)}) x) AS sectors,
               (SELECT COALESCE(json_agg(x ORDER BY x.week), '[]') FROM (${weeklyActivity(scope.tenantId, scopeIds, scope.range.firstWeek, scope.range.lastWeek)}) x) AS weekly`,
  );
  if (!row) throw new Error('dashboardFacts: a SELECT without FROM answers one row');
  return row;
}

/** The key of the roll-ups' "whole career center" rows (see the dashboards migration). */
export const WHOLE_TENANT = '00000000-0000-0000-0000-000000000000';

/** The scope's counts from the roll-ups (work outside any cohort included for the whole career center), live homework only. */
function scopeCounts({ tenantId, cohortIds, range }: DashboardReadScope): Sql {
  return sql`SELECT COALESCE(sum(r.awaiting_review), 0)::int AS waiting, ${funnelSums(range)} FROM dash_task_rollups r
              WHERE r.tenant_id = ${tenantId} AND ${inCohorts('r.cohort_id', cohortIds)} AND ${OF_LIVE_ASSIGNMENT}`;
}

/**
 * One row per live assignment with counted tasks due in range, latest due first, `limit` at most:
 * the roll-ups are summed and ranked first, and only the rows kept are joined to their titles and
 * get their median days to submit (from the per-assignment histogram).
 */
function assignmentRollups({ tenantId, cohortIds, range }: DashboardReadScope, limit: number): Sql {
  return sql`WITH in_range AS (
               -- The range as a CASE, not a WHERE: a prepared statement's generic plan guesses a range on parameters
               -- matches 0.5% of rows, and then walks the primary key and sorts instead of one pass and a hash.
               SELECT r.assignment_id, r.cohort_id, r.due_at, r.assigned, r.started, r.submitted, r.approved, r.on_time, r.late, r.awaiting_review, r.open
                 FROM dash_task_rollups r
                WHERE r.tenant_id = ${tenantId} AND ${inCohorts('r.cohort_id', cohortIds)} AND ${OF_LIVE_ASSIGNMENT}
                  AND CASE WHEN ${dueWithin('r.due_at', range)} THEN true ELSE false END),
             ranked AS (
               SELECT r.assignment_id, r.cohort_id, min(r.due_at) FILTER (WHERE r.assigned > 0) AS due_from, max(r.due_at) FILTER (WHERE r.assigned > 0) AS due_to,
                      sum(r.assigned)::int AS assigned, sum(r.started)::int AS started, sum(r.submitted)::int AS submitted,
                      sum(r.approved)::int AS approved, sum(r.on_time)::int AS on_time, sum(r.late)::int AS late,
                      sum(r.awaiting_review)::int AS awaiting_review,
                      COALESCE(sum(r.open) FILTER (WHERE r.due_at < now()), 0)::int AS overdue_now
                 FROM in_range r
                GROUP BY r.assignment_id, r.cohort_id
               HAVING sum(r.assigned) > 0
                ORDER BY due_to DESC, r.assignment_id
                LIMIT ${raw(String(limit))})
             SELECT k.assignment_id, a.title, k.cohort_id, c.name AS cohort_name, k.due_from, k.due_to, k.assigned, k.started, k.submitted,
                    k.approved, k.on_time, k.late, k.awaiting_review, k.overdue_now, (${medianDaysToSubmit(tenantId, range)}) AS median_days
               FROM ranked k
               JOIN assignments a ON a.tenant_id = ${tenantId} AND a.id = k.assignment_id
               LEFT JOIN cohorts c ON c.tenant_id = ${tenantId} AND c.id = k.cohort_id`;
}

/**
 * The lower median of whole days to first submission of assignment `k`'s tasks due in range: the
 * first day of its histogram (dash_submit_days) at which half of its submitted tasks, rounded up, are counted.
 */
function medianDaysToSubmit(tenantId: string, range: DueRange): Sql {
  return sql`SELECT h.days FROM (
               SELECT d.days, sum(d.tasks) OVER (ORDER BY d.days) AS seen, sum(d.tasks) OVER () AS total
                 FROM (SELECT r.days, sum(r.tasks) AS tasks FROM dash_submit_days r
                        WHERE r.tenant_id = ${tenantId} AND r.assignment_id = k.assignment_id AND ${dueWithin('r.due_at', range)}
                        GROUP BY r.days HAVING sum(r.tasks) > 0) d) h
              WHERE h.seen >= ceil(h.total / 2.0)
              ORDER BY h.days LIMIT 1`;
}

/** The funnel sums of roll-up rows `r` due in range (rows out of range count zero). */
function funnelSums(range: DueRange): Sql {
  const due = dueWithin('r.due_at', range);
  return sql`COALESCE(sum(r.assigned) FILTER (WHERE ${due}), 0)::int AS assigned, COALESCE(sum(r.started) FILTER (WHERE ${due}), 0)::int AS started,
             COALESCE(sum(r.submitted) FILTER (WHERE ${due}), 0)::int AS submitted, COALESCE(sum(r.approved) FILTER (WHERE ${due}), 0)::int AS approved,
             COALESCE(sum(r.open) FILTER (WHERE ${due} AND r.due_at < now()), 0)::int AS overdue_now`;
}

/**
 * The cohorts in scope with their students, the funnel of their tasks due in range and the
 * review work waiting now: the counts summed from the roll-ups in one grouped pass (not a probe
 * per cohort, and not one row per assignment).
 */
function cohortsInScope({ tenantId, cohortIds, range }: DashboardReadScope): Sql {
  return sql`SELECT c.id, c.name, COALESCE(n.students, 0) AS students, COALESCE(w.waiting, 0)::int AS waiting,
                    COALESCE(w.assigned, 0) AS assigned, COALESCE(w.started, 0) AS started, COALESCE(w.submitted, 0) AS submitted,
                    COALESCE(w.approved, 0) AS approved, COALESCE(w.overdue_now, 0) AS overdue_now
               FROM cohorts c
               LEFT JOIN dash_network n ON n.tenant_id = c.tenant_id AND n.scope_id = c.id
               LEFT JOIN (
                 SELECT r.cohort_id, sum(r.awaiting_review) AS waiting, ${funnelSums(range)} FROM dash_task_rollups r
                  WHERE r.tenant_id = ${tenantId} AND r.cohort_id IS NOT NULL AND ${inCohorts('r.cohort_id', cohortIds)} AND ${OF_LIVE_ASSIGNMENT}
                  GROUP BY r.cohort_id) w ON w.cohort_id = c.id
              WHERE c.tenant_id = ${tenantId} AND ${inCohorts('c.id', cohortIds)}`;
}

/**
 * The order of the cohort list (rows `x` of in_scope): furthest behind first, the lowest share of
 * counted tasks submitted, then approved; cohorts with nothing counted last; then by name.
 * (float8, as the contracts' readers divide: equal shares tie the same way everywhere.)
 */
const FURTHEST_BEHIND = raw(
  'x.assigned = 0, x.submitted::float8 / NULLIF(x.assigned, 0), x.approved::float8 / NULLIF(x.assigned, 0), lower(x.name), x.id',
);

/** The advisors of the cohorts in scope (`in_scope`), one row each, with their cohorts' student places and submissions waiting. */
function advisorsInScope(tenantId: string): Sql {
  return sql`SELECT m.user_id, u.name, count(*)::int AS cohorts, sum(s.students)::int AS students, sum(s.waiting)::int AS waiting
               FROM cohort_members m
               JOIN in_scope s ON s.id = m.cohort_id
               JOIN users u ON u.tenant_id = m.tenant_id AND u.id = m.user_id
              WHERE m.tenant_id = ${tenantId} AND m.role = 'advisor'
              GROUP BY m.user_id, u.name`;
}

/** The order of the caseload (rows `x` of advisors_in_scope): most submissions waiting first, then by name. */
const MOST_WAITING = raw('x.waiting DESC, lower(x.name), x.user_id');

/**
 * The first `limit` advisors of advisors_in_scope with the oldest submission waiting in their
 * cohorts in scope: for the rows kept only, from the partial index, cohort by cohort.
 */
function advisorCaseload(tenantId: string, limit: number): Sql {
  return sql`SELECT x.*, (
               SELECT min(o.submitted_at) FROM cohort_members m
                 JOIN in_scope s ON s.id = m.cohort_id AND s.waiting > 0
                 CROSS JOIN LATERAL (
                   -- The tenant as a constant, not m.tenant_id: PostgreSQL then estimates the career center's own
                   -- assignments and probes them by key, instead of scanning them all once per cohort.
                   SELECT t.submitted_at FROM tasks t
                     JOIN assignments a ON a.tenant_id = ${tenantId} AND a.id = t.assignment_id AND a.archived_at IS NULL
                    WHERE t.tenant_id = ${tenantId} AND t.cohort_id = m.cohort_id AND t.status = 'submitted'
                    ORDER BY t.submitted_at, t.id LIMIT 1) o
                WHERE m.tenant_id = ${tenantId} AND m.user_id = x.user_id AND m.role = 'advisor') AS oldest_waiting
               FROM (SELECT * FROM advisors_in_scope x ORDER BY ${MOST_WAITING} LIMIT ${raw(String(limit))}) x`;
}

/**
 * Students with no activity in N days, or with two or more overdue tasks, least active first,
 * `limit` at most, each with their overdue tasks counted (for the rows kept only). For the whole
 * career center: the union of two LIMITed index walks (by last activity, by the second-earliest
 * open due time); for cohorts: their members (a cohort's size), looked up by key.
 */
function atRiskStudents({ tenantId, cohortIds, range }: DashboardReadScope, limit: number): Sql {
  const inactiveSince = sql`now() - make_interval(days => ${range.atRiskDays})`;
  const lim = raw(String(limit));
  // Probes per student, never joins PostgreSQL may hash: a prepared statement's generic plan guesses a
  // career center is small, and would otherwise read all of its users (or its dashboard rows) to join them.
  const activeStudent = sql`CROSS JOIN LATERAL (SELECT u.name FROM users u WHERE u.tenant_id = ${tenantId} AND u.id = s.student_id AND u.role = 'student' AND u.active LIMIT 1) u`;
  const candidates = cohortIds
    ? sql`SELECT DISTINCT m.user_id AS student_id FROM cohort_members m
           WHERE m.tenant_id = ${tenantId} AND m.cohort_id = ANY(${cohortIds}::uuid[]) AND m.role = 'student'`
    : sql`(SELECT s.student_id FROM dash_students s ${activeStudent}
            WHERE s.tenant_id = ${tenantId} AND s.last_activity_at < ${inactiveSince}
            ORDER BY s.last_activity_at, s.student_id LIMIT ${lim})
          UNION
          (SELECT s.student_id FROM dash_students s ${activeStudent}
            WHERE s.tenant_id = ${tenantId} AND s.second_open_due_at < now()
            ORDER BY s.second_open_due_at, s.student_id LIMIT ${lim})`;
  return sql`SELECT k.*, (
               -- The open statuses as the literal of the partial index tasks_open_by_due (see OPEN_STATUSES).
               SELECT count(*)::int FROM tasks t
                 JOIN assignments a ON a.tenant_id = t.tenant_id AND a.id = t.assignment_id AND a.archived_at IS NULL
                WHERE t.tenant_id = ${tenantId} AND t.student_id = k.student_id AND t.status IN ${raw(OPEN_STATUSES)} AND t.due_at < now()) AS overdue_tasks
               FROM (SELECT s.student_id, u.name, s.last_activity_at,
                            COALESCE(s.last_activity_at < ${inactiveSince}, false) AS inactive,
                            COALESCE(s.second_open_due_at < now(), false) AS overdue
                       FROM (${candidates}) c
                       CROSS JOIN LATERAL (SELECT s.student_id, s.last_activity_at, s.second_open_due_at FROM dash_students s
                                            WHERE s.tenant_id = ${tenantId} AND s.student_id = c.student_id LIMIT 1) s
                       ${activeStudent}
                      WHERE (s.last_activity_at < ${inactiveSince} OR s.second_open_due_at < now())
                      ORDER BY s.last_activity_at, s.student_id LIMIT ${lim}) k`;
}

/**
 * The submissions waiting longest for review, `limit` at most. A whole career center reads
 * the partial index tasks_awaiting_review in order; a set of cohorts (an advisor, one
 * cohort's page) reads tasks_awaiting_review_by_cohort cohort by cohort, `limit` live ones
 * from each, so the cost follows the cohorts read, not the size of the career center.
 */
function oldestWaiting({ tenantId, cohortIds }: DashboardReadScope, limit: number): Sql {
  const lim = raw(String(limit));
  const waiting = (cohort: Sql) =>
    sql`SELECT t.id, a.title, t.student_id, t.cohort_id, t.submitted_at
          FROM tasks t
          JOIN assignments a ON a.tenant_id = t.tenant_id AND a.id = t.assignment_id AND a.archived_at IS NULL
         WHERE t.tenant_id = ${tenantId} AND t.status = 'submitted' AND ${cohort}
         ORDER BY t.submitted_at, t.id LIMIT ${lim}`;
  const found = cohortIds
    ? sql`SELECT w.* FROM unnest(${cohortIds}::uuid[]) AS k(cohort_id) CROSS JOIN LATERAL (${waiting(sql`t.cohort_id = k.cohort_id`)}) w`
    : waiting(raw('TRUE'));
  return sql`SELECT w.id, w.title, w.student_id, u.name AS student_name, w.cohort_id, c.name AS cohort_name, w.submitted_at
               FROM (${found}) w
               JOIN users u ON u.tenant_id = ${tenantId} AND u.id = w.student_id
               LEFT JOIN cohorts c ON c.tenant_id = ${tenantId} AND c.id = w.cohort_id
              ORDER BY w.submitted_at, w.id LIMIT ${lim}`;
}

/** The network roll-ups of the scopes (cohort ids, or the whole-tenant key) summed. */
function networkTotals(tenantId: string, scopeIds: string[]): Sql {
  return sql`SELECT COALESCE(sum(students), 0)::int AS students, COALESCE(sum(contacts), 0)::int AS contacts,
                    COALESCE(sum(conversations), 0)::int AS conversations, COALESCE(sum(introductions), 0)::int AS introductions
               FROM dash_network WHERE tenant_id = ${tenantId} AND scope_id = ANY(${scopeIds}::uuid[])`;
}

/** The twelve sectors with the most contacts in the scopes. */
function topSectors(tenantId: string, scopeIds: string[]): Sql {
  return sql`SELECT sector, sum(contacts)::int AS contacts FROM dash_sectors WHERE tenant_id = ${tenantId} AND scope_id = ANY(${scopeIds}::uuid[])
              GROUP BY sector HAVING sum(contacts) > 0 ORDER BY sum(contacts) DESC, sector LIMIT 12`;
}

/** Submissions and approvals per week (Mondays `firstWeek`…`lastWeek`), weeks without any as zeros. */
function weeklyActivity(tenantId: string, scopeIds: string[], firstWeek: string, lastWeek: string): Sql {
  return sql`SELECT to_char(g.week, 'YYYY-MM-DD') AS week, COALESCE(sum(w.submissions), 0)::int AS submissions, COALESCE(sum(w.approvals), 0)::int AS approvals
               FROM generate_series(${firstWeek}::date, ${lastWeek}::date, interval '7 days') AS g(week)
               LEFT JOIN dash_weekly w ON w.tenant_id = ${tenantId} AND w.scope_id = ANY(${scopeIds}::uuid[]) AND w.week = g.week::date
              GROUP BY g.week`;
}

// --- the staff view of a student ------------------------------------------------------

/** One row of `studentById`. */
export interface StudentRow {
  id: string;
  name: string;
  email: string;
  student_id: string | null;
  active: boolean;
  last_activity_at: Date | null;
}

export function studentById(db: EntityManager, tenantId: string, id: string): Promise<StudentRow | undefined> {
  return queryOne<StudentRow>(
    db,
    sql`SELECT u.id, u.name, u.email, u.student_id, u.active, s.last_activity_at
          FROM users u LEFT JOIN dash_students s ON s.tenant_id = u.tenant_id AND s.student_id = u.id
         WHERE u.tenant_id = ${tenantId} AND u.id = ${id} AND u.role = 'student'`,
  );
}

/** One row of `studentCohorts`. */
export interface StudentCohortRow {
  id: string;
  name: string;
  joined_at: Date;
}

/** The student's cohorts among those `visibleCohort` (a condition on `c`) lets the viewer see. */
export function studentCohorts(db: EntityManager, tenantId: string, studentId: string, visibleCohort: Sql): Promise<StudentCohortRow[]> {
  return queryRows<StudentCohortRow>(
    db,
    sql`SELECT c.id, c.name, m.joined_at FROM cohort_members m JOIN cohorts c ON c.tenant_id = m.tenant_id AND c.id = m.cohort_id
         WHERE m.tenant_id = ${tenantId} AND m.user_id = ${studentId} AND m.role = 'student' AND ${visibleCohort}
         ORDER BY lower(c.name), c.id`,
  );
}

/** One row of `studentTasks`. */
export interface StudentTaskRow {
  id: string;
  title: string;
  status: TaskStatus;
  cohort_id: string | null;
  cohort_name: string | null;
  due_at: Date;
  submitted_at: Date | null;
  approved_at: Date | null;
  archived: boolean;
  overdue: boolean;
}

/** The student's tasks among those `visibleTask` (a condition on `t` and `a`) lets the viewer see, latest due first. */
export function studentTasks(db: EntityManager, tenantId: string, studentId: string, visibleTask: Sql, limit: number): Promise<StudentTaskRow[]> {
  return queryRows<StudentTaskRow>(
    db,
    sql`SELECT t.id, a.title, t.status, t.cohort_id, c.name AS cohort_name, t.due_at, t.submitted_at, t.approved_at,
               a.archived_at IS NOT NULL AS archived, (t.status = ANY(${OPEN_TASK_STATUSES}::text[]) AND t.due_at < now()) AS overdue
          FROM tasks t
          JOIN assignments a ON a.tenant_id = t.tenant_id AND a.id = t.assignment_id
          LEFT JOIN cohorts c ON c.tenant_id = t.tenant_id AND c.id = t.cohort_id
         WHERE t.tenant_id = ${tenantId} AND t.student_id = ${studentId} AND ${visibleTask}
         ORDER BY t.due_at DESC, t.id LIMIT ${raw(String(limit))}`,
  );
}

/** One row of `studentNetwork`. */
export interface StudentNetworkRow {
  contacts: number;
  shared: number;
  conversations: number;
  introductions: number;
}

/** The student's network in counts; an interaction recorded by a reflection counts only when its task is one the viewer may see. */
export function studentNetwork(db: EntityManager, tenantId: string, studentId: string, visibleTask: Sql): Promise<StudentNetworkRow | undefined> {
  const seen = sql`(NOT i.from_homework OR i.task_id IS NULL OR i.task_id IN (
                     SELECT t.id FROM tasks t JOIN assignments a ON a.tenant_id = t.tenant_id AND a.id = t.assignment_id
                      WHERE t.tenant_id = ${tenantId} AND t.student_id = ${studentId} AND ${visibleTask}))`;
  return queryOne<StudentNetworkRow>(
    db,
    sql`SELECT (SELECT count(*) FROM contacts c WHERE c.tenant_id = ${tenantId} AND c.owner_id = ${studentId})::int AS contacts,
               (SELECT count(*) FROM contacts c WHERE c.tenant_id = ${tenantId} AND c.owner_id = ${studentId} AND c.shared_with_advisors)::int AS shared,
               (SELECT count(*) FROM interactions i WHERE i.tenant_id = ${tenantId} AND i.owner_id = ${studentId} AND i.kind <> 'introduction' AND ${seen})::int AS conversations,
               (SELECT count(*) FROM interactions i WHERE i.tenant_id = ${tenantId} AND i.owner_id = ${studentId} AND i.kind = 'introduction' AND ${seen})::int AS introductions`,
  );
}

// --- career-center settings -------------------------------------------------------------

/** One row of `tenantSettings`. */
export interface TenantSettingsRow {
  at_risk_inactive_days: number;
  timezone: string;
  retention_reflections_months: number;
  retention_accounts_months: number;
  retention_audit_months: number;
}

export function tenantSettings(db: EntityManager, tenantId: string): Promise<TenantSettingsRow | undefined> {
  return queryOne<TenantSettingsRow>(
    db,
    sql`SELECT at_risk_inactive_days, timezone, retention_reflections_months, retention_accounts_months, retention_audit_months
          FROM tenants WHERE id = ${tenantId}`,
  );
}

/** One row of `lockTenantZone`. */
export interface TenantZoneRow {
  timezone: string;
}

/** The career center's zone, its row locked for a change of settings. */
export function lockTenantZone(db: EntityManager, tenantId: string): Promise<TenantZoneRow | undefined> {
  return queryOne<TenantZoneRow>(db, sql`SELECT timezone FROM tenants WHERE id = ${tenantId} FOR UPDATE`);
}

export function setAtRiskInactiveDays(db: EntityManager, tenantId: string, days: number): Promise<number> {
  return execute(db, sql`UPDATE tenants SET at_risk_inactive_days = ${days} WHERE id = ${tenantId}`);
}

/** True when PostgreSQL knows the zone name. */
export async function isKnownTimeZone(db: EntityManager, zone: string): Promise<boolean> {
  const rows = await queryRows<{ one: number }>(db, sql`SELECT 1 AS one FROM pg_timezone_names WHERE name = ${zone}`);
  return rows.length > 0;
}

export function setTimeZone(db: EntityManager, tenantId: string, zone: string): Promise<number> {
  return execute(db, sql`UPDATE tenants SET timezone = ${zone} WHERE id = ${tenantId}`);
}

/** `column` = the same local wall time, moved from zone `from` to zone `to`. */
function reanchor(column: string, from: string, to: string): Sql {
  return sql`${raw(column)} = (${raw(column)} AT TIME ZONE ${from}) AT TIME ZONE ${to}`;
}

/** Open tasks keep their local due day and time in the new zone; answers how many moved. */
export function reanchorOpenTasks(db: EntityManager, tenantId: string, from: string, to: string): Promise<number> {
  return execute(
    db,
    // The open statuses as the literal of the partial index tasks_open_by_due (see OPEN_STATUSES).
    sql`UPDATE tasks SET ${reanchor('due_at', from, to)}, ${reanchor('extended_from', from, to)}, updated_at = now()
         WHERE tenant_id = ${tenantId} AND status IN ${raw(OPEN_STATUSES)}`,
  );
}

/** Live assignments with a fixed due date keep its local day and time in the new zone; answers how many moved. */
export function reanchorLiveAssignments(db: EntityManager, tenantId: string, from: string, to: string): Promise<number> {
  return execute(
    db,
    sql`UPDATE assignments SET ${reanchor('due_at', from, to)}, updated_at = now()
         WHERE tenant_id = ${tenantId} AND archived_at IS NULL AND due_at IS NOT NULL`,
  );
}

/** Sets retention periods (months); `columns` maps column names chosen by code to their new values. */
export function setRetention(db: EntityManager, tenantId: string, columns: [column: string, months: number][]): Promise<number> {
  const assignments = columns.map(([column, months]) => sql`${raw(column)} = ${months}`);
  return execute(db, sql`UPDATE tenants SET ${join(assignments, ', ')} WHERE id = ${tenantId}`);
}
