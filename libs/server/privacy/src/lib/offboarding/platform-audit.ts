import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { PlatformAuditAction } from '@fieldwork/contracts';

export interface PlatformAuditRecord {
  action: PlatformAuditAction;
  operatorId: string | null;
  tenantId: string;
  /** Ids, hashes and counts only: never a name, an e-mail or a slug in clear. */
  details?: Record<string, unknown>;
}

/** The platform audit: outlives the tenant it is about, so it holds no personal data. */
export async function recordPlatformAudit(db: EntityManager, record: PlatformAuditRecord): Promise<void> {
  await db.query(`INSERT INTO platform_audit_events (id, action, operator_id, target_tenant_id, details) VALUES ($1, $2, $3, $4, $5)`, [
    randomUUID(),
    record.action,
    record.operatorId,
    record.tenantId,
    JSON.stringify(record.details ?? {}),
  ]);
}
