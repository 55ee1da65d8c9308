import type { EntityManager } from 'typeorm';
import type { Role, TenantState } from '@fieldwork/contracts';
import { PLATFORM_REALM, execute, queryOne, queryReturning, raw, sql, type Sql } from '@fieldwork/server-core';

// ── Refresh sessions ────────────────────────────────────────────────────────────

/** Where a realm keeps its refresh tokens: tenants in refresh_tokens (RLS, scoped by tenant), operators in their own table. */
interface SessionTable {
  table: Sql;
  owner: Sql;
  /** `tenant_id = … AND` for a tenant's tokens; nothing for operators'. */
  scope: Sql;
}

function sessionTable(realm: string): SessionTable {
  return realm === PLATFORM_REALM
    ? { table: raw('operator_refresh_tokens'), owner: raw('operator_id'), scope: sql`` }
    : { table: raw('refresh_tokens'), owner: raw('user_id'), scope: sql`tenant_id = ${realm} AND` };
}

/** One row of `claimRefreshToken`. */
export interface ClaimedTokenRow {
  owner_id: string;
  family_id: string;
}

/** Marks a live, unused token used (once: a second claim finds nothing); answers its owner and family. */
export async function claimRefreshToken(db: EntityManager, realm: string, hash: Buffer): Promise<ClaimedTokenRow | undefined> {
  const { table, owner, scope } = sessionTable(realm);
  const [row] = await queryReturning<ClaimedTokenRow>(
    db,
    sql`UPDATE ${table} SET used_at = now()
          WHERE ${scope} token_hash = ${hash} AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
          RETURNING ${owner} AS owner_id, family_id`,
  );
  return row;
}

/** One row of `refreshToken`. */
export interface RefreshTokenRow {
  owner_id: string;
  family_id: string;
  used_at: Date | null;
}

/** The token with this hash, whatever its state. */
export function refreshToken(db: EntityManager, realm: string, hash: Buffer): Promise<RefreshTokenRow | undefined> {
  const { table, owner, scope } = sessionTable(realm);
  return queryOne<RefreshTokenRow>(db, sql`SELECT ${owner} AS owner_id, family_id, used_at FROM ${table} WHERE ${scope} token_hash = ${hash}`);
}

/** Ends a session: every live token of its family. */
export function revokeTokenFamily(db: EntityManager, realm: string, familyId: string): Promise<number> {
  const { table, scope } = sessionTable(realm);
  return execute(db, sql`UPDATE ${table} SET revoked_at = now() WHERE ${scope} family_id = ${familyId} AND revoked_at IS NULL`);
}

/** Ends every session of a user, or every one but the family `keptFamily` (the one a password change came from). */
export function revokeUserSessions(db: EntityManager, tenantId: string, userId: string, keptFamily?: string | null): Promise<number> {
  const except = keptFamily === undefined ? sql`` : sql` AND family_id IS DISTINCT FROM ${keptFamily}`;
  return execute(db, sql`UPDATE refresh_tokens SET revoked_at = now() WHERE tenant_id = ${tenantId} AND user_id = ${userId} AND revoked_at IS NULL${except}`);
}

export interface NewRefreshToken {
  id: string;
  familyId: string;
  hash: Buffer;
  expiresAt: Date;
}

export function insertUserRefreshToken(db: EntityManager, tenantId: string, userId: string, token: NewRefreshToken): Promise<number> {
  return execute(
    db,
    sql`INSERT INTO refresh_tokens (tenant_id, id, user_id, family_id, token_hash, expires_at)
        VALUES (${tenantId}, ${token.id}, ${userId}, ${token.familyId}, ${token.hash}, ${token.expiresAt})`,
  );
}

export function insertOperatorRefreshToken(db: EntityManager, operatorId: string, token: NewRefreshToken): Promise<number> {
  return execute(
    db,
    sql`INSERT INTO operator_refresh_tokens (id, operator_id, family_id, token_hash, expires_at)
        VALUES (${token.id}, ${operatorId}, ${token.familyId}, ${token.hash}, ${token.expiresAt})`,
  );
}

