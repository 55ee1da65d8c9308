import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { TENANT_SETTING, execute, join, queryOne, queryRows, raw, sql, type Sql } from '@fieldwork/server-core';
import type { BuiltFileTable } from '@fieldwork/server-exports';
import type { PlatformAuditAction, TenantExportStatus, TenantState } from '@fieldwork/contracts';

/**
 * Every SQL statement of offboarding: whole-tenant exports, closing, restoring and
 * deleting a career center, the platform audit, and the catalog reads behind them.
 * Table and column names spliced in come from PostgreSQL's catalog, quoted, never from a request.
 */

/** The transaction acts in the tenant's context (RLS), until it ends. */
export async function useTenant(db: EntityManager, tenantId: string): Promise<void> {
  await queryRows(db, sql`SELECT set_config(${TENANT_SETTING}, ${tenantId}, true)`);
}

// --- the platform audit -----------------------------------------------------------

export interface PlatformAuditRecord {
  action: PlatformAuditAction;
  operatorId: string | null;
  tenantId: string;
  /** Ids, hashes and counts only: never a name, an e-mail or a slug in clear. */
  details?: Record<string, unknown>;
}

/** The platform audit: outlives the tenant it is about, so it holds no personal data. */
export async function recordPlatformAudit(db: EntityManager, record: PlatformAuditRecord): Promise<void> {
  await execute(
    db,
    sql`INSERT INTO platform_audit_events (id, action, operator_id, target_tenant_id, details)
        VALUES (${randomUUID()}, ${record.action}, ${record.operatorId}, ${record.tenantId}, ${JSON.stringify(record.details ?? {})})`,
  );
}

// --- tenant exports: the API ------------------------------------------------------

/** The tenant's state, share-locked while an export is requested. */
export async function lockTenantState(db: EntityManager, tenantId: string): Promise<TenantState | undefined> {
  return (await queryOne<{ state: TenantState }>(db, sql`SELECT state FROM tenants WHERE id = ${tenantId} FOR SHARE`))?.state;
}

export function insertTenantExport(db: EntityManager, id: string, tenantId: string, operatorId: string): Promise<number> {
  return execute(db, sql`INSERT INTO tenant_exports (id, target_tenant_id, requested_by) VALUES (${id}, ${tenantId}, ${operatorId})`);
}

/** One row of `tenantExport`: the export and its tenant's slug. */
export interface TenantExportRow {
  id: string;
  target_tenant_id: string;
  requested_by: string | null;
  status: TenantExportStatus;
  /** bigint: PostgreSQL's text. */
  total_rows: string | null;
  done_rows: string;
  file_path: string | null;
  file_size: string | null;
  error: string | null;
  attempts: number;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  expires_at: Date | null;
  slug: string;
}

export function tenantExport(db: EntityManager, id: string): Promise<TenantExportRow | undefined> {
  return queryOne<TenantExportRow>(db, sql`SELECT e.*, t.slug FROM tenant_exports e JOIN tenants t ON t.id = e.target_tenant_id WHERE e.id = ${id}`);
}

// --- tenant exports: the worker ---------------------------------------------------

/** The export's state and its tenant's slug, locked. */
export function lockTenantExportToBuild(db: EntityManager, exportId: string, tenantId: string): Promise<{ status: TenantExportStatus; slug: string } | undefined> {
  return queryOne<{ status: TenantExportStatus; slug: string }>(
    db,
    sql`SELECT e.status, t.slug FROM tenant_exports e JOIN tenants t ON t.id = e.target_tenant_id
         WHERE e.id = ${exportId} AND e.target_tenant_id = ${tenantId} FOR UPDATE OF e`,
  );
}

/**
 * tenant_exports as a table of built files, of the career center it exports (`target_tenant_id`): the
 * worker's start, progress and outcome are the built-file statements of server-exports on it.
 */
export const TENANT_EXPORTS_TABLE: BuiltFileTable = { name: 'tenant_exports', tenantColumn: 'target_tenant_id', doneColumn: 'done_rows', totalColumn: 'total_rows' };

