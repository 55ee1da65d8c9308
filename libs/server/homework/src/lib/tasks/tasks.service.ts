import { ConflictException, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditService, Outbox, TenantDatabase, UserAuth, decodeCursor, encodeCursor, validationFailed } from '@fieldwork/server-core';
import { isOpenTaskStatus, type FieldError, type Page, type ReflectionRules, type SaveDraftRequest, type Submission, type TaskDetail, type TaskDraft, type TaskFilter, type TaskSummary } from '@fieldwork/contracts';
import { reflectionFieldErrors } from './answers';
import { recordHomeworkInteraction } from './homework-interactions';
import { requireAccess, visibleTaskPage } from '@fieldwork/server-access';
import { Sql, join, raw, sql, toQuery } from '@fieldwork/server-core';
import { OPEN_STATUSES, TASK_SELECT, TaskRow, loadSubmissions, loadTask, readTaskRow, toTaskSummary } from './task-queries';

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
      if (filter.status === 'due_soon') where.push(raw(`t.status IN ${OPEN_STATUSES} AND t.due_at >= now() AND t.due_at < now() + interval '48 hours'`));
      else if (filter.status === 'open') where.push(raw(`t.status IN ${OPEN_STATUSES}`));
      else if (filter.status === 'overdue') where.push(raw(`t.status IN ${OPEN_STATUSES} AND t.due_at < now()`));
      else if (filter.status) where.push(sql`t.status = ${filter.status}`);
      if (filter.studentId) where.push(sql`t.student_id = ${filter.studentId}`);
      if (filter.assignmentId) where.push(sql`t.assignment_id = ${filter.assignmentId}`);
      if (auth.role !== 'student') where.push(raw('a.archived_at IS NULL'));
      const after = filter.cursor ? decodeCursor(filter.cursor, 2) : null;
      const page = visibleTaskPage(auth, {
        where: join(where, ' AND '),
        order: 'due_at',
        cohortId: filter.cohortId,
        after: after ? { value: after[0], id: after[1] } : undefined,
        limit: limit + 1,
      });
      const { text, values } = toQuery(sql`${raw(TASK_SELECT)} JOIN (${page}) page ON page.id = t.id WHERE t.tenant_id = ${auth.tenantId} ORDER BY t.due_at, t.id`);
      const rows: TaskRow[] = await db.query(text, values);
      const items = rows.slice(0, limit).map(toTaskSummary);
      const last = rows[limit - 1];
      return { items, nextCursor: rows.length > limit ? encodeCursor([last.due_at.toISOString(), last.id]) : null };
    });
  }

  get(auth: UserAuth, id: string): Promise<TaskDetail> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      const row = await loadTask(db, auth, 'task.read', id);
      const own = auth.role === 'student';
      return {
        ...toTaskSummary(row),
        instructions: row.instructions,
        prompts: row.prompts,
        contactRequired: row.contact_required,
        evidence: row.evidence,
        rubric: row.rubric,
        estimatedMinutes: row.estimated_minutes,
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
      if (draft.contactId) problems.push(...(await this.contactProblems(db, auth, draft.contactId)));
      if (problems.length) throw validationFailed(problems);
      const [[saved]] = await db.query(
        `UPDATE tasks SET draft = $3, draft_contact_id = $4, draft_evidence = $5, draft_saved_at = now(), updated_at = now(),
                status = CASE WHEN status = 'assigned' THEN 'in_progress' ELSE status END
          WHERE tenant_id = $1 AND id = $2
          RETURNING draft, draft_contact_id, draft_evidence, draft_saved_at`,
        [auth.tenantId, id, JSON.stringify(draft.answers), draft.contactId ?? null, draft.evidence ?? null],
      );
      return toDraft(saved);
    });
  }

  /** Validates every answer against the prompts and keeps the submission as an immutable version. */
  submit(auth: UserAuth, id: string, reflection: SaveDraftRequest): Promise<Submission> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      const row = await loadTask(db, auth, 'task.submit', id, true);
      this.assertEditable(row);
      const problems: FieldError[] = reflectionFieldErrors(reflectionRules(row), reflection, 'submission');
      let contact: { name: string; organization: string | null } | null = null;
      if (reflection.contactId) {
        const contactIssues = await this.contactProblems(db, auth, reflection.contactId);
        problems.push(...contactIssues);
        if (!contactIssues.length) {
          [contact] = await db.query(`SELECT name, organization FROM contacts WHERE tenant_id = $1 AND id = $2`, [auth.tenantId, reflection.contactId]);
        }
      }
      if (problems.length) throw validationFailed(problems);

      const submissionId = randomUUID();
      await db.query(
        `INSERT INTO submissions (tenant_id, id, task_id, version, answers, contact_id, contact_name, contact_organization, evidence, late)
         SELECT $1, $2, $3, COALESCE(max(version), 0) + 1, $4, $5, $6, $7, $8, now() > $9
           FROM submissions WHERE tenant_id = $1 AND task_id = $3`,
        [
          auth.tenantId,
          submissionId,
          id,
          JSON.stringify(reflection.answers),
          reflection.contactId ?? null,
          contact?.name ?? null,
          contact?.organization ?? null,
          reflection.evidence ?? null,
          row.due_at,
        ],
      );
      await db.query(
        `UPDATE tasks SET status = 'submitted', submitted_at = now(), first_submitted_at = COALESCE(first_submitted_at, now()),
                draft = $3, draft_contact_id = $4, draft_evidence = $5, draft_saved_at = now(), updated_at = now()
          WHERE tenant_id = $1 AND id = $2`,
        [auth.tenantId, id, JSON.stringify(reflection.answers), reflection.contactId ?? null, reflection.evidence ?? null],
      );
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
      await db.query(`UPDATE tasks SET status = 'excused', excused_reason = $3, updated_at = now() WHERE tenant_id = $1 AND id = $2`, [
        auth.tenantId,
        id,
        reason,
      ]);
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

  private async contactProblems(db: EntityManager, auth: UserAuth, contactId: string): Promise<FieldError[]> {
    const rows = await db.query(`SELECT 1 FROM contacts WHERE tenant_id = $1 AND id = $2 AND owner_id = $3`, [auth.tenantId, contactId, auth.userId]);
    return rows.length ? [] : [{ field: 'contactId', problems: ['must be one of your own contacts'] }];
  }
}

/** What the task's reflection is checked against (the shared rules of the contracts). */
function reflectionRules(row: TaskRow): ReflectionRules {
  return { prompts: row.prompts, evidence: row.evidence, contactRequired: row.contact_required };
}

function toDraft(row: TaskRow): TaskDraft {
  return {
    answers: row.draft ?? {},
    contactId: row.draft_contact_id ?? null,
    evidence: row.draft_evidence ?? null,
    savedAt: row.draft_saved_at?.toISOString() ?? null,
  };
}

