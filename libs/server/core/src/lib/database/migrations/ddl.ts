import { QueryRunner } from 'typeorm';
import { enableTenantIsolationSql } from '../rls';

/**
 * Small pieces of DDL the migrations share. Migrations are history: a helper here must keep producing
 * exactly the statements it produced when they ran (changing one changes no database already migrated,
 * but would make a new database differ from an old one).
 */

/** Row-level security on tenant tables, table after table (enableTenantIsolationSql's statements). */
export async function enableTenantRls(db: QueryRunner, ...tables: string[]): Promise<void> {
  for (const table of tables) {
    for (const statement of enableTenantIsolationSql(table)) await db.query(statement);
  }
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
