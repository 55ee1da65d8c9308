import { Injectable, NotFoundException } from '@nestjs/common';
import { TenantDatabase, UserAuth } from '@fieldwork/server-core';
import { advisesStudentSql, assertUuid, withTenant, OPEN_STATUSES } from '@fieldwork/server-homework';
import type { StudentProfile } from '@fieldwork/contracts';

const TASK_LIMIT = 200;

/**
 * The staff view of one student: who they are, their cohorts, their tasks and the size of their
 * network (counts only, never a contact). Admins see any student; advisors the students of the
 * cohorts they advise; anyone else gets 404.
 */
@Injectable()
export class StudentsService {
  constructor(private readonly tenantDb: TenantDatabase) {}

  get(auth: UserAuth, id: string): Promise<StudentProfile> {
    assertUuid(id, 'student');
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      const params: unknown[] = [auth.tenantId, id];
      let visibility = '';
      if (auth.role === 'advisor') {
        params.push(auth.userId);
        visibility = `AND ${withTenant(advisesStudentSql('u.id', '$3'), 'u.tenant_id')}`;
      } else if (auth.role !== 'admin') {
        throw new NotFoundException('No such student');
      }
      const [student] = await db.query(
        `SELECT u.id, u.name, u.email, u.student_id, u.active, s.last_activity_at
           FROM users u LEFT JOIN dash_students s ON s.tenant_id = u.tenant_id AND s.student_id = u.id
          WHERE u.tenant_id = $1 AND u.id = $2 AND u.role = 'student' ${visibility}`,
        params,
      );
      if (!student) throw new NotFoundException('No such student');
      const cohorts = await db.query(
        `SELECT c.id, c.name, m.joined_at FROM cohort_members m JOIN cohorts c ON c.tenant_id = m.tenant_id AND c.id = m.cohort_id
          WHERE m.tenant_id = $1 AND m.user_id = $2 AND m.role = 'student' ORDER BY lower(c.name), c.id`,
        [auth.tenantId, id],
      );
      const tasks = await db.query(
        `SELECT t.id, a.title, t.status, t.cohort_id, c.name AS cohort_name, t.due_at, t.submitted_at, t.approved_at,
                a.archived_at IS NOT NULL AS archived, (t.status IN ${OPEN_STATUSES} AND t.due_at < now()) AS overdue
           FROM tasks t
           JOIN assignments a ON a.tenant_id = t.tenant_id AND a.id = t.assignment_id
           LEFT JOIN cohorts c ON c.tenant_id = t.tenant_id AND c.id = t.cohort_id
          WHERE t.tenant_id = $1 AND t.student_id = $2
          ORDER BY t.due_at DESC, t.id LIMIT ${TASK_LIMIT}`,
        [auth.tenantId, id],
      );
      const [network] = await db.query(
        `SELECT (SELECT count(*) FROM contacts c WHERE c.tenant_id = $1 AND c.owner_id = $2)::int AS contacts,
                (SELECT count(*) FROM contacts c WHERE c.tenant_id = $1 AND c.owner_id = $2 AND c.shared_with_advisors)::int AS shared,
                (SELECT count(*) FROM interactions i WHERE i.tenant_id = $1 AND i.owner_id = $2 AND i.kind <> 'introduction')::int AS conversations,
                (SELECT count(*) FROM interactions i WHERE i.tenant_id = $1 AND i.owner_id = $2 AND i.kind = 'introduction')::int AS introductions`,
        [auth.tenantId, id],
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
