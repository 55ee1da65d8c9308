import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService, Outbox, TenantDatabase, UserAuth, pageOf, validationFailed } from '@fieldwork/server-core';
import { isOpenTaskStatus, type FieldError, type Page, type ReflectionRules, type SaveDraftRequest, type Submission, type TaskDetail, type TaskDraft, type TaskFilter, type TaskSummary } from '@fieldwork/contracts';
import { reflectionFieldErrors } from './answers';
import { recordHomeworkInteraction } from './homework-interactions';
import { toTemplateContent } from '../templates/template-content';
import { requireAccess, visibleTaskPage } from '@fieldwork/server-access';
import { Sql, join, raw, sql } from '@fieldwork/server-core';
import { loadSubmissions, loadTask, readTaskRow, toTaskSummary } from './task-loader';
import { TASK_IS_OPEN, excuseTask, insertSubmission, markSubmitted, ownContact, saveDraft, taskPage, type DraftRow, type ReflectionFields, type TaskRow } from './tasks.queries';

export interface TaskListFilter {
  status?: TaskFilter;
  cohortId?: string;
  studentId?: string;
  assignmentId?: string;
  cursor?: string;
  limit?: number;
}

@Injectable()
export class TasksService {
  constructor(
    private readonly tenantDb: TenantDatabase,
    private readonly audit: AuditService,
    private readonly outbox: Outbox,
  ) {}

