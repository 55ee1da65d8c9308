import type { EntityManager } from 'typeorm';
import { execute, queryOne, sql } from '@fieldwork/server-core';

/** Operators: platform tables, no tenant and no row-level security. */

/** One row of `operatorProfile`. */
export interface OperatorProfileRow {
  id: string;
  email: string;
  name: string;
}

export function operatorProfile(db: EntityManager, operatorId: string): Promise<OperatorProfileRow | undefined> {
  return queryOne<OperatorProfileRow>(db, sql`SELECT id, email, name FROM operators WHERE id = ${operatorId}`);
}

/** Whether the operator still exists. */
export async function operatorExists(db: EntityManager, operatorId: string): Promise<boolean> {
  return (await queryOne<{ id: string }>(db, sql`SELECT id FROM operators WHERE id = ${operatorId}`)) !== undefined;
}

/** One row of `operatorByEmail`. */
export interface OperatorPasswordRow {
  id: string;
  password_hash: string;
}

/** The operator with this e-mail; `forUpdate` locks the row until the transaction ends. */
export function operatorByEmail(db: EntityManager, email: string, options: { forUpdate?: boolean } = {}): Promise<OperatorPasswordRow | undefined> {
  return queryOne<OperatorPasswordRow>(db, sql`SELECT id, password_hash FROM operators WHERE email = ${email}${options.forUpdate ? sql` FOR UPDATE` : sql``}`);
}

export function setOperatorPassword(db: EntityManager, operatorId: string, passwordHash: string): Promise<number> {
  return execute(db, sql`UPDATE operators SET password_hash = ${passwordHash} WHERE id = ${operatorId}`);
}

export function insertOperator(db: EntityManager, operator: { id: string; email: string; name: string; passwordHash: string }): Promise<number> {
  return execute(db, sql`INSERT INTO operators (id, email, name, password_hash) VALUES (${operator.id}, ${operator.email}, ${operator.name}, ${operator.passwordHash})`);
}
