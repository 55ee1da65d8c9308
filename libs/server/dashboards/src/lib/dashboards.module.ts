import { Module } from '@nestjs/common';
import { DashboardsController } from './dashboards.controller';
import { DashboardsService } from './dashboards.service';
import { StudentsService } from './students.service';
import { TenantSettingsService } from './tenant-settings.service';

/** Cohort dashboards read from trigger-kept roll-ups, the staff view of a student, the at-risk setting. */
@Module({
  controllers: [DashboardsController],
  providers: [DashboardsService, StudentsService, TenantSettingsService],
  exports: [DashboardsService],
})
export class DashboardsModule {}
