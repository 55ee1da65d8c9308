import { Module } from '@nestjs/common';
import { CredentialsCleanupJobs } from './jobs/credentials-cleanup.jobs';
import { SecretBox } from './sso/secret-box';
import { SsoMetadataJobs } from './sso/sso-metadata.jobs';
import { SsoSettingsService } from './sso/sso-settings.service';

/** The identity domain's background jobs; imported by the worker app only. */
@Module({ providers: [CredentialsCleanupJobs, SecretBox, SsoSettingsService, SsoMetadataJobs], exports: [CredentialsCleanupJobs, SsoMetadataJobs] })
export class IdentityJobsModule {}
