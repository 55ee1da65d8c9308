import type { EntityManager } from 'typeorm';
import { execute, sql } from '@fieldwork/server-core';

/** Deletes the tenant's refresh tokens a day past expiry or 30 days past revocation; answers how many. */
export function deleteDeadRefreshTokens(db: EntityManager, tenantId: string): Promise<number> {
  return execute(
    db,
    sql`DELETE FROM refresh_tokens
          WHERE tenant_id = ${tenantId} AND (expires_at < now() - interval '1 day' OR revoked_at < now() - interval '30 days')`,
  );
}

/** Deletes the tenant's invitations never accepted and expired 30 days ago; answers how many. */
export function deleteDeadInvitations(db: EntityManager, tenantId: string): Promise<number> {
  return execute(
    db,
    sql`DELETE FROM invitations
          WHERE tenant_id = ${tenantId} AND accepted_at IS NULL AND expires_at < now() - interval '30 days'`,
  );
}
