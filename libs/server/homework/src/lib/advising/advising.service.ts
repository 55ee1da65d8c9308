import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditService, Outbox, TenantDatabase, UserAuth, decodeCursor, encodeCursor, execute, validationFailed } from '@fieldwork/server-core';
import {
  GRADEBOOK_MAX_LIMIT,
  type AdvisorAttention,
  type BulkExcuseRequest,
  type BulkExtensionRequest,
  type BulkResult,
  type ExtensionRequest,
  type Gradebook,
  type GradebookAssignment,
  type GradebookCell,
  type GradebookQuery,
  type GradebookStatus,
  type NudgeRequest,
  type NudgeResponse,
  type TaskSummary,
} from '@fieldwork/contracts';
import { assertUuid, requireAccess, visibility } from '@fieldwork/server-access';
import { OPEN_STATUSES, loadTask, readTaskRow, toTaskSummary } from '../tasks/task-queries';
import { localDaySql, resolveDates } from '../dates/local-dates';

/** SQL condition on a task `t` for a gradebook status filter. */
const STATUS_CONDITION: Record<GradebookStatus, string> = {
  not_started: `t.status = 'assigned'`,
  in_progress: `t.status = 'in_progress'`,
  submitted: `t.status = 'submitted'`,
  needs_revision: `t.status = 'revision_requested'`,
  approved: `t.status = 'approved'`,
  excused: `t.status = 'excused'`,
  overdue: `t.status IN ${OPEN_STATUSES} AND t.due_at < now()`,
};

const CELL_STATUS: Record<string, GradebookStatus> = {
  assigned: 'not_started',
  in_progress: 'in_progress',
  submitted: 'submitted',
  revision_requested: 'needs_revision',
  approved: 'approved',
  excused: 'excused',
};

const MAX_GRADEBOOK_ASSIGNMENTS = 100;
const RECENT_NUDGE = `interval '24 hours'`;

/**
 * The advisor's loop: who has done what in a cohort (the gradebook), and acting
 * on it — a nudge, a per-student extension, an excusal — for one student or many,
 * set-based. Admins reach every cohort; advisors the cohorts they advise.
 */
@Injectable()
export class AdvisingService {
  constructor(
    private readonly tenantDb: TenantDatabase,
    private readonly outbox: Outbox,
    private readonly audit: AuditService,
  ) {}

