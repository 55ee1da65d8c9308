import { Injectable, NotFoundException } from '@nestjs/common';
import { isUuid } from '@fieldwork/contracts';
import { TenantDatabase, UserAuth, decodeCursor, encodeCursor, pageSize } from '@fieldwork/server-core';
import type { Notification, NotificationPage } from '@fieldwork/contracts';


/** The in-app inbox: each user reads and clears only their own notifications. */
@Injectable()
export class NotificationsService {
  constructor(private readonly tenantDb: TenantDatabase) {}

  list(auth: UserAuth, filter: { unread?: boolean; cursor?: string; limit?: number }): Promise<NotificationPage> {
    const limit = pageSize(filter.limit, 30);
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      const params: unknown[] = [auth.tenantId, auth.userId];
      let where = filter.unread ? ' AND read_at IS NULL' : '';
      if (filter.cursor) {
        params.push(...decodeCursor(filter.cursor, 2));
        where += ` AND (created_at, id) < ($3::timestamptz, $4::uuid)`;
      }
      params.push(limit + 1);
      const rows = await db.query(
        `SELECT id, kind, title, body, link, created_at, read_at FROM notifications
          WHERE tenant_id = $1 AND user_id = $2 ${where} ORDER BY created_at DESC, id DESC LIMIT $${params.length}`,
        params,
      );
      const [{ unread }] = await db.query(`SELECT count(*)::int AS unread FROM notifications WHERE tenant_id = $1 AND user_id = $2 AND read_at IS NULL`, [
        auth.tenantId,
        auth.userId,
      ]);
      const last = rows[limit - 1];
      return {
        items: rows.slice(0, limit).map(toNotification),
        nextCursor: rows.length > limit ? encodeCursor([last.created_at.toISOString(), last.id]) : null,
        unreadCount: unread,
      };
    });
  }

  markRead(auth: UserAuth, id: string): Promise<void> {
    if (!isUuid(id)) throw new NotFoundException('No such notification');
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      const [, updated] = await db.query(
        `UPDATE notifications SET read_at = COALESCE(read_at, now()) WHERE tenant_id = $1 AND user_id = $2 AND id = $3`,
        [auth.tenantId, auth.userId, id],
      );
      if (!updated) throw new NotFoundException('No such notification');
    });
  }

  async markAllRead(auth: UserAuth): Promise<void> {
    await this.tenantDb.transaction(auth.tenantId, (db) =>
      db.query(`UPDATE notifications SET read_at = now() WHERE tenant_id = $1 AND user_id = $2 AND read_at IS NULL`, [auth.tenantId, auth.userId]),
    );
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function toNotification(row: any): Notification {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    link: row.link,
    createdAt: row.created_at.toISOString(),
    readAt: row.read_at?.toISOString() ?? null,
  };
}
