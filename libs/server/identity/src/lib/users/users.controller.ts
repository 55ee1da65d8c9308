import { Body, Controller, Get, Ip, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, UserAuth } from '@fieldwork/server-core';
import type { InvitationResponse, Page, UserSummary } from '@fieldwork/contracts';
import { UsersService } from './users.service';
import { UpdateUserDto, UserListQueryDto } from '../dto/users.dto';
import { InvitationDto } from '../dto/auth.dto';
import { InvitationsService } from '../invitations/invitations.service';

@ApiTags('people')
@Controller()
@Roles('admin')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly invitations: InvitationsService,
  ) {}

  @Get('users')
  list(@CurrentUser() auth: UserAuth, @Query() query: UserListQueryDto): Promise<Page<UserSummary>> {
    return this.users.list(auth, query);
  }

  @Get('users/:id')
  get(@CurrentUser() auth: UserAuth, @Param('id') id: string): Promise<UserSummary> {
    return this.users.get(auth, id);
  }

  @Patch('users/:id')
  update(@CurrentUser() auth: UserAuth, @Param('id') id: string, @Body() body: UpdateUserDto, @Ip() ip: string): Promise<UserSummary> {
    return this.users.update(auth, id, body, ip);
  }

  @Post('invitations')
  invite(@CurrentUser() auth: UserAuth, @Body() body: InvitationDto, @Ip() ip: string): Promise<InvitationResponse> {
    return this.invitations.invite(auth, body, ip);
  }
}
