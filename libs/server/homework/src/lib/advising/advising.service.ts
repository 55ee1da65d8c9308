import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditService, Outbox, TenantDatabase, UserAuth, decodeCursor, encodeCursor, join, raw, sql, validationFailed, type Sql } from '@fieldwork/server-core';
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
import { loadTask, readTaskRow, toTaskSummary } from '../tasks/task-loader';
import { resolveDates } from '../dates/local-dates';
import {
  cohortStudents,
  cohortTasks,
  countOf,
  excuseTasks,
  extendTasks,
  gradebookAssignments,
  gradebookCells,
  gradebookCohort,
  GRADEBOOK_STATUS_OF,
  gradebookStudents,
  inGradebookStatus,
  insertNudge,
  insertNudgeRecipients,
  liveAssignment,
  notStartedDueSoon,
  recentlyNudged,
  reviewsWaiting,
  type ChosenTaskRow,
} from './advising.queries';

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
      const cohort = await gradebookCohort(db, auth.tenantId, cohortId);
      if (!cohort) throw new NotFoundException('No such cohort');
      const assignments: GradebookAssignment[] = (await gradebookAssignments(db, auth.tenantId, cohortId, MAX_GRADEBOOK_ASSIGNMENTS)).map((row) => ({
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

      const filters: Sql[] = [];
      if (query.q?.trim()) {
        const pattern = `%${escapeLike(query.q.trim().toLowerCase())}%`;
        filters.push(sql`(lower(u.name) LIKE ${pattern} OR u.email LIKE ${pattern} OR lower(COALESCE(u.student_id, '')) LIKE ${pattern})`);
      }
      if (query.assignmentId && query.status) {
        filters.push(sql`EXISTS (SELECT 1 FROM tasks t WHERE t.tenant_id = m.tenant_id AND t.assignment_id = ${query.assignmentId}
                                 AND t.student_id = m.user_id AND ${inGradebookStatus(query.status)})`);
      }
      const members = cohortStudents(auth.tenantId, cohortId, join(filters, ' AND '));
      const total = await countOf(db, members);
      let after = raw('TRUE');
      if (query.cursor) {
        const [name, id] = decodeCursor(query.cursor, 2);
        after = sql`(lower(u.name), u.id) > (${name}, ${id}::uuid)`;
      }
      const students = await gradebookStudents(db, members, after, limit + 1);
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
    const rows = await gradebookCells(db, tenantId, assignmentIds, studentIds);
    for (const row of rows) {
      const cell: GradebookCell = {
        assignmentId: row.assignment_id,
        taskId: row.id,
        status: row.overdue ? 'overdue' : GRADEBOOK_STATUS_OF[row.status],
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
        const recent = await recentlyNudged(db, auth.tenantId, tasks.map((t) => t.id), RECENT_NUDGE);
        if (recent.length) {
          throw new ConflictException({
            message: `${namesText(recent)} ${recent.length === 1 ? 'was' : 'were'} already nudged about "${assignment.title}" in the last 24 hours. Send again only if you mean to (allowRepeat: true).`,
            code: 'recently_nudged',
            students: recent,
          });
        }
      }
      const id = randomUUID();
      await insertNudge(db, auth.tenantId, { id, cohortId, assignmentId: assignment.id, senderId: auth.userId, message: request.message });
      const recipients = await insertNudgeRecipients(db, auth.tenantId, id, tasks.map((t) => t.id));
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
      const count = await excuseTasks(db, auth.tenantId, tasks.map((t) => t.id), request.reason);
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
      const advises = visibility(auth, 'cohort');
      // Cohorts first (a handful), then their tasks by (cohort, assignment, status): never a walk over the tenant.
      const reviews = (await reviewsWaiting(db, auth.tenantId, advises)) ?? { waiting: 0, oldest: null };
      const soon = await notStartedDueSoon(db, auth.tenantId, advises);
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
    const row = await liveAssignment(db, tenantId, cohortId, assignmentId);
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
  ): Promise<ChosenTaskRow[]> {
    if (status) return cohortTasks(db, tenantId, cohortId, assignmentId, inGradebookStatus(status));
    const wanted = [...new Set(studentIds ?? [])];
    const rows = await cohortTasks(db, tenantId, cohortId, assignmentId, sql`t.student_id = ANY(${wanted}::uuid[])`);
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
    const changed = await extendTasks(db, auth.tenantId, taskIds, { dueAt, reason: reason || null, grantedBy: auth.userId });
    if (changed.length) await this.outbox.publish(db, auth.tenantId, 'task.extended', { taskIds: changed.map((row) => row.id) });
    return changed.length;
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function namesText(people: { name: string }[]): string {
  const names = people.map((p) => p.name);
  if (names.length <= 3) return names.join(', ').replace(/, ([^,]*)$/, ' and $1');
  return `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}
