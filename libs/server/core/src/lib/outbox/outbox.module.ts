import { Module } from '@nestjs/common';
import { OutboxRelay } from './outbox-relay';

/** The relay; imported by the worker app only (the Outbox writer is part of CoreModule). */
@Module({ providers: [OutboxRelay], exports: [OutboxRelay] })
export class OutboxRelayModule {}
