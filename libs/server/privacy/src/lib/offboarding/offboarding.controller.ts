import { Body, Controller, Delete, Get, HttpCode, Param, Post, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CurrentOperator, OperatorAuth, Roles } from '@fieldwork/server-core';
import { TenantExportSummaryBody, TenantSummaryBody } from '@fieldwork/server-tenants';
import type { CreateTenantExportResponse, TenantExportSummary, TenantSummary } from '@fieldwork/contracts';
import { DeleteTenantDto } from './offboarding.dto';
import { CreateTenantExportBody } from './offboarding.responses';
import { OffboardingService } from './offboarding.service';
import { zipResponse } from '../zip-file';

@ApiTags('platform')
@Controller('platform')
@Roles('operator')
@ApiErrors(401, 403)
export class OffboardingController {
  constructor(private readonly offboarding: OffboardingService) {}

  @Post('tenants/:id/export')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: CreateTenantExportBody, description: 'The export is queued; poll GET /platform/tenant-exports/:id for its progress' })
  @ApiErrors(404, 409)
  requestExport(@CurrentOperator() operator: OperatorAuth, @Param('id') id: string): Promise<CreateTenantExportResponse> {
    return this.offboarding.requestExport(operator, id);
  }

  @Get('tenant-exports/:id')
  @ApiOkResponse({ type: TenantExportSummaryBody })
  @ApiErrors(404)
  getExport(@CurrentOperator() operator: OperatorAuth, @Param('id') id: string): Promise<TenantExportSummary> {
    return this.offboarding.getExport(operator, id);
  }

  @Get('tenant-exports/:id/download')
  @ApiProduces('application/zip')
  @ApiOkResponse({ description: 'The ZIP: one CSV per table and manifest.json', schema: { type: 'string', format: 'binary' } })
  @ApiErrors(404, 409, 410)
  download(@CurrentOperator() operator: OperatorAuth, @Param('id') id: string): Promise<StreamableFile> {
    return this.offboarding.downloadExport(operator, id).then(zipResponse);
  }

  @Delete('tenants/:id')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: TenantSummaryBody, description: 'Closed at once; its data is deleted after the grace period (deleteAfter)' })
  @ApiErrors(400, 404, 409)
  close(@CurrentOperator() operator: OperatorAuth, @Param('id') id: string, @Body() body: DeleteTenantDto): Promise<TenantSummary> {
    return this.offboarding.close(operator, id, body.confirmSlug);
  }

  @Post('tenants/:id/restore')
  @HttpCode(200)
  @ApiOkResponse({ type: TenantSummaryBody, description: 'Open again, with everything as it was' })
  @ApiErrors(404, 409)
  restore(@CurrentOperator() operator: OperatorAuth, @Param('id') id: string): Promise<TenantSummary> {
    return this.offboarding.restore(operator, id);
  }
}
