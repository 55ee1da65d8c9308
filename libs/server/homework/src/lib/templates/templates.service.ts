import { Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditService, TenantDatabase, auditChanges, UserAuth, decodeCursor, encodeCursor, pageSize, validationFailed } from '@fieldwork/server-core';
import type { Page, Template, TemplateCategory, TemplateInput, UpdateTemplateRequest } from '@fieldwork/contracts';
import { assertUuid } from '@fieldwork/server-access';
import { templateProblems } from './template-rules';

/** The fields of a template an edit can change, as the audit log compares them. */
const AUDITED_FIELDS = [
  'title',
  'category',
  'instructions',
  'prompts',
  'contactRequired',
  'evidence',
  'rubric',
  'estimatedMinutes',
  'interactionKind',
  'archived',
] as const satisfies readonly (keyof Template)[];
/** Named in the log when they change, never copied into it. */
const LONG_FIELDS = ['instructions', 'prompts', 'evidence', 'rubric'] as const;

const COLUMNS = `id, title, category, instructions, prompts, contact_required, evidence, rubric, estimated_minutes, interaction_kind, archived_at, created_at, updated_at`;

@Injectable()
export class TemplatesService {
  constructor(
    private readonly tenantDb: TenantDatabase,
    private readonly audit: AuditService,
  ) {}

  list(auth: UserAuth, filter: { category?: TemplateCategory; archived?: boolean; cursor?: string; limit?: number }): Promise<Page<Template>> {
    const limit = pageSize(filter.limit, 100);
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      const params: unknown[] = [auth.tenantId, filter.category ?? null, filter.archived ?? false];
      let after = '';
      if (filter.cursor) {
        params.push(...decodeCursor(filter.cursor, 3));
        after = `AND (category, lower(title), id) > ($4, $5, $6::uuid)`;
      }
      params.push(limit + 1);
      const rows = await db.query(
        `SELECT ${COLUMNS} FROM templates
          WHERE tenant_id = $1 AND ($2::text IS NULL OR category = $2) AND (archived_at IS NOT NULL) = $3 ${after}
          ORDER BY category, lower(title), id LIMIT $${params.length}`,
        params,
      );
      const last = rows[limit - 1];
      return {
        items: rows.slice(0, limit).map(toTemplate),
        nextCursor: rows.length > limit ? encodeCursor([last.category, last.title.toLowerCase(), last.id]) : null,
      };
    });
  }

  get(auth: UserAuth, id: string): Promise<Template> {
    return this.tenantDb.transaction(auth.tenantId, (db) => this.load(db, auth.tenantId, id));
  }

  create(auth: UserAuth, input: TemplateInput): Promise<Template> {
    assertValid(input);
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      const id = randomUUID();
      await db.query(
        `INSERT INTO templates (tenant_id, id, title, category, instructions, prompts, contact_required, evidence, rubric, estimated_minutes, interaction_kind, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [auth.tenantId, id, ...values(input), auth.userId],
      );
      await this.audit.record(db, { tenantId: auth.tenantId, action: 'template.created', actorId: auth.userId, subjectType: 'template', subjectId: id, details: { title: input.title } });
      return this.load(db, auth.tenantId, id);
    });
  }

  update(auth: UserAuth, id: string, change: UpdateTemplateRequest): Promise<Template> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      const current = await this.load(db, auth.tenantId, id);
      const next: TemplateInput = {
        title: change.title ?? current.title,
        category: change.category ?? current.category,
        instructions: change.instructions ?? current.instructions,
        prompts: change.prompts ?? current.prompts,
        contactRequired: change.contactRequired ?? current.contactRequired,
        evidence: change.evidence ?? current.evidence,
        rubric: change.rubric === undefined ? current.rubric : change.rubric,
        estimatedMinutes: change.estimatedMinutes ?? current.estimatedMinutes,
        interactionKind: change.interactionKind === undefined ? current.interactionKind : change.interactionKind,
      };
      assertValid(next);
      const archived = change.archived ?? current.archived;
      await db.query(
        `UPDATE templates SET title = $3, category = $4, instructions = $5, prompts = $6, contact_required = $7, evidence = $8,
                rubric = $9, estimated_minutes = $10, interaction_kind = $11, archived_at = CASE WHEN $12 THEN COALESCE(archived_at, now()) END, updated_at = now()
          WHERE tenant_id = $1 AND id = $2`,
        [auth.tenantId, id, ...values(next), archived],
      );
      await this.audit.record(db, {
        tenantId: auth.tenantId,
        action: 'template.changed',
        actorId: auth.userId,
        subjectType: 'template',
        subjectId: id,
        // What the edit changed, not every field it sent: short ones before → after, long text named only.
        details: { title: next.title, ...auditChanges(current, stored(next, archived), AUDITED_FIELDS, { long: LONG_FIELDS }) },
      });
      return this.load(db, auth.tenantId, id);
    });
  }

  async load(db: EntityManager, tenantId: string, id: string): Promise<Template> {
    assertUuid(id, 'template');
    const [row] = await db.query(`SELECT ${COLUMNS} FROM templates WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
    if (!row) throw new NotFoundException('No such template');
    return toTemplate(row);
  }
}

function assertValid(input: TemplateInput): void {
  const problems = templateProblems(input);
  if (problems.length) throw validationFailed(problems);
}

/** The template's fields as they are stored after an update (an empty rubric is none). */
function stored(input: TemplateInput, archived: boolean): Pick<Template, (typeof AUDITED_FIELDS)[number]> {
  return { ...input, rubric: input.rubric && input.rubric.length ? input.rubric : null, interactionKind: input.interactionKind ?? null, archived };
}

function values(input: TemplateInput): unknown[] {
  return [
    input.title,
    input.category,
    input.instructions,
    JSON.stringify(input.prompts),
    input.contactRequired,
    JSON.stringify(input.evidence),
    input.rubric && input.rubric.length ? JSON.stringify(input.rubric) : null,
    input.estimatedMinutes,
    input.interactionKind ?? null,
  ];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function toTemplate(row: any): Template {
  return {
    id: row.id,
    title: row.title,
    category: row.category,
    instructions: row.instructions,
    prompts: row.prompts,
    contactRequired: row.contact_required,
    evidence: row.evidence,
    rubric: row.rubric,
    estimatedMinutes: row.estimated_minutes,
    interactionKind: row.interaction_kind,
    archived: row.archived_at !== null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
