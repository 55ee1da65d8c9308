import { Module } from '@nestjs/common';

/** Retention: the API side (controllers and services). */
@Module({})
export class RetentionModule {}

/** Retention: the worker side (its queue's processor and schedules). */
@Module({})
export class RetentionJobsModule {}
