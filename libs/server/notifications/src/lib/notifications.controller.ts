import { Controller, Param, ParseBoolPipe, Post, Query, applyDecorators } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AnyTenantUser, CurrentUser, UserAuth, ApiErrors, NoContent, GetPage, PageQuery, type PageParams } from '@fieldwork/server-core';
import type { NotificationPage } from '@fieldwork/contracts';
import { NotificationsService } from './notifications.service';
import { NotificationPageBody } from './notifications.responses';

/** A controller of the notifications API at `path`: for any signed-in user of a career center. */
export function NotificationsApi(path: string): ClassDecorator {
  return applyDecorators(ApiTags('notifications'), Controller(path), AnyTenantUser(), ApiErrors(401, 403));
}

@NotificationsApi('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @GetPage('', NotificationPageBody)
  list(
    @CurrentUser() auth: UserAuth,
    @PageQuery() page: PageParams,
    @Query('unread', new ParseBoolPipe({ optional: true })) unread?: boolean,
  ): Promise<NotificationPage> {
    return this.notifications.list(auth, { unread, ...page });
  }

  @Post('read-all')
  @NoContent('Every inbox item is read')
  readAll(@CurrentUser() auth: UserAuth): Promise<void> {
    return this.notifications.markAllRead(auth);
  }

  @Post(':id/read')
  @NoContent('The item is read', 404)
  read(@CurrentUser() auth: UserAuth, @Param('id') id: string): Promise<void> {
    return this.notifications.markRead(auth, id);
  }
}
