import { QueryRunner } from 'typeorm';
import { enableTenantIsolationSql } from '../rls';

/**
 * Small pieces of DDL the migrations share. Migrations are history: a helper here must keep giving a new
 * database exactly the schema the migrations gave when they ran (changing one changes no database already
 * migrated, but would make a new database differ from an old one). Check a change with `pg_dump --schema-only`
 * of a freshly migrated database before and after: the two dumps must not differ.
 */

/** Row-level security on tenant tables, table after table (enableTenantIsolationSql's statements). */
export async function enableTenantRls(db: QueryRunner, ...tables: string[]): Promise<void> {
  for (const table of tables) {
    for (const statement of enableTenantIsolationSql(table)) await db.query(statement);
  }
}

/** A down() step: `DROP <kind> <name>` for each name, in the order given (dependents first). */
export async function dropInOrder(db: QueryRunner, kind: 'TABLE' | 'INDEX' | 'FUNCTION', names: string[]): Promise<void> {
  for (const name of names) await db.query(`DROP ${kind} ${name}`);
}

/** How tenantTableSql declares a tenant table's key and its tenant_id column. */
export interface TenantTableOptions {
  /**
   * The primary key's columns after tenant_id, declared in the body. Without it the table is keyed by
   * `(tenant_id, id)`, and tenantTableSql declares that `id uuid NOT NULL` column itself, right after tenant_id.
   */
  key?: string;
  /**
   * Whether tenant_id itself references tenants ON DELETE CASCADE (true unless given). Several tables were
   * written without that foreign key (their rows go with the tenant through their keys to users, cohorts…)
   * and, migrations being history, stay that way.
   */
  referencesTenants?: boolean;
}

/**
 * The CREATE TABLE of a tenant table, in the convention they all follow: `tenant_id` first, then (unless
 * `key` names other columns) `id uuid`, then the table's own columns and constraints (`body`: one per line
 * at a CREATE TABLE's indentation, starting on a new line, no comma after the last), then the primary key
 * `(tenant_id, key)`. Row-level security is not included: see createTenantTable, or enableTenantRls for
 * a migration that fills the table before its policy applies.
 */
export function tenantTableSql(table: string, body: string, options: TenantTableOptions = {}): string {
  const { key, referencesTenants = true } = options;
  const tenantsForeignKey = referencesTenants ? ' REFERENCES tenants (id) ON DELETE CASCADE' : '';
  const idColumn = key === undefined ? '\n        id uuid NOT NULL,' : '';
  return `
      CREATE TABLE ${table} (
        tenant_id uuid NOT NULL${tenantsForeignKey},${idColumn}${body},
        PRIMARY KEY (tenant_id, ${key ?? 'id'})
      )`;
}

/** Creates a tenant table (tenantTableSql) with row-level security forced on it from the start. */
export async function createTenantTable(db: QueryRunner, table: string, body: string, options?: TenantTableOptions): Promise<void> {
  await db.query(tenantTableSql(table, body, options));
  await enableTenantRls(db, table);
}

/**
 * The columns of a file a worker builds and keeps for a few days (a CSV export, a person's copy of
 * their data, a whole career center's export): its state, its progress counted in `unit`, the file,
 * the attempts and the times. One column per line at a CREATE TABLE's indentation; no comma after the last.
 */
export function builtFileColumns(unit: 'rows' | 'items', counter: 'integer' | 'bigint'): string {
  return [
    `status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed', 'expired'))`,
    `total_${unit} ${counter} CHECK (total_${unit} >= 0)`,
    `done_${unit} ${counter} NOT NULL DEFAULT 0 CHECK (done_${unit} >= 0)`,
    'file_path text',
    'file_size bigint',
    'error text',
    'attempts integer NOT NULL DEFAULT 0',
    'created_at timestamptz NOT NULL DEFAULT now()',
    'started_at timestamptz',
    'finished_at timestamptz',
    'expires_at timestamptz',
  ].join(',\n        ');
}
