import { Body, Get, Put } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { CurrentUser, UserAuth, ApiErrors } from '@fieldwork/server-core';
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

  @Put()
  @ApiOkResponse({ type: NotificationPreferencesBody })
  @ApiErrors(400)
  update(@CurrentUser() auth: UserAuth, @Body() body: UpdatePreferencesDto): Promise<NotificationPreferences> {
    return this.preferences.update(auth, body);
  }
}
