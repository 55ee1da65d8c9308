import { EntityManager } from 'typeorm';

/**
 * What a career center's data is, read from PostgreSQL's catalog rather than a
 * hand-kept list: every table of `public` with a `tenant_id` column (the
 * tenant-isolated tables; platform tables name their tenant column otherwise),
 * its columns, and the foreign keys between them, so a new table is exported and
 * deleted without anyone remembering to add it here.
 */
export interface TenantTable {
  name: string;
  /** Column names in table order. */
  columns: string[];
}

interface CatalogColumn {
  table: string;
  column: string;
}

interface CatalogReference {
  child: string;
  parent: string;
}

const TENANT_TABLES_SQL = `
  SELECT c.relname AS table, a.attname AS column
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
   WHERE c.relkind IN ('r', 'p')
     AND EXISTS (SELECT 1 FROM pg_attribute t WHERE t.attrelid = c.oid AND t.attname = 'tenant_id' AND NOT t.attisdropped)
   ORDER BY c.relname, a.attnum`;

const REFERENCES_SQL = `
  SELECT child.relname AS child, parent.relname AS parent
    FROM pg_constraint f
    JOIN pg_class child ON child.oid = f.conrelid
    JOIN pg_class parent ON parent.oid = f.confrelid
   WHERE f.contype = 'f' AND f.connamespace = 'public'::regnamespace AND child.oid <> parent.oid`;

/** Every tenant table with its columns, by name. */
export async function tenantTables(db: EntityManager): Promise<TenantTable[]> {
  const rows: CatalogColumn[] = await db.query(TENANT_TABLES_SQL);
  const tables = new Map<string, string[]>();
  for (const row of rows) {
    const columns = tables.get(row.table) ?? [];
    columns.push(row.column);
    tables.set(row.table, columns);
  }
  return [...tables].map(([name, columns]) => ({ name, columns }));
}

/**
 * The tenant tables in an order that deletes children before their parents
 * (a table that references another comes first), so no batch waits on a
 * foreign key; ties by name. Tables on a cycle (none today) come last, in name
 * order: the deletion retries a table whose batch a foreign key refused.
 */
export async function deletionOrder(db: EntityManager): Promise<TenantTable[]> {
  const tables = await tenantTables(db);
  const names = new Set(tables.map((table) => table.name));
  const references: CatalogReference[] = (await db.query(REFERENCES_SQL)).filter(
    (ref: CatalogReference) => names.has(ref.child) && names.has(ref.parent),
  );
  return childrenFirst(tables, references);
}

/** Kahn's algorithm on "parent waits for its children". */
export function childrenFirst<T extends { name: string }>(tables: T[], references: CatalogReference[]): T[] {
  const pendingChildren = new Map<string, Set<string>>(tables.map((table) => [table.name, new Set<string>()]));
  for (const { child, parent } of references) pendingChildren.get(parent)?.add(child);
  const ordered: T[] = [];
  const left = [...tables].sort((a, b) => a.name.localeCompare(b.name));
  while (left.length) {
    const index = left.findIndex((table) => pendingChildren.get(table.name)?.size === 0);
    if (index < 0) break;
    const [next] = left.splice(index, 1);
    ordered.push(next);
    for (const children of pendingChildren.values()) children.delete(next.name);
  }
  return [...ordered, ...left];
}

/** A catalog name, quoted for SQL (the names come from pg_class, never from a request). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
