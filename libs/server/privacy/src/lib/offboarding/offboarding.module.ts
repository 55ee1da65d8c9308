import { Module } from '@nestjs/common';

/** Offboarding: the API side (controllers and services). */
@Module({})
export class OffboardingModule {}

/** Offboarding: the worker side (its queue's processor and schedules). */
@Module({})
export class OffboardingJobsModule {}
