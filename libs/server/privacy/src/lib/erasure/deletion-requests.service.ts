import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AuditService, Outbox, TenantDatabase, type UserAuth } from '@fieldwork/server-core';
import { mayEver, requireAccess } from '@fieldwork/server-access';
import {
  ERASURE_RULE_TEXT,
  type CreateDeletionRequest,
  type CreateDeletionRequestResponse,
  type DeletionImpact,
  type DeletionRequestList,
  type DeletionRequestStatus,
  type DeletionRequestSummary,
  type MyDeletionRequest,
  isUuid,
} from '@fieldwork/contracts';

const OPEN_STATUSES: DeletionRequestStatus[] = ['pending', 'approved', 'erasing'];

interface RequestRow {
  id: string;
  status: DeletionRequestStatus;
  user_id: string;
  user_name: string;
  user_email: string;
  user_role: string;
  user_erased_at: Date | null;
  requested_by: string;
  requester_name: string;
  reason: string | null;
  created_at: Date;
  approved_at: Date | null;
  approved_by: string | null;
  approver_name: string | null;
  finished_at: Date | null;
  cancelled_at: Date | null;
  result: DeletionImpact | null;
  tasks: number;
  reflections: number;
  contacts: number;
  interactions: number;
}

/** Counts of what erasing the user will touch, now (one row per request, lateral per user). */
const SELECT_REQUEST = `
  SELECT d.id, d.status, d.user_id, u.name AS user_name, u.email AS user_email, u.role AS user_role, u.erased_at AS user_erased_at,
         d.requested_by, rb.name AS requester_name, d.reason, d.created_at, d.approved_at, d.approved_by, ab.name AS approver_name,
         d.finished_at, d.cancelled_at, d.result,
         (SELECT count(*)::int FROM tasks t WHERE t.tenant_id = d.tenant_id AND t.student_id = d.user_id) AS tasks,
         (SELECT count(*)::int FROM submissions s JOIN tasks t ON t.tenant_id = s.tenant_id AND t.id = s.task_id
           WHERE s.tenant_id = d.tenant_id AND t.student_id = d.user_id) AS reflections,
         (SELECT count(*)::int FROM contacts c WHERE c.tenant_id = d.tenant_id AND c.owner_id = d.user_id) AS contacts,
         (SELECT count(*)::int FROM interactions i WHERE i.tenant_id = d.tenant_id AND i.owner_id = d.user_id) AS interactions
    FROM deletion_requests d
    JOIN users u ON u.tenant_id = d.tenant_id AND u.id = d.user_id
    JOIN users rb ON rb.tenant_id = d.tenant_id AND rb.id = d.requested_by
    LEFT JOIN users ab ON ab.tenant_id = d.tenant_id AND ab.id = d.approved_by`;

function toSummary(row: RequestRow): DeletionRequestSummary {
  const live: DeletionImpact = { tasks: row.tasks, reflections: row.reflections, contacts: row.contacts, interactions: row.interactions };
  return {
    id: row.id,
    status: row.status,
    user: { id: row.user_id, name: row.user_name, email: row.user_erased_at ? null : row.user_email, role: row.user_role },
    requestedBy: { id: row.requested_by, name: row.requester_name },
    reason: row.reason,
    createdAt: row.created_at.toISOString(),
    approvedAt: row.approved_at?.toISOString() ?? null,
    approvedBy: row.approved_by ? { id: row.approved_by, name: row.approver_name ?? '' } : null,
    finishedAt: row.finished_at?.toISOString() ?? null,
    cancelledAt: row.cancelled_at?.toISOString() ?? null,
    impact: row.status === 'done' && row.result ? row.result : live,
    rule: ERASURE_RULE_TEXT,
  };
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505';
}

/**
 * Deletion requests, API side: a person asks (or an admin starts one for them), an admin approves,
 * and the approval's outbox row (`deletion.approved`) has the worker erase the account. One open
 * request per person; the requester reads (and, while pending, cancels) their own; admins see all.
 */
@Injectable()
export class DeletionRequestsService {
  constructor(
    private readonly tenantDb: TenantDatabase,
    private readonly outbox: Outbox,
    private readonly audit: AuditService,
  ) {}

