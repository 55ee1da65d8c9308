import { Module } from '@nestjs/common';
import { AppLoggerModule, CoreModule } from '@fieldwork/server-core';
import { IdentityJobsModule } from '@fieldwork/server-identity';

/** Every BullMQ processor and job scheduler; no HTTP. */
@Module({ imports: [CoreModule, AppLoggerModule, IdentityJobsModule] })
export class WorkerModule {}
