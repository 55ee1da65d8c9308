import { Body, Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentOperator, OperatorAuth, Roles, ApiErrors, Created } from '@fieldwork/server-core';
import type { CreateTenantResponse, TenantSummary } from '@fieldwork/contracts';
import { CreateTenantDto } from './dto/create-tenant.dto';
import { TenantsService } from './tenants.service';
import { CreateTenantBody, TenantSummaryBody } from './tenants.responses';

@ApiTags('platform')
@Controller('platform/tenants')
@Roles('operator')
@ApiErrors(401, 403)
export class PlatformController {
  constructor(private readonly tenants: TenantsService) {}

  @Get()
  @ApiOkResponse({ type: [TenantSummaryBody] })
  list(@CurrentOperator() operator: OperatorAuth): Promise<TenantSummary[]> {
    return this.tenants.list(operator);
  }

  @Created('', { type: CreateTenantBody, description: 'The career center and its first admin’s invitation' }, 400, 409)
  create(@CurrentOperator() operator: OperatorAuth, @Body() body: CreateTenantDto): Promise<CreateTenantResponse> {
    return this.tenants.create(operator, body);
  }
}
