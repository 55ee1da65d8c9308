import { Module } from '@nestjs/common';
import { AuditLogController } from './audit-log.controller';
import { AuditLogService } from './audit-log.service';

/** The audit log, read by admins (events are written by AuditService in server-core). */
@Module({ controllers: [AuditLogController], providers: [AuditLogService] })
export class AuditLogModule {}
