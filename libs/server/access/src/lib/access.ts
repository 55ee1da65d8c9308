import { ForbiddenException, NotFoundException } from '@nestjs/common';
import { OPEN_TASK_STATUSES, isUuid } from '@fieldwork/contracts';
import type { EntityManager } from 'typeorm';
import { validationFailed, type UserAuth } from '@fieldwork/server-core';
import type { PrincipalRole } from '@fieldwork/contracts';
import { ACTIONS, type Action, type ObjectKind } from './actions';
import { Sql, raw, sql } from '@fieldwork/server-core';
import { countReachable, countStudentsOutside, countUsersWithRole } from './access.queries';

/**
 * Who may do what to which object inside a tenant, in one place (RLS keeps
 * tenants apart; this keeps roles apart inside one):
 *
 * - admins reach every object of their career center;
 * - advisors reach the cohorts they advise and the work done in them: a task by
 *   its `cohort_id`, an assignment by its cohort (never by who created it), a
 *   student while that student is in a cohort they advise (the student page then
 *   shows only the advised cohorts' part). Work without a cohort (assigned to
 *   chosen students) is reached by admins and by the advisor who assigned it,
 *   while they still advise that student in some cohort;
 * - students reach their own tasks (once opened) and their own contacts;
 * - staff reach a contact only when its owner shared it and they may see the owner.
 *
 * An object out of reach answers 404 (never 403: that would say it exists); a
 * role that may never do the action answers 403.
 */

const NOUN: Record<ObjectKind, string> = {
  cohort: 'cohort',
  assignment: 'assignment',
  task: 'task',
  student: 'student',
  contact: 'contact',
  export: 'export',
  template: 'template',
  user: 'user',
};

/** 404 for an id that is not even a UUID, in the object's words. */
export function assertUuid(id: string, what: string): void {
  if (!isUuid(id)) throw new NotFoundException(`No such ${what}`);
}

export function mayEver(role: PrincipalRole, action: Action): boolean {
  return (ACTIONS[action].roles as readonly PrincipalRole[]).includes(role);
}

/**
 * Throws unless the user may do `action` to every one of `ids`: 403 when their
 * role never may, 404 when an object is not one they can see (or does not exist).
 * Actions without an object take no ids.
 */
export async function requireAccess(db: EntityManager, auth: UserAuth, action: Action, ids: string | readonly string[] = []): Promise<void> {
  const rule = ACTIONS[action];
  if (!mayEver(auth.role, action)) throw new ForbiddenException('Your role may not do this');
  const kind: ObjectKind | null = rule.object;
  if (!kind) return;
  const wanted = [...new Set(typeof ids === 'string' ? [ids] : ids)];
  if (!wanted.length) throw new Error(`requireAccess(${action}) needs the ids of the ${NOUN[kind]}s`);
  if (wanted.some((id) => !isUuid(id))) throw new NotFoundException(`No such ${NOUN[kind]}`);
  if ((await countReachable(db, reachable(auth, kind, wanted))) !== wanted.length) throw new NotFoundException(`No such ${NOUN[kind]}`);
}

/** FROM … WHERE …: the objects among `ids` the user reaches. */
function reachable(auth: UserAuth, kind: ObjectKind, ids: string[]): Sql {
  const tenant = auth.tenantId;
  switch (kind) {
    case 'cohort':
      return sql`cohorts c WHERE c.tenant_id = ${tenant} AND c.id = ANY(${ids}::uuid[]) AND ${visibility(auth, 'cohort')}`;
    case 'assignment':
      return sql`assignments a WHERE a.tenant_id = ${tenant} AND a.id = ANY(${ids}::uuid[]) AND ${visibility(auth, 'assignment')}`;
    case 'task':
      // A student's own opened task is reached even when its homework was archived: the loader answers 410 for that.
      return sql`tasks t JOIN assignments a ON a.tenant_id = t.tenant_id AND a.id = t.assignment_id
                  WHERE t.tenant_id = ${tenant} AND t.id = ANY(${ids}::uuid[]) AND ${taskRule(auth, false)}`;
    case 'student':
      return sql`users u WHERE u.tenant_id = ${tenant} AND u.id = ANY(${ids}::uuid[]) AND u.role = 'student' AND ${visibility(auth, 'student')}`;
    case 'contact':
      return sql`contacts WHERE contacts.tenant_id = ${tenant} AND contacts.id = ANY(${ids}::uuid[]) AND ${visibility(auth, 'contact')}`;
    case 'export':
      return sql`exports e WHERE e.tenant_id = ${tenant} AND e.id = ANY(${ids}::uuid[]) AND ${visibility(auth, 'export')}`;
    case 'template':
      // The homework library is the whole career center's (staff only, by the action's roles).
      return sql`templates tp WHERE tp.tenant_id = ${tenant} AND tp.id = ANY(${ids}::uuid[])`;
    case 'user':
      return sql`users u WHERE u.tenant_id = ${tenant} AND u.id = ANY(${ids}::uuid[]) AND ${raw(auth.role === 'admin' ? 'TRUE' : 'FALSE')}`;
  }
}

export type VisibilityKind = 'cohort' | 'assignment' | 'task' | 'student' | 'contact' | 'export';

