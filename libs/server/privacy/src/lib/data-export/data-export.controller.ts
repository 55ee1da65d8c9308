import { Controller, Get, Ip, Param, Post, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AnyTenantUser, ApiErrors, CurrentUser, UserAuth, GetOne, Accepted, DownloadFile } from '@fieldwork/server-core';
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
  @Accepted(CreateDataExportBody, 'The copy is being made; poll GET /me/data-export/:id for its progress')
  request(@CurrentUser() auth: UserAuth, @Ip() ip: string): Promise<CreateDataExportResponse> {
    return this.exports.request(auth, ip);
  }

  @Get('data-exports')
  @ApiOkResponse({ type: DataExportListBody, description: 'Your copies, newest first' })
  list(@CurrentUser() auth: UserAuth): Promise<DataExportList> {
    return this.exports.list(auth);
  }

  @GetOne('data-export/:id', DataExportSummaryBody)
  get(@CurrentUser() auth: UserAuth, @Param('id') id: string): Promise<DataExportSummary> {
    return this.exports.get(auth, id);
  }

  @DownloadFile('data-export/:id/download', 'application/zip', 'The ZIP of your data')
  download(@CurrentUser() auth: UserAuth, @Param('id') id: string, @Ip() ip: string): Promise<StreamableFile> {
    return this.exports.download(auth, id, ip).then(zipResponse);
  }
}
