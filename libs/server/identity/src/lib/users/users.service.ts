import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { Repository } from 'typeorm';
import { AuditService, TenantDatabase, UserAuth, decodeCursor, encodeCursor } from '@fieldwork/server-core';
import { DEFAULT_PAGE_SIZE, Page, UpdateUserRequest, UserListQuery, UserSummary, isUuid } from '@fieldwork/contracts';
import { UserEntity } from '../entities/user.entity';
import { SessionsService } from '../auth/sessions.service';


@Injectable()
export class UsersService {
  constructor(
    private readonly tenantDb: TenantDatabase,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
  ) {}

  /** People of the tenant, ordered by name, cursor-paginated. */
  list(auth: UserAuth, query: UserListQuery): Promise<Page<UserSummary>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const cursor = query.cursor ? decodeCursor(query.cursor, 2) : null;
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      const builder = db
        .getRepository(UserEntity)
        .createQueryBuilder('u')
        .addSelect('u.password_hash IS NOT NULL', 'activated')
        .where('u.tenant_id = :tenantId', { tenantId: auth.tenantId })
        .orderBy('lower(u.name)')
        .addOrderBy('u.id')
        .limit(limit + 1);
      if (query.role) builder.andWhere('u.role = :role', { role: query.role });
      if (query.q) {
        builder.andWhere('(u.name ILIKE :q OR u.email ILIKE :q)', { q: `%${escapeLike(query.q.trim())}%` });
      }
      if (cursor) builder.andWhere('(lower(u.name), u.id) > (:name, :id::uuid)', { name: cursor[0], id: cursor[1] });
      const { entities, raw } = await builder.getRawAndEntities<{ activated: boolean }>();
      const items = entities.slice(0, limit).map((user, index) => toSummary(user, raw[index].activated));
      const last = entities[limit - 1];
      return {
        items,
        nextCursor: entities.length > limit && last ? encodeCursor([last.name.toLowerCase(), last.id]) : null,
      };
    });
  }

  get(auth: UserAuth, id: string): Promise<UserSummary> {
    return this.tenantDb.transaction(auth.tenantId, (db) => this.load(db.getRepository(UserEntity), auth.tenantId, id));
  }

  /** Renames, changes role, deactivates or reactivates; deactivation ends the user's sessions at once. */
  update(auth: UserAuth, id: string, change: UpdateUserRequest, ip?: string): Promise<UserSummary> {
    if (id === auth.userId && (change.active === false || (change.role && change.role !== auth.role))) {
      throw new BadRequestException('You cannot deactivate yourself or change your own role; ask another administrator');
    }
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      const users = db.getRepository(UserEntity);
      const before = await this.load(users, auth.tenantId, id);
      await users.update(
        { tenantId: auth.tenantId, id },
        { name: change.name ?? before.name, role: change.role ?? before.role, active: change.active ?? before.active, updatedAt: new Date() },
      );
      if (change.role && change.role !== before.role) {
        await this.audit.record(db, {
          tenantId: auth.tenantId,
          action: 'user.role_changed',
          actorId: auth.userId,
          subjectType: 'user',
          subjectId: id,
          ip,
          details: { from: before.role, to: change.role },
        });
      }
      if (change.active !== undefined && change.active !== before.active) {
        if (!change.active) await this.sessions.revokeAllForUser(db, auth.tenantId, id);
        await this.audit.record(db, {
          tenantId: auth.tenantId,
          action: 'user.status_changed',
          actorId: auth.userId,
          subjectType: 'user',
          subjectId: id,
          ip,
          details: { active: change.active },
        });
      }
      return this.load(users, auth.tenantId, id);
    });
  }

  private async load(users: Repository<UserEntity>, tenantId: string, id: string): Promise<UserSummary> {
    if (!isUuid(id)) throw new NotFoundException('No such person');
    const { entities, raw } = await users
      .createQueryBuilder('u')
      .addSelect('u.password_hash IS NOT NULL', 'activated')
      .where('u.tenant_id = :tenantId AND u.id = :id', { tenantId, id })
      .getRawAndEntities<{ activated: boolean }>();
    if (!entities[0]) throw new NotFoundException('No such person');
    return toSummary(entities[0], raw[0].activated);
  }
}

function toSummary(user: UserEntity, activated: boolean): UserSummary {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    active: user.active,
    activated,
    createdAt: user.createdAt.toISOString(),
  };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (match) => `\\${match}`);
}
