import type { EntityManager } from 'typeorm';
import type { UserAuth } from '@fieldwork/server-core';
import { requireAccess } from '@fieldwork/server-access';

/**
 * Who may see what now lives in one library, `@fieldwork/server-access`
 * (requireAccess, visibility). What is left here keeps older callers compiling.
 */
export { UUID, assertUuid } from '@fieldwork/server-access';

/** @deprecated call `requireAccess(db, auth, 'cohort.read', cohortId)` (or the action you mean). */
export function assertCanSeeCohort(db: EntityManager, auth: UserAuth, cohortId: string): Promise<void> {
  return requireAccess(db, auth, 'cohort.read', cohortId);
}

/**
 * @deprecated string SQL with a tenant placeholder: only the calendar feed
 * (calendar.service.ts) still uses it; use `visibility(auth, 'assignment')`.
 */
export function advisesCohortSql(cohortColumn: string, advisorParam: string): string {
  return `EXISTS (SELECT 1 FROM cohort_members access_advisor
     WHERE access_advisor.tenant_id = tenant_id_of_row AND access_advisor.cohort_id = ${cohortColumn}
       AND access_advisor.user_id = ${advisorParam} AND access_advisor.role = 'advisor')`;
}

/** @deprecated see advisesCohortSql. */
export function withTenant(sql: string, tenantColumn: string): string {
  return sql.split('tenant_id_of_row').join(tenantColumn);
}
