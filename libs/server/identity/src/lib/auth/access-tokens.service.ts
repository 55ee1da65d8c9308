import { Injectable, UnauthorizedException } from '@nestjs/common';
import { isUuid } from '@fieldwork/contracts';
import { JwtService } from '@nestjs/jwt';
import { AccessTokenClaims, AppConfig, JWT_ALGORITHM, JWT_AUDIENCE, JWT_ISSUER, Principal } from '@fieldwork/server-core';

/** The access token's claims: who, and which session (refresh-token family) it belongs to. */
export interface SessionClaims extends AccessTokenClaims {
  /** The session (refresh-token family): ending it refuses the token on the next request. */
  sid: string;
}

/** What a second-step token lets its holder do: prove a code, or enrol because the career center requires it. */
export type ChallengePurpose = 'mfa' | 'mfa-enroll';

interface ChallengeClaims {
  sub: string;
  tid?: string;
  kind: Principal['kind'];
  purpose: ChallengePurpose;
}

/** A second-step token is never an access token: its own audience, five minutes. */
const CHALLENGE_AUDIENCE = 'fieldwork-mfa';
const CHALLENGE_SECONDS = 300;

/** Short-lived (≤ 15 min) HS256 access tokens, and the five-minute tokens between a password and its second step. */
@Injectable()
export class AccessTokensService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  get ttlSeconds(): number {
    return this.config.env.ACCESS_TOKEN_TTL_SECONDS;
  }

  sign(principal: Principal, sessionId: string): string {
    const claims: SessionClaims =
      principal.kind === 'user'
        ? { sub: principal.userId, tid: principal.tenantId, kind: 'user', sid: sessionId }
        : { sub: principal.operatorId, kind: 'operator', sid: sessionId };
    return this.jwt.sign(claims, {
      secret: this.config.jwtSecret,
      algorithm: JWT_ALGORITHM,
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      expiresIn: this.ttlSeconds,
    });
  }

  signChallenge(principal: Principal, purpose: ChallengePurpose): string {
    const claims: ChallengeClaims =
      principal.kind === 'user'
        ? { sub: principal.userId, tid: principal.tenantId, kind: 'user', purpose }
        : { sub: principal.operatorId, kind: 'operator', purpose };
    return this.jwt.sign(claims, {
      secret: this.config.jwtSecret,
      algorithm: JWT_ALGORITHM,
      issuer: JWT_ISSUER,
      audience: CHALLENGE_AUDIENCE,
      expiresIn: CHALLENGE_SECONDS,
    });
  }

  /** The person a second-step token names (role is read again by the caller), or 401 in plain words. */
  verifyChallenge(token: unknown, purpose: ChallengePurpose): { kind: 'user'; userId: string; tenantId: string } | { kind: 'operator'; operatorId: string } {
    const expired = new UnauthorizedException('This sign-in step has expired; sign in again with your password');
    if (typeof token !== 'string' || token.length > 2000) throw expired;
    let claims: ChallengeClaims;
    try {
      claims = this.jwt.verify<ChallengeClaims>(token, {
        secret: this.config.jwtSecret,
        algorithms: [JWT_ALGORITHM],
        issuer: JWT_ISSUER,
        audience: CHALLENGE_AUDIENCE,
      });
    } catch {
      throw expired;
    }
    if (claims.purpose !== purpose || !isUuid(claims.sub ?? '')) throw expired;
    if (claims.kind === 'operator') return { kind: 'operator', operatorId: claims.sub };
    if (claims.kind !== 'user' || !claims.tid || !isUuid(claims.tid)) throw expired;
    return { kind: 'user', userId: claims.sub, tenantId: claims.tid };
  }
}
