import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import {
  AppConfig,
  PLATFORM_REALM,
  Principal,
  TenantDatabase,
  issueOpaqueToken,
  parseOpaqueToken,
} from '@fieldwork/server-core';
import {
  activeUser,
  claimRefreshToken,
  insertOperatorRefreshToken,
  insertUserRefreshToken,
  refreshToken as findRefreshToken,
  revokeTokenFamily,
  revokeUserSessions,
} from './auth.queries';
import { operatorExists } from '../operators/operators.queries';

export interface IssuedSession {
  refreshToken: string;
  expiresAt: Date;
  /** The session (refresh-token family) id: access tokens name it (`sid`), so ending it refuses them at once. */
  sessionId: string;
}

export type RotationResult =
  | { outcome: 'rotated'; principal: Principal; session: IssuedSession }
  | { outcome: 'rejected' }
  | { outcome: 'reused'; principal: Principal };

/**
 * Refresh sessions: opaque tokens stored hashed, rotated on every use. A token
 * presented twice means it was stolen or replayed: its whole family is revoked.
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly config: AppConfig,
    private readonly tenantDb: TenantDatabase,
  ) {}

  /** Starts a session (a new token family) inside the caller's transaction. */
  start(db: EntityManager, principal: Principal): Promise<IssuedSession> {
    return this.insert(db, principal, randomUUID());
  }

  async rotate(refreshToken: unknown): Promise<RotationResult> {
    const parsed = parseOpaqueToken(refreshToken);
    if (!parsed) return { outcome: 'rejected' };
    const run = <T>(work: (db: EntityManager) => Promise<T>) =>
      parsed.realm === PLATFORM_REALM ? this.tenantDb.platform(work) : this.tenantDb.transaction(parsed.realm, work);

    return run(async (db) => {
      const claimed = await claimRefreshToken(db, parsed.realm, parsed.hash);
      if (!claimed) {
        const seen = await findRefreshToken(db, parsed.realm, parsed.hash);
        if (!seen?.used_at) return { outcome: 'rejected' } as const;
        await revokeTokenFamily(db, parsed.realm, seen.family_id);
        const principal = await this.loadPrincipal(db, parsed.realm, seen.owner_id);
        return principal ? ({ outcome: 'reused', principal } as const) : ({ outcome: 'rejected' } as const);
      }
      const principal = await this.loadPrincipal(db, parsed.realm, claimed.owner_id);
      if (!principal) return { outcome: 'rejected' } as const;
      const session = await this.insert(db, principal, claimed.family_id);
      return { outcome: 'rotated', principal, session } as const;
    });
  }

  /** Ends the session the token belongs to (its whole family). Unknown tokens are ignored. */
  async revoke(refreshToken: unknown): Promise<void> {
    const parsed = parseOpaqueToken(refreshToken);
    if (!parsed) return;
    const work = async (db: EntityManager) => {
      const row = await findRefreshToken(db, parsed.realm, parsed.hash);
      if (row) await revokeTokenFamily(db, parsed.realm, row.family_id);
    };
    await (parsed.realm === PLATFORM_REALM ? this.tenantDb.platform(work) : this.tenantDb.transaction(parsed.realm, work));
  }

  /** Ends every session of a user at once (deactivation, a new password, an admin's MFA reset). */
  async revokeAllForUser(db: EntityManager, tenantId: string, userId: string): Promise<void> {
    await revokeUserSessions(db, tenantId, userId);
  }

  private async insert(db: EntityManager, principal: Principal, familyId: string): Promise<IssuedSession> {
    const realm = principal.kind === 'user' ? principal.tenantId : PLATFORM_REALM;
    const { token, hash } = issueOpaqueToken(realm);
    const expiresAt = new Date(Date.now() + this.config.env.REFRESH_TOKEN_TTL_DAYS * 86_400_000);
    const stored = { id: randomUUID(), familyId, hash, expiresAt };
    if (principal.kind === 'user') await insertUserRefreshToken(db, principal.tenantId, principal.userId, stored);
    else await insertOperatorRefreshToken(db, principal.operatorId, stored);
    return { refreshToken: token, expiresAt, sessionId: familyId };
  }

  /** The principal behind a session, or null when the account can no longer sign in. */
  private async loadPrincipal(db: EntityManager, realm: string, ownerId: string): Promise<Principal | null> {
    if (realm === PLATFORM_REALM) return (await operatorExists(db, ownerId)) ? { kind: 'operator', operatorId: ownerId } : null;
    const user = await activeUser(db, realm, ownerId);
    return user ? { kind: 'user', userId: user.id, tenantId: realm, role: user.role } : null;
  }
}
