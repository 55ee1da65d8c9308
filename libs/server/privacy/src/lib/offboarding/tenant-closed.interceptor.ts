import { CallHandler, ExecutionContext, Injectable, NestInterceptor, UnauthorizedException } from '@nestjs/common';
import { Observable, from, switchMap } from 'rxjs';
import { Principal, TenantDatabase } from '@fieldwork/server-core';
import { TENANT_CLOSING_MESSAGE } from '@fieldwork/contracts';

/**
 * A career center being closed refuses its signed-in people on their next request
 * (sign-in and refresh are refused by the auth service). Runs after the guards, on
 * requests of tenant users only: one primary-key read of the tenant's state.
 */
@Injectable()
export class TenantClosedInterceptor implements NestInterceptor {
  constructor(private readonly tenantDb: TenantDatabase) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const principal = context.switchToHttp().getRequest<{ user?: Principal }>().user;
    if (principal?.kind !== 'user') return next.handle();
    return from(this.requireOpen(principal.tenantId)).pipe(switchMap(() => next.handle()));
  }

  private async requireOpen(tenantId: string): Promise<void> {
    const [tenant] = await this.tenantDb.platform((db) => db.query(`SELECT state FROM tenants WHERE id = $1`, [tenantId]));
    if (!tenant) throw new UnauthorizedException('Your session has ended; sign in again');
    if (tenant.state !== 'active') throw new UnauthorizedException(TENANT_CLOSING_MESSAGE);
  }
}
