import { Body, Controller, Get, Ip, NotFoundException as NotFound, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ActionOk, CurrentUser, Roles, UserAuth, ApiErrors, Created } from '@fieldwork/server-core';
import type { AdvisorAttention, BulkResult, Gradebook, NudgeResponse, TaskSummary } from '@fieldwork/contracts';
import { AdvisingService } from './advising.service';
import { BulkExcuseDto, BulkExtensionDto, ExtensionDto, GradebookQueryDto, NudgeDto } from './advising.dto';
import { AdvisorAttentionBody, BulkResultBody, GradebookBody, NudgeBody, TaskSummaryBody } from '../homework.responses';

const cohortId = () => new ParseUUIDPipe({ exceptionFactory: () => new NotFound('No such cohort') });

/** The advisor's loop: the gradebook of a cohort and acting on it. */
@ApiTags('advising')
@Controller()
@Roles('admin', 'advisor')
@ApiErrors(401, 403)
export class AdvisingController {
  constructor(private readonly advising: AdvisingService) {}

  @Get('cohorts/:id/gradebook')
  @ApiOkResponse({ type: GradebookBody })
  @ApiErrors(400, 404)
  gradebook(@CurrentUser() auth: UserAuth, @Param('id', cohortId()) id: string, @Query() query: GradebookQueryDto): Promise<Gradebook> {
    return this.advising.gradebook(auth, id, query);
  }

  @Created('cohorts/:id/nudges', NudgeBody, 400, 404, 409)
  nudge(@CurrentUser() auth: UserAuth, @Param('id', cohortId()) id: string, @Body() body: NudgeDto): Promise<NudgeResponse> {
    return this.advising.nudge(auth, id, body);
  }

  @Post('cohorts/:id/extensions')
  @ActionOk({ type: BulkResultBody }, 400, 404)
  extendMany(@CurrentUser() auth: UserAuth, @Param('id', cohortId()) id: string, @Body() body: BulkExtensionDto): Promise<BulkResult> {
    return this.advising.extendMany(auth, id, body);
  }

  @Post('cohorts/:id/excusals')
  @ActionOk({ type: BulkResultBody }, 400, 404)
  excuseMany(@CurrentUser() auth: UserAuth, @Param('id', cohortId()) id: string, @Body() body: BulkExcuseDto): Promise<BulkResult> {
    return this.advising.excuseMany(auth, id, body);
  }

  @Post('tasks/:id/extension')
  @ActionOk({ type: TaskSummaryBody }, 400, 404, 409)
  extendTask(@CurrentUser() auth: UserAuth, @Param('id') id: string, @Body() body: ExtensionDto, @Ip() ip: string): Promise<TaskSummary> {
    return this.advising.extendTask(auth, id, body, ip);
  }

  @Get('me/attention')
  @ApiOkResponse({ type: AdvisorAttentionBody })
  attention(@CurrentUser() auth: UserAuth): Promise<AdvisorAttention> {
    return this.advising.attention(auth);
  }
}
