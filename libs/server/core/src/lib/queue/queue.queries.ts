import type { EntityManager } from 'typeorm';
import { queryRows, sql } from '../database/sql';

/** One row of `allTenantIds` / `activeTenantIds`. */
export interface TenantIdRow {
  id: string;
}

/** Every career center, whatever its state (platform transaction). */
export async function allTenantIds(db: EntityManager): Promise<string[]> {
  const rows = await queryRows<TenantIdRow>(db, sql`SELECT id FROM tenants ORDER BY id`);
  return rows.map((row) => row.id);
}

/** The career centers in use (not closed or being deleted), for scans that only concern them (platform transaction). */
export async function activeTenantIds(db: EntityManager): Promise<string[]> {
  const rows = await queryRows<TenantIdRow>(db, sql`SELECT id FROM tenants WHERE state = 'active' ORDER BY id`);
  return rows.map((row) => row.id);
}
