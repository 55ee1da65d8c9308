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
import type { Role } from '@fieldwork/contracts';

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

/** Where a realm keeps its refresh tokens: tenants in refresh_tokens (RLS), operators in their own table. */
interface SessionTable {
  table: string;
  owner: string;
  scoped: boolean;
}
const USER_SESSIONS: SessionTable = { table: 'refresh_tokens', owner: 'user_id', scoped: true };
const OPERATOR_SESSIONS: SessionTable = { table: 'operator_refresh_tokens', owner: 'operator_id', scoped: false };

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
    const sessions = parsed.realm === PLATFORM_REALM ? OPERATOR_SESSIONS : USER_SESSIONS;

    return run(async (db) => {
      // TypeORM answers an UPDATE with [rows, rowCount].
      const [[claimed]] = await db.query(
        `UPDATE ${sessions.table} SET used_at = now()
          WHERE ${scope(sessions, 2)} token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
          RETURNING ${sessions.owner} AS owner_id, family_id`,
        params(sessions, [parsed.hash], parsed.realm),
      );
      if (!claimed) {
        const [seen] = await db.query(
          `SELECT ${sessions.owner} AS owner_id, family_id, used_at FROM ${sessions.table} WHERE ${scope(sessions, 2)} token_hash = $1`,
          params(sessions, [parsed.hash], parsed.realm),
        );
        if (!seen?.used_at) return { outcome: 'rejected' } as const;
        await this.revokeFamily(db, sessions, parsed.realm, seen.family_id);
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
    const sessions = parsed.realm === PLATFORM_REALM ? OPERATOR_SESSIONS : USER_SESSIONS;
    const work = async (db: EntityManager) => {
      const [row] = await db.query(
        `SELECT family_id FROM ${sessions.table} WHERE ${scope(sessions, 2)} token_hash = $1`,
        params(sessions, [parsed.hash], parsed.realm),
      );
      if (row) await this.revokeFamily(db, sessions, parsed.realm, row.family_id);
    };
    await (parsed.realm === PLATFORM_REALM ? this.tenantDb.platform(work) : this.tenantDb.transaction(parsed.realm, work));
  }

  /** Ends every session of a user at once (deactivation, a new password, an admin's MFA reset). */
  async revokeAllForUser(db: EntityManager, tenantId: string, userId: string): Promise<void> {
    await db.query(
      `UPDATE refresh_tokens SET revoked_at = now() WHERE tenant_id = $1 AND user_id = $2 AND revoked_at IS NULL`,
      [tenantId, userId],
    );
  }

  private async insert(db: EntityManager, principal: Principal, familyId: string): Promise<IssuedSession> {
    const realm = principal.kind === 'user' ? principal.tenantId : PLATFORM_REALM;
    const { token, hash } = issueOpaqueToken(realm);
    const expiresAt = new Date(Date.now() + this.config.env.REFRESH_TOKEN_TTL_DAYS * 86_400_000);
    if (principal.kind === 'user') {
      await db.query(
        `INSERT INTO refresh_tokens (tenant_id, id, user_id, family_id, token_hash, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`,
        [principal.tenantId, randomUUID(), principal.userId, familyId, hash, expiresAt],
      );
    } else {
      await db.query(
        `INSERT INTO operator_refresh_tokens (id, operator_id, family_id, token_hash, expires_at) VALUES ($1, $2, $3, $4, $5)`,
        [randomUUID(), principal.operatorId, familyId, hash, expiresAt],
      );
    }
    return { refreshToken: token, expiresAt, sessionId: familyId };
  }

  private async revokeFamily(db: EntityManager, sessions: SessionTable, realm: string, familyId: string): Promise<void> {
    await db.query(
      `UPDATE ${sessions.table} SET revoked_at = now() WHERE ${scope(sessions, 2)} family_id = $1 AND revoked_at IS NULL`,
      params(sessions, [familyId], realm),
    );
  }

  /** The principal behind a session, or null when the account can no longer sign in. */
  private async loadPrincipal(db: EntityManager, realm: string, ownerId: string): Promise<Principal | null> {
    if (realm === PLATFORM_REALM) {
      const [operator] = await db.query(`SELECT id FROM operators WHERE id = $1`, [ownerId]);
      return operator ? { kind: 'operator', operatorId: operator.id } : null;
    }
    const [user] = await db.query<{ id: string; role: Role }[]>(
      `SELECT id, role FROM users WHERE tenant_id = $1 AND id = $2 AND active`,
      [realm, ownerId],
    );
    return user ? { kind: 'user', userId: user.id, tenantId: realm, role: user.role } : null;
  }
}

function scope(sessions: SessionTable, parameter: number): string {
  return sessions.scoped ? `tenant_id = $${parameter} AND` : '';
}

function params(sessions: SessionTable, values: unknown[], realm: string): unknown[] {
  return sessions.scoped ? [...values, realm] : values;
}
