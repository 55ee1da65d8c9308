import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/**
 * Login throttling with two limits from IdentityModule: per client address ("ip")
 * and per account ("account": tenant + e-mail, whatever address tries it).
 */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {}

export function accountTracker(req: Record<string, unknown>): string {
  const body = (req['body'] ?? {}) as { tenant?: unknown; email?: unknown };
  const tenant = typeof body.tenant === 'string' ? body.tenant.trim().toLowerCase() : '';
  const email = typeof body.email === 'string' ? body.email.trim().toLowerCase() : '';
  return `account:${tenant}:${email}`;
}