/**
 * The WHERE condition of a list query: the rows of `kind` the user sees. The
 * query names its tables with these aliases: cohorts `c`, assignments `a`,
 * tasks `t` (joined to their assignment as `a`), student users `u`, contacts
 * `contacts` (the table's own name), exports `e`.
 *
 * Advisors' conditions collect the advised cohorts (or their students) first,
 * as one array computed once per statement, and then walk those cohorts'
 * rows through the (tenant, cohort, …) indexes: never an EXISTS per row.
 */
export function visibility(auth: UserAuth, kind: VisibilityKind): Sql {
  const me = auth.userId;
  const admin = auth.role === 'admin';
  const advisor = auth.role === 'advisor';
  switch (kind) {
    case 'cohort':
      return admin ? raw('TRUE') : advisor ? sql`c.id = ANY(${advisedCohortIds(auth)})` : raw('FALSE');
    case 'assignment':
      if (admin) return raw('TRUE');
      if (!advisor) return raw('FALSE');
      return sql`(a.cohort_id = ANY(${advisedCohortIds(auth)})
              OR (a.cohort_id IS NULL AND a.created_by = ${me}
                  AND EXISTS (SELECT 1 FROM tasks vt WHERE vt.tenant_id = a.tenant_id AND vt.assignment_id = a.id
                                 AND vt.student_id = ANY(${advisedStudentIds(auth)}))))`;
    case 'task':
      return taskRule(auth, true);
    case 'student':
      return admin ? raw('TRUE') : advisor ? sql`u.id = ANY(${advisedStudentIds(auth)})` : sql`u.id = ${me}`;
    case 'contact':
      if (auth.role === 'student') return sql`contacts.owner_id = ${me}`;
      if (admin) return raw('contacts.shared_with_advisors');
      return sql`(contacts.shared_with_advisors AND contacts.owner_id = ANY(${advisedStudentIds(auth)}))`;
    case 'export':
      return admin ? raw('TRUE') : sql`e.requested_by = ${me}`;
  }
}

function taskRule(auth: UserAuth, forList: boolean): Sql {
  switch (auth.role) {
    case 'admin':
      return raw('TRUE');
    case 'student': {
      const own = sql`(t.student_id = ${auth.userId} AND t.opens_at <= now())`;
      // Lists leave out the open work of archived homework (there is nothing more to do).
      return forList ? sql`(${own} AND NOT (a.archived_at IS NOT NULL AND t.status = ANY(${OPEN_TASK_STATUSES}::text[])))` : own;
    }
    case 'advisor':
      return sql`(t.cohort_id = ANY(${advisedCohortIds(auth)})
              OR (t.cohort_id IS NULL AND t.student_id = ANY(${advisedStudentIds(auth)})
                  AND t.assignment_id = ANY(${ownCohortlessAssignmentIds(auth)})))`;
  }
}

/** The cohorts the advisor advises, as one array (an init plan evaluated once per statement). */
export function advisedCohortIds(auth: UserAuth): Sql {
  return sql`ARRAY(SELECT am.cohort_id FROM cohort_members am
                    WHERE am.tenant_id = ${auth.tenantId} AND am.user_id = ${auth.userId} AND am.role = 'advisor')`;
}

/** The homework the advisor assigned to chosen students outside any cohort, as one array. */
export function ownCohortlessAssignmentIds(auth: UserAuth): Sql {
  return sql`ARRAY(SELECT ma.id FROM assignments ma
                    WHERE ma.tenant_id = ${auth.tenantId} AND ma.cohort_id IS NULL AND ma.created_by = ${auth.userId})`;
}

/** The students of the cohorts the advisor advises, as one array. */
export function advisedStudentIds(auth: UserAuth): Sql {
  return sql`ARRAY(SELECT DISTINCT sm.user_id FROM cohort_members am
                     JOIN cohort_members sm ON sm.tenant_id = am.tenant_id AND sm.cohort_id = am.cohort_id AND sm.role = 'student'
                    WHERE am.tenant_id = ${auth.tenantId} AND am.user_id = ${auth.userId} AND am.role = 'advisor')`;
}

/**
 * Who may be added to a cohort (the cohort itself was checked with
 * `cohort.members.add`): people of this career center with the role asked for;
 * and an advisor adds only students who are in no cohort yet or already in a
 * cohort they advise. Joining a student of another cohort to yours would not
 * show you their other cohort's work (tasks follow their cohort), but it would
 * make you one of their advisors (their shared contacts, their page): that is
 * an admin's decision.
 */
export async function requireAddableMembers(db: EntityManager, auth: UserAuth, role: 'student' | 'advisor', userIds: readonly string[]): Promise<void> {
  const ids = [...new Set(userIds)];
  if (ids.some((id) => !isUuid(id))) throw validationFailed([{ field: 'userIds', problems: [`every id must be a ${role} of this career center`] }]);
  if ((await countUsersWithRole(db, auth.tenantId, ids, role)) !== ids.length) throw validationFailed([{ field: 'userIds', problems: [`every id must be a ${role} of this career center`] }]);
  if (auth.role !== 'advisor' || role !== 'student') return;
  if (await countStudentsOutside(db, auth.tenantId, ids, advisedStudentIds(auth))) {
    throw validationFailed([
      {
        field: 'userIds',
        problems: ['an advisor adds only students who are in no cohort yet or already in a cohort they advise; ask an admin to add students of other cohorts'],
      },
    ]);
  }
}
