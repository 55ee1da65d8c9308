import type { Client } from 'pg';
import { DASHBOARD_LIST_LIMIT, type Dashboard } from '@fieldwork/contracts';

/**
 * Every dashboard number computed the slow, obvious way: straight from the base tables
 * (tasks, submissions, reviews, contacts, interactions, cohort_members, users), never from the
 * roll-ups. The property tests compare the API's answers with these.
 */
export interface ReferenceScope {
  /** null: the whole career center. */
  cohortIds: string[] | null;
  from?: string;
  to?: string;
}

type Comparable = Omit<Dashboard, 'generatedAt' | 'range' | 'scope'>;

const OPEN = `('assigned', 'in_progress', 'revision_requested')`;

export async function referenceDashboard(db: Client, tenantId: string, scope: ReferenceScope, limits = { assignments: 50 }): Promise<Comparable> {
  const [{ timezone, days }] = (await db.query(`SELECT timezone, at_risk_inactive_days AS days FROM tenants WHERE id = $1`, [tenantId])).rows;
  const params = [tenantId, scope.cohortIds, scope.from ?? null, scope.to ?? null, timezone];
  // Tasks counted: live assignments, in scope (by the task's cohort), due within the range (days in the tenant's zone).
  const counted = `
    FROM tasks t JOIN assignments a ON a.tenant_id = t.tenant_id AND a.id = t.assignment_id AND a.archived_at IS NULL
   WHERE t.tenant_id = $1 AND ($2::uuid[] IS NULL OR t.cohort_id = ANY($2::uuid[]))
     AND ($3::date IS NULL OR t.due_at >= $3::date::timestamp AT TIME ZONE $5::text)
     AND ($4::date IS NULL OR t.due_at < ($4::date + 1)::timestamp AT TIME ZONE $5::text)`;
  const funnelColumns = `
    count(*) FILTER (WHERE t.status <> 'excused')::int AS assigned,
    count(*) FILTER (WHERE t.status IN ('in_progress', 'submitted', 'revision_requested', 'approved'))::int AS started,
    count(*) FILTER (WHERE t.status <> 'excused' AND t.first_submitted_at IS NOT NULL)::int AS submitted,
    count(*) FILTER (WHERE t.status = 'approved')::int AS approved,
    count(*) FILTER (WHERE t.status IN ${OPEN} AND t.due_at < now())::int AS overdue`;

  const [funnelRow] = (await db.query(`SELECT ${funnelColumns} ${counted}`, params)).rows;

  const assignments = (
    await db.query(
      `SELECT a.id, a.title, t.cohort_id, c.name AS cohort_name,
              min(t.due_at) FILTER (WHERE t.status <> 'excused') AS due_from, max(t.due_at) FILTER (WHERE t.status <> 'excused') AS due_to, ${funnelColumns},
              count(*) FILTER (WHERE t.status <> 'excused' AND t.first_submitted_at <= t.due_at)::int AS on_time,
              count(*) FILTER (WHERE t.status <> 'excused' AND t.first_submitted_at > t.due_at)::int AS late,
              count(*) FILTER (WHERE t.status = 'submitted')::int AS awaiting,
              percentile_disc(0.5) WITHIN GROUP (ORDER BY GREATEST(0, floor(extract(epoch FROM t.first_submitted_at - t.opens_at) / 86400))::int)
                FILTER (WHERE t.status <> 'excused' AND t.first_submitted_at IS NOT NULL) AS median
         ${counted.replace('FROM tasks t', 'FROM tasks t LEFT JOIN cohorts c ON c.tenant_id = t.tenant_id AND c.id = t.cohort_id')}
        GROUP BY a.id, a.title, t.cohort_id, c.name
       HAVING count(*) FILTER (WHERE t.status <> 'excused') > 0
        ORDER BY max(t.due_at) FILTER (WHERE t.status <> 'excused') DESC, a.id`,
      params,
    )
  ).rows;

  const cohorts = (
    await db.query<{ id: string; name: string; students: number; waiting: number; oldest: Date | null }>(
      `SELECT c.id, c.name,
              (SELECT count(*) FROM cohort_members m WHERE m.tenant_id = c.tenant_id AND m.cohort_id = c.id AND m.role = 'student')::int AS students,
              (SELECT count(*) FROM tasks t JOIN assignments a ON a.tenant_id = t.tenant_id AND a.id = t.assignment_id AND a.archived_at IS NULL
                WHERE t.tenant_id = c.tenant_id AND t.cohort_id = c.id AND t.status = 'submitted')::int AS waiting,
              (SELECT min(t.submitted_at) FROM tasks t JOIN assignments a ON a.tenant_id = t.tenant_id AND a.id = t.assignment_id AND a.archived_at IS NULL
                WHERE t.tenant_id = c.tenant_id AND t.cohort_id = c.id AND t.status = 'submitted') AS oldest
         FROM cohorts c WHERE c.tenant_id = $1 AND ($2::uuid[] IS NULL OR c.id = ANY($2::uuid[]))
        ORDER BY lower(c.name), c.id`,
      [tenantId, scope.cohortIds],
    )
  ).rows;
  const cohortFunnels = new Map<string, Record<string, number>>();
  for (const cohort of cohorts) {
    const [row] = (await db.query(`SELECT ${funnelColumns} ${counted} AND t.cohort_id = $6`, [...params, cohort.id])).rows;
    cohortFunnels.set(cohort.id, row);
  }

  // At risk: no activity (of any kind the product records) in N days, or two or more overdue open tasks of live assignments.
  const atRisk = (
    await db.query(
      `WITH people AS (
         SELECT u.id, u.name,
                GREATEST(u.created_at,
                  (SELECT max(m.joined_at) FROM cohort_members m WHERE m.tenant_id = u.tenant_id AND m.user_id = u.id AND m.role = 'student'),
                  (SELECT max(GREATEST(t.draft_saved_at, t.submitted_at)) FROM tasks t WHERE t.tenant_id = u.tenant_id AND t.student_id = u.id),
                  (SELECT max(c.created_at) FROM contacts c WHERE c.tenant_id = u.tenant_id AND c.owner_id = u.id),
                  (SELECT max(i.created_at) FROM interactions i WHERE i.tenant_id = u.tenant_id AND i.owner_id = u.id)) AS last_activity_at,
                (SELECT count(*) FROM tasks t JOIN assignments a ON a.tenant_id = t.tenant_id AND a.id = t.assignment_id AND a.archived_at IS NULL
                  WHERE t.tenant_id = u.tenant_id AND t.student_id = u.id AND t.status IN ${OPEN} AND t.due_at < now())::int AS overdue
           FROM users u
          WHERE u.tenant_id = $1 AND u.role = 'student' AND u.active
            AND ($2::uuid[] IS NULL OR EXISTS (SELECT 1 FROM cohort_members m WHERE m.tenant_id = u.tenant_id AND m.user_id = u.id
                                                 AND m.role = 'student' AND m.cohort_id = ANY($2::uuid[]))))
       SELECT *, last_activity_at < now() - make_interval(days => $3) AS inactive FROM people
        WHERE last_activity_at < now() - make_interval(days => $3) OR overdue >= 2
        ORDER BY last_activity_at, id`,
      [tenantId, scope.cohortIds, days],
    )
  ).rows;

  const advisors = (
    await db.query(
      `SELECT m.user_id, u.name, m.cohort_id FROM cohort_members m JOIN users u ON u.tenant_id = m.tenant_id AND u.id = m.user_id
        WHERE m.tenant_id = $1 AND m.role = 'advisor' AND ($2::uuid[] IS NULL OR m.cohort_id = ANY($2::uuid[]))
        ORDER BY lower(u.name), m.user_id`,
      [tenantId, scope.cohortIds],
    )
  ).rows;

  const backlog = (
    await db.query(
      `SELECT t.id, a.title, t.student_id, u.name AS student_name, t.cohort_id, c.name AS cohort_name, t.submitted_at
         FROM tasks t JOIN assignments a ON a.tenant_id = t.tenant_id AND a.id = t.assignment_id AND a.archived_at IS NULL
         JOIN users u ON u.tenant_id = t.tenant_id AND u.id = t.student_id
         LEFT JOIN cohorts c ON c.tenant_id = t.tenant_id AND c.id = t.cohort_id
        WHERE t.tenant_id = $1 AND t.status = 'submitted' AND ($2::uuid[] IS NULL OR t.cohort_id = ANY($2::uuid[]))
        ORDER BY t.submitted_at, t.id`,
      [tenantId, scope.cohortIds],
    )
  ).rows;

  // Network: the whole career center counts every student and every contact; cohorts count their students' networks (summed over cohorts).
  const network = scope.cohortIds
    ? (
        await db.query(
          `SELECT COALESCE(sum((SELECT count(*) FROM contacts c WHERE c.tenant_id = m.tenant_id AND c.owner_id = m.user_id)), 0)::int AS contacts,
                  COALESCE(sum((SELECT count(*) FROM interactions i WHERE i.tenant_id = m.tenant_id AND i.owner_id = m.user_id AND i.kind <> 'introduction')), 0)::int AS conversations,
                  COALESCE(sum((SELECT count(*) FROM interactions i WHERE i.tenant_id = m.tenant_id AND i.owner_id = m.user_id AND i.kind = 'introduction')), 0)::int AS introductions,
                  count(*)::int AS students
             FROM cohort_members m WHERE m.tenant_id = $1 AND m.role = 'student' AND m.cohort_id = ANY($2::uuid[])`,
          [tenantId, scope.cohortIds],
        )
      ).rows[0]
    : (
        await db.query(
          `SELECT (SELECT count(*) FROM contacts WHERE tenant_id = $1)::int AS contacts,
                  (SELECT count(*) FROM interactions WHERE tenant_id = $1 AND kind <> 'introduction')::int AS conversations,
                  (SELECT count(*) FROM interactions WHERE tenant_id = $1 AND kind = 'introduction')::int AS introductions,
                  (SELECT count(*) FROM users WHERE tenant_id = $1 AND role = 'student')::int AS students`,
          [tenantId],
        )
      ).rows[0];
  const sectors = (
    await db.query(
      scope.cohortIds
        ? `SELECT COALESCE(btrim(c.sector), '') AS sector, count(*)::int AS contacts
             FROM cohort_members m JOIN contacts c ON c.tenant_id = m.tenant_id AND c.owner_id = m.user_id
            WHERE m.tenant_id = $1 AND m.role = 'student' AND m.cohort_id = ANY($2::uuid[])
            GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 12`
        : `SELECT COALESCE(btrim(sector), '') AS sector, count(*)::int AS contacts FROM contacts WHERE tenant_id = $1 GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 12`,
      scope.cohortIds ? [tenantId, scope.cohortIds] : [tenantId],
    )
  ).rows;

  const weekly = (
    await db.query(
      `WITH bounds AS (
         SELECT date_trunc('week', COALESCE($3::date, COALESCE($4::date, (now() AT TIME ZONE $5::text)::date) - 77))::date AS first_week,
                date_trunc('week', COALESCE($4::date, (now() AT TIME ZONE $5::text)::date))::date AS last_week),
       events AS (
         SELECT date_trunc('week', s.submitted_at AT TIME ZONE $5::text)::date AS week, 1 AS submissions, 0 AS approvals
           FROM submissions s JOIN tasks t ON t.tenant_id = s.tenant_id AND t.id = s.task_id
          WHERE s.tenant_id = $1 AND ($2::uuid[] IS NULL OR t.cohort_id = ANY($2::uuid[]))
         UNION ALL
         SELECT date_trunc('week', r.created_at AT TIME ZONE $5::text)::date, 0, 1
           FROM reviews r JOIN tasks t ON t.tenant_id = r.tenant_id AND t.id = r.task_id
          WHERE r.tenant_id = $1 AND r.decision = 'approve' AND ($2::uuid[] IS NULL OR t.cohort_id = ANY($2::uuid[])))
       SELECT to_char(g.week, 'YYYY-MM-DD') AS week, COALESCE(sum(e.submissions), 0)::int AS submissions, COALESCE(sum(e.approvals), 0)::int AS approvals
         FROM bounds, generate_series(bounds.first_week, bounds.last_week, interval '7 days') g(week)
         LEFT JOIN events e ON e.week = g.week::date
        GROUP BY g.week ORDER BY g.week`,
      params,
    )
  ).rows;

  const cohortById = new Map(cohorts.map((c) => [c.id, c]));
  const caseload = new Map<string, { advisorId: string; name: string; cohorts: number; students: number; awaitingReview: number; oldestWaitingSince: string | null }>();
  for (const row of advisors) {
    const cohort = cohortById.get(row.cohort_id);
    if (!cohort) throw new Error(`advisor row for unknown cohort ${row.cohort_id}`);
    const entry = caseload.get(row.user_id) ?? { advisorId: row.user_id, name: row.name, cohorts: 0, students: 0, awaitingReview: 0, oldestWaitingSince: null };
    entry.cohorts += 1;
    entry.students += cohort.students;
    entry.awaitingReview += cohort.waiting;
    const oldest = cohort.oldest?.toISOString() ?? null;
    if (oldest && (!entry.oldestWaitingSince || oldest < entry.oldestWaitingSince)) entry.oldestWaitingSince = oldest;
    caseload.set(row.user_id, entry);
  }

  // Furthest behind first (the rows come by name): the lowest share submitted, then approved; nothing counted last.
  const share = (part: number, whole: number) => (whole ? part / whole : Infinity);
  const cohortRows = cohorts
    .map((c: { id: string; name: string; students: number; waiting: number }) => {
      const f = cohortFunnels.get(c.id) ?? {};
      return { cohortId: c.id, name: c.name, students: c.students, overdueNow: f['overdue'], awaitingReview: c.waiting, ...funnel(f) };
    })
    .sort(
      (a, b) =>
        Number(a.assigned === 0) - Number(b.assigned === 0) ||
        share(a.submitted, a.assigned) - share(b.submitted, b.assigned) ||
        share(a.approved, a.assigned) - share(b.approved, b.assigned),
    );
  // Most waiting first (the rows come by name).
  const advisorRows = [...caseload.values()].sort((a, b) => b.awaitingReview - a.awaitingReview);

  const now = Date.now();
  const per = (n: number) => (network.students ? round(n / network.students) : null);
  return {
    funnel: funnel(funnelRow),
    cohorts: cohortRows.slice(0, DASHBOARD_LIST_LIMIT),
    cohortsInScope: cohortRows.length,
    assignments: assignments.slice(0, limits.assignments).map((a: Record<string, any>) => ({
      assignmentId: a['id'],
      title: a['title'],
      cohort: a['cohort_id'] ? { id: a['cohort_id'], name: a['cohort_name'] } : null,
      dueFrom: a['due_from'].toISOString(),
      dueTo: a['due_to'].toISOString(),
      assigned: a['assigned'],
      submitted: a['submitted'],
      approved: a['approved'],
      completionRate: rate(a['approved'], a['assigned']),
      onTime: a['on_time'],
      late: a['late'],
      overdueNow: a['overdue'],
      awaitingReview: a['awaiting'],
      medianDaysToSubmit: a['median'] === null ? null : Number(a['median']),
    })),
    atRisk: {
      inactiveDays: days,
      more: atRisk.length > 50,
      students: atRisk.slice(0, 50).map((s: Record<string, any>) => ({
        id: s['id'],
        name: s['name'],
        lastActivityAt: s['last_activity_at'].toISOString(),
        inactiveDays: Math.floor((now - s['last_activity_at'].getTime()) / 86_400_000),
        overdueTasks: s['overdue'],
        reasons: [...(s['inactive'] ? ['inactive' as const] : []), ...(s['overdue'] >= 2 ? ['overdue' as const] : [])],
      })),
    },
    caseload: advisorRows.slice(0, DASHBOARD_LIST_LIMIT),
    advisorsInScope: advisorRows.length,
    backlog: {
      waiting: backlog.length,
      oldestWaitingSince: backlog[0]?.submitted_at.toISOString() ?? null,
      oldest: backlog.slice(0, 10).map((b: Record<string, any>) => ({
        taskId: b['id'],
        title: b['title'],
        student: { id: b['student_id'], name: b['student_name'] },
        cohort: b['cohort_id'] ? { id: b['cohort_id'], name: b['cohort_name'] } : null,
        submittedAt: b['submitted_at'].toISOString(),
      })),
    },
    network: {
      students: network.students,
      contacts: network.contacts,
      conversations: network.conversations,
      introductions: network.introductions,
      contactsPerStudent: per(network.contacts),
      conversationsPerStudent: per(network.conversations),
      introductionsPerStudent: per(network.introductions),
      sectors: sectors.map((s: { sector: string; contacts: number }) => ({ sector: s.sector, contacts: s.contacts })),
    },
    weekly,
  };
}

/** The parts of an API answer the reference computes. */
export function comparable(dashboard: Dashboard): Comparable {
  const { generatedAt: _g, range: _r, scope: _s, ...rest } = dashboard;
  const extra = rest as Comparable & { cohort?: unknown };
  delete extra.cohort;
  return extra;
}

function funnel(row: Record<string, number>) {
  return {
    assigned: row['assigned'],
    started: row['started'],
    submitted: row['submitted'],
    approved: row['approved'],
    startedRate: rate(row['started'], row['assigned']),
    submittedRate: rate(row['submitted'], row['assigned']),
    approvedRate: rate(row['approved'], row['assigned']),
  };
}

function rate(part: number, whole: number): number | null {
  return whole ? round(part / whole) : null;
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
