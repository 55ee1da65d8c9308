import { Controller, Query } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, UserAuth, ApiErrors, GetPage, PageQuery, type PageParams } from '@fieldwork/server-core';
import { AUDIT_ACTIONS, type AuditEventPage } from '@fieldwork/contracts';
import { AuditLogService } from './audit-log.service';
import { AuditEventPageBody } from './audit.responses';

@ApiTags('audit')
@Controller('audit-events')
@Roles('admin')
@ApiErrors(401, 403)
export class AuditLogController {
  constructor(private readonly auditLog: AuditLogService) {}

  @GetPage('', AuditEventPageBody)
  @ApiQuery({ name: 'action', required: false, enum: AUDIT_ACTIONS })
  @ApiQuery({ name: 'from', required: false, description: 'A day (YYYY-MM-DD, in the career center’s time zone) or an ISO date-time' })
  @ApiQuery({ name: 'to', required: false, description: 'Inclusive; a day counts whole' })
  list(
    @CurrentUser() auth: UserAuth,
    @PageQuery() page: PageParams,
    @Query('actorId') actorId?: string,
    @Query('action') action?: string,
    @Query('from') from?: string,
    @Query('to') to?: string,
  ): Promise<AuditEventPage> {
    return this.auditLog.list(auth, { actorId, action, from, to, ...page });
  }
}
