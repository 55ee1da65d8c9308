import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AnyTenantUser, CurrentUser, UserAuth } from '@fieldwork/server-core';
import type { NotificationPreferences } from '@fieldwork/contracts';
import { PreferencesService } from './preferences.service';
import { UpdatePreferencesDto } from './preferences.dto';

@ApiTags('notifications')
@Controller('me/notification-preferences')
@AnyTenantUser()
export class PreferencesController {
  constructor(private readonly preferences: PreferencesService) {}

  @Get()
  get(@CurrentUser() auth: UserAuth): Promise<NotificationPreferences> {
    return this.preferences.get(auth);
  }

  @Put()
  update(@CurrentUser() auth: UserAuth, @Body() body: UpdatePreferencesDto): Promise<NotificationPreferences> {
    return this.preferences.update(auth, body);
  }
}
