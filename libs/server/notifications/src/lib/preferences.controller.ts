import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AnyTenantUser, CurrentUser, UserAuth, ApiErrors } from '@fieldwork/server-core';
import type { NotificationPreferences } from '@fieldwork/contracts';
import { PreferencesService } from './preferences.service';
import { UpdatePreferencesDto } from './preferences.dto';
import { NotificationPreferencesBody } from './notifications.responses';

@ApiTags('notifications')
@Controller('me/notification-preferences')
@AnyTenantUser()
@ApiErrors(401, 403)
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
