import { Injectable, NotFoundException } from '@nestjs/common';
import { requireAccess, visibility } from '@fieldwork/server-access';
import { TenantDatabase, UserAuth } from '@fieldwork/server-core';
import type { StudentProfile } from '@fieldwork/contracts';
import { studentById, studentCohorts, studentNetwork, studentTasks } from './dashboards.queries';

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
      const student = await studentById(db, auth.tenantId, id);
      if (!student) throw new NotFoundException('No such student');
      const cohorts = await studentCohorts(db, auth.tenantId, id, visibility(auth, 'cohort'));
      const visibleTask = visibility(auth, 'task');
      const tasks = await studentTasks(db, auth.tenantId, id, visibleTask, TASK_LIMIT);
      const network = (await studentNetwork(db, auth.tenantId, id, visibleTask)) ?? { contacts: 0, shared: 0, conversations: 0, introductions: 0 };
      return {
        id: student.id,
        name: student.name,
        email: student.email,
        studentId: student.student_id,
        active: student.active,
        lastActivityAt: student.last_activity_at?.toISOString() ?? null,
        cohorts: cohorts.map((row) => ({ id: row.id, name: row.name, joinedAt: row.joined_at.toISOString() })),
        tasks: tasks.map((row) => ({
          id: row.id,
          title: row.title,
          status: row.status,
          cohort: row.cohort_id !== null && row.cohort_name !== null ? { id: row.cohort_id, name: row.cohort_name } : null,
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
