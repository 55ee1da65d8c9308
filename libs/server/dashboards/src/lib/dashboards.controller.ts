import { Body, Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, GetOne, Roles, UserAuth, ApiErrors, Updated } from '@fieldwork/server-core';
import type { CohortDashboard, Dashboard, StudentProfile, TenantSettings } from '@fieldwork/contracts';
import { CohortDashboardQueryDto, DashboardQueryDto, TenantSettingsDto } from './dashboard.dto';
import { DashboardsService } from './dashboards.service';
import { StudentsService } from './students.service';
import { TenantSettingsService } from './tenant-settings.service';
import { CohortDashboardBody, DashboardBody, StudentProfileBody, TenantSettingsBody } from './dashboards.responses';

@ApiTags('dashboards')
@Controller()
@ApiErrors(401, 403)
export class DashboardsController {
  constructor(
    private readonly dashboards: DashboardsService,
    private readonly students: StudentsService,
    private readonly settings: TenantSettingsService,
  ) {}

  /** Admin: the whole career center; advisor: the cohorts they advise. `cohortId` narrows to one. */
  @Roles('admin', 'advisor')
  @Get('dashboards/overview')
  @ApiOkResponse({ type: DashboardBody })
  @ApiErrors(400, 404)
  overview(@CurrentUser() auth: UserAuth, @Query() query: DashboardQueryDto): Promise<Dashboard> {
    return this.dashboards.overview(auth, query);
  }

  @Roles('admin', 'advisor')
  @Get('dashboards/cohorts/:id')
  @ApiOkResponse({ type: CohortDashboardBody })
  @ApiErrors(400, 404)
  cohort(@CurrentUser() auth: UserAuth, @Param('id') id: string, @Query() query: CohortDashboardQueryDto): Promise<CohortDashboard> {
    return this.dashboards.cohort(auth, id, query);
  }

  @Roles('admin', 'advisor')
  @GetOne('students/:id', StudentProfileBody)
  student(@CurrentUser() auth: UserAuth, @Param('id') id: string): Promise<StudentProfile> {
    return this.students.get(auth, id);
  }

  @Roles('admin')
  @Get('tenant/settings')
  @ApiOkResponse({ type: TenantSettingsBody })
  getSettings(@CurrentUser() auth: UserAuth): Promise<TenantSettings> {
    return this.settings.get(auth);
  }

  @Roles('admin')
  @Updated('PATCH', 'tenant/settings', TenantSettingsBody, 400)
  updateSettings(@CurrentUser() auth: UserAuth, @Body() body: TenantSettingsDto): Promise<TenantSettings> {
    return this.settings.update(auth, body);
  }
}
