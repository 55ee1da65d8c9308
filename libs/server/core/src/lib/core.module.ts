import { Global, Module } from '@nestjs/common';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { QueueModule } from './queue/queue.module';
import { AuditService } from './audit/audit.service';
import { Passwords } from './security/passwords';
import { Outbox } from './outbox/outbox';

/** Config, database (app role, tenant transactions), queue, audit and password handling. */
@Global()
@Module({
  imports: [ConfigModule, DatabaseModule, QueueModule],
  providers: [AuditService, Passwords, Outbox],
  exports: [ConfigModule, DatabaseModule, QueueModule, AuditService, Passwords, Outbox],
})
export class CoreModule {}
