import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditService, Outbox, TenantDatabase, UserAuth, decodeCursor, isoTimes, join, pageOf, pageSize, sql, validationFailed, auditChanges } from '@fieldwork/server-core';
import type {
  Assignment,
  AssignmentSummary,
  CreateAssignmentRequest,
  CreateAssignmentResponse,
  Page,
  UpdateAssignmentRequest,
} from '@fieldwork/contracts';
import { requireAccess, visibility } from '@fieldwork/server-access';
import { TemplatesService } from '../templates/templates.service';
import { dateChoiceProblems, resolveDates } from '../dates/local-dates';
import {
  assignmentById,
  assignmentPage,
  countVisibleStudents,
  fanOutToCohort,
  fanOutToStudents,
  insertAssignment,
  liveInCohort,
  moveOpenTasks,
  updateAssignment,
} from './assignments.queries';


@Injectable()
export class AssignmentsService {
  constructor(
    private readonly tenantDb: TenantDatabase,
    private readonly templates: TemplatesService,
    private readonly outbox: Outbox,
    private readonly audit: AuditService,
  ) {}

  /**
   * Copies the template into the assignment and creates every task in the same
   * transaction, set-based. Due days are the career center's (end of that local day).
   */
  create(auth: UserAuth, request: CreateAssignmentRequest): Promise<CreateAssignmentResponse> {
    const problems = [...requestProblems(request), ...dateChoiceProblems(request)];
    if (problems.length) throw validationFailed(problems);
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      await requireAccess(db, auth, 'assignment.create');
      if (request.cohortId) await requireAccess(db, auth, 'cohort.read', request.cohortId);
      if (request.studentIds) await this.assertCanAssignTo(db, auth, request.studentIds);
      const template = await this.templates.load(db, auth.tenantId, request.templateId);
      if (template.archived) throw new BadRequestException('This template is archived; restore it or choose another');
      if (request.cohortId && !request.allowDuplicate) await this.assertNotLiveInCohort(db, auth.tenantId, request.cohortId, template.id);
      const dates = await resolveDates(db, auth.tenantId, request);
      const opensAt = dates.opensAt ?? new Date();
      if (dates.dueAt && dates.dueAt <= opensAt) {
        throw validationFailed([{ field: request.dueOn ? 'dueOn' : 'dueAt', problems: ['the due date must be after the opening date'] }]);
      }
      const id = randomUUID();
      await insertAssignment(db, auth.tenantId, {
        id,
        templateId: template.id,
        cohortId: request.cohortId ?? null,
        opensAt,
        dueAt: dates.dueAt,
        dueDaysAfterJoin: request.dueDaysAfterJoin ?? null,
        createdBy: auth.userId,
      });
      const taskCount = request.cohortId
        ? await fanOutToCohort(db, auth.tenantId, id)
        : await fanOutToStudents(db, auth.tenantId, id, request.studentIds ?? []);
      await this.outbox.publish(db, auth.tenantId, 'assignment.created', { assignmentId: id });
      await this.audit.record(db, {
        tenantId: auth.tenantId,
        action: 'assignment.created',
        actorId: auth.userId,
        subjectType: 'assignment',
        subjectId: id,
        details: { title: template.title, cohortId: request.cohortId ?? null, taskCount },
      });
      return { id, taskCount };
    });
  }

  list(auth: UserAuth, filter: { cohortId?: string; archived?: boolean; cursor?: string; limit?: number }): Promise<Page<AssignmentSummary>> {
    const limit = pageSize(filter.limit, 100);
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      await requireAccess(db, auth, 'assignment.list');
      if (filter.cohortId) await requireAccess(db, auth, 'cohort.read', filter.cohortId);
      const where = [visibility(auth, 'assignment')];
      if (filter.cohortId) where.push(sql`a.cohort_id = ${filter.cohortId}`);
      if (filter.cursor) {
        const [createdAt, id] = decodeCursor(filter.cursor, 2);
        where.push(sql`(a.created_at, a.id) < (${createdAt}::timestamptz, ${id}::uuid)`);
      }
      const rows = await assignmentPage(db, auth.tenantId, filter.archived ?? false, join(where, ' AND '), limit + 1);
      return pageOf(rows, limit, isoTimes, (row) => [row.createdAt.toISOString(), row.id]);
    });
  }

  get(auth: UserAuth, id: string): Promise<Assignment> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      await requireAccess(db, auth, 'assignment.read', id);
      return this.load(db, auth.tenantId, id);
    });
  }

  /**
   * Moving the due date moves the open tasks' due dates (a student's extension
   * stays when it is later); archiving hides the assignment and its open tasks.
   */
  update(auth: UserAuth, id: string, change: UpdateAssignmentRequest): Promise<Assignment> {
    const newDue = Boolean(change.dueAt || change.dueOn);
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      // Rights over an assignment follow its cohort: an advisor removed from the cohort has none left.
      await requireAccess(db, auth, 'assignment.update', id);
      if (newDue && change.dueDaysAfterJoin) {
        throw validationFailed([{ field: change.dueOn ? 'dueOn' : 'dueAt', problems: ['give either a due date or dueDaysAfterJoin, not both'] }]);
      }
      const current = await this.load(db, auth.tenantId, id);
      if (change.dueDaysAfterJoin && !current.cohortId) {
        throw validationFailed([{ field: 'dueDaysAfterJoin', problems: ['a relative due date needs a cohort assignment'] }]);
      }
      const dates = await resolveDates(db, auth.tenantId, change);
      const opensAt = dates.opensAt ?? new Date(current.opensAt);
      const dueAt = change.dueDaysAfterJoin ? null : (dates.dueAt ?? (current.dueAt ? new Date(current.dueAt) : null));
      const dueDays = newDue ? null : (change.dueDaysAfterJoin ?? current.dueDaysAfterJoin);
      if (dueAt && dueAt <= opensAt) {
        throw validationFailed([{ field: change.dueOn ? 'dueOn' : 'dueAt', problems: ['the due date must be after the opening date'] }]);
      }
      await updateAssignment(db, auth.tenantId, id, { opensAt, dueAt, dueDaysAfterJoin: dueDays, archived: change.archived ?? current.archived });
      await this.audit.record(db, {
        tenantId: auth.tenantId,
        action: 'assignment.changed',
        actorId: auth.userId,
        subjectType: 'assignment',
        subjectId: id,
        details: {
          title: current.title,
          ...auditChanges(
            { opensAt: current.opensAt, dueAt: current.dueAt, dueDaysAfterJoin: current.dueDaysAfterJoin, archived: current.archived },
            { opensAt: opensAt.toISOString(), dueAt: dueAt?.toISOString() ?? null, dueDaysAfterJoin: dueDays, archived: change.archived ?? current.archived },
            ['opensAt', 'dueAt', 'dueDaysAfterJoin', 'archived'],
          ),
        },
      });
      if (change.opensAt || change.opensOn || newDue || change.dueDaysAfterJoin) {
        await moveOpenTasks(db, auth.tenantId, id);
        await this.outbox.publish(db, auth.tenantId, 'assignment.due_date_changed', { assignmentId: id });
      }
      return this.load(db, auth.tenantId, id);
    });
  }

  /** The assignment by id (access was checked by the caller). */
  private async load(db: EntityManager, tenantId: string, id: string): Promise<Assignment> {
    const row = await assignmentById(db, tenantId, id);
    if (!row) throw new NotFoundException('No such assignment');
    return isoTimes(row);
  }

  /** A template already live in the cohort is assigned again only when the advisor confirms it. */
  private async assertNotLiveInCohort(db: EntityManager, tenantId: string, cohortId: string, templateId: string): Promise<void> {
    const existing = await liveInCohort(db, tenantId, cohortId, templateId);
    if (existing) {
      throw new ConflictException({
        message: `"${existing.title}" is already assigned to this cohort. Assign it again only if you mean to (send allowDuplicate: true).`,
        code: 'duplicate_assignment',
        existing: { id: existing.id, title: existing.title },
      });
    }
  }

  private async assertCanAssignTo(db: EntityManager, auth: UserAuth, studentIds: string[]): Promise<void> {
    if ((await countVisibleStudents(db, auth.tenantId, studentIds, visibility(auth, 'student'))) !== new Set(studentIds).size) {
      throw validationFailed([{ field: 'studentIds', problems: ['every id must be a student you advise'] }]);
    }
  }
}

function requestProblems(request: CreateAssignmentRequest): { field: string; problems: string[] }[] {
  const problems: { field: string; problems: string[] }[] = [];
  if (Boolean(request.cohortId) === Boolean(request.studentIds)) {
    problems.push({ field: 'cohortId', problems: ['give either cohortId or studentIds'] });
  }
  const fixedDue = Boolean(request.dueAt || request.dueOn);
  if (fixedDue === Boolean(request.dueDaysAfterJoin)) {
    problems.push({ field: 'dueOn', problems: ['give either a due date (dueOn or dueAt) or dueDaysAfterJoin'] });
  }
  if (request.dueDaysAfterJoin && !request.cohortId) {
    problems.push({ field: 'dueDaysAfterJoin', problems: ['a relative due date needs a cohort'] });
  }
  return problems;
}
