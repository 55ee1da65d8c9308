import { CanActivate, ExecutionContext, ForbiddenException, Injectable, InternalServerErrorException, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Observable } from 'rxjs';
import { AuthGuard } from '@nestjs/passport';
import { API_TOKEN_PREFIX, OPERATOR_ROLE, PrincipalRole } from '@fieldwork/contracts';
import { ALLOWED_ROLES, IS_PUBLIC } from './auth.decorators';
import type { Principal } from './principal';

/** The passport strategy that reads an API token (`Authorization: Bearer fwt_…`); registered by the module that issues them. */
export const API_TOKEN_STRATEGY = 'api-token';
const API_TOKEN_SCOPE = 'fieldwork:api-token-scope';

/**
 * Lets an API token of this scope call the route as well as a signed-in user.
 * On every other route an API token is not an access token, so it is a 401.
 */
export const AcceptsApiToken = (scope: string) => SetMetadata(API_TOKEN_SCOPE, scope);

/** Global, default-deny: every route needs a valid access token unless marked @Public(). */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  private readonly apiToken = new (AuthGuard(API_TOKEN_STRATEGY))();

  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext): boolean | Promise<boolean> | Observable<boolean> {
    if (isPublic(this.reflector, context)) return true;
    const scope = this.reflector.getAllAndOverride<string | undefined>(API_TOKEN_SCOPE, [context.getHandler(), context.getClass()]);
    if (scope && carriesApiToken(context)) return (this.apiToken.canActivate(context) as Promise<boolean>).then((ok) => ok && hasScope(context, scope));
    return super.canActivate(context);
  }
}

function carriesApiToken(context: ExecutionContext): boolean {
  const header = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>().headers['authorization'] ?? '';
  return /^Bearer\s/i.test(header) && header.replace(/^Bearer\s+/i, '').startsWith(API_TOKEN_PREFIX);
}

function hasScope(context: ExecutionContext, scope: string): boolean {
  const principal = context.switchToHttp().getRequest<{ user?: { scope?: string } }>().user;
  if (principal?.scope !== scope) throw new ForbiddenException('This API token may not do this');
  return true;
}

/** Global: checks @Roles(); a non-public route without @Roles() is a programming error. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (isPublic(this.reflector, context)) return true;
    const allowed = this.reflector.getAllAndOverride<PrincipalRole[] | undefined>(ALLOWED_ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!allowed) {
      throw new InternalServerErrorException(`${context.getClass().name}.${context.getHandler().name} declares no @Roles()`);
    }
    const principal = context.switchToHttp().getRequest<{ user?: Principal }>().user;
    const role = principal?.kind === 'operator' ? OPERATOR_ROLE : principal?.role;
    if (!role || !allowed.includes(role)) throw new ForbiddenException('Your role may not do this');
    return true;
  }
}

function isPublic(reflector: Reflector, context: ExecutionContext): boolean {
  return reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]) === true;
}
