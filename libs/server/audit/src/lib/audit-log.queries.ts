import { queryRows, sql, type Sql } from '@fieldwork/server-core';
import type { AuditAction } from '@fieldwork/contracts';
import type { EntityManager } from 'typeorm';

/** One row of `auditEventPage`. */
export interface AuditEventRow {
  id: string;
  occurred_at: Date;
  /** `occurred_at` to the microsecond, for the cursor (a Date keeps milliseconds only). */
  occurred_at_text: string;
  action: AuditAction;
  actor_id: string | null;
  actor_name: string | null;
  actor_email: string | null;
  subject_type: string | null;
  subject_id: string | null;
  ip: string | null;
  details: Record<string, unknown> | null;
}

/** The tenant's local midnight starting a day (YYYY-MM-DD): days in the audit filter are the career center's. */
export function tenantLocalMidnight(tenantId: string, day: Sql): Sql {
  return sql`(${day})::timestamp AT TIME ZONE (SELECT timezone FROM tenants WHERE id = ${tenantId})`;
}

/** A page of the audit log, newest first (keyset on occurred_at, id); `where` narrows it. */
export function auditEventPage(db: EntityManager, tenantId: string, where: Sql, limit: number): Promise<AuditEventRow[]> {
  return queryRows<AuditEventRow>(
    db,
    sql`SELECT e.id, e.occurred_at, to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_at_text, e.action, e.actor_id,
               COALESCE(u.name, o.name || ' (platform operator)') AS actor_name, COALESCE(u.email, o.email) AS actor_email,
               e.subject_type, e.subject_id, host(e.ip) AS ip, e.details
          FROM audit_events e
          LEFT JOIN users u ON u.tenant_id = e.tenant_id AND u.id = e.actor_id
          -- Operators (who create career centers) act from outside the tenant: their name is on the platform's list.
          LEFT JOIN operators o ON u.id IS NULL AND o.id = e.actor_id
         WHERE e.tenant_id = ${tenantId} AND ${where}
         ORDER BY e.occurred_at DESC, e.id DESC
         LIMIT ${limit}`,
  );
}
