import { Injectable, NotFoundException } from '@nestjs/common';
import { isUuid } from '@fieldwork/contracts';
import { TenantDatabase, UserAuth, decodeCursor, pageOf, pageSize } from '@fieldwork/server-core';
import type { Notification, NotificationPage } from '@fieldwork/contracts';
import { markAllNotificationsRead, markNotificationRead, notificationPage, unreadCount, type NotificationRow } from './notifications.queries';

/** The in-app inbox: each user reads and clears only their own notifications. */
@Injectable()
export class NotificationsService {
  constructor(private readonly tenantDb: TenantDatabase) {}

  list(auth: UserAuth, filter: { unread?: boolean; cursor?: string; limit?: number }): Promise<NotificationPage> {
    const limit = pageSize(filter.limit, 30);
    const before = filter.cursor ? decodeCursor(filter.cursor, 2) : null;
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      // One row more than the page tells whether another page follows.
      const rows = await notificationPage(db, auth.tenantId, auth.userId, { unreadOnly: !!filter.unread, before, limit: limit + 1 });
      const page = pageOf(rows, limit, toNotification, (row) => [row.created_at.toISOString(), row.id]);
      return { ...page, unreadCount: await unreadCount(db, auth.tenantId, auth.userId) };
    });
  }

  markRead(auth: UserAuth, id: string): Promise<void> {
    if (!isUuid(id)) throw new NotFoundException('No such notification');
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      if (!(await markNotificationRead(db, auth.tenantId, auth.userId, id))) throw new NotFoundException('No such notification');
    });
  }

  async markAllRead(auth: UserAuth): Promise<void> {
    await this.tenantDb.transaction(auth.tenantId, (db) => markAllNotificationsRead(db, auth.tenantId, auth.userId));
  }
}

function toNotification({ id, kind, title, body, link, created_at, read_at }: NotificationRow): Notification {
  return { id, kind, title, body, link, createdAt: created_at.toISOString(), readAt: read_at?.toISOString() ?? null };
}
