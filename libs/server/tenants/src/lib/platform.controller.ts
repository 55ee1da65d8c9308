import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentOperator, OperatorAuth, Roles } from '@fieldwork/server-core';
import type { CreateTenantResponse, TenantSummary } from '@fieldwork/contracts';
import { CreateTenantDto } from './dto/create-tenant.dto';
import { TenantsService } from './tenants.service';

@ApiTags('platform')
@Controller('platform/tenants')
@Roles('operator')
export class PlatformController {
  constructor(private readonly tenants: TenantsService) {}

  @Get()
  list(@CurrentOperator() operator: OperatorAuth): Promise<TenantSummary[]> {
    return this.tenants.list(operator);
  }

  @Post()
  create(@CurrentOperator() operator: OperatorAuth, @Body() body: CreateTenantDto): Promise<CreateTenantResponse> {
    return this.tenants.create(operator, body);
  }
}
