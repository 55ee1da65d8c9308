import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { AuditAction } from '@fieldwork/contracts';

export interface AuditEntry {
  tenantId: string;
  action: AuditAction;
  actorId?: string | null;
  subjectType?: string;
  subjectId?: string;
  ip?: string | null;
  details?: Record<string, unknown>;
}

/** Writes audit events in the caller's transaction: the event exists exactly when the change does. */
@Injectable()
export class AuditService {
  async record(db: EntityManager, entry: AuditEntry): Promise<void> {
    await db.query(
      `INSERT INTO audit_events (tenant_id, id, actor_id, action, subject_type, subject_id, ip, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        entry.tenantId,
        randomUUID(),
        entry.actorId ?? null,
        entry.action,
        entry.subjectType ?? null,
        entry.subjectId ?? null,
        entry.ip ?? null,
        JSON.stringify(entry.details ?? {}),
      ],
    );
  }
}
