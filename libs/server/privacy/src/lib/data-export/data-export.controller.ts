import { Controller, Get, HttpCode, Ip, Param, Post, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AnyTenantUser, ApiErrors, CurrentUser, UserAuth } from '@fieldwork/server-core';
import type { CreateDataExportResponse, DataExportList, DataExportSummary } from '@fieldwork/contracts';
import { DataExportService } from './data-export.service';
import { CreateDataExportBody, DataExportListBody, DataExportSummaryBody } from './data-export.responses';
import { zipResponse } from '../zip-file';

/** "Download my data": a person's own copy, as a ZIP built in the background. */
@ApiTags('privacy')
@Controller('me')
@AnyTenantUser()
@ApiErrors(401, 403)
export class DataExportController {
  constructor(private readonly exports: DataExportService) {}

  @Post('data-export')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: CreateDataExportBody, description: 'The copy is being made; poll GET /me/data-export/:id for its progress' })
  request(@CurrentUser() auth: UserAuth, @Ip() ip: string): Promise<CreateDataExportResponse> {
    return this.exports.request(auth, ip);
  }

  @Get('data-exports')
  @ApiOkResponse({ type: DataExportListBody, description: 'Your copies, newest first' })
  list(@CurrentUser() auth: UserAuth): Promise<DataExportList> {
    return this.exports.list(auth);
  }

  @Get('data-export/:id')
  @ApiOkResponse({ type: DataExportSummaryBody })
  @ApiErrors(404)
  get(@CurrentUser() auth: UserAuth, @Param('id') id: string): Promise<DataExportSummary> {
    return this.exports.get(auth, id);
  }

  @Get('data-export/:id/download')
  @ApiProduces('application/zip')
  @ApiOkResponse({ description: 'The ZIP of your data', schema: { type: 'string', format: 'binary' } })
  @ApiErrors(404, 409, 410)
  download(@CurrentUser() auth: UserAuth, @Param('id') id: string, @Ip() ip: string): Promise<StreamableFile> {
    return this.exports.download(auth, id, ip).then(zipResponse);
  }
}
