import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  Ip,
  Param,
  ParseBoolPipe,
  ParseIntPipe,
  Post,
  Query,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AcceptsApiToken, CurrentUser, Roles, UserAuth, ApiErrors, GetOne, NoContent, ActionOk, GetPage, Created, Updated, PageQuery, type PageParams } from '@fieldwork/server-core';
import {
  ROSTER_MAX_BYTES,
  type AddCohortMembersResponse,
  type CohortDetail,
  type CohortSummary,
  type Page,
  type RosterImportHistory,
  type RosterImportReport,
} from '@fieldwork/contracts';
import { CohortsService } from './cohorts.service';
import { AddMembersDto, CreateCohortDto, UpdateCohortDto } from './dto/cohort.dto';
import { RosterImportService } from './roster/roster-import.service';
import { rosterActor } from './roster/roster-actor';
import { type ApiTokenAuth, UserOrApiToken } from './api-tokens/api-token-auth';
import { AddCohortMembersBody, CohortDetailBody, CohortPageBody, CohortSummaryBody, RosterImportHistoryBody, RosterImportReportBody } from './cohorts.responses';

@ApiTags('cohorts')
@Controller()
@ApiErrors(401, 403)
export class CohortsController {
  constructor(
    private readonly cohorts: CohortsService,
    private readonly roster: RosterImportService,
  ) {}

  @Roles('admin', 'advisor')
  @GetPage('cohorts', CohortPageBody)
  list(
    @CurrentUser() auth: UserAuth,
    @PageQuery() page: PageParams,
    @Query('archived', new ParseBoolPipe({ optional: true })) archived?: boolean,
  ): Promise<Page<CohortSummary>> {
    return this.cohorts.list(auth, { archived, ...page });
  }

  @Roles('admin', 'advisor')
  @Created('cohorts', CohortSummaryBody, 400, 409)
  create(@CurrentUser() auth: UserAuth, @Body() body: CreateCohortDto): Promise<CohortSummary> {
    return this.cohorts.create(auth, body);
  }

  @Roles('admin', 'advisor')
  @GetOne('cohorts/:id', CohortDetailBody)
  get(@CurrentUser() auth: UserAuth, @Param('id') id: string): Promise<CohortDetail> {
    return this.cohorts.get(auth, id);
  }

  @Roles('admin', 'advisor')
  @Updated('PATCH', 'cohorts/:id', CohortSummaryBody, 400, 404, 409)
  update(@CurrentUser() auth: UserAuth, @Param('id') id: string, @Body() body: UpdateCohortDto): Promise<CohortSummary> {
    return this.cohorts.update(auth, id, body);
  }

  @Roles('admin', 'advisor')
  @Post('cohorts/:id/members')
  @ActionOk({ type: AddCohortMembersBody }, 400, 404)
  addMembers(@CurrentUser() auth: UserAuth, @Param('id') id: string, @Body() body: AddMembersDto): Promise<AddCohortMembersResponse> {
    return this.cohorts.addMembers(auth, id, body);
  }

  @Roles('admin', 'advisor')
  @Delete('cohorts/:id/members/:userId')
  @NoContent('Removed from the cohort', 400, 404)
  removeMember(@CurrentUser() auth: UserAuth, @Param('id') id: string, @Param('userId') userId: string): Promise<void> {
    return this.cohorts.removeMember(auth, id, userId);
  }

  /**
   * Roster sync. Also takes an API token of scope roster:import
   * (`Authorization: Bearer fwt_…`), so a registrar's nightly job can push the file.
   */
  @Roles('admin')
  @AcceptsApiToken('roster:import')
  @Post('rosters/import')
  @ActionOk({ type: RosterImportReportBody, description: 'The report; on a real import (not a dry run) a file with any bad row is a 400 carrying the report and nothing is written' }, 400, 413)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiQuery({ name: 'dryRun', required: false, type: Boolean, description: 'Only check the file and report each row’s outcome' })
  @ApiQuery({ name: 'removeMissing', required: false, type: Boolean, description: 'Also remove members of the file’s cohorts who are not in the file (membership only)' })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: ROSTER_MAX_BYTES, files: 1 } }))
  async import(
    @UserOrApiToken() caller: UserAuth | ApiTokenAuth,
    @UploadedFile() file: { buffer: Buffer } | undefined,
    @Query('dryRun', new ParseBoolPipe({ optional: true })) dryRun: boolean | undefined,
    @Query('removeMissing', new ParseBoolPipe({ optional: true })) removeMissing: boolean | undefined,
    @Ip() ip: string,
  ): Promise<RosterImportReport> {
    if (!file) throw new BadRequestException('Attach the roster as a CSV file in the "file" field');
    const report = await this.roster.import(rosterActor(caller), file.buffer, { dryRun: dryRun ?? false, removeMissing: removeMissing ?? false, ip });
    if (!report.ok && !report.dryRun) {
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: `${report.errors.length} row(s) have problems; nothing was imported`,
        report,
      });
    }
    return report;
  }

  @Roles('admin')
  @Get('rosters/imports')
  @ApiOkResponse({ type: RosterImportHistoryBody, description: 'Roster imports (page or API token, dry runs too), newest first' })
  @ApiErrors(400)
  async history(
    @CurrentUser() auth: UserAuth,
    @Query('limit', new ParseIntPipe({ optional: true })) limit?: number,
  ): Promise<RosterImportHistory> {
    if (limit !== undefined && (limit < 1 || limit > 100)) throw new BadRequestException('limit must be between 1 and 100');
    return { items: await this.roster.history(auth.tenantId, limit ?? 20) };
  }
}
