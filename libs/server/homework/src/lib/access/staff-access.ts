import { NotFoundException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { UserAuth } from '@fieldwork/server-core';

/**
 * Who may see what, in one place. Admins see the whole tenant; advisors see the
 * cohorts they advise and the students in them; students see their own work.
 * Anything out of reach answers 404, never 403.
 */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function assertUuid(id: string, what: string): void {
  if (!UUID.test(id)) throw new NotFoundException(`No such ${what}`);
}

/** SQL: the advisor ($advisor) advises a cohort the student (column) is a student of. */
export function advisesStudentSql(studentColumn: string, advisorParam: string): string {
  // Aliases are unusual on purpose: a subquery alias must never shadow the outer query's tables.
  return `EXISTS (
    SELECT 1 FROM cohort_members access_student
      JOIN cohort_members access_advisor ON access_advisor.tenant_id = access_student.tenant_id
       AND access_advisor.cohort_id = access_student.cohort_id AND access_advisor.role = 'advisor'
     WHERE access_student.tenant_id = tenant_id_of_row AND access_student.user_id = ${studentColumn}
       AND access_student.role = 'student' AND access_advisor.user_id = ${advisorParam})`;
}

/** SQL: the advisor advises this cohort (column). */
export function advisesCohortSql(cohortColumn: string, advisorParam: string): string {
  return `EXISTS (SELECT 1 FROM cohort_members access_advisor
     WHERE access_advisor.tenant_id = tenant_id_of_row AND access_advisor.cohort_id = ${cohortColumn}
       AND access_advisor.user_id = ${advisorParam} AND access_advisor.role = 'advisor')`;
}

/** Replaces the tenant placeholder of the fragments above with the row's tenant column. */
export function withTenant(sql: string, tenantColumn: string): string {
  return sql.replace(/tenant_id_of_row/g, tenantColumn);
}

export async function assertCanSeeCohort(db: EntityManager, auth: UserAuth, cohortId: string): Promise<void> {
  assertUuid(cohortId, 'cohort');
  const params: unknown[] = [auth.tenantId, cohortId];
  let visibility = '';
  if (auth.role === 'advisor') {
    params.push(auth.userId);
    visibility = `AND ${withTenant(advisesCohortSql('c.id', '$3'), 'c.tenant_id')}`;
  } else if (auth.role !== 'admin') {
    throw new NotFoundException('No such cohort');
  }
  const rows = await db.query(`SELECT 1 FROM cohorts c WHERE c.tenant_id = $1 AND c.id = $2 ${visibility}`, params);
  if (!rows.length) throw new NotFoundException('No such cohort');
}
