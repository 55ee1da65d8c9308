import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditService, Outbox, TenantDatabase, UserAuth, decodeCursor, encodeCursor, pageSize, validationFailed, auditChanges } from '@fieldwork/server-core';
import type {
  Assignment,
  AssignmentSummary,
  CreateAssignmentRequest,
  CreateAssignmentResponse,
  Page,
  UpdateAssignmentRequest,
} from '@fieldwork/contracts';
import { requireAccess, visibility } from '@fieldwork/server-access';
import { sql, toQuery } from '@fieldwork/server-core';
import { TemplatesService } from '../templates/templates.service';
import { fanOutToCohort, fanOutToStudents, moveOpenTasks } from './task-fanout';
import { dateChoiceProblems, localDaySql, resolveDates } from '../dates/local-dates';


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
      await db.query(
        `INSERT INTO assignments (tenant_id, id, template_id, cohort_id, title, category, instructions, prompts, contact_required,
                                  evidence, rubric, estimated_minutes, interaction_kind, opens_at, due_at, due_days_after_join, created_by)
         SELECT tenant_id, $2, id, $3, title, category, instructions, prompts, contact_required, evidence, rubric, estimated_minutes,
                interaction_kind, $4, $5, $6, $7
           FROM templates WHERE tenant_id = $1 AND id = $8`,
        [auth.tenantId, id, request.cohortId ?? null, opensAt, dates.dueAt, request.dueDaysAfterJoin ?? null, auth.userId, template.id],
      );
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
      const params: unknown[] = [auth.tenantId, filter.archived ?? false];
      let where = ` AND ${visibility(auth, 'assignment').bind(params)}`;
      if (filter.cohortId) {
        params.push(filter.cohortId);
        where += ` AND a.cohort_id = $${params.length}`;
      }
      if (filter.cursor) {
        params.push(...decodeCursor(filter.cursor, 2));
        where += ` AND (a.created_at, a.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
      }
      params.push(limit + 1);
      const rows = await db.query(
        `${SELECT_SUMMARY} WHERE a.tenant_id = $1 AND (a.archived_at IS NOT NULL) = $2 ${where}
          ORDER BY a.created_at DESC, a.id DESC LIMIT $${params.length}`,
        params,
      );
      const last = rows[limit - 1];
      return {
        items: rows.slice(0, limit).map(toSummary),
        nextCursor: rows.length > limit ? encodeCursor([last.created_at.toISOString(), last.id]) : null,
      };
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
      await db.query(
        `UPDATE assignments SET opens_at = $3, due_at = $4, due_days_after_join = $5,
                archived_at = CASE WHEN $6 THEN COALESCE(archived_at, now()) END, updated_at = now()
          WHERE tenant_id = $1 AND id = $2`,
        [auth.tenantId, id, opensAt, dueAt, dueDays, change.archived ?? current.archived],
      );
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
    const [row] = await db.query(
      `${SELECT_SUMMARY.replace('SELECT', 'SELECT a.instructions, a.prompts, a.contact_required, a.evidence, a.rubric, a.estimated_minutes, a.interaction_kind,')}
        WHERE a.tenant_id = $1 AND a.id = $2`,
      [tenantId, id],
    );
    if (!row) throw new NotFoundException('No such assignment');
    return {
      ...toSummary(row),
      instructions: row.instructions,
      prompts: row.prompts,
      contactRequired: row.contact_required,
      evidence: row.evidence,
      rubric: row.rubric,
      estimatedMinutes: row.estimated_minutes,
      interactionKind: row.interaction_kind,
    };
  }

  /** A template already live in the cohort is assigned again only when the advisor confirms it. */
  private async assertNotLiveInCohort(db: EntityManager, tenantId: string, cohortId: string, templateId: string): Promise<void> {
    const [existing] = await db.query(
      `SELECT id, title FROM assignments
        WHERE tenant_id = $1 AND cohort_id = $2 AND template_id = $3 AND archived_at IS NULL
        ORDER BY created_at DESC LIMIT 1`,
      [tenantId, cohortId, templateId],
    );
    if (existing) {
      throw new ConflictException({
        message: `"${existing.title}" is already assigned to this cohort. Assign it again only if you mean to (send allowDuplicate: true).`,
        code: 'duplicate_assignment',
        existing: { id: existing.id, title: existing.title },
      });
    }
  }

  private async assertCanAssignTo(db: EntityManager, auth: UserAuth, studentIds: string[]): Promise<void> {
    const query = toQuery(
      sql`SELECT count(*)::int AS count FROM users u
           WHERE u.tenant_id = ${auth.tenantId} AND u.id = ANY(${studentIds}::uuid[]) AND u.role = 'student' AND ${visibility(auth, 'student')}`,
    );
    const [{ count }] = await db.query(query.text, query.values);
    if (count !== new Set(studentIds).size) {
      throw validationFailed([{ field: 'studentIds', problems: ['every id must be a student you advise'] }]);
    }
  }
}

const SELECT_SUMMARY = `
  SELECT a.id, a.template_id, a.title, a.category, a.cohort_id, c.name AS cohort_name, a.opens_at, a.due_at, a.due_days_after_join,
         a.archived_at, a.created_at, ${localDaySql('a.opens_at')} AS opens_on, ${localDaySql('a.due_at')} AS due_on, p.*
    FROM assignments a
    JOIN tenants tn ON tn.id = a.tenant_id
    LEFT JOIN cohorts c ON c.tenant_id = a.tenant_id AND c.id = a.cohort_id
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS total,
             count(*) FILTER (WHERE t.status = 'assigned')::int AS assigned,
             count(*) FILTER (WHERE t.status = 'in_progress')::int AS in_progress,
             count(*) FILTER (WHERE t.status = 'submitted')::int AS submitted,
             count(*) FILTER (WHERE t.status = 'revision_requested')::int AS revision_requested,
             count(*) FILTER (WHERE t.status = 'approved')::int AS approved,
             count(*) FILTER (WHERE t.status = 'excused')::int AS excused
        FROM tasks t WHERE t.tenant_id = a.tenant_id AND t.assignment_id = a.id) p`;

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

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function toSummary(row: any): AssignmentSummary {
  return {
    id: row.id,
    templateId: row.template_id,
    title: row.title,
    category: row.category,
    cohortId: row.cohort_id,
    cohortName: row.cohort_name,
    opensAt: row.opens_at.toISOString(),
    opensOn: row.opens_on,
    dueAt: row.due_at ? row.due_at.toISOString() : null,
    dueOn: row.due_on,
    dueDaysAfterJoin: row.due_days_after_join,
    archived: row.archived_at !== null,
    createdAt: row.created_at.toISOString(),
    progress: {
      total: row.total,
      assigned: row.assigned,
      in_progress: row.in_progress,
      submitted: row.submitted,
      revision_requested: row.revision_requested,
      approved: row.approved,
      excused: row.excused,
    },
  };
}
