import { Module } from '@nestjs/common';
import { DataExportJobsModule, DataExportModule } from './data-export/data-export.module';
import { ErasureJobsModule, ErasureModule } from './erasure/erasure.module';
import { RetentionJobsModule, RetentionModule } from './retention/retention.module';
import { OffboardingJobsModule, OffboardingModule } from './offboarding/offboarding.module';

/** Data rights in the API: my data, deletion requests, retention settings, offboarding. */
@Module({ imports: [DataExportModule, ErasureModule, RetentionModule, OffboardingModule] })
export class PrivacyModule {}

/** Data rights in the worker: building ZIPs, erasing accounts, the daily retention run, deleting tenants. */
@Module({ imports: [DataExportJobsModule, ErasureJobsModule, RetentionJobsModule, OffboardingJobsModule] })
export class PrivacyJobsModule {}
