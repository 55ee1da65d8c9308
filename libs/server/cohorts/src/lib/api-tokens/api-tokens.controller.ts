import { Body, Controller, Delete, Get, Ip, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CurrentUser, Roles, UserAuth, NoContent, Created } from '@fieldwork/server-core';
import type { ApiTokenList, CreatedApiToken } from '@fieldwork/contracts';
import { CreateApiTokenDto } from '../dto/api-token.dto';
import { ApiTokenListBody, CreatedApiTokenBody } from './api-tokens.responses';
import { ApiTokensService } from './api-tokens.service';

@ApiTags('api-tokens')
@Controller('api-tokens')
@ApiErrors(401, 403)
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokensService) {}

  @Roles('admin')
  @Created('', { type: CreatedApiTokenBody, description: 'The token is in the answer this once; only its hash is kept' }, 400)
  create(@CurrentUser() auth: UserAuth, @Body() body: CreateApiTokenDto, @Ip() ip: string): Promise<CreatedApiToken> {
    return this.tokens.create(auth, body, ip);
  }

  @Roles('admin')
  @Get()
  @ApiOkResponse({ type: ApiTokenListBody })
  async list(@CurrentUser() auth: UserAuth): Promise<ApiTokenList> {
    return { items: await this.tokens.list(auth) };
  }

  @Roles('admin')
  @Delete(':id')
  @NoContent('Revoked: the token is refused from the next request on', 404)
  revoke(@CurrentUser() auth: UserAuth, @Param('id') id: string, @Ip() ip: string): Promise<void> {
    return this.tokens.revoke(auth, id, ip);
  }
}
