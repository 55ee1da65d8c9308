import { Module } from '@nestjs/common';
import { RetentionController } from './retention.controller';
import { RetentionJobs } from './retention-jobs';
import { RetentionRunner } from './retention-runner';
import { RetentionService } from './retention.service';

/** Retention: the API side (the admin's preview of the next run, the public privacy page's facts). */
@Module({ controllers: [RetentionController], providers: [RetentionService] })
export class RetentionModule {}

/** Retention: the worker side (the `retention` queue: the daily scan and each tenant's run). */
@Module({ providers: [RetentionJobs, RetentionRunner], exports: [RetentionJobs, RetentionRunner] })
export class RetentionJobsModule {}
