import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { isUuid } from '@fieldwork/contracts';
import { randomUUID } from 'node:crypto';
import { EntityManager, QueryFailedError } from 'typeorm';
import { AuditService, TenantDatabase, UserAuth, decodeCursor, isoTimes, pageOf, pageSize, validationFailed } from '@fieldwork/server-core';
import { giveLiveAssignments } from '@fieldwork/server-homework';
import { mayEver, requireAccess, requireAddableMembers, visibility } from '@fieldwork/server-access';
import type {
  AddCohortMembersRequest,
  AddCohortMembersResponse,
  CohortDetail,
  CohortSummary,
  CreateCohortRequest,
  Page,
  UpdateCohortRequest,
} from '@fieldwork/contracts';
import {
  addCohortAdvisor,
  addCohortMembers,
  cohortMembers,
  cohortPage,
  cohortSummary,
  deleteCohortMember,
  insertCohort,
  lockCohortMember,
  updateCohort,
} from './cohorts.queries';

@Injectable()
export class CohortsService {
  constructor(
    private readonly tenantDb: TenantDatabase,
    private readonly audit: AuditService,
  ) {}

  /** Admins see every cohort; advisors the ones they advise. */
  list(auth: UserAuth, filter: { archived?: boolean; cursor?: string; limit?: number }): Promise<Page<CohortSummary>> {
    const limit = pageSize(filter.limit, 100);
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      await requireAccess(db, auth, 'cohort.list');
      const rows = await cohortPage(db, auth.tenantId, {
        archived: filter.archived ?? false,
        visible: visibility(auth, 'cohort'),
        after: filter.cursor ? decodeCursor(filter.cursor, 2) : null,
        limit,
      });
      return pageOf(rows, limit, isoTimes, (row) => [row.name.toLowerCase(), row.id]);
    });
  }

  /** An advisor who creates a cohort advises it. */
  create(auth: UserAuth, request: CreateCohortRequest): Promise<CohortSummary> {
    assertDates(request.startsOn, request.endsOn);
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      await requireAccess(db, auth, 'cohort.create');
      const id = randomUUID();
      await insertOrConflict(request.name, () =>
        insertCohort(db, auth.tenantId, { id, name: request.name, startsOn: request.startsOn ?? null, endsOn: request.endsOn ?? null }),
      );
      if (auth.role === 'advisor') await addCohortAdvisor(db, auth.tenantId, id, auth.userId);
      return this.summary(db, auth.tenantId, id);
    });
  }

  get(auth: UserAuth, id: string): Promise<CohortDetail> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      await requireAccess(db, auth, 'cohort.read', id);
      const summary = await this.summary(db, auth.tenantId, id);
      const members = await cohortMembers(db, auth.tenantId, id);
      return {
        ...summary,
        members: members.map((m) => ({
          userId: m.user_id,
          name: m.name,
          email: m.email,
          role: m.role,
          joinedAt: m.joined_at.toISOString(),
          activated: m.activated,
        })),
      };
    });
  }

  update(auth: UserAuth, id: string, change: UpdateCohortRequest): Promise<CohortSummary> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      await requireAccess(db, auth, 'cohort.update', id);
      const current = await this.summary(db, auth.tenantId, id);
      const startsOn = change.startsOn === undefined ? current.startsOn : change.startsOn;
      const endsOn = change.endsOn === undefined ? current.endsOn : change.endsOn;
      assertDates(startsOn, endsOn);
      await insertOrConflict(change.name ?? current.name, () =>
        updateCohort(db, auth.tenantId, id, { name: change.name ?? current.name, startsOn, endsOn, archived: change.archived ?? current.archived }),
      );
      if (change.archived && !current.archived) {
        await this.audit.record(db, { tenantId: auth.tenantId, action: 'cohort.archived', actorId: auth.userId, subjectType: 'cohort', subjectId: id, details: { name: current.name } });
      }
      return this.summary(db, auth.tenantId, id);
    });
  }

  /**
   * Adds people in one statement; new students get the cohort's live assignments at once.
   * An advisor adds only students who are in no cohort yet or already theirs (requireAddableMembers).
   * Audited with the ids and counts (no names: the log is read by every admin).
   */
  addMembers(auth: UserAuth, cohortId: string, request: AddCohortMembersRequest): Promise<AddCohortMembersResponse> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      await requireAccess(db, auth, 'cohort.members.add', cohortId);
      const userIds = [...new Set(request.userIds)];
      await requireAddableMembers(db, auth, request.role, userIds);
      const added = await addCohortMembers(db, auth.tenantId, cohortId, userIds, request.role);
      const tasksCreated = request.role === 'student' ? await giveLiveAssignments(db, auth.tenantId, [cohortId], added.ids ?? []) : 0;
      if (added.count) {
        await this.audit.record(db, {
          tenantId: auth.tenantId,
          action: 'cohort.member_added',
          actorId: auth.userId,
          subjectType: 'cohort',
          subjectId: cohortId,
          details: { role: request.role, count: added.count, userIds: added.ids, tasksCreated },
        });
      }
      return { added: added.count, tasksCreated };
    });
  }

  /** Advisors remove students of their cohorts; only admins remove an advisor (a co-advisor, or oneself). Audited. */
  removeMember(auth: UserAuth, cohortId: string, userId: string): Promise<void> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      await requireAccess(db, auth, 'cohort.members.remove', cohortId);
      const member = isUuid(userId) ? await lockCohortMember(db, auth.tenantId, cohortId, userId) : undefined;
      if (!member) throw new NotFoundException('That person is not in this cohort');
      if (member.role === 'advisor' && !mayEver(auth.role, 'cohort.advisor.remove')) {
        throw new ForbiddenException('Only an admin removes an advisor from a cohort');
      }
      await deleteCohortMember(db, auth.tenantId, cohortId, userId);
      await this.audit.record(db, {
        tenantId: auth.tenantId,
        action: 'cohort.member_removed',
        actorId: auth.userId,
        subjectType: 'user',
        subjectId: userId,
        details: { cohortId, role: member.role },
      });
    });
  }

  private async summary(db: EntityManager, tenantId: string, id: string): Promise<CohortSummary> {
    const row = await cohortSummary(db, tenantId, id);
    if (!row) throw new NotFoundException('No such cohort');
    return isoTimes(row);
  }
}

function assertDates(startsOn?: string | null, endsOn?: string | null): void {
  if (startsOn && endsOn && endsOn < startsOn) throw validationFailed([{ field: 'endsOn', problems: ['The end date is before the start date'] }]);
}

async function insertOrConflict(name: string, write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (error instanceof QueryFailedError && (error as unknown as { code?: string }).code === '23505') {
      throw new ConflictException(`A cohort named "${name}" already exists`);
    }
    if (error instanceof QueryFailedError && (error as unknown as { code?: string }).code === '23514') {
      throw validationFailed([{ field: 'endsOn', problems: ['The end date is before the start date'] }]);
    }
    throw error;
  }
}
