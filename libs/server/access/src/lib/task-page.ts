import type { UserAuth } from '@fieldwork/server-core';
import { advisedCohortIds, advisedStudentIds, ownCohortlessAssignmentIds, visibility } from './access';
import { Sql, decodeCursor, raw, sql } from '@fieldwork/server-core';

/** The order a task page is read in: a task column, then the id. */
export type TaskPageOrder = 'due_at' | 'submitted_at';

/** Which page of which tasks: the list's own conditions and order, and the page size. */
export interface TaskPageQuery {
  /** Conditions on the task `t` and its assignment `a` (status, assignment, student…). */
  where: Sql;
  order: TaskPageOrder;
  /** Rows to read: the page size plus one, to know whether there is a next page. */
  limit: number;
}

/** Where the caller is in the list: a cohort filter and the keyset cursor, as a list endpoint receives them. */
export interface TaskPagePosition {
  /** Only this cohort; the user's visibility still applies. */
  cohortId?: string;
  /** Keyset cursor of the previous page: its last row's order value and id, as `pageOf` encodes them. */
  cursor?: string;
}

/**
 * The ids of one page of tasks the user may see, in `order`: a subquery `(id)`
 * to join the task rows to. Its cost follows the page, not the career center:
 *
 * - admins and students read one index in order ((tenant, due_at, id), (tenant,
 *   cohort, due_at, id) or (tenant, student, due_at, id)) and stop at the limit;
 * - advisors read each advised cohort's index in order, at most `limit` rows
 *   each, and merge them (a cohort-first walk: never a filter over the tenant's
 *   tasks), plus the work they assigned to chosen students outside any cohort.
 */
export function visibleTaskPage(auth: UserAuth, position: TaskPagePosition, query: TaskPageQuery): Sql {
  const order = raw(`t.${query.order}`);
  const [afterValue, afterId] = position.cursor ? decodeCursor(position.cursor, 2) : [];
  const after = position.cursor ? sql`AND (${order}, t.id) > (${afterValue}::timestamptz, ${afterId}::uuid)` : raw('');
  const conditions = sql`t.tenant_id = ${auth.tenantId} AND ${query.where} ${after}`;
  const page = (from: Sql, where: Sql) =>
    sql`SELECT t.id, ${order} AS sort_key FROM ${from}
          JOIN assignments a ON a.tenant_id = t.tenant_id AND a.id = t.assignment_id
         WHERE ${conditions} AND ${where}
         ORDER BY ${order}, t.id LIMIT ${query.limit}`;

  if (auth.role !== 'advisor') {
    const cohort = position.cohortId ? sql`t.cohort_id = ${position.cohortId}` : raw('TRUE');
    return sql`SELECT id FROM (${page(raw('tasks t'), sql`${cohort} AND ${visibility(auth, 'task')}`)}) page`;
  }
  const cohorts = position.cohortId
    ? sql`SELECT id FROM unnest(${advisedCohortIds(auth)}) AS advised(id) WHERE id = ${position.cohortId}::uuid`
    : sql`SELECT unnest(${advisedCohortIds(auth)}) AS id`;
  const direct = position.cohortId
    ? raw('')
    : sql`UNION ALL (${page(
        raw('tasks t'),
        sql`t.cohort_id IS NULL AND t.student_id = ANY(${advisedStudentIds(auth)})
            AND t.assignment_id = ANY(${ownCohortlessAssignmentIds(auth)})`,
      )})`;
  return sql`SELECT id FROM (
      SELECT per_cohort.id, per_cohort.sort_key FROM (${cohorts}) advised
        CROSS JOIN LATERAL (${page(raw('tasks t'), raw('t.cohort_id = advised.id'))}) per_cohort
      ${direct}
      ORDER BY sort_key, id LIMIT ${query.limit}) page`;
}
