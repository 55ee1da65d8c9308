import type { Client } from 'pg';
import type { Gradebook, GradebookCell, GradebookQuery, GradebookStatus, GradebookStudent, TaskStatus } from '@fieldwork/contracts';

/**
 * A cohort's gradebook computed the slow, obvious way, straight from the base tables
 * (cohorts, cohort_members, users, assignments, tasks, nudge_recipients) inside the tenant,
 * with the filters applied in TypeScript over every student — never paged, never keyset. The
 * property test compares every page the API gives with slices of this.
 */
export type ReferenceGradebook = Omit<Gradebook, 'nextCursor'>;

const OPEN: TaskStatus[] = ['assigned', 'in_progress', 'revision_requested'];
const CELL_STATUS: Record<TaskStatus, GradebookStatus> = {
  assigned: 'not_started',
  in_progress: 'in_progress',
  submitted: 'submitted',
  revision_requested: 'needs_revision',
  approved: 'approved',
  excused: 'excused',
};

interface AssignmentRow {
  id: string;
  title: string;
  category: Gradebook['assignments'][number]['category'];
  due_at: Date | null;
  due_on: string | null;
  due_days_after_join: number | null;
}

interface StudentRow {
  id: string;
  name: string;
  email: string;
  student_id: string | null;
}

interface TaskRow {
  id: string;
  assignment_id: string;
  student_id: string;
  status: TaskStatus;
  due_at: Date;
  due_on: string;
  submitted_at: Date | null;
  first_submitted_at: Date | null;
  extended_from: Date | null;
  past_due: boolean;
  last_nudged_at: Date | null;
}

export async function referenceGradebook(db: Client, tenantId: string, cohortId: string, query: Omit<GradebookQuery, 'cursor' | 'limit'> = {}): Promise<ReferenceGradebook> {
  await db.query('BEGIN');
  try {
    await db.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
    const [cohort] = (
      await db.query(`SELECT c.id, c.name, tn.timezone FROM cohorts c JOIN tenants tn ON tn.id = c.tenant_id WHERE c.tenant_id = $1 AND c.id = $2`, [tenantId, cohortId])
    ).rows as { id: string; name: string; timezone: string }[];
    if (!cohort) throw new Error(`no cohort ${cohortId}`);
    const zone = cohort.timezone;

    // The cohort's live assignments, by due date (relative ones last), then as they were made.
    const assignments = (
      await db.query(
        `SELECT id, title, category, due_at, to_char(due_at AT TIME ZONE $3, 'YYYY-MM-DD') AS due_on, due_days_after_join
           FROM assignments WHERE tenant_id = $1 AND cohort_id = $2 AND archived_at IS NULL
          ORDER BY due_at ASC NULLS LAST, created_at, id`,
        [tenantId, cohortId, zone],
      )
    ).rows as AssignmentRow[];

    // Every student member now, by name without regard to case (the database's collation), then id.
    const members = (
      await db.query(
        `SELECT u.id, u.name, u.email, u.student_id FROM cohort_members m JOIN users u ON u.tenant_id = m.tenant_id AND u.id = m.user_id
          WHERE m.tenant_id = $1 AND m.cohort_id = $2 AND m.role = 'student'
          ORDER BY lower(u.name), u.id`,
        [tenantId, cohortId],
      )
    ).rows as StudentRow[];

    // Their tasks of those assignments, whatever cohort the task was made for.
    const tasks = (
      await db.query(
        `SELECT t.id, t.assignment_id, t.student_id, t.status, t.due_at, to_char(t.due_at AT TIME ZONE $4, 'YYYY-MM-DD') AS due_on,
                t.submitted_at, t.first_submitted_at, t.extended_from, t.due_at < now() AS past_due,
                (SELECT max(r.nudged_at) FROM nudge_recipients r WHERE r.tenant_id = t.tenant_id AND r.task_id = t.id) AS last_nudged_at
           FROM tasks t
          WHERE t.tenant_id = $1 AND t.assignment_id = ANY($2::uuid[]) AND t.student_id = ANY($3::uuid[])`,
        [tenantId, assignments.map((a) => a.id), members.map((m) => m.id), zone],
      )
    ).rows as TaskRow[];
    await db.query('COMMIT');

    const order = new Map(assignments.map((a, i) => [a.id, i]));
    const cellsOf = new Map<string, GradebookCell[]>();
    for (const t of tasks) {
      const overdue = OPEN.includes(t.status) && t.past_due;
      const cell: GradebookCell = {
        assignmentId: t.assignment_id,
        taskId: t.id,
        status: overdue ? 'overdue' : CELL_STATUS[t.status],
        taskStatus: t.status,
        late: t.first_submitted_at !== null && t.first_submitted_at.getTime() > t.due_at.getTime(),
        extended: t.extended_from !== null,
        submittedAt: t.submitted_at?.toISOString() ?? null,
        dueAt: t.due_at.toISOString(),
        dueOn: t.due_on,
        lastNudgedAt: t.last_nudged_at?.toISOString() ?? null,
      };
      cellsOf.set(t.student_id, [...(cellsOf.get(t.student_id) ?? []), cell]);
    }
    const students: GradebookStudent[] = members.map((m) => ({
      id: m.id,
      name: m.name,
      email: m.email,
      studentId: m.student_id,
      cells: (cellsOf.get(m.id) ?? []).sort((a, b) => (order.get(a.assignmentId) ?? 0) - (order.get(b.assignmentId) ?? 0)),
    }));

    const q = query.q?.trim().toLowerCase();
    const matching = students.filter((s) => {
      if (q && ![s.name.toLowerCase(), s.email.toLowerCase(), (s.studentId ?? '').toLowerCase()].some((text) => text.includes(q))) return false;
      if (query.assignmentId && query.status) {
        const cell = s.cells.find((c) => c.assignmentId === query.assignmentId);
        if (!cell || !matchesStatus(cell, query.status)) return false;
      }
      return true;
    });

    return {
      cohort: { id: cohort.id, name: cohort.name },
      timezone: zone,
      assignments: assignments.map((a) => ({
        id: a.id,
        title: a.title,
        category: a.category,
        dueOn: a.due_on,
        dueAt: a.due_at?.toISOString() ?? null,
        dueDaysAfterJoin: a.due_days_after_join,
      })),
      students: matching,
      totalStudents: matching.length,
    };
  } catch (error) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** `not_started`: still to do (overdue or not); `overdue`: open and past due; the others: the stored status. */
export function matchesStatus(cell: GradebookCell, status: GradebookStatus): boolean {
  if (status === 'overdue') return cell.status === 'overdue';
  return CELL_STATUS[cell.taskStatus] === status;
}
