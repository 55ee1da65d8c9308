import type { Client } from 'pg';
import { clientRows } from '../database/owner-client';
import { sql } from '../database/sql';

/** Stores a platform secret unless one of that name exists (concurrent first boots race here; the first wins). */
export async function insertSecretIfAbsent(owner: Client, name: string, value: string): Promise<void> {
  await clientRows(owner, sql`INSERT INTO platform_private.secrets (name, value) VALUES (${name}, ${value}) ON CONFLICT (name) DO NOTHING`);
}

export async function secretValue(owner: Client, name: string): Promise<string | undefined> {
  const [row] = await clientRows<{ value: string }>(owner, sql`SELECT value FROM platform_private.secrets WHERE name = ${name}`);
  return row?.value;
}
