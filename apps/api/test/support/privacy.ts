import { Module } from '@nestjs/common';
import { CoreModule, OutboxRelayModule } from '@fieldwork/server-core';
import { PrivacyJobsModule } from '@fieldwork/server-privacy';

/** The worker's privacy side, as apps/worker composes it: core, the outbox relay and the privacy jobs. */
@Module({ imports: [CoreModule, OutboxRelayModule, PrivacyJobsModule] })
export class PrivacyWorkerModule {}

export { readZip } from '@fieldwork/server-core/testing';
