import { Body, Controller, Ip, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ActionOk, AnyTenantUser, CurrentUser, GetAllOf, GetOne, GetPage, Roles, UserAuth, pageSize, ApiErrors, Created, Updated, PageQuery, type PageParams } from '@fieldwork/server-core';
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
  @Updated('PUT', 'tasks/:id/draft', TaskDraftBody, 400, 404, 409)
  saveDraft(@CurrentUser() auth: UserAuth, @Param('id') id: string, @Body() body: ReflectionDto): Promise<TaskDraft> {
    return this.tasks.saveDraft(auth, id, body);
  }

  @Roles('student')
  @Created('tasks/:id/submissions', SubmissionBody, 400, 404, 409)
  submit(@CurrentUser() auth: UserAuth, @Param('id') id: string, @Body() body: ReflectionDto): Promise<Submission> {
    return this.tasks.submit(auth, id, body);
  }

  @AnyTenantUser()
  @GetAllOf('tasks/:id/submissions', SubmissionBody)
  submissions(@CurrentUser() auth: UserAuth, @Param('id') id: string, @Ip() ip: string): Promise<Submission[]> {
    return this.tasks.submissions(auth, id, ip);
  }

  @Roles('admin', 'advisor')
  @Created('tasks/:id/reviews', ReviewBody, 400, 404, 409)
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
    @PageQuery() page: PageParams,
    @Query('cohortId', new ParseUUIDPipe({ optional: true })) cohortId?: string,
  ): Promise<Page<ReviewQueueItem>> {
    return this.reviews.queue(auth, { cohortId, cursor: page.cursor, limit: pageSize(page.limit) });
  }
}
