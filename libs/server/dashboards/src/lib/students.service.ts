import { Injectable, NotFoundException } from '@nestjs/common';
import { requireAccess, visibility } from '@fieldwork/server-access';
import { TenantDatabase, UserAuth } from '@fieldwork/server-core';
import { OPEN_STATUSES } from '@fieldwork/server-homework';
import type { StudentProfile } from '@fieldwork/contracts';

const TASK_LIMIT = 200;

/**
 * The staff view of one student: who they are, their cohorts, their tasks and the size of their
 * network (counts only, never a contact). Admins see any student and all of it; advisors the
 * students of the cohorts they advise, and of them only what the access rules give them: the
 * cohorts they advise, the tasks of those cohorts (and cohort-less work they assigned), and
 * conversations recorded from homework only when that homework is theirs to see.
 */
@Injectable()
export class StudentsService {
  constructor(private readonly tenantDb: TenantDatabase) {}

  get(auth: UserAuth, id: string): Promise<StudentProfile> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      await requireAccess(db, auth, 'student.read', id);
      const [student] = await db.query(
        `SELECT u.id, u.name, u.email, u.student_id, u.active, s.last_activity_at
           FROM users u LEFT JOIN dash_students s ON s.tenant_id = u.tenant_id AND s.student_id = u.id
          WHERE u.tenant_id = $1 AND u.id = $2 AND u.role = 'student'`,
        [auth.tenantId, id],
      );
      if (!student) throw new NotFoundException('No such student');
      const cohortParams: unknown[] = [auth.tenantId, id];
      const cohorts = await db.query(
        `SELECT c.id, c.name, m.joined_at FROM cohort_members m JOIN cohorts c ON c.tenant_id = m.tenant_id AND c.id = m.cohort_id
          WHERE m.tenant_id = $1 AND m.user_id = $2 AND m.role = 'student' AND ${visibility(auth, 'cohort').bind(cohortParams)}
          ORDER BY lower(c.name), c.id`,
        cohortParams,
      );
      const taskParams: unknown[] = [auth.tenantId, id];
      const visibleTask = visibility(auth, 'task').bind(taskParams);
      const tasks = await db.query(
        `SELECT t.id, a.title, t.status, t.cohort_id, c.name AS cohort_name, t.due_at, t.submitted_at, t.approved_at,
                a.archived_at IS NOT NULL AS archived, (t.status IN ${OPEN_STATUSES} AND t.due_at < now()) AS overdue
           FROM tasks t
           JOIN assignments a ON a.tenant_id = t.tenant_id AND a.id = t.assignment_id
           LEFT JOIN cohorts c ON c.tenant_id = t.tenant_id AND c.id = t.cohort_id
          WHERE t.tenant_id = $1 AND t.student_id = $2 AND ${visibleTask}
          ORDER BY t.due_at DESC, t.id LIMIT ${TASK_LIMIT}`,
        taskParams,
      );
      // An interaction recorded by a reflection counts only when its task is one the viewer may see.
      const seen = `(NOT i.from_homework OR i.task_id IS NULL OR i.task_id IN (
                       SELECT t.id FROM tasks t JOIN assignments a ON a.tenant_id = t.tenant_id AND a.id = t.assignment_id
                        WHERE t.tenant_id = $1 AND t.student_id = $2 AND ${visibleTask}))`;
      const [network] = await db.query(
        `SELECT (SELECT count(*) FROM contacts c WHERE c.tenant_id = $1 AND c.owner_id = $2)::int AS contacts,
                (SELECT count(*) FROM contacts c WHERE c.tenant_id = $1 AND c.owner_id = $2 AND c.shared_with_advisors)::int AS shared,
                (SELECT count(*) FROM interactions i WHERE i.tenant_id = $1 AND i.owner_id = $2 AND i.kind <> 'introduction' AND ${seen})::int AS conversations,
                (SELECT count(*) FROM interactions i WHERE i.tenant_id = $1 AND i.owner_id = $2 AND i.kind = 'introduction' AND ${seen})::int AS introductions`,
        taskParams,
      );
      return {
        id: student.id,
        name: student.name,
        email: student.email,
        studentId: student.student_id,
        active: student.active,
        lastActivityAt: student.last_activity_at?.toISOString() ?? null,
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        cohorts: cohorts.map((row: any) => ({ id: row.id, name: row.name, joinedAt: row.joined_at.toISOString() })),
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        tasks: tasks.map((row: any) => ({
          id: row.id,
          title: row.title,
          status: row.status,
          cohort: row.cohort_id ? { id: row.cohort_id, name: row.cohort_name } : null,
          dueAt: row.due_at.toISOString(),
          overdue: row.overdue,
          submittedAt: row.submitted_at?.toISOString() ?? null,
          approvedAt: row.approved_at?.toISOString() ?? null,
          archived: row.archived,
        })),
        network: { contacts: network.contacts, sharedContacts: network.shared, conversations: network.conversations, introductions: network.introductions },
      };
    });
  }
}
