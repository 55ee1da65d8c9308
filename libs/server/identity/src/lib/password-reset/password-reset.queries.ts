import type { EntityManager } from 'typeorm';
import { execute, queryOne, sql } from '@fieldwork/server-core';

/** One row of `resetTarget`. */
export interface ResetTargetRow {
  id: string;
  active: boolean;
  activated: boolean;
}

/** A person an administrator may send a reset link: whether they are active and have a password. */
export function resetTarget(db: EntityManager, tenantId: string, userId: string): Promise<ResetTargetRow | undefined> {
  return queryOne<ResetTargetRow>(db, sql`SELECT id, active, password_hash IS NOT NULL AS activated FROM users WHERE tenant_id = ${tenantId} AND id = ${userId}`);
}

/** The id of the open career center with this slug. */
export async function activeTenantBySlug(db: EntityManager, slug: string): Promise<string | undefined> {
  return (await queryOne<{ id: string }>(db, sql`SELECT id FROM tenants WHERE slug = ${slug} AND state = 'active'`))?.id;
}

/** The id of the active person with a password and this e-mail (who may reset it). */
export async function resettableUserId(db: EntityManager, tenantId: string, email: string): Promise<string | undefined> {
  const row = await queryOne<{ id: string }>(db, sql`SELECT id FROM users WHERE tenant_id = ${tenantId} AND email = ${email} AND active AND password_hash IS NOT NULL`);
  return row?.id;
}

/** One row of `resetAccount`. */
export interface ResetAccountRow {
  id: string;
  email: string;
  name: string;
  tenant_name: string;
  slug: string;
  timezone: string;
}

export function resetAccount(db: EntityManager, tenantId: string, userId: string): Promise<ResetAccountRow | undefined> {
  return queryOne<ResetAccountRow>(
    db,
    sql`SELECT u.id, u.email, u.name, t.name AS tenant_name, t.slug, t.timezone FROM users u JOIN tenants t ON t.id = u.tenant_id
        WHERE u.tenant_id = ${tenantId} AND u.id = ${userId}`,
  );
}

/** Every pending link of the person stops working. */
export function useUpPasswordResets(db: EntityManager, tenantId: string, userId: string): Promise<number> {
  return execute(db, sql`UPDATE password_resets SET used_at = now() WHERE tenant_id = ${tenantId} AND user_id = ${userId} AND used_at IS NULL`);
}

export function insertPasswordReset(
  db: EntityManager,
  tenantId: string,
  reset: { id: string; userId: string; hash: Buffer; requestedBy: string | null; expiresAt: Date },
): Promise<number> {
  return execute(
    db,
    sql`INSERT INTO password_resets (tenant_id, id, user_id, token_hash, requested_by, expires_at)
        VALUES (${tenantId}, ${reset.id}, ${reset.userId}, ${reset.hash}, ${reset.requestedBy}, ${reset.expiresAt})`,
  );
}

/** Earlier reset e-mails of the person lose their link; one not sent yet is dropped. */
export function forgetResetLinks(db: EntityManager, tenantId: string, userId: string): Promise<number> {
  return execute(
    db,
    sql`UPDATE email_deliveries SET link = NULL, status = CASE WHEN status = 'pending' THEN 'dropped' ELSE status END
        WHERE tenant_id = ${tenantId} AND user_id = ${userId} AND kind = 'password_reset' AND link IS NOT NULL`,
  );
}

/** One row of `passwordReset`. */
export interface PasswordResetRow {
  id: string;
  user_id: string;
  expires_at: Date;
  used_at: Date | null;
  email: string;
  name: string;
  active: boolean;
  tenant_name: string;
  slug: string;
}

/** The link with this token hash and its person; `lock` holds the link until the transaction ends. */
export function passwordReset(db: EntityManager, tenantId: string, hash: Buffer, lock: boolean): Promise<PasswordResetRow | undefined> {
  return queryOne<PasswordResetRow>(
    db,
    sql`SELECT r.id, r.user_id, r.expires_at, r.used_at, u.email, u.name, u.active, t.name AS tenant_name, t.slug
         FROM password_resets r
         JOIN users u ON u.tenant_id = r.tenant_id AND u.id = r.user_id
         JOIN tenants t ON t.id = r.tenant_id
        WHERE r.tenant_id = ${tenantId} AND r.token_hash = ${hash}${lock ? sql` FOR UPDATE OF r` : sql``}`,
  );
}
