import { Body, Controller, Get, Ip, Param, ParseIntPipe, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ActionOk, AnyTenantUser, CurrentUser, GetOne, GetPage, Roles, UserAuth, pageSize, ApiErrors } from '@fieldwork/server-core';
import type { Page, Review, ReviewQueueItem, Submission, TaskDetail, TaskDraft, TaskSummary } from '@fieldwork/contracts';
import { ExcuseTaskDto, ReflectionDto, TaskListQueryDto } from './task.dto';
import { TasksService } from './tasks.service';
import { ReviewDto } from '../reviews/review.dto';
import { ReviewsService } from '../reviews/reviews.service';
import { ReviewBody, ReviewQueuePageBody, SubmissionBody, TaskDetailBody, TaskDraftBody, TaskPageBody, TaskSummaryBody } from '../homework.responses';

@ApiTags('tasks')
@Controller()
@ApiErrors(401, 403)
export class TasksController {
  constructor(
    private readonly tasks: TasksService,
    private readonly reviews: ReviewsService,
  ) {}

  @AnyTenantUser()
  @GetPage('tasks', TaskPageBody)
  list(@CurrentUser() auth: UserAuth, @Query() query: TaskListQueryDto): Promise<Page<TaskSummary>> {
    return this.tasks.list(auth, query);
  }

  @AnyTenantUser()
  @GetOne('tasks/:id', TaskDetailBody)
  get(@CurrentUser() auth: UserAuth, @Param('id') id: string): Promise<TaskDetail> {
    return this.tasks.get(auth, id);
  }

  @Roles('student')
  @Put('tasks/:id/draft')
  @ApiOkResponse({ type: TaskDraftBody })
  @ApiErrors(400, 404, 409)
  saveDraft(@CurrentUser() auth: UserAuth, @Param('id') id: string, @Body() body: ReflectionDto): Promise<TaskDraft> {
    return this.tasks.saveDraft(auth, id, body);
  }

  @Roles('student')
  @Post('tasks/:id/submissions')
  @ApiCreatedResponse({ type: SubmissionBody })
  @ApiErrors(400, 404, 409)
  submit(@CurrentUser() auth: UserAuth, @Param('id') id: string, @Body() body: ReflectionDto): Promise<Submission> {
    return this.tasks.submit(auth, id, body);
  }

  @AnyTenantUser()
  @Get('tasks/:id/submissions')
  @ApiOkResponse({ type: [SubmissionBody] })
  @ApiErrors(404)
  submissions(@CurrentUser() auth: UserAuth, @Param('id') id: string, @Ip() ip: string): Promise<Submission[]> {
    return this.tasks.submissions(auth, id, ip);
  }

  @Roles('admin', 'advisor')
  @Post('tasks/:id/reviews')
  @ApiCreatedResponse({ type: ReviewBody })
  @ApiErrors(400, 404, 409)
  review(@CurrentUser() auth: UserAuth, @Param('id') id: string, @Body() body: ReviewDto): Promise<Review> {
    return this.reviews.review(auth, id, body);
  }

  @Roles('admin', 'advisor')
  @Post('tasks/:id/excuse')
  @ActionOk({ type: TaskSummaryBody }, 400, 404, 409)
  excuse(@CurrentUser() auth: UserAuth, @Param('id') id: string, @Body() body: ExcuseTaskDto, @Ip() ip: string): Promise<TaskSummary> {
    return this.tasks.excuse(auth, id, body.reason, ip);
  }

  @Roles('admin', 'advisor')
  @GetPage('reviews/queue', ReviewQueuePageBody)
  queue(
    @CurrentUser() auth: UserAuth,
    @Query('cohortId', new ParseUUIDPipe({ optional: true })) cohortId?: string,
    @Query('cursor') cursor?: string,
    @Query('limit', new ParseIntPipe({ optional: true })) limit?: number,
  ): Promise<Page<ReviewQueueItem>> {
    return this.reviews.queue(auth, { cohortId, cursor, limit: pageSize(limit) });
  }
}
