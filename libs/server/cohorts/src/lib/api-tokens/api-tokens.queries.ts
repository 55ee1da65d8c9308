import type { EntityManager } from 'typeorm';
import type { ApiTokenScope, ApiTokenSummary } from '@fieldwork/contracts';
import { execute, queryOne, queryRows, sql, type ContractRow } from '@fieldwork/server-core';

/** One row of `apiTokens` / `apiToken`: the contract's `ApiTokenSummary`, its times as Dates. */
export type ApiTokenRow = ContractRow<ApiTokenSummary, 'createdAt' | 'lastUsedAt' | 'revokedAt'>;

const SUMMARY = sql`SELECT t.id, t.name, t.scope, t.hint, t.created_at AS "createdAt", json_build_object('id', t.created_by, 'name', u.name) AS "createdBy",
                          t.last_used_at AS "lastUsedAt", t.revoked_at AS "revokedAt", t.revoked_at IS NOT NULL AS revoked
                   FROM api_tokens t JOIN users u ON u.tenant_id = t.tenant_id AND u.id = t.created_by`;

/** The tenant's tokens, live ones first, newest first (at most 200). */
export function apiTokens(db: EntityManager, tenantId: string): Promise<ApiTokenRow[]> {
  return queryRows<ApiTokenRow>(db, sql`${SUMMARY} WHERE t.tenant_id = ${tenantId} ORDER BY t.revoked_at IS NOT NULL, t.created_at DESC, t.id DESC LIMIT 200`);
}

export function apiToken(db: EntityManager, tenantId: string, id: string): Promise<ApiTokenRow | undefined> {
  return queryOne<ApiTokenRow>(db, sql`${SUMMARY} WHERE t.tenant_id = ${tenantId} AND t.id = ${id}`);
}

export function insertApiToken(
  db: EntityManager,
  tenantId: string,
  token: { id: string; name: string; scope: ApiTokenScope; hash: Buffer; hint: string; createdBy: string },
): Promise<number> {
  return execute(
    db,
    sql`INSERT INTO api_tokens (tenant_id, id, name, scope, token_hash, hint, created_by)
        VALUES (${tenantId}, ${token.id}, ${token.name}, ${token.scope}, ${token.hash}, ${token.hint}, ${token.createdBy})`,
  );
}

/** One row of `lockApiToken`. */
export interface ApiTokenStateRow {
  revoked: boolean;
  name: string;
}

/** Whether the token is revoked, its row locked until the transaction ends. */
export function lockApiToken(db: EntityManager, tenantId: string, id: string): Promise<ApiTokenStateRow | undefined> {
  return queryOne<ApiTokenStateRow>(db, sql`SELECT revoked_at IS NOT NULL AS revoked, name FROM api_tokens WHERE tenant_id = ${tenantId} AND id = ${id} FOR UPDATE`);
}

export function revokeApiToken(db: EntityManager, tenantId: string, id: string, revokedBy: string): Promise<number> {
  return execute(db, sql`UPDATE api_tokens SET revoked_at = now(), revoked_by = ${revokedBy} WHERE tenant_id = ${tenantId} AND id = ${id}`);
}

/** One row of `useApiToken`. */
export interface UsedApiTokenRow {
  id: string;
  name: string;
  scope: ApiTokenScope;
  created_by: string;
}

/** The live token with this hash of an active career center, its last use set to now; undefined when there is none. */
export function useApiToken(db: EntityManager, tenantId: string, hash: Buffer): Promise<UsedApiTokenRow | undefined> {
  return queryOne<UsedApiTokenRow>(
    db,
    sql`WITH used AS (
           UPDATE api_tokens t SET last_used_at = now()
             FROM tenants tn
            WHERE t.tenant_id = ${tenantId} AND t.token_hash = ${hash} AND t.revoked_at IS NULL AND tn.id = t.tenant_id AND tn.state = 'active'
            RETURNING t.id, t.name, t.scope, t.created_by)
         SELECT * FROM used`,
  );
}
