import { CanActivate, ExecutionContext, ForbiddenException, Injectable, InternalServerErrorException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { OPERATOR_ROLE, PrincipalRole } from '@fieldwork/contracts';
import { ALLOWED_ROLES, IS_PUBLIC } from './auth.decorators';
import type { Principal } from './principal';

/** Global, default-deny: every route needs a valid access token unless marked @Public(). */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    if (isPublic(this.reflector, context)) return true;
    return super.canActivate(context);
  }
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
