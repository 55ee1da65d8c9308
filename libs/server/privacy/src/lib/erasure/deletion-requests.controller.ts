import { Body, Controller, Delete, Get, Ip, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AnyTenantUser, ApiErrors, CurrentUser, Roles, UserAuth, GetOne, Accepted, NoContent } from '@fieldwork/server-core';
import type { CreateDeletionRequestResponse, DeletionRequestList, DeletionRequestSummary, MyDeletionRequest } from '@fieldwork/contracts';
import { CreateDeletionRequestDto } from './deletion-request.dto';
import { DeletionRequestsService } from './deletion-requests.service';
import { CreateDeletionRequestBody, DeletionRequestBody, DeletionRequestListBody, MyDeletionRequestBody } from './deletion-requests.responses';

/** A person's own deletion request: ask, see it, cancel it while pending. */
@ApiTags('privacy')
@Controller('me/deletion-request')
@AnyTenantUser()
@ApiErrors(401, 403)
export class MyDeletionRequestController {
  constructor(private readonly requests: DeletionRequestsService) {}

  @Post()
  @Accepted(CreateDeletionRequestBody, 'Asked: an administrator reviews and approves it', 400, 409)
  request(@CurrentUser() auth: UserAuth, @Body() body: CreateDeletionRequestDto, @Ip() ip: string): Promise<CreateDeletionRequestResponse> {
    return this.requests.requestOwn(auth, body, ip);
  }

  @Get()
  @ApiOkResponse({ type: MyDeletionRequestBody })
  mine(@CurrentUser() auth: UserAuth): Promise<MyDeletionRequest> {
    return this.requests.mine(auth);
  }

  @Delete()
  @NoContent('Cancelled (only while pending; nothing pending is no error)', 409)
  cancel(@CurrentUser() auth: UserAuth, @Ip() ip: string): Promise<void> {
    return this.requests.cancelOwn(auth, ip);
  }
}

/** Deletion requests as administrators see them; a requester may read their own. */
@ApiTags('privacy')
@Controller()
@ApiErrors(401, 403)
export class DeletionRequestsController {
  constructor(private readonly requests: DeletionRequestsService) {}

  @Roles('admin')
  @Get('deletion-requests')
  @ApiOkResponse({ type: DeletionRequestListBody, description: 'Pending first, each with what erasure will remove' })
  list(@CurrentUser() auth: UserAuth): Promise<DeletionRequestList> {
    return this.requests.list(auth);
  }

  @AnyTenantUser()
  @GetOne('deletion-requests/:id', DeletionRequestBody)
  get(@CurrentUser() auth: UserAuth, @Param('id') id: string): Promise<DeletionRequestSummary> {
    return this.requests.get(auth, id);
  }

  @Roles('admin')
  @Post('deletion-requests/:id/approve')
  @Accepted(DeletionRequestBody, 'Approved: the worker erases the account (poll until status is done)', 404, 409)
  approve(@CurrentUser() auth: UserAuth, @Param('id') id: string, @Ip() ip: string): Promise<DeletionRequestSummary> {
    return this.requests.approve(auth, id, ip);
  }

  @Roles('admin')
  @Post('users/:id/deletion-request')
  @Accepted(CreateDeletionRequestBody, 'A pending request for this person; approve it to erase the account', 400, 404, 409)
  start(@CurrentUser() auth: UserAuth, @Param('id') id: string, @Body() body: CreateDeletionRequestDto, @Ip() ip: string): Promise<CreateDeletionRequestResponse> {
    return this.requests.startFor(auth, id, body, ip);
  }
}
