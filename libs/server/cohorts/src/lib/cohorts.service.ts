import { BadRequestException, ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { isUuid } from '@fieldwork/contracts';
import { randomUUID } from 'node:crypto';
import { EntityManager, QueryFailedError } from 'typeorm';
import { AuditService, TenantDatabase, UserAuth, decodeCursor, encodeCursor, pageSize, validationFailed } from '@fieldwork/server-core';
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

const SUMMARY = `
  SELECT c.id, c.name, to_char(c.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(c.ends_on, 'YYYY-MM-DD') AS ends_on, c.archived_at, c.created_at,
         (SELECT count(*)::int FROM cohort_members m WHERE m.tenant_id = c.tenant_id AND m.cohort_id = c.id AND m.role = 'student') AS student_count,
         (SELECT count(*)::int FROM cohort_members m WHERE m.tenant_id = c.tenant_id AND m.cohort_id = c.id AND m.role = 'advisor') AS advisor_count
    FROM cohorts c`;

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
      const params: unknown[] = [auth.tenantId, filter.archived ?? false];
      let where = ` AND ${visibility(auth, 'cohort').bind(params)}`;
      if (filter.cursor) {
        params.push(...decodeCursor(filter.cursor, 2));
        where += ` AND (lower(c.name), c.id) > ($${params.length - 1}, $${params.length}::uuid)`;
      }
      params.push(limit + 1);
      const rows = await db.query(
        `${SUMMARY} WHERE c.tenant_id = $1 AND (c.archived_at IS NOT NULL) = $2 ${where} ORDER BY lower(c.name), c.id LIMIT $${params.length}`,
        params,
      );
      const last = rows[limit - 1];
      return { items: rows.slice(0, limit).map(toSummary), nextCursor: rows.length > limit ? encodeCursor([last.name.toLowerCase(), last.id]) : null };
    });
  }

  /** An advisor who creates a cohort advises it. */
  create(auth: UserAuth, request: CreateCohortRequest): Promise<CohortSummary> {
    assertDates(request.startsOn, request.endsOn);
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      await requireAccess(db, auth, 'cohort.create');
      const id = randomUUID();
      await insertOrConflict(request.name, () =>
        db.query(`INSERT INTO cohorts (tenant_id, id, name, starts_on, ends_on) VALUES ($1, $2, $3, $4, $5)`, [
          auth.tenantId,
          id,
          request.name,
          request.startsOn ?? null,
          request.endsOn ?? null,
        ]),
      );
      if (auth.role === 'advisor') {
        await db.query(`INSERT INTO cohort_members (tenant_id, cohort_id, user_id, role) VALUES ($1, $2, $3, 'advisor')`, [auth.tenantId, id, auth.userId]);
      }
      return this.summary(db, auth.tenantId, id);
    });
  }

  get(auth: UserAuth, id: string): Promise<CohortDetail> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      await requireAccess(db, auth, 'cohort.read', id);
      const summary = await this.summary(db, auth.tenantId, id);
      const members = await db.query(
        `SELECT u.id AS user_id, u.name, u.email, m.role, m.joined_at, u.password_hash IS NOT NULL AS activated
           FROM cohort_members m JOIN users u ON u.tenant_id = m.tenant_id AND u.id = m.user_id
          WHERE m.tenant_id = $1 AND m.cohort_id = $2
          ORDER BY m.role, lower(u.name)`,
        [auth.tenantId, id],
      );
      return {
        ...summary,
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        members: members.map((m: any) => ({
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
        db.query(
          `UPDATE cohorts SET name = $3, starts_on = $4, ends_on = $5, archived_at = CASE WHEN $6 THEN COALESCE(archived_at, now()) END
            WHERE tenant_id = $1 AND id = $2`,
          [auth.tenantId, id, change.name ?? current.name, startsOn, endsOn, change.archived ?? current.archived],
        ),
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
      const [added] = await db.query(
        `WITH added AS (
           INSERT INTO cohort_members (tenant_id, cohort_id, user_id, role)
           SELECT $1, $2, unnest($3::uuid[]), $4
           ON CONFLICT (tenant_id, cohort_id, user_id) DO NOTHING
           RETURNING user_id)
         SELECT count(*)::int AS count, array_agg(user_id) AS ids FROM added`,
        [auth.tenantId, cohortId, userIds, request.role],
      );
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
      const [member]: { role: 'student' | 'advisor' }[] = isUuid(userId)
        ? await db.query(`SELECT role FROM cohort_members WHERE tenant_id = $1 AND cohort_id = $2 AND user_id = $3 FOR UPDATE`, [auth.tenantId, cohortId, userId])
        : [];
      if (!member) throw new NotFoundException('That person is not in this cohort');
      if (member.role === 'advisor' && !mayEver(auth.role, 'cohort.advisor.remove')) {
        throw new ForbiddenException('Only an admin removes an advisor from a cohort');
      }
      await db.query(`DELETE FROM cohort_members WHERE tenant_id = $1 AND cohort_id = $2 AND user_id = $3`, [auth.tenantId, cohortId, userId]);
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
    const [row] = await db.query(`${SUMMARY} WHERE c.tenant_id = $1 AND c.id = $2`, [tenantId, id]);
    if (!row) throw new NotFoundException('No such cohort');
    return toSummary(row);
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

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function toSummary(row: any): CohortSummary {
  return {
    id: row.id,
    name: row.name,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    archived: row.archived_at !== null,
    studentCount: row.student_count,
    advisorCount: row.advisor_count,
    createdAt: row.created_at.toISOString(),
  };
}
