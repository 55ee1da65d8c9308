import { queryOne, queryRows, raw, sql, type Sql } from '@fieldwork/server-core';
import { OPEN_TASK_STATUSES, type Role } from '@fieldwork/contracts';
import type { EntityManager } from 'typeorm';

/** One row of `calendarLink` and `newCalendarToken`. */
export interface CalendarTokenRow {
  created_at: Date;
}

/** Since when the user's feed link works (the row locked), or undefined when there is none. */
export function calendarLink(db: EntityManager, tenantId: string, userId: string): Promise<CalendarTokenRow | undefined> {
  return queryOne<CalendarTokenRow>(
    db,
    sql`SELECT calendar_token_created_at AS created_at FROM users
         WHERE tenant_id = ${tenantId} AND id = ${userId} AND calendar_token_hash IS NOT NULL FOR UPDATE`,
  );
}

/** Keeps the hash of a new feed token (the old one stops working). */
export function newCalendarToken(db: EntityManager, tenantId: string, userId: string, hash: Buffer): Promise<CalendarTokenRow | undefined> {
  return queryOne<CalendarTokenRow>(
    db,
    sql`WITH made AS (UPDATE users SET calendar_token_hash = ${hash}, calendar_token_created_at = now()
                       WHERE tenant_id = ${tenantId} AND id = ${userId} RETURNING calendar_token_created_at)
        SELECT calendar_token_created_at AS created_at FROM made`,
  );
}

/** One row of `calendarOwner`. */
export interface CalendarOwnerRow {
  id: string;
  role: Role;
  name: string;
  tenant_name: string;
  timezone: string;
}

/** The active user of an active career center whose feed token has this hash. */
export function calendarOwner(db: EntityManager, tenantId: string, hash: Buffer): Promise<CalendarOwnerRow | undefined> {
  return queryOne<CalendarOwnerRow>(
    db,
    sql`SELECT u.id, u.role, u.name, t.name AS tenant_name, t.timezone
          FROM users u JOIN tenants t ON t.id = u.tenant_id
         WHERE u.tenant_id = ${tenantId} AND u.calendar_token_hash = ${hash} AND u.active AND t.state = 'active'`,
  );
}

/** One due date of a feed. */
export interface DueDateRow {
  id: string;
  due_at: Date;
  /** The due date's local day in the tenant's zone (YYYY-MM-DD) and the day after it. */
  due_day: string;
  next_day: string;
  /** Whether the due date ends its local day (23:59 local): then it is a date, not a time. */
  ends_day: boolean;
  title: string;
  detail: string;
  path: string;
}

/** `column`'s local day, the next day, and whether it ends its day, in `zone`. */
function dueDayColumns(column: string, zone: string): Sql {
  const at = raw(column);
  return sql`to_char(local_day(${at}, ${zone}::text), 'YYYY-MM-DD') AS due_day,
      to_char(local_day(${at}, ${zone}::text) + 1, 'YYYY-MM-DD') AS next_day,
      to_char(${at} AT TIME ZONE ${zone}::text, 'HH24:MI') = '23:59' AS ends_day`;
}

/** A student's opened tasks of live homework still to do or waiting for review, by due date (1,000 at most). */
export function studentDueDates(db: EntityManager, tenantId: string, studentId: string, zone: string): Promise<DueDateRow[]> {
  return queryRows<DueDateRow>(
    db,
    sql`SELECT t.id, t.due_at, ${dueDayColumns('t.due_at', zone)}, a.title, 'Networking homework' AS detail, '/tasks/' || t.id AS path
          FROM tasks t JOIN assignments a ON a.tenant_id = t.tenant_id AND a.id = t.assignment_id
         WHERE t.tenant_id = ${tenantId} AND t.student_id = ${studentId} AND a.archived_at IS NULL AND t.opens_at <= now()
           AND t.status = ANY(${[...OPEN_TASK_STATUSES, 'submitted']}::text[])
         ORDER BY t.due_at LIMIT 1000`,
  );
}

/** The live assignments with a fixed due date that `visibleAssignment` (a condition on `a`) lets staff see, by due date (1,000 at most). */
export function staffDueDates(db: EntityManager, tenantId: string, zone: string, visibleAssignment: Sql): Promise<DueDateRow[]> {
  return queryRows<DueDateRow>(
    db,
    sql`SELECT a.id, a.due_at, ${dueDayColumns('a.due_at', zone)}, a.title || ' (' || c.name || ')' AS title, 'Homework due for the cohort' AS detail,
               '/cohorts/' || c.id AS path
          FROM assignments a JOIN cohorts c ON c.tenant_id = a.tenant_id AND c.id = a.cohort_id
         WHERE a.tenant_id = ${tenantId} AND a.archived_at IS NULL AND a.due_at IS NOT NULL AND ${visibleAssignment}
         ORDER BY a.due_at LIMIT 1000`,
  );
}
