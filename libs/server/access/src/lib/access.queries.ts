import { queryOne, sql, type Sql } from '@fieldwork/server-core';
import type { EntityManager } from 'typeorm';

/** One row of the counts below. */
export interface CountRow {
  n: number;
}

async function count(db: EntityManager, query: Sql): Promise<number> {
  return (await queryOne<CountRow>(db, query))?.n ?? 0;
}

/** How many rows `fromWhere` (a `table alias WHERE …` fragment) reaches. */
export function countReachable(db: EntityManager, fromWhere: Sql): Promise<number> {
  return count(db, sql`SELECT count(*)::int AS n FROM ${fromWhere}`);
}

/** How many of `ids` are users of the tenant with `role`. */
export function countUsersWithRole(db: EntityManager, tenantId: string, ids: readonly string[], role: string): Promise<number> {
  return count(db, sql`SELECT count(*)::int AS n FROM users u WHERE u.tenant_id = ${tenantId} AND u.id = ANY(${ids}::uuid[]) AND u.role = ${role}`);
}

/** How many of the students `ids` are in some cohort as students, but not among `advisedStudents` (an array fragment). */
export function countStudentsOutside(db: EntityManager, tenantId: string, ids: readonly string[], advisedStudents: Sql): Promise<number> {
  return count(
    db,
    sql`SELECT count(DISTINCT m.user_id)::int AS n FROM cohort_members m
         WHERE m.tenant_id = ${tenantId} AND m.user_id = ANY(${ids}::uuid[]) AND m.role = 'student'
           AND m.user_id <> ALL(${advisedStudents})`,
  );
}
