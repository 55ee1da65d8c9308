import type { EntityManager } from 'typeorm';
import type { Role, TenantExportSummary, TenantSummary } from '@fieldwork/contracts';
import { TENANT_SETTING, execute, queryOne, queryRows, raw, sql, type ContractRow, type Sql } from '@fieldwork/server-core';

/** The newest whole-tenant export as `tenants` / `tenant` read it: the contract's summary but its percent (computed from these). */
export type LatestExportRow = Omit<TenantExportSummary, 'percent'>;

/** One row of `tenants` / `tenant` / `insertTenant` (the last never has an export): the contract's `TenantSummary`, its instants as Dates. */
export type TenantRow = ContractRow<Omit<TenantSummary, 'latestExport'>, 'createdAt' | 'closedAt' | 'deleteAfter'> & { latestExport: LatestExportRow | null };

/** An instant as the contracts write it (`Date.toISOString()`: UTC, milliseconds), for instants inside a JSON column. */
function isoText(column: string): Sql {
  return raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);
}

/** A tenant with its newest whole-tenant export (platform tables only: operators never read tenant data). */
const SELECT_TENANT = sql`
  SELECT t.id, t.slug, t.name, t.timezone, t.created_at AS "createdAt", t.state, t.closed_at AS "closedAt", t.delete_after AS "deleteAfter",
         CASE WHEN e.id IS NOT NULL THEN json_build_object(
           'id', e.id, 'tenantId', t.id, 'status', e.status, 'totalRows', e.total_rows, 'doneRows', e.done_rows, 'fileSize', e.file_size,
           'error', e.error, 'createdAt', ${isoText('e.created_at')}, 'finishedAt', ${isoText('e.finished_at')}, 'expiresAt', ${isoText('e.expires_at')})
         END AS "latestExport"
    FROM tenants t
    LEFT JOIN LATERAL (SELECT * FROM tenant_exports x WHERE x.target_tenant_id = t.id ORDER BY x.created_at DESC, x.id DESC LIMIT 1) e ON true`;

/** Every career center, newest first (at most 1,000). */
export function tenants(db: EntityManager): Promise<TenantRow[]> {
  return queryRows<TenantRow>(db, sql`${SELECT_TENANT} ORDER BY t.created_at DESC, t.slug LIMIT 1000`);
}

export function tenant(db: EntityManager, id: string): Promise<TenantRow | undefined> {
  return queryOne<TenantRow>(db, sql`${SELECT_TENANT} WHERE t.id = ${id}`);
}

/** Creates a career center; undefined when the slug is taken. */
export function insertTenant(db: EntityManager, tenant: { id: string; slug: string; name: string; timezone: string }): Promise<TenantRow | undefined> {
  return queryOne<TenantRow>(
    db,
    sql`INSERT INTO tenants (id, slug, name, timezone) VALUES (${tenant.id}, ${tenant.slug}, ${tenant.name}, ${tenant.timezone})
       ON CONFLICT (slug) DO NOTHING
       RETURNING id, slug, name, timezone, created_at AS "createdAt", state, closed_at AS "closedAt", delete_after AS "deleteAfter", NULL::json AS "latestExport"`,
  );
}

/** Enters a tenant's context for the rest of a platform transaction (a new tenant's first rows). */
export async function useTenant(db: EntityManager, tenantId: string): Promise<void> {
  await queryRows(db, sql`SELECT set_config(${TENANT_SETTING}, ${tenantId}, true)`);
}

/** Whether any career center exists, with new ones held off until the transaction ends (the demo seed runs once). */
export async function lockedTenantCount(db: EntityManager): Promise<number> {
  await queryRows(db, sql`LOCK TABLE tenants IN SHARE ROW EXCLUSIVE MODE`);
  const row = await queryOne<{ count: number }>(db, sql`SELECT count(*)::int AS count FROM tenants`);
  return row?.count ?? 0;
}

/** The demo accounts, each with the same password hash. */
export function insertDemoUsers(db: EntityManager, tenantId: string, passwordHash: string, users: { email: string; name: string; role: Role }[]): Promise<number> {
  return execute(
    db,
    sql`INSERT INTO users (tenant_id, id, email, name, role, password_hash)
         SELECT ${tenantId}, gen_random_uuid(), u.email, u.name, u.role, ${passwordHash}
           FROM jsonb_to_recordset(${JSON.stringify(users)}::jsonb) AS u(email text, name text, role text)`,
  );
}

/** A cohort starting today with every advisor and student of the tenant in it. */
export function insertCohortOfEveryone(db: EntityManager, tenantId: string, name: string): Promise<number> {
  return execute(
    db,
    sql`WITH cohort AS (INSERT INTO cohorts (tenant_id, id, name, starts_on) VALUES (${tenantId}, gen_random_uuid(), ${name}, current_date) RETURNING id)
         INSERT INTO cohort_members (tenant_id, cohort_id, user_id, role)
         SELECT ${tenantId}, cohort.id, u.id, u.role FROM cohort, users u WHERE u.tenant_id = ${tenantId} AND u.role IN ('advisor', 'student')`,
  );
}
