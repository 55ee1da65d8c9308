import { Body, Controller, Get, HttpCode, Ip, Param, ParseIntPipe, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiGoneResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { createReadStream } from 'node:fs';
import { CurrentUser, Roles, UserAuth } from '@fieldwork/server-core';
import type { CreateExportResponse, ExportPage, ExportSummary } from '@fieldwork/contracts';
import { CreateExportDto } from './export.dto';
import { ExportsService } from './exports.service';

@ApiTags('exports')
@Controller('exports')
@Roles('admin', 'advisor')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({ description: 'The export is queued; poll GET /exports/:id for its progress' })
  request(@CurrentUser() auth: UserAuth, @Body() body: CreateExportDto, @Ip() ip: string): Promise<CreateExportResponse> {
    return this.exports.request(auth, body, ip);
  }

  @Get()
  list(
    @CurrentUser() auth: UserAuth,
    @Query('cursor') cursor?: string,
    @Query('limit', new ParseIntPipe({ optional: true })) limit?: number,
  ): Promise<ExportPage> {
    return this.exports.list(auth, { cursor, limit });
  }

  @Get(':id')
  get(@CurrentUser() auth: UserAuth, @Param('id') id: string): Promise<ExportSummary> {
    return this.exports.get(auth, id);
  }

  @Get(':id/download')
  @ApiProduces('text/csv')
  @ApiGoneResponse({ description: 'The export expired (files are kept 7 days)' })
  async download(@CurrentUser() auth: UserAuth, @Param('id') id: string, @Ip() ip: string): Promise<StreamableFile> {
    const file = await this.exports.download(auth, id, ip);
    return new StreamableFile(createReadStream(file.path), {
      type: 'text/csv; charset=utf-8',
      length: file.size,
      disposition: `attachment; filename="${file.filename}"`,
    });
  }
}
