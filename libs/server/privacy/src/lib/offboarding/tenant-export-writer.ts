import { stringify } from 'csv-stringify';
import { Readable, Writable } from 'node:stream';
import { writeZip } from '../zip-file';
import { EntityManager } from 'typeorm';
import { raw } from '@fieldwork/server-core';
import { cursorBatches } from '@fieldwork/server-exports';
import type { TenantExportManifest, TenantExportManifestTable } from '@fieldwork/contracts';
import { countTenantRows, tenantRowsAsText, tenantTables, tenantsColumns } from './offboarding.queries';
import { quoteIdent, type TenantTable } from './tenant-catalog';

/** Rows fetched per round trip from each table's server-side cursor. */
export const TENANT_EXPORT_FETCH_SIZE = 1_000;

export const TENANT_EXPORT_FORMAT =
  'One CSV file per table (UTF-8, a header row of column names). Every value is PostgreSQL’s text form of the stored value ' +
  '(json as JSON text, times as ISO 8601 with their offset), unchanged; as in COPY … CSV, an empty unquoted field is NULL and "" is an empty string. ' +
  'tenants.csv holds the career center’s own row.';

export interface TenantExportPlan {
  tenantId: string;
  slug: string;
  /** Every tenant table, plus the `tenants` row itself, with its row count. */
  tables: (TenantTable & { rows: number; key: 'tenant_id' | 'id' })[];
  totalRows: number;
}

/**
 * Counts what the ZIP will hold, from the catalog: every table of `public` with a
 * `tenant_id` column (rows of this tenant), and the tenant's own row. Runs in the
 * export's transaction, so the counts and the rows are one snapshot.
 */
export async function planTenantExport(db: EntityManager, tenantId: string, slug: string): Promise<TenantExportPlan> {
  const tables = await tenantTables(db);
  const planned: TenantExportPlan['tables'] = [{ name: 'tenants', columns: await tenantsColumns(db), rows: 1, key: 'id' }];
  for (const table of tables) {
    planned.push({ ...table, rows: await countTenantRows(db, raw(quoteIdent(table.name)), tenantId), key: 'tenant_id' });
  }
  return { tenantId, slug, tables: planned, totalRows: planned.reduce((sum, table) => sum + table.rows, 0) };
}

/**
 * Writes the ZIP into `file`, streaming: each table is one pass of a server-side
 * cursor (DECLARE … FETCH) over the tenant's rows, through csv-stringify and
 * archiver into the file with backpressure, one cursor open at a time, so memory
 * stays flat however big the tenant. Then manifest.json (tables, columns, row
 * counts, when). Runs in the caller's tenant transaction (RLS applies to every
 * cursor). `onProgress` is told the running row count after every fetch.
 */
export async function writeTenantExportZip(
  db: EntityManager,
  plan: TenantExportPlan,
  file: string | Writable,
  createdAt: Date,
  onProgress: (doneRows: number) => Promise<void>,
): Promise<TenantExportManifest> {
  if (!db.queryRunner?.isTransactionActive) throw new Error('writeTenantExportZip() runs inside a transaction');
  let done = 0;

  async function* rows(table: TenantExportPlan['tables'][number]): AsyncGenerator<(string | null)[]> {
    const columns = table.columns.map((column) => raw(quoteIdent(column)));
    const query = tenantRowsAsText(raw(quoteIdent(table.name)), columns, table.key, plan.tenantId);
    for await (const batch of cursorBatches<Record<string, string | null>>(db, 'tenant_export_rows', query, TENANT_EXPORT_FETCH_SIZE)) {
      for (const row of batch) yield table.columns.map((_, index) => row[`c${index}`]);
      if (!batch.length) break;
      done += batch.length;
      await onProgress(done);
    }
  }

  const manifestTables: TenantExportManifestTable[] = [];
  return writeZip(file, createdAt, async (add) => {
    for (const table of plan.tables) {
      const name = `${table.name}.csv`;
      const csv = stringify({ header: true, columns: table.columns, quoted_empty: true });
      const source = Readable.from(rows(table));
      source.on('error', (error) => csv.destroy(error));
      source.pipe(csv);
      await add(name, csv);
      manifestTables.push({ table: table.name, file: name, columns: table.columns, rows: table.rows });
    }
    const manifest: TenantExportManifest = {
      tenant: { id: plan.tenantId, slug: plan.slug },
      createdAt: createdAt.toISOString(),
      format: TENANT_EXPORT_FORMAT,
      tables: manifestTables,
    };
    await add('manifest.json', Readable.from([JSON.stringify(manifest, null, 2) + '\n'], { objectMode: false }));
    return manifest;
  });
}
