import { ExecutionContext, InternalServerErrorException, createParamDecorator } from '@nestjs/common';
import type { ApiTokenScope } from '@fieldwork/contracts';
import type { UserAuth } from '@fieldwork/server-core';

/**
 * The caller when a request carries an API token instead of an access token:
 * "the registrar's job" of one career center. Only routes marked
 * @AcceptsApiToken(scope) let one through (the global auth guard); there it
 * acts with an admin's rights, for that one route.
 */
export interface ApiTokenAuth {
  kind: 'api-token';
  tenantId: string;
  tokenId: string;
  tokenName: string;
  scope: ApiTokenScope;
  /** The admin who made the token. */
  createdBy: string;
  role: 'admin';
}

/** The caller of a route that takes either a signed-in user or an API token. */
export const UserOrApiToken = createParamDecorator((_: unknown, context: ExecutionContext): UserAuth | ApiTokenAuth => {
  const principal = context.switchToHttp().getRequest<{ user?: UserAuth | ApiTokenAuth | { kind: string } }>().user;
  if (principal?.kind === 'user' || principal?.kind === 'api-token') return principal as UserAuth | ApiTokenAuth;
  throw new InternalServerErrorException('Route expects a tenant user or an API token');
});