/** The family of the user's token with this hash (the session a request came from). */
export async function userTokenFamily(db: EntityManager, tenantId: string, userId: string, hash: Buffer): Promise<string | undefined> {
  const row = await queryOne<{ family_id: string }>(db, sql`SELECT family_id FROM refresh_tokens WHERE tenant_id = ${tenantId} AND user_id = ${userId} AND token_hash = ${hash}`);
  return row?.family_id;
}

// ── Accounts ────────────────────────────────────────────────────────────────────

/** One row of `tenantBySlug`. */
export interface TenantStateRow {
  id: string;
  state: TenantState;
}

export function tenantBySlug(db: EntityManager, slug: string): Promise<TenantStateRow | undefined> {
  return queryOne<TenantStateRow>(db, sql`SELECT id, state FROM tenants WHERE slug = ${slug}`);
}

export async function tenantState(db: EntityManager, tenantId: string): Promise<TenantState | undefined> {
  const row = await queryOne<{ state: TenantState }>(db, sql`SELECT state FROM tenants WHERE id = ${tenantId}`);
  return row?.state;
}

/** One row of `userForSignIn`. */
export interface SignInUserRow {
  id: string;
  role: Role;
  active: boolean;
  password_hash: string | null;
}

export function userForSignIn(db: EntityManager, tenantId: string, email: string): Promise<SignInUserRow | undefined> {
  return queryOne<SignInUserRow>(db, sql`SELECT id, role, active, password_hash FROM users WHERE tenant_id = ${tenantId} AND email = ${email}`);
}

/** One row of `activeUser`. */
export interface ActiveUserRow {
  id: string;
  role: Role;
}

/** The user when their account is active (they may sign in), with their role now. */
export function activeUser(db: EntityManager, tenantId: string, userId: string): Promise<ActiveUserRow | undefined> {
  return queryOne<ActiveUserRow>(db, sql`SELECT id, role FROM users WHERE tenant_id = ${tenantId} AND id = ${userId} AND active`);
}

/** One row of `passwordOwner`. */
export interface PasswordOwnerRow {
  email: string;
  name: string;
  password_hash: string | null;
  tenant_name: string;
  slug: string;
}

/** A user's password hash and the words a new password must not be built from. */
export function passwordOwner(db: EntityManager, tenantId: string, userId: string): Promise<PasswordOwnerRow | undefined> {
  return queryOne<PasswordOwnerRow>(
    db,
    sql`SELECT u.email, u.name, u.password_hash, t.name AS tenant_name, t.slug FROM users u JOIN tenants t ON t.id = u.tenant_id
          WHERE u.tenant_id = ${tenantId} AND u.id = ${userId}`,
  );
}

export function setUserPassword(db: EntityManager, tenantId: string, userId: string, passwordHash: string): Promise<number> {
  return execute(db, sql`UPDATE users SET password_hash = ${passwordHash}, updated_at = now() WHERE tenant_id = ${tenantId} AND id = ${userId}`);
}

/** An invited person's own name and first password. */
export function activateUser(db: EntityManager, tenantId: string, userId: string, name: string, passwordHash: string): Promise<number> {
  return execute(db, sql`UPDATE users SET name = ${name}, password_hash = ${passwordHash}, updated_at = now() WHERE tenant_id = ${tenantId} AND id = ${userId}`);
}

/** One row of `userProfile`. */
export interface UserProfileRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  tenant_id: string;
  slug: string;
  tenant_name: string;
  timezone: string;
}

export function userProfile(db: EntityManager, tenantId: string, userId: string): Promise<UserProfileRow | undefined> {
  return queryOne<UserProfileRow>(
    db,
    sql`SELECT u.id, u.email, u.name, u.role, t.id AS tenant_id, t.slug, t.name AS tenant_name, t.timezone
         FROM users u JOIN tenants t ON t.id = u.tenant_id
        WHERE u.tenant_id = ${tenantId} AND u.id = ${userId}`,
  );
}
