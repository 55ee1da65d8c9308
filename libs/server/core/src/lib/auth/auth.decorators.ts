import { ExecutionContext, InternalServerErrorException, SetMetadata, applyDecorators, createParamDecorator } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels } from '@nestjs/swagger';
import { ApiError, ApiErrorBody } from '../http/openapi';
import { OPERATOR_ROLE, PrincipalRole, ROLES } from '@fieldwork/contracts';
import type { OperatorAuth, Principal, UserAuth } from './principal';

export const IS_PUBLIC = 'fieldwork:public';
export const ALLOWED_ROLES = 'fieldwork:roles';

/** Opens a route to anonymous callers. Everything else needs a valid access token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Who may call a route. Every non-public route must say it (the roles guard fails loudly otherwise). */
export const Roles = (...roles: PrincipalRole[]) =>
  applyDecorators(
    SetMetadata(ALLOWED_ROLES, roles),
    ApiBearerAuth(),
    ApiExtraModels(ApiErrorBody),
    ApiError(401, 'No valid access token'),
    ApiError(403, `Only for: ${roles.join(', ')}`),
  );

/** Any user of a tenant, whatever their role. */
export const AnyTenantUser = () => Roles(...ROLES);

/** Anyone signed in, operators included. */
export const SignedIn = () => Roles(...ROLES, OPERATOR_ROLE);

function principalOf(context: ExecutionContext): Principal {
  const principal = context.switchToHttp().getRequest<{ user?: Principal }>().user;
  if (!principal) {
    // The guard did not run: a misconfigured route must fail loudly, never pass silently.
    throw new InternalServerErrorException('Route reads the principal but no auth guard ran');
  }
  return principal;
}

/** The signed-in tenant user; the route must be restricted to tenant roles. */
export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): UserAuth => {
  const principal = principalOf(context);
  if (principal.kind !== 'user') throw new InternalServerErrorException('Route expects a tenant user');
  return principal;
});

export const CurrentOperator = createParamDecorator((_: unknown, context: ExecutionContext): OperatorAuth => {
  const principal = principalOf(context);
  if (principal.kind !== 'operator') throw new InternalServerErrorException('Route expects an operator');
  return principal;
});

export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal =>
  principalOf(context),
);
