import { Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { createSecretKey } from 'node:crypto';
import { ExtractJwt, Strategy } from 'passport-jwt';
import {
  AccessTokenClaims,
  AppConfig,
  JWT_ALGORITHM,
  JWT_AUDIENCE,
  JWT_ISSUER,
  Principal,
  TenantDatabase,
} from '@fieldwork/server-core';
import { TENANT_CLOSING_MESSAGE, type Role } from '@fieldwork/contracts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Verifies the access token (algorithm pinned, iss/aud/exp checked), then reads
 * the account: a deactivated user is refused at once and role changes apply at once.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: AppConfig,
    private readonly tenantDb: TenantDatabase,
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

  async validate(claims: AccessTokenClaims): Promise<Principal> {
    if (!UUID.test(claims.sub ?? '')) throw new UnauthorizedException();
    if (claims.kind === 'operator') {
      const [operator] = await this.tenantDb.platform((db) => db.query(`SELECT id FROM operators WHERE id = $1`, [claims.sub]));
      if (!operator) throw new UnauthorizedException();
      return { kind: 'operator', operatorId: operator.id };
    }
    const tenantId = claims.tid;
    if (claims.kind !== 'user' || !tenantId || !UUID.test(tenantId)) throw new UnauthorizedException();
    // The account and its career center in one read: a career center being closed refuses its people at once.
    const [user] = await this.tenantDb.transaction(tenantId, (db) =>
      db.query<{ role: Role; tenant_state: string }[]>(
        `SELECT u.role, t.state AS tenant_state FROM users u JOIN tenants t ON t.id = u.tenant_id
          WHERE u.tenant_id = $1 AND u.id = $2 AND u.active AND u.password_hash IS NOT NULL`,
        [tenantId, claims.sub],
      ),
    );
    if (!user) throw new UnauthorizedException('Your session has ended; sign in again');
    if (user.tenant_state !== 'active') throw new UnauthorizedException(TENANT_CLOSING_MESSAGE);
    return { kind: 'user', userId: claims.sub, tenantId, role: user.role };
  }
}
