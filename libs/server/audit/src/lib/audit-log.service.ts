import { Injectable } from '@nestjs/common';
import { TenantDatabase, UserAuth, decodeCursor, join, pageOf, pageSize, sql, validationFailed, type Sql } from '@fieldwork/server-core';
import { AUDIT_ACTIONS, isAuditAction, type AuditEvent, type AuditEventPage, type FieldError, isUuid } from '@fieldwork/contracts';
import { auditEventPage, tenantLocalMidnight, type AuditEventRow } from './audit-log.queries';

export interface AuditEventFilter {
  actorId?: string;
  action?: string;
  /** A day (YYYY-MM-DD, in the career center's time zone) or an ISO date-time. */
  from?: string;
  /** Inclusive: a day counts whole. */
  to?: string;
  cursor?: string;
  limit?: number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** In plain words, as the audit log screen shows it. */
export const DATE_RANGE_BACKWARDS = 'The end date is before the start date';

/** The audit log, newest first, for the admins of a career center (keyset on occurred_at, id). */
@Injectable()
export class AuditLogService {
  constructor(private readonly tenantDb: TenantDatabase) {}

  list(auth: UserAuth, filter: AuditEventFilter): Promise<AuditEventPage> {
    const problems = filterProblems(filter);
    if (problems.length) throw validationFailed(problems);
    const limit = pageSize(filter.limit, 50);
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      const rows = await auditEventPage(db, auth.tenantId, join(filterConditions(auth.tenantId, filter), ' AND '), limit + 1);
      // Microsecond precision: a JavaScript Date would drop it and skip or repeat rows at a page edge.
      return pageOf(rows, limit, toAuditEvent, (row) => [row.occurred_at_text, row.id]);
    });
  }
}

/** The filter as conditions on `e` (days are the career center's local days; `to` counts its day whole). */
function filterConditions(tenantId: string, filter: AuditEventFilter): Sql[] {
  const where: Sql[] = [];
  if (filter.actorId) where.push(sql`e.actor_id = ${filter.actorId}`);
  if (filter.action) where.push(sql`e.action = ${filter.action}`);
  if (filter.from) {
    where.push(
      DAY.test(filter.from)
        ? sql`e.occurred_at >= (${tenantLocalMidnight(tenantId, sql`${filter.from}::date`)})`
        : sql`e.occurred_at >= ${filter.from}::timestamptz`,
    );
  }
  if (filter.to) {
    where.push(
      DAY.test(filter.to)
        ? sql`e.occurred_at < (${tenantLocalMidnight(tenantId, sql`${filter.to}::date + 1`)})`
        : sql`e.occurred_at <= ${filter.to}::timestamptz`,
    );
  }
  if (filter.cursor) {
    const [occurredAt, id] = decodeCursor(filter.cursor, 2);
    where.push(sql`(e.occurred_at, e.id) < (${occurredAt}::timestamptz, ${id}::uuid)`);
  }
  return where;
}

function filterProblems(filter: AuditEventFilter): FieldError[] {
  const problems: FieldError[] = [];
  if (filter.actorId !== undefined && !isUuid(filter.actorId)) problems.push({ field: 'actorId', problems: ['actorId must be a user id'] });
  if (filter.action !== undefined && !isAuditAction(filter.action)) {
    problems.push({ field: 'action', problems: [`action ${JSON.stringify(filter.action)} is not one of: ${AUDIT_ACTIONS.join(', ')}`] });
  }
  for (const field of ['from', 'to'] as const) {
    const value = filter[field];
    if (value !== undefined && !(DAY.test(value) ? isRealDay(value) : !Number.isNaN(Date.parse(value)) && /^\d{4}-\d{2}-\d{2}T/.test(value))) {
      problems.push({ field, problems: [`${field} must be a day (YYYY-MM-DD) or an ISO date-time`] });
    }
  }
  if (!problems.length && filter.from && filter.to && DAY.test(filter.from) === DAY.test(filter.to) && filter.from > filter.to) {
    problems.push({ field: 'to', problems: [DATE_RANGE_BACKWARDS] });
  }
  return problems;
}

function isRealDay(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function toAuditEvent(row: AuditEventRow): AuditEvent {
  return {
    id: row.id,
    occurredAt: row.occurred_at.toISOString(),
    action: row.action,
    actor: row.actor_id ? { id: row.actor_id, name: row.actor_name ?? '(deleted user)', email: row.actor_email ?? '' } : null,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    ip: row.ip,
    details: row.details ?? {},
  };
}
