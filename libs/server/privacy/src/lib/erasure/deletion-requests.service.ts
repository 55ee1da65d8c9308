import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AuditService, Outbox, TenantDatabase, type AuditEntry, type UserAuth } from '@fieldwork/server-core';
import { mayEver, requireAccess } from '@fieldwork/server-access';
import { ERASURE_RULE_TEXT, isUuid, type DeletionImpact, type DeletionRequestStatus, type DeletionRequestSummary } from '@fieldwork/contracts';
import type { CreateDeletionRequest, CreateDeletionRequestResponse, DeletionRequestList, MyDeletionRequest } from '@fieldwork/contracts';
import {
  allRequests,
  approveRequest,
  cancelRequest,
  deletionRequest,
  insertRequest,
  latestRequestOf,
  lockOpenRequestOf,
  lockUserToErase,
  type DeletionRequestRow,
} from './erasure.queries';

const OPEN_STATUSES: DeletionRequestStatus[] = ['pending', 'approved', 'erasing'];

function toSummary(row: DeletionRequestRow): DeletionRequestSummary {
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
      const row = await latestRequestOf(db, auth.tenantId, auth.userId, OPEN_STATUSES);
      return { request: row ? toSummary(row) : null };
    });
  }

  cancelOwn(auth: UserAuth, ip?: string): Promise<void> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      await requireAccess(db, auth, 'deletion.request');
      const open = await lockOpenRequestOf(db, auth.tenantId, auth.userId, OPEN_STATUSES);
      if (!open) return; // Nothing pending: cancelling twice is fine.
      if (open.status !== 'pending') throw new ConflictException('Your deletion request was already approved and can no longer be cancelled');
      await cancelRequest(db, auth.tenantId, open.id);
      await this.recordAbout(db, auth, 'deletion.cancelled', auth.userId, ip, { requestId: open.id });
    });
  }

  list(auth: UserAuth): Promise<DeletionRequestList> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      await requireAccess(db, auth, 'deletion.list');
      return { items: (await allRequests(db, auth.tenantId)).map(toSummary) };
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
      await approveRequest(db, auth.tenantId, id, auth.userId);
      await this.outbox.publish(db, auth.tenantId, 'deletion.approved', { requestId: id });
      await this.recordAbout(db, auth, 'deletion.approved', row.user_id, ip, { requestId: id });
      return toSummary(await this.load(db, auth, id));
    });
  }

  private async open(db: EntityManager, auth: UserAuth, userId: string, reason: string | null, ip?: string): Promise<CreateDeletionRequestResponse> {
    const user = await lockUserToErase(db, auth.tenantId, userId);
    if (!user) throw new NotFoundException('No such user');
    if (user.erased_at) throw new ConflictException('This account has already been erased');
    const id = randomUUID();
    if (!(await insertRequest(db, { tenantId: auth.tenantId, id, userId, requestedBy: auth.userId, reason }))) {
      throw new ConflictException(userId === auth.userId ? 'You already have a deletion request open' : 'This person already has a deletion request open');
    }
    await this.recordAbout(db, auth, 'deletion.requested', userId, ip, { requestId: id, startedByAdmin: userId !== auth.userId });
    return { id };
  }

  /** A step of a request in the audit log, by the signed-in person, about the person to erase. */
  private recordAbout(db: EntityManager, auth: UserAuth, action: AuditEntry['action'], userId: string, ip: string | undefined, details: Record<string, unknown>): Promise<void> {
    return this.audit.record(db, { tenantId: auth.tenantId, action, actorId: auth.userId, subjectType: 'user', subjectId: userId, ip, details });
  }

  /** Admins reach every request; anyone else only their own (404 otherwise). */
  private async load(db: EntityManager, auth: UserAuth, id: string, lock = false): Promise<DeletionRequestRow> {
    if (!isUuid(id)) throw new NotFoundException('No such deletion request');
    const row = await deletionRequest(db, auth.tenantId, id, { ownerId: auth.role === 'admin' ? null : auth.userId, lock });
    if (!row) throw new NotFoundException('No such deletion request');
    return row;
  }
}
