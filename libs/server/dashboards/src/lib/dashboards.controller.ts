import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, UserAuth } from '@fieldwork/server-core';
import type { CohortDashboard, Dashboard, StudentProfile, TenantSettings } from '@fieldwork/contracts';
import { CohortDashboardQueryDto, DashboardQueryDto, TenantSettingsDto } from './dashboard.dto';
import { DashboardsService } from './dashboards.service';
import { StudentsService } from './students.service';
import { TenantSettingsService } from './tenant-settings.service';

@ApiTags('dashboards')
@Controller()
export class DashboardsController {
  constructor(
    private readonly dashboards: DashboardsService,
    private readonly students: StudentsService,
    private readonly settings: TenantSettingsService,
  ) {}

  /** Admin: the whole career center; advisor: the cohorts they advise. `cohortId` narrows to one. */
  @Roles('admin', 'advisor')
  @Get('dashboards/overview')
  overview(@CurrentUser() auth: UserAuth, @Query() query: DashboardQueryDto): Promise<Dashboard> {
    return this.dashboards.overview(auth, query);
  }

  @Roles('admin', 'advisor')
  @Get('dashboards/cohorts/:id')
  cohort(@CurrentUser() auth: UserAuth, @Param('id') id: string, @Query() query: CohortDashboardQueryDto): Promise<CohortDashboard> {
    return this.dashboards.cohort(auth, id, query);
  }

  @Roles('admin', 'advisor')
  @Get('students/:id')
  student(@CurrentUser() auth: UserAuth, @Param('id') id: string): Promise<StudentProfile> {
    return this.students.get(auth, id);
  }

  @Roles('admin')
  @Get('tenant/settings')
  getSettings(@CurrentUser() auth: UserAuth): Promise<TenantSettings> {
    return this.settings.get(auth);
  }

  @Roles('admin')
  @Patch('tenant/settings')
  updateSettings(@CurrentUser() auth: UserAuth, @Body() body: TenantSettingsDto): Promise<TenantSettings> {
    return this.settings.update(auth, body);
  }
}
