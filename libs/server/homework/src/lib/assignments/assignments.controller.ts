import { Body, Controller, Param, ParseBoolPipe, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser, GetOne, GetPage, Roles, UserAuth, ApiErrors, Created, Updated, PageQuery, type PageParams } from '@fieldwork/server-core';
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

  @Created('', { type: CreateAssignmentBody, description: 'Assigned: one task per student' }, 400, 404, 409)
  create(@CurrentUser() auth: UserAuth, @Body() body: CreateAssignmentDto): Promise<CreateAssignmentResponse> {
    return this.assignments.create(auth, body);
  }

  @GetPage('', AssignmentPageBody)
  list(
    @CurrentUser() auth: UserAuth,
    @PageQuery() page: PageParams,
    @Query('cohortId', new ParseUUIDPipe({ optional: true })) cohortId?: string,
    @Query('archived', new ParseBoolPipe({ optional: true })) archived?: boolean,
  ): Promise<Page<AssignmentSummary>> {
    return this.assignments.list(auth, { cohortId, archived, ...page });
  }

  @GetOne(':id', AssignmentBody)
  get(@CurrentUser() auth: UserAuth, @Param('id') id: string): Promise<Assignment> {
    return this.assignments.get(auth, id);
  }

  @Updated('PATCH', ':id', AssignmentBody, 400, 404)
  update(@CurrentUser() auth: UserAuth, @Param('id') id: string, @Body() body: UpdateAssignmentDto): Promise<Assignment> {
    return this.assignments.update(auth, id, body);
  }
}
