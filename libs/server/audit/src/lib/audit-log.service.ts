import { Injectable } from '@nestjs/common';
import { TenantDatabase, UserAuth, decodeCursor, encodeCursor, pageSize, validationFailed } from '@fieldwork/server-core';
import { AUDIT_ACTIONS, isAuditAction, type AuditEvent, type AuditEventPage, type FieldError, isUuid } from '@fieldwork/contracts';

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
      const params: unknown[] = [auth.tenantId];
      let where = '';
      if (filter.actorId) {
        params.push(filter.actorId);
        where += ` AND e.actor_id = $${params.length}`;
      }
      if (filter.action) {
        params.push(filter.action);
        where += ` AND e.action = $${params.length}`;
      }
      if (filter.from) {
        params.push(filter.from);
        where += DAY.test(filter.from)
          ? ` AND e.occurred_at >= (($${params.length}::date)::timestamp AT TIME ZONE (SELECT timezone FROM tenants WHERE id = $1))`
          : ` AND e.occurred_at >= $${params.length}::timestamptz`;
      }
      if (filter.to) {
        params.push(filter.to);
        where += DAY.test(filter.to)
          ? ` AND e.occurred_at < (($${params.length}::date + 1)::timestamp AT TIME ZONE (SELECT timezone FROM tenants WHERE id = $1))`
          : ` AND e.occurred_at <= $${params.length}::timestamptz`;
      }
      if (filter.cursor) {
        params.push(...decodeCursor(filter.cursor, 2));
        where += ` AND (e.occurred_at, e.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
      }
      params.push(limit + 1);
      const rows = await db.query(
        `SELECT e.id, e.occurred_at, to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_at_text, e.action, e.actor_id,
                COALESCE(u.name, o.name || ' (platform operator)') AS actor_name, COALESCE(u.email, o.email) AS actor_email,
                e.subject_type, e.subject_id, host(e.ip) AS ip, e.details
           FROM audit_events e
           LEFT JOIN users u ON u.tenant_id = e.tenant_id AND u.id = e.actor_id
           -- Operators (who create career centers) act from outside the tenant: their name is on the platform's list.
           LEFT JOIN operators o ON u.id IS NULL AND o.id = e.actor_id
          WHERE e.tenant_id = $1 ${where}
          ORDER BY e.occurred_at DESC, e.id DESC
          LIMIT $${params.length}`,
        params,
      );
      const last = rows[limit - 1];
      return {
        items: rows.slice(0, limit).map(toAuditEvent),
        // Microsecond precision: a JavaScript Date would drop it and skip or repeat rows at a page edge.
        nextCursor: rows.length > limit ? encodeCursor([last.occurred_at_text, last.id]) : null,
      };
    });
  }
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

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function toAuditEvent(row: any): AuditEvent {
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
