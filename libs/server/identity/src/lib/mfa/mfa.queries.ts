import type { EntityManager } from 'typeorm';
import type { Role } from '@fieldwork/contracts';
import { execute, queryOne, queryReturning, raw, sql, type Sql } from '@fieldwork/server-core';

/** Who owns a factor: a person of a career center, or a platform operator. */
export type MfaOwner = { kind: 'user'; userId: string; tenantId: string } | { kind: 'operator'; operatorId: string };

/** Where an owner's factor lives: `user_mfa` (row-level security) or `operator_mfa` (platform). */
function place(owner: MfaOwner): { table: Sql; where: Sql } {
  return owner.kind === 'user'
    ? { table: raw('user_mfa'), where: sql`tenant_id = ${owner.tenantId} AND user_id = ${owner.userId}` }
    : { table: raw('operator_mfa'), where: sql`operator_id = ${owner.operatorId}` };
}

/** One row of `factor`. */
export interface FactorRow {
  totp_secret: string;
  enabled_at: Date | null;
  /** bigint: PostgreSQL answers it as text. */
  last_step: string | null;
  codes_left: number | null;
}

/** The owner's factor (confirmed or not); `lock` holds it until the transaction ends. */
export function factor(db: EntityManager, owner: MfaOwner, lock: boolean): Promise<FactorRow | undefined> {
  const { table, where } = place(owner);
  return queryOne<FactorRow>(
    db,
    sql`SELECT totp_secret, enabled_at, last_step, cardinality(recovery_code_hashes) AS codes_left FROM ${table} WHERE ${where}${lock ? sql` FOR UPDATE` : sql``}`,
  );
}

/** A new, unconfirmed secret, replacing one not yet confirmed. */
export function upsertFactorSecret(db: EntityManager, owner: MfaOwner, sealedSecret: string): Promise<number> {
  return owner.kind === 'user'
    ? execute(
        db,
        sql`INSERT INTO user_mfa (tenant_id, user_id, totp_secret) VALUES (${owner.tenantId}, ${owner.userId}, ${sealedSecret})
           ON CONFLICT (tenant_id, user_id) DO UPDATE SET totp_secret = EXCLUDED.totp_secret, last_step = NULL, created_at = now()`,
      )
    : execute(
        db,
        sql`INSERT INTO operator_mfa (operator_id, totp_secret) VALUES (${owner.operatorId}, ${sealedSecret})
           ON CONFLICT (operator_id) DO UPDATE SET totp_secret = EXCLUDED.totp_secret, last_step = NULL, created_at = now()`,
      );
}

/** Turns the factor on, remembering the first accepted step and the recovery codes' hashes. */
export function enableFactor(db: EntityManager, owner: MfaOwner, step: number, recoveryCodeHashes: Buffer[]): Promise<number> {
  const { table, where } = place(owner);
  return execute(db, sql`UPDATE ${table} SET enabled_at = now(), last_step = ${step}, recovery_code_hashes = ${recoveryCodeHashes} WHERE ${where}`);
}

export function deleteFactor(db: EntityManager, owner: MfaOwner): Promise<number> {
  const { table, where } = place(owner);
  return execute(db, sql`DELETE FROM ${table} WHERE ${where}`);
}

/** Remembers the time step of an accepted code (so it, and earlier ones, are not accepted again). */
export function setLastStep(db: EntityManager, owner: MfaOwner, step: number): Promise<number> {
  const { table, where } = place(owner);
  return execute(db, sql`UPDATE ${table} SET last_step = ${step} WHERE ${where}`);
}

/** Uses up a recovery code: answers 1 when the hash was one of the owner's unused codes, else 0. */
export function useRecoveryCode(db: EntityManager, owner: MfaOwner, hash: Buffer): Promise<number> {
  const { table, where } = place(owner);
  return execute(
    db,
    sql`UPDATE ${table} SET recovery_code_hashes = array_remove(recovery_code_hashes, ${hash})
        WHERE ${where} AND ${hash} = ANY (recovery_code_hashes)`,
  );
}

/** A person's factor removed (an administrator's reset); answers whether it was on, undefined when there was none. */
export async function deleteUserFactor(db: EntityManager, tenantId: string, userId: string): Promise<{ enabled_at: Date | null } | undefined> {
  const [row] = await queryReturning<{ enabled_at: Date | null }>(db, sql`DELETE FROM user_mfa WHERE tenant_id = ${tenantId} AND user_id = ${userId} RETURNING enabled_at`);
  return row;
}

/** One row of `staffRequirement`. */
export interface StaffRequirementRow {
  required: boolean;
  role: Role;
}

/** Whether the person's career center requires two-step sign-in for staff, and the person's role. */
export function staffRequirement(db: EntityManager, tenantId: string, userId: string): Promise<StaffRequirementRow | undefined> {
  return queryOne<StaffRequirementRow>(
    db,
    sql`SELECT t.mfa_required_for_staff AS required, u.role FROM tenants t JOIN users u ON u.tenant_id = t.id WHERE t.id = ${tenantId} AND u.id = ${userId}`,
  );
}

export async function userExists(db: EntityManager, tenantId: string, userId: string): Promise<boolean> {
  return (await queryOne<{ id: string }>(db, sql`SELECT id FROM users WHERE tenant_id = ${tenantId} AND id = ${userId}`)) !== undefined;
}

export async function requiredForStaff(db: EntityManager, tenantId: string): Promise<boolean | undefined> {
  const row = await queryOne<{ required: boolean }>(db, sql`SELECT mfa_required_for_staff AS required FROM tenants WHERE id = ${tenantId}`);
  return row?.required;
}

/** Sets the career center's rule; answers the rule before, undefined when there is no such career center. */
export async function setRequiredForStaff(db: EntityManager, tenantId: string, required: boolean): Promise<boolean | undefined> {
  const [row] = await queryReturning<{ was: boolean }>(
    db,
    sql`UPDATE tenants t SET mfa_required_for_staff = ${required} FROM tenants old WHERE t.id = ${tenantId} AND old.id = t.id RETURNING old.mfa_required_for_staff AS was`,
  );
  return row?.was;
}

export async function operatorEmail(db: EntityManager, operatorId: string): Promise<string | undefined> {
  return (await queryOne<{ email: string }>(db, sql`SELECT email FROM operators WHERE id = ${operatorId}`))?.email;
}

/** One row of `userAndTenantName`. */
export interface UserLabelRow {
  email: string;
  name: string;
}

/** The person's e-mail and their career center's name (an authenticator app's label). */
export function userAndTenantName(db: EntityManager, tenantId: string, userId: string): Promise<UserLabelRow | undefined> {
  return queryOne<UserLabelRow>(db, sql`SELECT u.email, t.name FROM users u JOIN tenants t ON t.id = u.tenant_id WHERE u.tenant_id = ${tenantId} AND u.id = ${userId}`);
}
