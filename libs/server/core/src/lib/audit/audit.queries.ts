import type { EntityManager } from 'typeorm';
import type { AuditAction } from '@fieldwork/contracts';
import { execute } from '../database/execute';
import { sql } from '../database/sql';

/** One audit event as stored (the details as JSON text). */
export interface AuditEventInsert {
  id: string;
  actorId: string | null;
  action: AuditAction;
  subjectType: string | null;
  subjectId: string | null;
  ip: string | null;
  details: string;
}

export function insertAuditEvent(db: EntityManager, tenantId: string, event: AuditEventInsert): Promise<number> {
  return execute(
    db,
    sql`INSERT INTO audit_events (tenant_id, id, actor_id, action, subject_type, subject_id, ip, details)
       VALUES (${tenantId}, ${event.id}, ${event.actorId}, ${event.action}, ${event.subjectType}, ${event.subjectId}, ${event.ip}, ${event.details})`,
  );
}
