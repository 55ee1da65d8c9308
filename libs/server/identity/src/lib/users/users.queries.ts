import type { EntityManager } from 'typeorm';
import type { Role, UserSummary } from '@fieldwork/contracts';
import { execute, join, queryOne, queryRows, sql, type ContractRow, type Sql } from '@fieldwork/server-core';

/** One row of `userPage` / `userSummary`: the contract's `UserSummary`, created when as a Date. */
export type UserSummaryRow = ContractRow<UserSummary, 'createdAt'>;

const SUMMARY = sql`SELECT u.id, u.email, u.name, u.role, u.active, u.password_hash IS NOT NULL AS activated, u.created_at AS "createdAt" FROM users u`;

/** A page of the tenant's people by name, after the cursor's (lower(name), id); `limit + 1` rows. */
export function userPage(
  db: EntityManager,
  tenantId: string,
  filter: { role?: Role; search?: string; after: string[] | null; limit: number },
): Promise<UserSummaryRow[]> {
  const where: Sql[] = [sql`u.tenant_id = ${tenantId}`];
  if (filter.role) where.push(sql`u.role = ${filter.role}`);
  if (filter.search) {
    const pattern = `%${escapeLike(filter.search)}%`;
    where.push(sql`(u.name ILIKE ${pattern} OR u.email ILIKE ${pattern})`);
  }
  if (filter.after) where.push(sql`(lower(u.name), u.id) > (${filter.after[0]}, ${filter.after[1]}::uuid)`);
  return queryRows<UserSummaryRow>(db, sql`${SUMMARY} WHERE ${join(where, ' AND ')} ORDER BY lower(u.name), u.id LIMIT ${filter.limit + 1}`);
}

export function userSummary(db: EntityManager, tenantId: string, id: string): Promise<UserSummaryRow | undefined> {
  return queryOne<UserSummaryRow>(db, sql`${SUMMARY} WHERE u.tenant_id = ${tenantId} AND u.id = ${id}`);
}

export function updateUser(db: EntityManager, tenantId: string, id: string, change: { name: string; role: Role; active: boolean }): Promise<number> {
  return execute(
    db,
    sql`UPDATE users SET name = ${change.name}, role = ${change.role}, active = ${change.active}, updated_at = now() WHERE tenant_id = ${tenantId} AND id = ${id}`,
  );
}

/** The text matched literally by ILIKE: its `\`, `%` and `_` escaped. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (match) => `\\${match}`);
}
