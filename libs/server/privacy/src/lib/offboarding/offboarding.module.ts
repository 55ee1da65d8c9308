import { Module } from '@nestjs/common';
import { StorageModule } from '@fieldwork/server-core';
import { TenantsModule } from '@fieldwork/server-tenants';
import { OffboardingController } from './offboarding.controller';
import { OffboardingService } from './offboarding.service';
import { OffboardingJobs } from './offboarding-jobs';
import { TenantExportFiles } from './tenant-export-files';

/** Offboarding: the API side (operators' export, delete and restore; closed career centers refused). */
@Module({
  imports: [TenantsModule, StorageModule],
  controllers: [OffboardingController],
  providers: [OffboardingService, TenantExportFiles],
})
export class OffboardingModule {}

/** Offboarding: the worker side (the `offboarding` queue: tenant ZIPs, the hourly deletion scan, deleting tenants). */
@Module({ imports: [StorageModule], providers: [OffboardingJobs, TenantExportFiles], exports: [OffboardingJobs] })
export class OffboardingJobsModule {}
