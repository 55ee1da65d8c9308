import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService, TenantDatabase, UserAuth, decodeCursor, isoTimes, pageOf } from '@fieldwork/server-core';
import { DEFAULT_PAGE_SIZE, Page, UpdateUserRequest, UserListQuery, UserSummary, isUuid } from '@fieldwork/contracts';
import { SessionsService } from '../auth/sessions.service';
import { updateUser, userPage, userSummary } from './users.queries';


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
      const rows = await userPage(db, auth.tenantId, { role: query.role, search: query.q?.trim(), after: cursor, limit });
      return pageOf(rows, limit, isoTimes, (row) => [row.name.toLowerCase(), row.id]);
    });
  }

  get(auth: UserAuth, id: string): Promise<UserSummary> {
    return this.tenantDb.transaction(auth.tenantId, (db) => this.load(db, auth.tenantId, id));
  }

  /** Renames, changes role, deactivates or reactivates; deactivation ends the user's sessions at once. */
  update(auth: UserAuth, id: string, change: UpdateUserRequest, ip?: string): Promise<UserSummary> {
    if (id === auth.userId && (change.active === false || (change.role && change.role !== auth.role))) {
      throw new BadRequestException('You cannot deactivate yourself or change your own role; ask another administrator');
    }
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      const before = await this.load(db, auth.tenantId, id);
      await updateUser(db, auth.tenantId, id, { name: change.name ?? before.name, role: change.role ?? before.role, active: change.active ?? before.active });
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
      return this.load(db, auth.tenantId, id);
    });
  }

  private async load(db: EntityManager, tenantId: string, id: string): Promise<UserSummary> {
    if (!isUuid(id)) throw new NotFoundException('No such person');
    const row = await userSummary(db, tenantId, id);
    if (!row) throw new NotFoundException('No such person');
    return isoTimes(row);
  }
}
