import { Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService, TenantDatabase, UserAuth, isoTimes, issueOpaqueToken, parseOpaqueToken } from '@fieldwork/server-core';
import { API_TOKEN_PREFIX, type ApiTokenSummary, type CreateApiTokenRequest, type CreatedApiToken, isUuid } from '@fieldwork/contracts';
import { EntityManager } from 'typeorm';
import type { ApiTokenAuth } from './api-token-auth';
import { apiToken, apiTokens, insertApiToken, lockApiToken, revokeApiToken, useApiToken } from './api-tokens.queries';


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
      await insertApiToken(db, auth.tenantId, {
        id,
        name: request.name,
        scope: request.scope,
        hash: issued.hash,
        hint: `${API_TOKEN_PREFIX}…${token.slice(-4)}`,
        createdBy: auth.userId,
      });
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
      return (await apiTokens(db, auth.tenantId)).map(isoTimes);
    });
  }

  /** Revokes a token: the next request with it is refused. Revoking a revoked token changes nothing. */
  revoke(auth: UserAuth, id: string, ip?: string): Promise<void> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      const row = isUuid(id) ? await lockApiToken(db, auth.tenantId, id) : undefined;
      if (!row) throw new NotFoundException('No such API token');
      if (row.revoked) return;
      await revokeApiToken(db, auth.tenantId, id, auth.userId);
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
      const row = await useApiToken(db, parsed.realm, parsed.hash);
      if (!row) return null;
      return { kind: 'api-token', tenantId: parsed.realm, tokenId: row.id, tokenName: row.name, scope: row.scope, createdBy: row.created_by, role: 'admin' };
    });
  }

  private async summary(db: EntityManager, tenantId: string, id: string): Promise<ApiTokenSummary> {
    const row = await apiToken(db, tenantId, id);
    if (!row) throw new NotFoundException('No such API token');
    return isoTimes(row);
  }
}
