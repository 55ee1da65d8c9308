import { Module } from '@nestjs/common';

/** DataExport: the API side (controllers and services). */
@Module({})
export class DataExportModule {}

/** DataExport: the worker side (its queue's processor and schedules). */
@Module({})
export class DataExportJobsModule {}
