import { Global, Module } from '@nestjs/common';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { QueueModule } from './queue/queue.module';
import { AuditService } from './audit/audit.service';
import { Passwords } from './security/passwords';

/** Config, database (app role, tenant transactions), queue, audit and password handling. */
@Global()
@Module({
  imports: [ConfigModule, DatabaseModule, QueueModule],
  providers: [AuditService, Passwords],
  exports: [ConfigModule, DatabaseModule, QueueModule, AuditService, Passwords],
})
export class CoreModule {}
