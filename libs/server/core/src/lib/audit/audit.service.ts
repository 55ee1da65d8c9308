import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { AuditAction } from '@fieldwork/contracts';
import { insertAuditEvent } from './audit.queries';

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
    await insertAuditEvent(db, entry.tenantId, {
      id: randomUUID(),
      actorId: entry.actorId ?? null,
      action: entry.action,
      subjectType: entry.subjectType ?? null,
      subjectId: entry.subjectId ?? null,
      ip: entry.ip ?? null,
      details: JSON.stringify(entry.details ?? {}),
    });
  }
}