  /** Students (keyset-paged by name) × the cohort's live assignments. Rows read follow the page, not the tenant. */
  gradebook(auth: UserAuth, cohortId: string, query: GradebookQuery): Promise<Gradebook> {
    const limit = Math.min(query.limit ?? 100, GRADEBOOK_MAX_LIMIT);
    if (query.status && !query.assignmentId) throw validationFailed([{ field: 'status', problems: ['choose the assignment (assignmentId) to filter by status'] }]);
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      await requireAccess(db, auth, 'gradebook.read', cohortId);
      const [cohort] = await db.query(`SELECT c.id, c.name, tn.timezone FROM cohorts c JOIN tenants tn ON tn.id = c.tenant_id WHERE c.tenant_id = $1 AND c.id = $2`, [
        auth.tenantId,
        cohortId,
      ]);
      const assignments: GradebookAssignment[] = (
        await db.query(
          `SELECT a.id, a.title, a.category, a.due_at, ${localDaySql('a.due_at')} AS due_on, a.due_days_after_join
             FROM assignments a JOIN tenants tn ON tn.id = a.tenant_id
            WHERE a.tenant_id = $1 AND a.cohort_id = $2 AND a.archived_at IS NULL
            ORDER BY a.due_at NULLS LAST, a.created_at, a.id
            LIMIT ${MAX_GRADEBOOK_ASSIGNMENTS}`,
          [auth.tenantId, cohortId],
        )
      ).map((row: AssignmentRow) => ({
        id: row.id,
        title: row.title,
        category: row.category,
        dueAt: row.due_at?.toISOString() ?? null,
        dueOn: row.due_on,
        dueDaysAfterJoin: row.due_days_after_join,
      }));
      if (query.assignmentId && !assignments.some((a) => a.id === query.assignmentId)) {
        throw validationFailed([{ field: 'assignmentId', problems: ['must be a live assignment of this cohort'] }]);
      }

      const params: unknown[] = [auth.tenantId, cohortId];
      const filters: string[] = [];
      if (query.q?.trim()) {
        params.push(`%${escapeLike(query.q.trim().toLowerCase())}%`);
        const p = `$${params.length}`;
        filters.push(`(lower(u.name) LIKE ${p} OR u.email LIKE ${p} OR lower(COALESCE(u.student_id, '')) LIKE ${p})`);
      }
      if (query.assignmentId && query.status) {
        params.push(query.assignmentId);
        filters.push(`EXISTS (SELECT 1 FROM tasks t WHERE t.tenant_id = m.tenant_id AND t.assignment_id = $${params.length}
                              AND t.student_id = m.user_id AND ${STATUS_CONDITION[query.status]})`);
      }
      // Each member's user row by primary key (the fence keeps the planner from walking the tenant's users for a big tenant).
      const members = `FROM cohort_members m
                      CROSS JOIN LATERAL (SELECT u.id, u.name, u.email, u.student_id FROM users u
                                           WHERE u.tenant_id = m.tenant_id AND u.id = m.user_id OFFSET 0) u
                      WHERE m.tenant_id = $1 AND m.cohort_id = $2 AND m.role = 'student' ${filters.map((f) => `AND ${f}`).join(' ')}`;
      const [{ total }] = await db.query(`SELECT count(*)::int AS total ${members}`, params);
      const pageParams = [...params];
      let after = '';
      if (query.cursor) {
        const [name, id] = decodeCursor(query.cursor, 2);
        pageParams.push(name, id);
        after = `AND (lower(u.name), u.id) > ($${pageParams.length - 1}, $${pageParams.length}::uuid)`;
      }
      pageParams.push(limit + 1);
      const students: StudentRow[] = await db.query(
        `SELECT u.id, u.name, u.email, u.student_id ${members} ${after} ORDER BY lower(u.name), u.id LIMIT $${pageParams.length}`,
        pageParams,
      );
      const page = students.slice(0, limit);
      const cells = await this.cells(db, auth.tenantId, assignments.map((a) => a.id), page.map((s) => s.id));
      const order = new Map(assignments.map((a, i) => [a.id, i]));
      const last = page[page.length - 1];
      return {
        cohort: { id: cohort.id, name: cohort.name },
        timezone: cohort.timezone,
        assignments,
        students: page.map((s) => ({
          id: s.id,
          name: s.name,
          email: s.email,
          studentId: s.student_id,
          cells: (cells.get(s.id) ?? []).sort((a, b) => (order.get(a.assignmentId) ?? 0) - (order.get(b.assignmentId) ?? 0)),
        })),
        totalStudents: total,
        nextCursor: students.length > limit ? encodeCursor([last.name.toLowerCase(), last.id]) : null,
      };
    });
  }

  /** The tasks of a page of students for the given assignments: one probe per cell on (tenant, assignment, student). */
  private async cells(db: EntityManager, tenantId: string, assignmentIds: string[], studentIds: string[]): Promise<Map<string, GradebookCell[]>> {
    const byStudent = new Map<string, GradebookCell[]>();
    if (!assignmentIds.length || !studentIds.length) return byStudent;
    const rows: CellRow[] = await db.query(
      `SELECT t.id, t.assignment_id, t.student_id, t.status, t.due_at, ${localDaySql('t.due_at')} AS due_on, t.submitted_at,
              t.extended_at IS NOT NULL AS extended,
              (t.status IN ${OPEN_STATUSES} AND t.due_at < now()) AS overdue,
              COALESCE(t.first_submitted_at > t.due_at, false) AS late,
              (SELECT max(r.nudged_at) FROM nudge_recipients r WHERE r.tenant_id = t.tenant_id AND r.task_id = t.id) AS last_nudged_at
         FROM tasks t JOIN tenants tn ON tn.id = t.tenant_id
        WHERE t.tenant_id = $1 AND t.assignment_id = ANY($2::uuid[]) AND t.student_id = ANY($3::uuid[])`,
      [tenantId, assignmentIds, studentIds],
    );
    for (const row of rows) {
      const cell: GradebookCell = {
        assignmentId: row.assignment_id,
        taskId: row.id,
        status: row.overdue ? 'overdue' : CELL_STATUS[row.status],
        taskStatus: row.status,
        late: row.late,
        extended: row.extended,
        submittedAt: row.submitted_at?.toISOString() ?? null,
        dueAt: row.due_at.toISOString(),
        dueOn: row.due_on,
        lastNudgedAt: row.last_nudged_at?.toISOString() ?? null,
      };
      const list = byStudent.get(row.student_id) ?? [];
      list.push(cell);
      byStudent.set(row.student_id, list);
    }
    return byStudent;
  }

  /**
   * A note from the advisor to the chosen students about one homework: one
   * in-app item and one e-mail each, written by the worker from the outbox
   * (exactly once per nudge and student). Nudging someone again about the same
   * homework within 24 hours needs `allowRepeat`.
   */
  nudge(auth: UserAuth, cohortId: string, request: NudgeRequest): Promise<NudgeResponse> {
    if (Boolean(request.studentIds) === Boolean(request.status)) {
      throw validationFailed([{ field: 'studentIds', problems: ['give either studentIds or status'] }]);
    }
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      await requireAccess(db, auth, 'nudge.send', cohortId);
      const assignment = await this.liveAssignment(db, auth.tenantId, cohortId, request.assignmentId);
      const tasks = await this.chosenTasks(db, auth.tenantId, cohortId, assignment.id, request.studentIds, request.status);
      if (!tasks.length) throw validationFailed([{ field: 'status', problems: ['no student of this cohort matches; nobody was nudged'] }]);
      if (!request.allowRepeat) {
        const recent: { id: string; name: string }[] = await db.query(
          `SELECT DISTINCT u.id, u.name FROM nudge_recipients r JOIN users u ON u.tenant_id = r.tenant_id AND u.id = r.student_id
            WHERE r.tenant_id = $1 AND r.task_id = ANY($2::uuid[]) AND r.nudged_at > now() - ${RECENT_NUDGE}
            ORDER BY u.name`,
          [auth.tenantId, tasks.map((t) => t.id)],
        );
        if (recent.length) {
          throw new ConflictException({
            message: `${namesText(recent)} ${recent.length === 1 ? 'was' : 'were'} already nudged about "${assignment.title}" in the last 24 hours. Send again only if you mean to (allowRepeat: true).`,
            code: 'recently_nudged',
            students: recent,
          });
        }
      }
      const id = randomUUID();
      await db.query(`INSERT INTO nudges (tenant_id, id, cohort_id, assignment_id, sender_id, message) VALUES ($1, $2, $3, $4, $5, $6)`, [
        auth.tenantId,
        id,
        cohortId,
        assignment.id,
        auth.userId,
        request.message,
      ]);
      const recipients = await execute(
        db,
        `INSERT INTO nudge_recipients (tenant_id, nudge_id, task_id, student_id)
         SELECT $1, $2, t.id, t.student_id FROM tasks t WHERE t.tenant_id = $1 AND t.id = ANY($3::uuid[])`,
        [auth.tenantId, id, tasks.map((t) => t.id)],
      );
      await this.outbox.publish(db, auth.tenantId, 'nudge.sent', { nudgeId: id });
      await this.audit.record(db, {
        tenantId: auth.tenantId,
        action: 'nudge.sent',
        actorId: auth.userId,
        subjectType: 'assignment',
        subjectId: assignment.id,
        details: { nudgeId: id, cohortId, title: assignment.title, recipients, filter: request.status ?? 'chosen students' },
      });
      return { id, recipients };
    });
  }

  /** A new due date for one student; the assignment's date is kept for reporting. */
  extendTask(auth: UserAuth, taskId: string, request: ExtensionRequest, ip?: string): Promise<TaskSummary> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      const row = await loadTask(db, auth, 'task.extend', taskId, true);
      if (row.status === 'approved' || row.status === 'excused') throw new ConflictException(`This task is ${row.status}; it has no due date to extend`);
      const dueAt = await this.extensionDate(db, auth.tenantId, request);
      const count = await this.applyExtension(db, auth, [taskId], dueAt, request.reason);
      if (!count) throw validationFailed([{ field: request.dueOn ? 'dueOn' : 'dueAt', problems: ['the new due date must be after the original due date'] }]);
      await this.audit.record(db, {
        tenantId: auth.tenantId,
        action: 'task.extended',
        actorId: auth.userId,
        subjectType: 'task',
        subjectId: taskId,
        ip,
        details: { studentId: row.student_id, title: row.title, dueAt: dueAt.toISOString(), reason: request.reason ?? null },
      });
      return toTaskSummary(await readTaskRow(db, auth.tenantId, taskId));
    });
  }

  /** The same new due date for several students of a cohort's assignment (approved and excused work is left alone). */
  extendMany(auth: UserAuth, cohortId: string, request: BulkExtensionRequest): Promise<BulkResult> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      await requireAccess(db, auth, 'cohort.tasks.extend', cohortId);
      const assignment = await this.liveAssignment(db, auth.tenantId, cohortId, request.assignmentId);
      const tasks = await this.chosenTasks(db, auth.tenantId, cohortId, assignment.id, request.studentIds);
      const dueAt = await this.extensionDate(db, auth.tenantId, request);
      const open = tasks.filter((t) => t.status !== 'approved' && t.status !== 'excused').map((t) => t.id);
      const count = await this.applyExtension(db, auth, open, dueAt, request.reason);
      if (open.length && !count) {
        throw validationFailed([{ field: request.dueOn ? 'dueOn' : 'dueAt', problems: ['the new due date must be after the original due date'] }]);
      }
      await this.audit.record(db, {
        tenantId: auth.tenantId,
        action: 'task.extended',
        actorId: auth.userId,
        subjectType: 'assignment',
        subjectId: assignment.id,
        details: { cohortId, title: assignment.title, count, dueAt: dueAt.toISOString(), reason: request.reason ?? null },
      });
      return { count };
    });
  }

  /** Excuses several students of a cohort's assignment with one reason; excused work leaves the completion denominator. */
  excuseMany(auth: UserAuth, cohortId: string, request: BulkExcuseRequest): Promise<BulkResult> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      await requireAccess(db, auth, 'cohort.tasks.excuse', cohortId);
      const assignment = await this.liveAssignment(db, auth.tenantId, cohortId, request.assignmentId);
      const tasks = await this.chosenTasks(db, auth.tenantId, cohortId, assignment.id, request.studentIds);
      const count = await execute(
        db,
        `UPDATE tasks SET status = 'excused', excused_reason = $3, updated_at = now()
          WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND status NOT IN ('approved', 'excused')`,
        [auth.tenantId, tasks.map((t) => t.id), request.reason],
      );
      await this.audit.record(db, {
        tenantId: auth.tenantId,
        action: 'tasks.excused',
        actorId: auth.userId,
        subjectType: 'assignment',
        subjectId: assignment.id,
        details: { cohortId, title: assignment.title, count, reason: request.reason },
      });
      return { count };
    });
  }

  /** What needs the advisor now: reviews waiting, and homework due within 7 days that students have not started. */
  attention(auth: UserAuth): Promise<AdvisorAttention> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      await requireAccess(db, auth, 'attention.read');
      const params: unknown[] = [auth.tenantId];
      const advises = visibility(auth, 'cohort').bind(params);
      // Cohorts first (a handful), then their tasks by (cohort, assignment, status): never a walk over the tenant.
      const [reviews] = await db.query(
        `WITH mine AS MATERIALIZED (SELECT c.id FROM cohorts c WHERE c.tenant_id = $1 AND c.archived_at IS NULL AND ${advises})
         SELECT count(*)::int AS waiting, min(t.submitted_at) AS oldest
           FROM mine
           JOIN tasks t ON t.tenant_id = $1 AND t.cohort_id = mine.id AND t.status = 'submitted'
           JOIN assignments a ON a.tenant_id = t.tenant_id AND a.id = t.assignment_id AND a.archived_at IS NULL`,
        params,
      );
      const soon: SoonRow[] = await db.query(
        `WITH mine AS MATERIALIZED (SELECT c.id, c.name FROM cohorts c WHERE c.tenant_id = $1 AND c.archived_at IS NULL AND ${advises})
         SELECT mine.id AS cohort_id, mine.name AS cohort_name, a.id, a.title, min(t.due_at) AS due_at,
                ${localDaySql('min(t.due_at)')} AS due_on, count(*)::int AS not_started
           FROM mine
           JOIN assignments a ON a.tenant_id = $1 AND a.cohort_id = mine.id AND a.archived_at IS NULL
           JOIN tasks t ON t.tenant_id = $1 AND t.cohort_id = mine.id AND t.assignment_id = a.id AND t.status = 'assigned'
                       AND t.due_at >= now() AND t.due_at < now() + interval '7 days' AND t.opens_at <= now()
           JOIN tenants tn ON tn.id = a.tenant_id
          GROUP BY mine.id, mine.name, a.id, a.title, tn.timezone
          ORDER BY min(t.due_at), a.title
          LIMIT 20`,
        params,
      );
      return {
        reviewsWaiting: reviews.waiting,
        oldestWaitingSince: reviews.oldest?.toISOString() ?? null,
        notStartedDueSoon: soon.map((row) => ({
          cohortId: row.cohort_id,
          cohortName: row.cohort_name,
          assignmentId: row.id,
          title: row.title,
          dueOn: row.due_on,
          dueAt: row.due_at.toISOString(),
          notStarted: row.not_started,
        })),
      };
    });
  }

  private async liveAssignment(db: EntityManager, tenantId: string, cohortId: string, assignmentId: string): Promise<{ id: string; title: string }> {
    assertUuid(assignmentId, 'assignment');
    const [row] = await db.query(`SELECT id, title FROM assignments WHERE tenant_id = $1 AND id = $2 AND cohort_id = $3 AND archived_at IS NULL`, [
      tenantId,
      assignmentId,
      cohortId,
    ]);
    if (!row) throw validationFailed([{ field: 'assignmentId', problems: ['must be a live assignment of this cohort'] }]);
    return row;
  }

  /** The tasks of the assignment for the chosen students (each must be a student of the cohort with that homework) or for a status. */
  private async chosenTasks(
    db: EntityManager,
    tenantId: string,
    cohortId: string,
    assignmentId: string,
    studentIds?: string[],
    status?: GradebookStatus,
  ): Promise<{ id: string; student_id: string; status: string }[]> {
    if (status) {
      return db.query(
        `SELECT t.id, t.student_id, t.status FROM tasks t
           JOIN cohort_members m ON m.tenant_id = t.tenant_id AND m.cohort_id = $2 AND m.user_id = t.student_id AND m.role = 'student'
          WHERE t.tenant_id = $1 AND t.assignment_id = $3 AND ${STATUS_CONDITION[status]}`,
        [tenantId, cohortId, assignmentId],
      );
    }
    const wanted = [...new Set(studentIds ?? [])];
    const rows: { id: string; student_id: string; status: string }[] = await db.query(
      `SELECT t.id, t.student_id, t.status FROM tasks t
         JOIN cohort_members m ON m.tenant_id = t.tenant_id AND m.cohort_id = $2 AND m.user_id = t.student_id AND m.role = 'student'
        WHERE t.tenant_id = $1 AND t.assignment_id = $3 AND t.student_id = ANY($4::uuid[])`,
      [tenantId, cohortId, assignmentId, wanted],
    );
    if (rows.length !== wanted.length) {
      throw validationFailed([{ field: 'studentIds', problems: ['every id must be a student of this cohort who has this homework'] }]);
    }
    return rows;
  }

  private async extensionDate(db: EntityManager, tenantId: string, request: ExtensionRequest): Promise<Date> {
    if (Boolean(request.dueOn) === Boolean(request.dueAt)) throw validationFailed([{ field: 'dueOn', problems: ['give the new due date: dueOn (a day) or dueAt'] }]);
    const { dueAt } = await resolveDates(db, tenantId, { dueOn: request.dueOn, dueAt: request.dueAt });
    if (!dueAt) throw new BadRequestException('The new due date is missing');
    return dueAt;
  }

  /** Sets the override on tasks whose original due date is before it; the students hear of it through the outbox. */
  private async applyExtension(db: EntityManager, auth: UserAuth, taskIds: string[], dueAt: Date, reason?: string): Promise<number> {
    if (!taskIds.length) return 0;
    const changed: { id: string }[] = await db.query(
      `UPDATE tasks SET extended_from = COALESCE(extended_from, due_at), due_at = $3, extension_reason = $4, extended_at = now(),
              extended_by = $5, updated_at = now()
        WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND COALESCE(extended_from, due_at) < $3
        RETURNING id`,
      [auth.tenantId, taskIds, dueAt, reason || null, auth.userId],
    ).then(([rows]: [{ id: string }[]]) => rows);
    if (changed.length) await this.outbox.publish(db, auth.tenantId, 'task.extended', { taskIds: changed.map((row) => row.id) });
    return changed.length;
  }
}

interface AssignmentRow {
  id: string;
  title: string;
  category: GradebookAssignment['category'];
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

interface CellRow {
  id: string;
  assignment_id: string;
  student_id: string;
  status: GradebookCell['taskStatus'];
  due_at: Date;
  due_on: string;
  submitted_at: Date | null;
  extended: boolean;
  overdue: boolean;
  late: boolean;
  last_nudged_at: Date | null;
}

interface SoonRow {
  cohort_id: string;
  cohort_name: string;
  id: string;
  title: string;
  due_at: Date;
  due_on: string;
  not_started: number;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function namesText(people: { name: string }[]): string {
  const names = people.map((p) => p.name);
  if (names.length <= 3) return names.join(', ').replace(/, ([^,]*)$/, ' and $1');
  return `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}
