import { Module } from '@nestjs/common';
import { AppLoggerModule, CoreModule, OutboxRelayModule } from '@fieldwork/server-core';
import { NotificationJobsModule } from '@fieldwork/server-notifications';
import { IdentityJobsModule } from '@fieldwork/server-identity';
import { ExportJobsModule } from '@fieldwork/server-exports';
import { PrivacyJobsModule } from '@fieldwork/server-privacy';

/** Every BullMQ processor and job scheduler; no HTTP. */
@Module({ imports: [CoreModule, AppLoggerModule, OutboxRelayModule, IdentityJobsModule, NotificationJobsModule, ExportJobsModule, PrivacyJobsModule] })
export class WorkerModule {}
