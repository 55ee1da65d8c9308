import { Body, Controller, Get, HttpCode, Ip, Param, ParseIntPipe, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, UserAuth, ApiErrors } from '@fieldwork/server-core';
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
  @HttpCode(202)
  @ApiAcceptedResponse({ type: CreateExportBody, description: 'The export is queued; poll GET /exports/:id for its progress' })
  @ApiErrors(400, 403, 404)
  request(@CurrentUser() auth: UserAuth, @Body() body: CreateExportDto, @Ip() ip: string): Promise<CreateExportResponse> {
    return this.exports.request(auth, body, ip);
  }

  @Get()
  @ApiOkResponse({ type: ExportPageBody })
  @ApiErrors(400)
  list(
    @CurrentUser() auth: UserAuth,
    @Query('cursor') cursor?: string,
    @Query('limit', new ParseIntPipe({ optional: true })) limit?: number,
  ): Promise<ExportPage> {
    return this.exports.list(auth, { cursor, limit });
  }

  @Get(':id')
  @ApiOkResponse({ type: ExportSummaryBody })
  @ApiErrors(404)
  get(@CurrentUser() auth: UserAuth, @Param('id') id: string): Promise<ExportSummary> {
    return this.exports.get(auth, id);
  }

  @Get(':id/download')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'The CSV file', schema: { type: 'string', format: 'binary' } })
  @ApiErrors(404, 409, 410)
  async download(@CurrentUser() auth: UserAuth, @Param('id') id: string, @Ip() ip: string): Promise<StreamableFile> {
    const file = await this.exports.download(auth, id, ip);
    return new StreamableFile(file.stream, {
      type: 'text/csv; charset=utf-8',
      length: file.size,
      disposition: `attachment; filename="${file.filename}"`,
    });
  }
}
