import type { EntityManager } from 'typeorm';
import type { CohortSummary } from '@fieldwork/contracts';
import { execute, queryOne, queryRows, sql, type ContractRow, type Sql } from '@fieldwork/server-core';

/** One row of `cohortPage` / `cohortSummary`: the contract's `CohortSummary`, created when as a Date. */
export type CohortSummaryRow = ContractRow<CohortSummary, 'createdAt'>;

const SUMMARY = sql`
  SELECT c.id, c.name, to_char(c.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(c.ends_on, 'YYYY-MM-DD') AS "endsOn", c.archived_at IS NOT NULL AS archived,
         (SELECT count(*)::int FROM cohort_members m WHERE m.tenant_id = c.tenant_id AND m.cohort_id = c.id AND m.role = 'student') AS "studentCount",
         (SELECT count(*)::int FROM cohort_members m WHERE m.tenant_id = c.tenant_id AND m.cohort_id = c.id AND m.role = 'advisor') AS "advisorCount",
         c.created_at AS "createdAt"
    FROM cohorts c`;

/** A page of the cohorts `visible` admits (archived or not), by name, after the cursor's (lower(name), id); `limit + 1` rows. */
export function cohortPage(
  db: EntityManager,
  tenantId: string,
  filter: { archived: boolean; visible: Sql; after: string[] | null; limit: number },
): Promise<CohortSummaryRow[]> {
  const after = filter.after ? sql` AND (lower(c.name), c.id) > (${filter.after[0]}, ${filter.after[1]}::uuid)` : sql``;
  return queryRows<CohortSummaryRow>(
    db,
    sql`${SUMMARY} WHERE c.tenant_id = ${tenantId} AND (c.archived_at IS NOT NULL) = ${filter.archived} AND ${filter.visible}${after} ORDER BY lower(c.name), c.id LIMIT ${filter.limit + 1}`,
  );
}

export function cohortSummary(db: EntityManager, tenantId: string, id: string): Promise<CohortSummaryRow | undefined> {
  return queryOne<CohortSummaryRow>(db, sql`${SUMMARY} WHERE c.tenant_id = ${tenantId} AND c.id = ${id}`);
}

export function insertCohort(db: EntityManager, tenantId: string, cohort: { id: string; name: string; startsOn: string | null; endsOn: string | null }): Promise<number> {
  return execute(
    db,
    sql`INSERT INTO cohorts (tenant_id, id, name, starts_on, ends_on) VALUES (${tenantId}, ${cohort.id}, ${cohort.name}, ${cohort.startsOn}, ${cohort.endsOn})`,
  );
}

/** Renames, re-dates and archives (keeping the first archive time) or unarchives a cohort. */
export function updateCohort(
  db: EntityManager,
  tenantId: string,
  id: string,
  change: { name: string; startsOn: string | null; endsOn: string | null; archived: boolean },
): Promise<number> {
  return execute(
    db,
    sql`UPDATE cohorts SET name = ${change.name}, starts_on = ${change.startsOn}, ends_on = ${change.endsOn}, archived_at = CASE WHEN ${change.archived} THEN COALESCE(archived_at, now()) END
          WHERE tenant_id = ${tenantId} AND id = ${id}`,
  );
}

/** One row of `cohortMembers`. */
export interface CohortMemberRow {
  user_id: string;
  name: string;
  email: string;
  role: 'student' | 'advisor';
  joined_at: Date;
  activated: boolean;
}

/** The cohort's advisors, then its students, by name. */
export function cohortMembers(db: EntityManager, tenantId: string, cohortId: string): Promise<CohortMemberRow[]> {
  return queryRows<CohortMemberRow>(
    db,
    sql`SELECT u.id AS user_id, u.name, u.email, m.role, m.joined_at, u.password_hash IS NOT NULL AS activated
           FROM cohort_members m JOIN users u ON u.tenant_id = m.tenant_id AND u.id = m.user_id
          WHERE m.tenant_id = ${tenantId} AND m.cohort_id = ${cohortId}
          ORDER BY m.role, lower(u.name)`,
  );
}

export function addCohortAdvisor(db: EntityManager, tenantId: string, cohortId: string, userId: string): Promise<number> {
  return execute(db, sql`INSERT INTO cohort_members (tenant_id, cohort_id, user_id, role) VALUES (${tenantId}, ${cohortId}, ${userId}, 'advisor')`);
}

/** One row of `addCohortMembers`. */
export interface AddedMembersRow {
  count: number;
  ids: string[] | null;
}

/** Adds the people in one statement (those already in it stay as they are); answers how many and who were new. */
export async function addCohortMembers(db: EntityManager, tenantId: string, cohortId: string, userIds: string[], role: 'student' | 'advisor'): Promise<AddedMembersRow> {
  const row = await queryOne<AddedMembersRow>(
    db,
    sql`WITH added AS (
           INSERT INTO cohort_members (tenant_id, cohort_id, user_id, role)
           SELECT ${tenantId}, ${cohortId}, unnest(${userIds}::uuid[]), ${role}
           ON CONFLICT (tenant_id, cohort_id, user_id) DO NOTHING
           RETURNING user_id)
         SELECT count(*)::int AS count, array_agg(user_id) AS ids FROM added`,
  );
  return row ?? { count: 0, ids: null };
}

/** One row of `lockCohortMember`. */
export interface CohortMemberRoleRow {
  role: 'student' | 'advisor';
}

/** The member's role, its row locked until the transaction ends. */
export function lockCohortMember(db: EntityManager, tenantId: string, cohortId: string, userId: string): Promise<CohortMemberRoleRow | undefined> {
  return queryOne<CohortMemberRoleRow>(db, sql`SELECT role FROM cohort_members WHERE tenant_id = ${tenantId} AND cohort_id = ${cohortId} AND user_id = ${userId} FOR UPDATE`);
}

export function deleteCohortMember(db: EntityManager, tenantId: string, cohortId: string, userId: string): Promise<number> {
  return execute(db, sql`DELETE FROM cohort_members WHERE tenant_id = ${tenantId} AND cohort_id = ${cohortId} AND user_id = ${userId}`);
}
