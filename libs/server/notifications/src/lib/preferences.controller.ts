import { Body, Get } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { CurrentUser, UserAuth, Updated } from '@fieldwork/server-core';
import type { NotificationPreferences } from '@fieldwork/contracts';
import { PreferencesService } from './preferences.service';
import { UpdatePreferencesDto } from './preferences.dto';
import { NotificationPreferencesBody } from './notifications.responses';
import { NotificationsApi } from './notifications.controller';

@NotificationsApi('me/notification-preferences')
export class PreferencesController {
  constructor(private readonly preferences: PreferencesService) {}

  @Get()
  @ApiOkResponse({ type: NotificationPreferencesBody })
  get(@CurrentUser() auth: UserAuth): Promise<NotificationPreferences> {
    return this.preferences.get(auth);
  }

  @Updated('PUT', '', NotificationPreferencesBody, 400)
  update(@CurrentUser() auth: UserAuth, @Body() body: UpdatePreferencesDto): Promise<NotificationPreferences> {
    return this.preferences.update(auth, body);
  }
}
