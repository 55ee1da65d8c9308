import { Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService, TenantDatabase, UserAuth, issueOpaqueToken, parseOpaqueToken } from '@fieldwork/server-core';
import { API_TOKEN_PREFIX, type ApiTokenScope, type ApiTokenSummary, type CreateApiTokenRequest, type CreatedApiToken, isUuid } from '@fieldwork/contracts';
import { EntityManager } from 'typeorm';
import type { ApiTokenAuth } from './api-token-auth';


interface TokenRow {
  id: string;
  name: string;
  scope: ApiTokenScope;
  hint: string;
  created_at: Date;
  created_by: string;
  creator_name: string;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const SUMMARY = `SELECT t.id, t.name, t.scope, t.hint, t.created_at, t.created_by, u.name AS creator_name, t.last_used_at, t.revoked_at
                   FROM api_tokens t JOIN users u ON u.tenant_id = t.tenant_id AND u.id = t.created_by`;

/**
 * API tokens: opaque secrets an admin makes for a script (the registrar's
 * nightly roster push). A token is `fwt_` + 256 random bits that carry the
 * career center's id; only its SHA-256 hash is stored, so it is shown once.
 */
@Injectable()
export class ApiTokensService {
  constructor(
    private readonly tenantDb: TenantDatabase,
    private readonly audit: AuditService,
  ) {}

  create(auth: UserAuth, request: CreateApiTokenRequest, ip?: string): Promise<CreatedApiToken> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      const issued = issueOpaqueToken(auth.tenantId);
      const token = `${API_TOKEN_PREFIX}${issued.token}`;
      const id = randomUUID();
      await db.query(
        `INSERT INTO api_tokens (tenant_id, id, name, scope, token_hash, hint, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [auth.tenantId, id, request.name, request.scope, issued.hash, `${API_TOKEN_PREFIX}…${token.slice(-4)}`, auth.userId],
      );
      await this.audit.record(db, {
        tenantId: auth.tenantId,
        action: 'api_token.created',
        actorId: auth.userId,
        subjectType: 'api_token',
        subjectId: id,
        ip,
        details: { name: request.name, scope: request.scope },
      });
      return { ...(await this.summary(db, auth.tenantId, id)), token };
    });
  }

  list(auth: UserAuth): Promise<ApiTokenSummary[]> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      const rows: TokenRow[] = await db.query(`${SUMMARY} WHERE t.tenant_id = $1 ORDER BY t.revoked_at IS NOT NULL, t.created_at DESC, t.id DESC LIMIT 200`, [auth.tenantId]);
      return rows.map(toSummary);
    });
  }

  /** Revokes a token: the next request with it is refused. Revoking a revoked token changes nothing. */
  revoke(auth: UserAuth, id: string, ip?: string): Promise<void> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      const [row]: { revoked: boolean; name: string }[] = isUuid(id)
        ? await db.query(`SELECT revoked_at IS NOT NULL AS revoked, name FROM api_tokens WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [auth.tenantId, id])
        : [];
      if (!row) throw new NotFoundException('No such API token');
      if (row.revoked) return;
      await db.query(`UPDATE api_tokens SET revoked_at = now(), revoked_by = $3 WHERE tenant_id = $1 AND id = $2`, [auth.tenantId, id, auth.userId]);
      await this.audit.record(db, {
        tenantId: auth.tenantId,
        action: 'api_token.revoked',
        actorId: auth.userId,
        subjectType: 'api_token',
        subjectId: id,
        ip,
        details: { name: row.name },
      });
    });
  }

  /**
   * The caller a bearer token stands for, or null: not one of ours, unknown,
   * revoked, or its career center is closing. Records when it was last used.
   */
  async authenticate(bearer: string): Promise<ApiTokenAuth | null> {
    if (!bearer.startsWith(API_TOKEN_PREFIX)) return null;
    const parsed = parseOpaqueToken(bearer.slice(API_TOKEN_PREFIX.length));
    if (!parsed) return null;
    return this.tenantDb.transaction(parsed.realm, async (db) => {
      const [row]: { id: string; name: string; scope: ApiTokenScope; created_by: string }[] = await db.query(
        `WITH used AS (
           UPDATE api_tokens t SET last_used_at = now()
             FROM tenants tn
            WHERE t.tenant_id = $1 AND t.token_hash = $2 AND t.revoked_at IS NULL AND tn.id = t.tenant_id AND tn.state = 'active'
            RETURNING t.id, t.name, t.scope, t.created_by)
         SELECT * FROM used`,
        [parsed.realm, parsed.hash],
      );
      if (!row) return null;
      return { kind: 'api-token', tenantId: parsed.realm, tokenId: row.id, tokenName: row.name, scope: row.scope, createdBy: row.created_by, role: 'admin' };
    });
  }

  private async summary(db: EntityManager, tenantId: string, id: string): Promise<ApiTokenSummary> {
    const [row]: TokenRow[] = await db.query(`${SUMMARY} WHERE t.tenant_id = $1 AND t.id = $2`, [tenantId, id]);
    if (!row) throw new NotFoundException('No such API token');
    return toSummary(row);
  }
}

function toSummary(row: TokenRow): ApiTokenSummary {
  return {
    id: row.id,
    name: row.name,
    scope: row.scope,
    hint: row.hint,
    createdAt: row.created_at.toISOString(),
    createdBy: { id: row.created_by, name: row.creator_name },
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    revoked: row.revoked_at !== null,
  };
}