  requestOwn(auth: UserAuth, body: CreateDeletionRequest, ip?: string): Promise<CreateDeletionRequestResponse> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      await requireAccess(db, auth, 'deletion.request');
      return this.open(db, auth, auth.userId, body.reason?.trim() || null, ip);
    });
  }

  startFor(auth: UserAuth, userId: string, body: CreateDeletionRequest, ip?: string): Promise<CreateDeletionRequestResponse> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      await requireAccess(db, auth, 'deletion.start', userId);
      return this.open(db, auth, userId, body.reason?.trim() || null, ip);
    });
  }

  mine(auth: UserAuth): Promise<MyDeletionRequest> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      await requireAccess(db, auth, 'deletion.request');
      const [row] = await db.query(
        `${SELECT_REQUEST} WHERE d.tenant_id = $1 AND d.user_id = $2
          ORDER BY (d.status = ANY($3::text[])) DESC, d.created_at DESC, d.id DESC LIMIT 1`,
        [auth.tenantId, auth.userId, OPEN_STATUSES],
      );
      return { request: row ? toSummary(row) : null };
    });
  }

  cancelOwn(auth: UserAuth, ip?: string): Promise<void> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      await requireAccess(db, auth, 'deletion.request');
      const [open] = await db.query(
        `SELECT id, status FROM deletion_requests WHERE tenant_id = $1 AND user_id = $2 AND status = ANY($3::text[]) FOR UPDATE`,
        [auth.tenantId, auth.userId, OPEN_STATUSES],
      );
      if (!open) return; // Nothing pending: cancelling twice is fine.
      if (open.status !== 'pending') throw new ConflictException('Your deletion request was already approved and can no longer be cancelled');
      await db.query(`UPDATE deletion_requests SET status = 'cancelled', cancelled_at = now() WHERE tenant_id = $1 AND id = $2`, [auth.tenantId, open.id]);
      await this.audit.record(db, {
        tenantId: auth.tenantId,
        action: 'deletion.cancelled',
        actorId: auth.userId,
        subjectType: 'user',
        subjectId: auth.userId,
        ip,
        details: { requestId: open.id },
      });
    });
  }

  list(auth: UserAuth): Promise<DeletionRequestList> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      await requireAccess(db, auth, 'deletion.list');
      const rows: RequestRow[] = await db.query(
        `${SELECT_REQUEST} WHERE d.tenant_id = $1
          ORDER BY CASE d.status WHEN 'pending' THEN 0 WHEN 'approved' THEN 1 WHEN 'erasing' THEN 1 ELSE 2 END, d.created_at DESC, d.id DESC
          LIMIT 500`,
        [auth.tenantId],
      );
      return { items: rows.map(toSummary) };
    });
  }

  /** Admins read any request; anyone else only their own. */
  get(auth: UserAuth, id: string): Promise<DeletionRequestSummary> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      return toSummary(await this.load(db, auth, id));
    });
  }

  approve(auth: UserAuth, id: string, ip?: string): Promise<DeletionRequestSummary> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      if (!mayEver(auth.role, 'deletion.approve')) throw new ForbiddenException('Your role may not do this');
      const row = await this.load(db, auth, id, true);
      // The request's object is the person to erase.
      await requireAccess(db, auth, 'deletion.approve', row.user_id);
      if (row.status !== 'pending') throw new ConflictException(`This deletion request is already ${row.status}`);
      if (row.user_id === auth.userId) throw new ConflictException('Another administrator must approve the deletion of your own account');
      await db.query(
        `UPDATE deletion_requests SET status = 'approved', approved_at = now(), approved_by = $3 WHERE tenant_id = $1 AND id = $2`,
        [auth.tenantId, id, auth.userId],
      );
      await this.outbox.publish(db, auth.tenantId, 'deletion.approved', { requestId: id });
      await this.audit.record(db, {
        tenantId: auth.tenantId,
        action: 'deletion.approved',
        actorId: auth.userId,
        subjectType: 'user',
        subjectId: row.user_id,
        ip,
        details: { requestId: id },
      });
      return toSummary(await this.load(db, auth, id));
    });
  }

  private async open(db: EntityManager, auth: UserAuth, userId: string, reason: string | null, ip?: string): Promise<CreateDeletionRequestResponse> {
    const [user] = await db.query(`SELECT erased_at FROM users WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [auth.tenantId, userId]);
    if (!user) throw new NotFoundException('No such user');
    if (user.erased_at) throw new ConflictException('This account has already been erased');
    const id = randomUUID();
    try {
      await db.query(`SAVEPOINT deletion_request`);
      await db.query(
        `INSERT INTO deletion_requests (tenant_id, id, user_id, requested_by, reason) VALUES ($1, $2, $3, $4, $5)`,
        [auth.tenantId, id, userId, auth.userId, reason],
      );
      await db.query(`RELEASE SAVEPOINT deletion_request`);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      await db.query(`ROLLBACK TO SAVEPOINT deletion_request`);
      throw new ConflictException(userId === auth.userId ? 'You already have a deletion request open' : 'This person already has a deletion request open');
    }
    await this.audit.record(db, {
      tenantId: auth.tenantId,
      action: 'deletion.requested',
      actorId: auth.userId,
      subjectType: 'user',
      subjectId: userId,
      ip,
      details: { requestId: id, startedByAdmin: userId !== auth.userId },
    });
    return { id };
  }

  /** Admins reach every request; anyone else only their own (404 otherwise). */
  private async load(db: EntityManager, auth: UserAuth, id: string, lock = false): Promise<RequestRow> {
    if (!isUuid(id)) throw new NotFoundException('No such deletion request');
    const params: unknown[] = [auth.tenantId, id];
    let own = '';
    if (auth.role !== 'admin') {
      params.push(auth.userId);
      own = ` AND d.user_id = $3`;
    }
    const [row] = await db.query(`${SELECT_REQUEST} WHERE d.tenant_id = $1 AND d.id = $2${own}${lock ? ' FOR UPDATE OF d' : ''}`, params);
    if (!row) throw new NotFoundException('No such deletion request');
    return row;
  }
}
