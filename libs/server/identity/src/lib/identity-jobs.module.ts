import { Module } from '@nestjs/common';
import { CredentialsCleanupJobs } from './jobs/credentials-cleanup.jobs';

/** The identity domain's background jobs; imported by the worker app only. */
@Module({ providers: [CredentialsCleanupJobs], exports: [CredentialsCleanupJobs] })
export class IdentityJobsModule {}
