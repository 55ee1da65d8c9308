import { Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { createSecretKey } from 'node:crypto';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { DataSource } from 'typeorm';
import { AppConfig, JWT_ALGORITHM, JWT_AUDIENCE, JWT_ISSUER, Principal } from '@fieldwork/server-core';
import { TENANT_CLOSING_MESSAGE, type Role, isUuid } from '@fieldwork/contracts';
import type { SessionClaims } from './access-tokens.service';

const SESSION_ENDED = 'Your session has ended; sign in again';

/**
 * Verifies the access token (algorithm pinned, iss/aud/exp checked), then reads the account,
 * its career center and the session the token names in ONE round trip (no transaction): a
 * deactivated user, a role change, a career center being closed, a logout, a reused refresh
 * token or a new password apply on the very next request.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: AppConfig,
    private readonly dataSource: DataSource,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject (jsonwebtoken 9 takes one; passport-jwt's types predate it): with a string or Buffer,
      // jsonwebtoken first tries to parse the HS256 secret as a public key on every request.
      secretOrKey: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')) as unknown as Buffer,
      algorithms: [JWT_ALGORITHM],
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      ignoreExpiration: false,
    });
  }

  async validate(claims: SessionClaims): Promise<Principal> {
    if (!isUuid(claims.sub ?? '') || !isUuid(claims.sid ?? '')) throw new UnauthorizedException(SESSION_ENDED);
    if (claims.kind === 'operator') {
      // Operators live in platform tables (no row-level security): one plain query.
      const [operator] = await this.dataSource.query<{ id: string }[]>(
        `SELECT o.id FROM operators o
          WHERE o.id = $1 AND EXISTS (SELECT 1 FROM operator_refresh_tokens r
                                       WHERE r.operator_id = o.id AND r.family_id = $2 AND r.revoked_at IS NULL AND r.expires_at > now())`,
        [claims.sub, claims.sid],
      );
      if (!operator) throw new UnauthorizedException(SESSION_ENDED);
      return { kind: 'operator', operatorId: operator.id };
    }
    const tenantId = claims.tid;
    if (claims.kind !== 'user' || !tenantId || !isUuid(tenantId)) throw new UnauthorizedException();
    // auth_principal (migration 1765400000000) sets the tenant for row-level security itself and restores it on return.
    const [user] = await this.dataSource.query<{ role: Role; tenant_state: string; session_live: boolean }[]>(
      `SELECT role, tenant_state, session_live FROM auth_principal($1, $2, $3)`,
      [tenantId, claims.sub, claims.sid],
    );
    if (!user) throw new UnauthorizedException(SESSION_ENDED);
    if (user.tenant_state !== 'active') throw new UnauthorizedException(TENANT_CLOSING_MESSAGE);
    if (!user.session_live) throw new UnauthorizedException(SESSION_ENDED);
    return { kind: 'user', userId: claims.sub, tenantId, role: user.role };
  }
}
