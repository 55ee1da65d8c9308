import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AccessTokenClaims, AppConfig, JWT_ALGORITHM, JWT_AUDIENCE, JWT_ISSUER, Principal } from '@fieldwork/server-core';

/** Short-lived (≤ 15 min) HS256 access tokens. */
@Injectable()
export class AccessTokensService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  get ttlSeconds(): number {
    return this.config.env.ACCESS_TOKEN_TTL_SECONDS;
  }

  sign(principal: Principal): string {
    const claims: AccessTokenClaims =
      principal.kind === 'user'
        ? { sub: principal.userId, tid: principal.tenantId, kind: 'user' }
        : { sub: principal.operatorId, kind: 'operator' };
    return this.jwt.sign(claims, {
      secret: this.config.jwtSecret,
      algorithm: JWT_ALGORITHM,
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      expiresIn: this.ttlSeconds,
    });
  }
}