  /** A student's own tasks, or for staff the tasks of the students they may see; ordered by due date. */
  list(auth: UserAuth, filter: TaskListFilter): Promise<Page<TaskSummary>> {
    const limit = filter.limit ?? 50;
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      await requireAccess(db, auth, 'task.list');
      const where: Sql[] = [];
      // Open work keeps the literal statuses of the partial index tasks_open_by_due (see OPEN_STATUSES).
      if (filter.status === 'due_soon') where.push(sql`${TASK_IS_OPEN} AND t.due_at >= now() AND t.due_at < now() + interval '48 hours'`);
      else if (filter.status === 'open') where.push(TASK_IS_OPEN);
      else if (filter.status === 'overdue') where.push(sql`${TASK_IS_OPEN} AND t.due_at < now()`);
      else if (filter.status) where.push(sql`t.status = ${filter.status}`);
      if (filter.studentId) where.push(sql`t.student_id = ${filter.studentId}`);
      if (filter.assignmentId) where.push(sql`t.assignment_id = ${filter.assignmentId}`);
      if (auth.role !== 'student') where.push(raw('a.archived_at IS NULL'));
      const page = visibleTaskPage(auth, filter, { where: join(where, ' AND '), order: 'due_at', limit: limit + 1 });
      const rows = await taskPage(db, auth.tenantId, page);
      return pageOf(rows, limit, toTaskSummary, (row) => [row.due_at.toISOString(), row.id]);
    });
  }

  get(auth: UserAuth, id: string): Promise<TaskDetail> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      const row = await loadTask(db, auth, 'task.read', id);
      const own = auth.role === 'student';
      return {
        ...toTaskSummary(row),
        ...toTemplateContent(row),
        // A draft is the student's work in progress: only they see it.
        draft: own ? toDraft(row) : { answers: {}, contactId: null, evidence: null, savedAt: null },
      };
    });
  }

  /** Saves answers as the student types; the first save moves the task to "in progress". */
  saveDraft(auth: UserAuth, id: string, draft: SaveDraftRequest): Promise<TaskDraft> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      const row = await loadTask(db, auth, 'task.draft', id, true);
      this.assertEditable(row);
      const problems = reflectionFieldErrors(reflectionRules(row), draft, 'draft');
      if (draft.contactId && !(await ownContact(db, auth.tenantId, draft.contactId, auth.userId))) problems.push(NOT_OWN_CONTACT);
      if (problems.length) throw validationFailed(problems);
      const saved = await saveDraft(db, auth.tenantId, id, reflectionFields(draft));
      if (!saved) throw new NotFoundException('No such task');
      return toDraft(saved);
    });
  }

  /** Validates every answer against the prompts and keeps the submission as an immutable version. */
  submit(auth: UserAuth, id: string, reflection: SaveDraftRequest): Promise<Submission> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      const row = await loadTask(db, auth, 'task.submit', id, true);
      this.assertEditable(row);
      const problems: FieldError[] = reflectionFieldErrors(reflectionRules(row), reflection, 'submission');
      const contact = reflection.contactId ? ((await ownContact(db, auth.tenantId, reflection.contactId, auth.userId)) ?? null) : null;
      if (reflection.contactId && !contact) problems.push(NOT_OWN_CONTACT);
      if (problems.length) throw validationFailed(problems);

      const fields = reflectionFields(reflection);
      await insertSubmission(db, auth.tenantId, randomUUID(), id, { ...fields, contact }, row.due_at);
      await markSubmitted(db, auth.tenantId, id, fields);
      await this.outbox.publish(db, auth.tenantId, 'submission.submitted', { taskId: id });
      await recordHomeworkInteraction(db, this.outbox, {
        tenantId: auth.tenantId,
        studentId: auth.userId,
        taskId: id,
        contactId: reflection.contactId ?? null,
        category: row.category,
        interactionKind: row.interaction_kind,
        prompts: row.prompts,
        answers: reflection.answers,
      });
      const [latest] = await loadSubmissions(db, auth.tenantId, id);
      return latest;
    });
  }

  /** The history of a task's reflection. Staff reads of a student's reflections are audited. */
  submissions(auth: UserAuth, id: string, ip?: string): Promise<Submission[]> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      const row = await loadTask(db, auth, 'task.submissions.read', id);
      if (auth.role !== 'student') {
        await this.audit.record(db, {
          tenantId: auth.tenantId,
          action: 'reflection.viewed',
          actorId: auth.userId,
          subjectType: 'task',
          subjectId: id,
          ip,
          details: { studentId: row.student_id },
        });
      }
      return loadSubmissions(db, auth.tenantId, id);
    });
  }

  excuse(auth: UserAuth, id: string, reason: string, ip?: string): Promise<TaskSummary> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      const row = await loadTask(db, auth, 'task.excuse', id, true);
      if (row.status === 'approved') throw new ConflictException('This task is already approved');
      await excuseTask(db, auth.tenantId, id, reason);
      await this.audit.record(db, { tenantId: auth.tenantId, action: 'task.excused', actorId: auth.userId, subjectType: 'task', subjectId: id, ip, details: { reason } });
      return toTaskSummary(await readTaskRow(db, auth.tenantId, id));
    });
  }

  private assertEditable(row: TaskRow): void {
    if (!isOpenTaskStatus(row.status)) {
      throw new ConflictException(
        row.status === 'submitted'
          ? 'This reflection is submitted and waiting for review; you can change it if your advisor asks for a revision'
          : `This task is ${row.status}; it can no longer be changed`,
      );
    }
  }
}

const NOT_OWN_CONTACT: FieldError = { field: 'contactId', problems: ['must be one of your own contacts'] };

/** The request as stored: absent contact and evidence as null. */
function reflectionFields(request: SaveDraftRequest): ReflectionFields {
  return { answers: request.answers, contactId: request.contactId ?? null, evidence: request.evidence ?? null };
}

/** What the task's reflection is checked against (the shared rules of the contracts). */
function reflectionRules(row: TaskRow): ReflectionRules {
  return { prompts: row.prompts, evidence: row.evidence, contactRequired: row.contact_required };
}

function toDraft(row: DraftRow): TaskDraft {
  return {
    answers: row.draft ?? {},
    contactId: row.draft_contact_id ?? null,
    evidence: row.draft_evidence ?? null,
    savedAt: row.draft_saved_at?.toISOString() ?? null,
  };
}