/** Done exports past their expiry, locked (rows another sweep holds are skipped). */
export function expiredTenantExports(db: EntityManager): Promise<{ id: string; file_path: string | null }[]> {
  return queryRows<{ id: string; file_path: string | null }>(
    db,
    sql`SELECT id, file_path FROM tenant_exports WHERE status = 'done' AND expires_at <= now() FOR UPDATE SKIP LOCKED`,
  );
}

/** Expired: the file is gone, the row stays for the record. */
export function markTenantExportsExpired(db: EntityManager, ids: string[]): Promise<number> {
  return execute(db, sql`UPDATE tenant_exports SET status = 'expired', file_path = NULL WHERE id = ANY(${ids}::uuid[])`);
}

// --- closing, restoring, deleting ---------------------------------------------------

/** One row of `lockTenantToClose`. */
export interface TenantToCloseRow {
  slug: string;
  state: TenantState;
  delete_after: Date | null;
}

export function lockTenantToClose(db: EntityManager, tenantId: string): Promise<TenantToCloseRow | undefined> {
  return queryOne<TenantToCloseRow>(db, sql`SELECT slug, state, delete_after FROM tenants WHERE id = ${tenantId} FOR UPDATE`);
}

/** Closes the tenant now, to be deleted after `graceDays`; answers when. */
export async function closeTenant(db: EntityManager, tenantId: string, operatorId: string, graceDays: number): Promise<{ closed_at: Date; delete_after: Date }> {
  const row = await queryOne<{ closed_at: Date; delete_after: Date }>(
    db,
    sql`WITH closed AS (
          UPDATE tenants SET state = 'closing', closed_at = now(), closed_by = ${operatorId}, delete_after = now() + make_interval(days => ${graceDays})
           WHERE id = ${tenantId} RETURNING closed_at, delete_after
        ) SELECT closed_at, delete_after FROM closed`,
  );
  if (!row) throw new Error(`tenant ${tenantId} vanished while being closed`);
  return row;
}

/** The tenant's state and whether its grace period is still running, locked. */
export function lockTenantToRestore(db: EntityManager, tenantId: string): Promise<{ state: TenantState; in_grace: boolean | null } | undefined> {
  return queryOne<{ state: TenantState; in_grace: boolean | null }>(
    db,
    sql`SELECT state, delete_after > now() AS in_grace FROM tenants WHERE id = ${tenantId} FOR UPDATE`,
  );
}

export function restoreTenant(db: EntityManager, tenantId: string): Promise<number> {
  return execute(db, sql`UPDATE tenants SET state = 'active', closed_at = NULL, closed_by = NULL, delete_after = NULL WHERE id = ${tenantId}`);
}

/** Closed career centers whose grace period has passed. */
export function tenantsDueForDeletion(db: EntityManager): Promise<{ id: string; closed_at: Date }[]> {
  return queryRows<{ id: string; closed_at: Date }>(db, sql`SELECT id, closed_at FROM tenants WHERE state <> 'active' AND delete_after <= now()`);
}

/** The tenant's state and whether its grace period has passed, locked. */
export function lockTenantToDelete(db: EntityManager, tenantId: string): Promise<{ state: TenantState; due: boolean | null } | undefined> {
  return queryOne<{ state: TenantState; due: boolean | null }>(db, sql`SELECT state, delete_after <= now() AS due FROM tenants WHERE id = ${tenantId} FOR UPDATE`);
}

export function markTenantDeleting(db: EntityManager, tenantId: string): Promise<number> {
  return execute(db, sql`UPDATE tenants SET state = 'deleting' WHERE id = ${tenantId}`);
}

/** One row of `lockDeletedTenant`: what the audit record of the deletion needs. */
export interface DeletedTenantRow {
  slug: string;
  closed_by: string | null;
  /** Rows deleted per table (jsonb; numbers as JSON numbers). */
  deleted_rows: Record<string, number | string>;
}

export function lockDeletedTenant(db: EntityManager, tenantId: string): Promise<DeletedTenantRow | undefined> {
  return queryOne<DeletedTenantRow>(db, sql`SELECT slug, closed_by, deleted_rows FROM tenants WHERE id = ${tenantId} FOR UPDATE`);
}

