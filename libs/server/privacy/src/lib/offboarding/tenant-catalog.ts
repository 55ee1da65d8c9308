import { EntityManager } from 'typeorm';
import { foreignKeys, tenantTables, type CatalogReferenceRow, type CatalogTableRow } from './offboarding.queries';

/**
 * What a career center's data is, read from PostgreSQL's catalog rather than a
 * hand-kept list: every table of `public` with a `tenant_id` column (the
 * tenant-isolated tables; platform tables name their tenant column otherwise),
 * its columns, and the foreign keys between them, so a new table is exported and
 * deleted without anyone remembering to add it here.
 */
export type TenantTable = CatalogTableRow;

/**
 * The tenant tables in an order that deletes children before their parents
 * (a table that references another comes first), so no batch waits on a
 * foreign key; ties by name. Tables on a cycle (none today) come last, in name
 * order: the deletion retries a table whose batch a foreign key refused.
 */
export async function deletionOrder(db: EntityManager): Promise<TenantTable[]> {
  const tables = await tenantTables(db);
  const names = new Set(tables.map((table) => table.name));
  const references = (await foreignKeys(db)).filter((ref) => names.has(ref.child) && names.has(ref.parent));
  return childrenFirst(tables, references);
}

/** Kahn's algorithm on "parent waits for its children". */
export function childrenFirst<T extends { name: string }>(tables: T[], references: CatalogReferenceRow[]): T[] {
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
