import { Body, Controller, Ip, Param, Post, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Accepted, CurrentUser, DownloadFile, GetOne, GetPage, Roles, UserAuth, ApiErrors, PageQuery, type PageParams } from '@fieldwork/server-core';
import type { CreateExportResponse, ExportPage, ExportSummary } from '@fieldwork/contracts';
import { CreateExportDto } from './export.dto';
import { ExportsService } from './exports.service';
import { CreateExportBody, ExportPageBody, ExportSummaryBody } from './exports.responses';

@ApiTags('exports')
@Controller('exports')
@Roles('admin', 'advisor')
@ApiErrors(401, 403)
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Post()
  @Accepted(CreateExportBody, 'The export is queued; poll GET /exports/:id for its progress', 400, 403, 404)
  request(@CurrentUser() auth: UserAuth, @Body() body: CreateExportDto, @Ip() ip: string): Promise<CreateExportResponse> {
    return this.exports.request(auth, body, ip);
  }

  @GetPage('', ExportPageBody)
  list(
    @CurrentUser() auth: UserAuth,
    @PageQuery() page: PageParams,
  ): Promise<ExportPage> {
    return this.exports.list(auth, page);
  }

  @GetOne(':id', ExportSummaryBody)
  get(@CurrentUser() auth: UserAuth, @Param('id') id: string): Promise<ExportSummary> {
    return this.exports.get(auth, id);
  }

  @DownloadFile(':id/download', 'text/csv', 'The CSV file')
  async download(@CurrentUser() auth: UserAuth, @Param('id') id: string, @Ip() ip: string): Promise<StreamableFile> {
    const file = await this.exports.download(auth, id, ip);
    return new StreamableFile(file.stream, {
      type: 'text/csv; charset=utf-8',
      length: file.size,
      disposition: `attachment; filename="${file.filename}"`,
    });
  }
}
