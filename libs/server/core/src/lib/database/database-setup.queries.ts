import type { Client } from 'pg';
import { clientRows } from './owner-client';
import { sql } from './sql';

/** Waits for, then holds, the session-level advisory lock `key` (one database setup at a time). */
export async function advisoryLock(owner: Client, key: number): Promise<void> {
  await clientRows(owner, sql`SELECT pg_advisory_lock(${key})`);
}

export async function advisoryUnlock(owner: Client, key: number): Promise<void> {
  await clientRows(owner, sql`SELECT pg_advisory_unlock(${key})`);
}

export async function roleExists(owner: Client, role: string): Promise<boolean> {
  return (await clientRows(owner, sql`SELECT 1 FROM pg_roles WHERE rolname = ${role}`)).length > 0;
}

export async function currentDatabase(owner: Client): Promise<string> {
  const [row] = await clientRows<{ db: string }>(owner, sql`SELECT current_database() AS db`);
  return row.db;
}
