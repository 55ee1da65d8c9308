import { Body, Controller, Delete, Param, Post, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiErrors, CurrentOperator, OperatorAuth, Roles, GetOne, Accepted, DownloadFile, ActionOk } from '@fieldwork/server-core';
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
  @Accepted(CreateTenantExportBody, 'The export is queued; poll GET /platform/tenant-exports/:id for its progress', 404, 409)
  requestExport(@CurrentOperator() operator: OperatorAuth, @Param('id') id: string): Promise<CreateTenantExportResponse> {
    return this.offboarding.requestExport(operator, id);
  }

  @GetOne('tenant-exports/:id', TenantExportSummaryBody)
  getExport(@CurrentOperator() operator: OperatorAuth, @Param('id') id: string): Promise<TenantExportSummary> {
    return this.offboarding.getExport(operator, id);
  }

  @DownloadFile('tenant-exports/:id/download', 'application/zip', 'The ZIP: one CSV per table and manifest.json')
  download(@CurrentOperator() operator: OperatorAuth, @Param('id') id: string): Promise<StreamableFile> {
    return this.offboarding.downloadExport(operator, id).then(zipResponse);
  }

  @Delete('tenants/:id')
  @Accepted(TenantSummaryBody, 'Closed at once; its data is deleted after the grace period (deleteAfter)', 400, 404, 409)
  close(@CurrentOperator() operator: OperatorAuth, @Param('id') id: string, @Body() body: DeleteTenantDto): Promise<TenantSummary> {
    return this.offboarding.close(operator, id, body.confirmSlug);
  }

  @Post('tenants/:id/restore')
  @ActionOk({ type: TenantSummaryBody, description: 'Open again, with everything as it was' }, 404, 409)
  restore(@CurrentOperator() operator: OperatorAuth, @Param('id') id: string): Promise<TenantSummary> {
    return this.offboarding.restore(operator, id);
  }
}
