import { Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { createSecretKey, type KeyObject } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig, BearerStrategy, Principal, TenantDatabase, uuidLiteral, verifyAccessToken } from '@fieldwork/server-core';
import { TENANT_CLOSING_MESSAGE, type Role, isUuid } from '@fieldwork/contracts';
import type { SessionClaims } from './access-tokens.service';

const SESSION_ENDED = 'Your session has ended; sign in again';

/**
 * Verifies the access token (HS256 pinned, signature, iss/aud/exp checked: verifyAccessToken), then reads the account,
 * its career center and the session the token names in ONE round trip, the one that opens the
 * request's tenant transaction (TenantDatabase.openWith): a deactivated user, a role change, a
 * career center being closed, a logout, a reused refresh token or a new password apply on the
 * very next request.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(BearerStrategy, 'jwt') {
  private readonly key: KeyObject;

  constructor(
    config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly tenantDb: TenantDatabase,
  ) {
    super();
    this.key = createSecretKey(Buffer.from(config.jwtSecret, 'utf8'));
  }

  async validate(bearer: string): Promise<Principal> {
    const claims = verifyAccessToken<SessionClaims>(bearer, this.key);
    if (!claims) throw new UnauthorizedException();
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
    // It runs in the round trip that opens the request's tenant transaction, which the request's work then uses.
    const [user] = await this.tenantDb.openWith<{ role: Role; tenant_state: string; session_live: boolean }>(
      tenantId,
      `SELECT role, tenant_state, session_live FROM auth_principal(${uuidLiteral(tenantId)}, ${uuidLiteral(claims.sub)}, ${uuidLiteral(claims.sid)})`,
    );
    if (!user) throw new UnauthorizedException(SESSION_ENDED);
    if (user.tenant_state !== 'active') throw new UnauthorizedException(TENANT_CLOSING_MESSAGE);
    if (!user.session_live) throw new UnauthorizedException(SESSION_ENDED);
    return { kind: 'user', userId: claims.sub, tenantId, role: user.role };
  }
}
