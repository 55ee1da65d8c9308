import { Body, Controller, Get, HttpCode, Ip, Param, ParseIntPipe, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AnyTenantUser, CurrentUser, Roles, UserAuth, pageSize } from '@fieldwork/server-core';
import type { Page, Review, ReviewQueueItem, Submission, TaskDetail, TaskDraft, TaskSummary } from '@fieldwork/contracts';
import { ExcuseTaskDto, ReflectionDto, TaskListQueryDto } from './task.dto';
import { TasksService } from './tasks.service';
import { ReviewDto } from '../reviews/review.dto';
import { ReviewsService } from '../reviews/reviews.service';

@ApiTags('tasks')
@Controller()
export class TasksController {
  constructor(
    private readonly tasks: TasksService,
    private readonly reviews: ReviewsService,
  ) {}

  @AnyTenantUser()
  @Get('tasks')
  list(@CurrentUser() auth: UserAuth, @Query() query: TaskListQueryDto): Promise<Page<TaskSummary>> {
    return this.tasks.list(auth, query);
  }

  @AnyTenantUser()
  @Get('tasks/:id')
  get(@CurrentUser() auth: UserAuth, @Param('id') id: string): Promise<TaskDetail> {
    return this.tasks.get(auth, id);
  }

  @Roles('student')
  @Put('tasks/:id/draft')
  saveDraft(@CurrentUser() auth: UserAuth, @Param('id') id: string, @Body() body: ReflectionDto): Promise<TaskDraft> {
    return this.tasks.saveDraft(auth, id, body);
  }

  @Roles('student')
  @Post('tasks/:id/submissions')
  submit(@CurrentUser() auth: UserAuth, @Param('id') id: string, @Body() body: ReflectionDto): Promise<Submission> {
    return this.tasks.submit(auth, id, body);
  }

  @AnyTenantUser()
  @Get('tasks/:id/submissions')
  submissions(@CurrentUser() auth: UserAuth, @Param('id') id: string, @Ip() ip: string): Promise<Submission[]> {
    return this.tasks.submissions(auth, id, ip);
  }

  @Roles('admin', 'advisor')
  @Post('tasks/:id/reviews')
  review(@CurrentUser() auth: UserAuth, @Param('id') id: string, @Body() body: ReviewDto): Promise<Review> {
    return this.reviews.review(auth, id, body);
  }

  @Roles('admin', 'advisor')
  @Post('tasks/:id/excuse')
  @HttpCode(200)
  excuse(@CurrentUser() auth: UserAuth, @Param('id') id: string, @Body() body: ExcuseTaskDto, @Ip() ip: string): Promise<TaskSummary> {
    return this.tasks.excuse(auth, id, body.reason, ip);
  }

  @Roles('admin', 'advisor')
  @Get('reviews/queue')
  queue(
    @CurrentUser() auth: UserAuth,
    @Query('cohortId', new ParseUUIDPipe({ optional: true })) cohortId?: string,
    @Query('cursor') cursor?: string,
    @Query('limit', new ParseIntPipe({ optional: true })) limit?: number,
  ): Promise<Page<ReviewQueueItem>> {
    return this.reviews.queue(auth, { cohortId, cursor, limit: pageSize(limit) });
  }
}
