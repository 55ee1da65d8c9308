import { Body, Controller, Ip, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, UserAuth, ApiErrors, GetOne, GetPage, Created, Updated } from '@fieldwork/server-core';
import type { InvitationResponse, Page, UserSummary } from '@fieldwork/contracts';
import { UsersService } from './users.service';
import { UpdateUserDto, UserListQueryDto } from '../dto/users.dto';
import { InvitationDto } from '../dto/auth.dto';
import { InvitationsService } from '../invitations/invitations.service';
import { InvitationBody, UserPageBody, UserSummaryBody } from '../identity.responses';

@ApiTags('people')
@Controller()
@Roles('admin')
@ApiErrors(401, 403)
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly invitations: InvitationsService,
  ) {}

  @GetPage('users', UserPageBody)
  list(@CurrentUser() auth: UserAuth, @Query() query: UserListQueryDto): Promise<Page<UserSummary>> {
    return this.users.list(auth, query);
  }

  @GetOne('users/:id', UserSummaryBody)
  get(@CurrentUser() auth: UserAuth, @Param('id') id: string): Promise<UserSummary> {
    return this.users.get(auth, id);
  }

  @Updated('PATCH', 'users/:id', UserSummaryBody, 400, 404)
  update(@CurrentUser() auth: UserAuth, @Param('id') id: string, @Body() body: UpdateUserDto, @Ip() ip: string): Promise<UserSummary> {
    return this.users.update(auth, id, body, ip);
  }

  @Created('invitations', InvitationBody, 400, 409)
  invite(@CurrentUser() auth: UserAuth, @Body() body: InvitationDto, @Ip() ip: string): Promise<InvitationResponse> {
    return this.invitations.invite(auth, body, ip);
  }
}
