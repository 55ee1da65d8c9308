import { Module } from '@nestjs/common';

/** Erasure: the API side (controllers and services). */
@Module({})
export class ErasureModule {}

/** Erasure: the worker side (its queue's processor and schedules). */
@Module({})
export class ErasureJobsModule {}
