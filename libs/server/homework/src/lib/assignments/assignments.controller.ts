import { Body, Controller, Param, ParseBoolPipe, ParseIntPipe, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, GetOne, GetPage, Roles, UserAuth, ApiErrors } from '@fieldwork/server-core';
import type { Assignment, AssignmentSummary, CreateAssignmentResponse, Page } from '@fieldwork/contracts';
import { CreateAssignmentDto, UpdateAssignmentDto } from './assignment.dto';
import { AssignmentsService } from './assignments.service';
import { AssignmentBody, AssignmentPageBody, CreateAssignmentBody } from '../homework.responses';

@ApiTags('assignments')
@Controller('assignments')
@Roles('admin', 'advisor')
@ApiErrors(401, 403)
export class AssignmentsController {
  constructor(private readonly assignments: AssignmentsService) {}

  @Post()
  @ApiCreatedResponse({ type: CreateAssignmentBody, description: 'Assigned: one task per student' })
  @ApiErrors(400, 404, 409)
  create(@CurrentUser() auth: UserAuth, @Body() body: CreateAssignmentDto): Promise<CreateAssignmentResponse> {
    return this.assignments.create(auth, body);
  }

  @GetPage('', AssignmentPageBody)
  list(
    @CurrentUser() auth: UserAuth,
    @Query('cohortId', new ParseUUIDPipe({ optional: true })) cohortId?: string,
    @Query('archived', new ParseBoolPipe({ optional: true })) archived?: boolean,
    @Query('cursor') cursor?: string,
    @Query('limit', new ParseIntPipe({ optional: true })) limit?: number,
  ): Promise<Page<AssignmentSummary>> {
    return this.assignments.list(auth, { cohortId, archived, cursor, limit });
  }

  @GetOne(':id', AssignmentBody)
  get(@CurrentUser() auth: UserAuth, @Param('id') id: string): Promise<Assignment> {
    return this.assignments.get(auth, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: AssignmentBody })
  @ApiErrors(400, 404)
  update(@CurrentUser() auth: UserAuth, @Param('id') id: string, @Body() body: UpdateAssignmentDto): Promise<Assignment> {
    return this.assignments.update(auth, id, body);
  }
}
