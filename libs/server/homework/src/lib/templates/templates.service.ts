import { Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditService, TenantDatabase, auditChanges, UserAuth, decodeCursor, pageOf, pageSize, raw, sql, validationFailed } from '@fieldwork/server-core';
import type { Page, Template, TemplateCategory, TemplateInput, UpdateTemplateRequest } from '@fieldwork/contracts';
import { assertUuid } from '@fieldwork/server-access';
import { templateProblems } from './template-rules';
import { toTemplateContent } from './template-content';
import { insertTemplate, templateById, templatePage, updateTemplate, type TemplateRow } from './templates.queries';

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

@Injectable()
export class TemplatesService {
  constructor(
    private readonly tenantDb: TenantDatabase,
    private readonly audit: AuditService,
  ) {}

  list(auth: UserAuth, filter: { category?: TemplateCategory; archived?: boolean; cursor?: string; limit?: number }): Promise<Page<Template>> {
    const limit = pageSize(filter.limit, 100);
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      let after = raw('TRUE');
      if (filter.cursor) {
        const [category, title, id] = decodeCursor(filter.cursor, 3);
        after = sql`(category, lower(title), id) > (${category}, ${title}, ${id}::uuid)`;
      }
      const rows = await templatePage(db, auth.tenantId, { category: filter.category ?? null, archived: filter.archived ?? false }, after, limit + 1);
      return pageOf(rows, limit, toTemplate, (row) => [row.category, row.title.toLowerCase(), row.id]);
    });
  }

  get(auth: UserAuth, id: string): Promise<Template> {
    return this.tenantDb.transaction(auth.tenantId, (db) => this.load(db, auth.tenantId, id));
  }

  create(auth: UserAuth, input: TemplateInput): Promise<Template> {
    assertValid(input);
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      const id = randomUUID();
      await insertTemplate(db, auth.tenantId, id, input, auth.userId);
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
      await updateTemplate(db, auth.tenantId, id, next, archived);
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
    const row = await templateById(db, tenantId, id);
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

function toTemplate(row: TemplateRow): Template {
  return {
    id: row.id,
    title: row.title,
    category: row.category,
    ...toTemplateContent(row),
    interactionKind: row.interaction_kind,
    archived: row.archived_at !== null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