export function deleteTenantRow(db: EntityManager, tenantId: string): Promise<number> {
  return execute(db, sql`DELETE FROM tenants WHERE id = ${tenantId}`);
}

/** Deletes up to `limit` of the tenant's rows of one table and adds how many to the tenant's `deleted_rows`; answers how many. */
export async function deleteTenantRowsBatch(db: EntityManager, tenantId: string, table: Sql, tableName: string, limit: number): Promise<number> {
  const gone =
    (
      await queryOne<{ n: number }>(
        db,
        sql`WITH gone AS (
              DELETE FROM ${table} WHERE ctid = ANY(ARRAY(SELECT ctid FROM ${table} WHERE tenant_id = ${tenantId} LIMIT ${limit})) RETURNING 1
            ) SELECT count(*)::int AS n FROM gone`,
      )
    )?.n ?? 0;
  if (gone) {
    await execute(
      db,
      sql`UPDATE tenants SET deleted_rows = jsonb_set(deleted_rows, ARRAY[${tableName}::text], to_jsonb(COALESCE((deleted_rows ->> ${tableName})::bigint, 0) + ${gone}))
           WHERE id = ${tenantId}`,
    );
  }
  return gone;
}

// --- the catalog ------------------------------------------------------------------------

/** A table of `public` with a `tenant_id` column, and its column names in table order. */
export interface CatalogTableRow {
  name: string;
  columns: string[];
}

/** Every table of `public` with a `tenant_id` column, with its columns, by table name. */
export function tenantTables(db: EntityManager): Promise<CatalogTableRow[]> {
  return queryRows<CatalogTableRow>(
    db,
    sql`
  SELECT c.relname::text AS name, array_agg(a.attname::text ORDER BY a.attnum) AS columns
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
   WHERE c.relkind IN ('r', 'p')
     AND EXISTS (SELECT 1 FROM pg_attribute t WHERE t.attrelid = c.oid AND t.attname = 'tenant_id' AND NOT t.attisdropped)
   GROUP BY c.relname
   ORDER BY c.relname`,
  );
}

/** One row of `foreignKeys`: a table that references another. */
export interface CatalogReferenceRow {
  child: string;
  parent: string;
}

/** Every foreign key between two different tables of `public`. */
export function foreignKeys(db: EntityManager): Promise<CatalogReferenceRow[]> {
  return queryRows<CatalogReferenceRow>(
    db,
    sql`
  SELECT child.relname AS child, parent.relname AS parent
    FROM pg_constraint f
    JOIN pg_class child ON child.oid = f.conrelid
    JOIN pg_class parent ON parent.oid = f.confrelid
   WHERE f.contype = 'f' AND f.connamespace = 'public'::regnamespace AND child.oid <> parent.oid`,
  );
}

/** The columns of `tenants`, in table order. */
export async function tenantsColumns(db: EntityManager): Promise<string[]> {
  const rows = await queryRows<{ column: string }>(
    db,
    sql`SELECT attname AS column FROM pg_attribute WHERE attrelid = 'public.tenants'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
  );
  return rows.map((row) => row.column);
}

/** How many rows of `table` belong to the tenant. */
export async function countTenantRows(db: EntityManager, table: Sql, tenantId: string): Promise<number> {
  return Number((await queryOne<{ n: string }>(db, sql`SELECT count(*)::bigint AS n FROM ${table} WHERE tenant_id = ${tenantId}`))?.n ?? 0);
}

/** Every column of the tenant's rows of `table` as PostgreSQL's text, as c0, c1, … (`key` is `tenant_id`, or `id` for `tenants`). */
export function tenantRowsAsText(table: Sql, columns: Sql[], key: 'tenant_id' | 'id', tenantId: string): Sql {
  const select = join(
    columns.map((column, index) => sql`${column}::text AS ${raw(`c${index}`)}`),
    ', ',
  );
  return sql`SELECT ${select} FROM ${table} WHERE ${raw(key)} = ${tenantId}`;
}
