import { execute, queryOne, queryRows, raw, sql, type Sql } from '@fieldwork/server-core';
import type { EvidenceRule, InteractionKind, ReflectionPrompt, RubricCriterion, TemplateCategory, TemplateInput } from '@fieldwork/contracts';
import type { EntityManager } from 'typeorm';

/** What a template holds, and an assignment (and so its tasks) copies: the columns of both tables. */
export interface TemplateContentRow {
  title: string;
  category: TemplateCategory;
  instructions: string;
  prompts: ReflectionPrompt[];
  contact_required: boolean;
  evidence: EvidenceRule;
  rubric: RubricCriterion[] | null;
  estimated_minutes: number;
  interaction_kind: InteractionKind | null;
}

/** One template as `templatePage` and `templateById` read it. */
export interface TemplateRow extends TemplateContentRow {
  id: string;
  archived_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = raw(`id, title, category, instructions, prompts, contact_required, evidence, rubric, estimated_minutes, interaction_kind, archived_at, created_at, updated_at`);

/** A page of the library in (category, title) order, of one category or all, archived or live; `after` is the keyset condition. */
export function templatePage(db: EntityManager, tenantId: string, filter: { category: string | null; archived: boolean }, after: Sql, limit: number): Promise<TemplateRow[]> {
  return queryRows<TemplateRow>(
    db,
    sql`SELECT ${COLUMNS} FROM templates
         WHERE tenant_id = ${tenantId} AND (${filter.category}::text IS NULL OR category = ${filter.category}) AND (archived_at IS NOT NULL) = ${filter.archived} AND ${after}
         ORDER BY category, lower(title), id LIMIT ${limit}`,
  );
}

export function templateById(db: EntityManager, tenantId: string, id: string): Promise<TemplateRow | undefined> {
  return queryOne<TemplateRow>(db, sql`SELECT ${COLUMNS} FROM templates WHERE tenant_id = ${tenantId} AND id = ${id}`);
}

/** The template's fields as the columns hold them (an empty rubric is none). */
function columnValues(input: TemplateInput) {
  return {
    prompts: JSON.stringify(input.prompts),
    evidence: JSON.stringify(input.evidence),
    rubric: input.rubric && input.rubric.length ? JSON.stringify(input.rubric) : null,
    interactionKind: input.interactionKind ?? null,
  };
}

export function insertTemplate(db: EntityManager, tenantId: string, id: string, input: TemplateInput, createdBy: string): Promise<number> {
  const v = columnValues(input);
  return execute(
    db,
    sql`INSERT INTO templates (tenant_id, id, title, category, instructions, prompts, contact_required, evidence, rubric, estimated_minutes, interaction_kind, created_by)
        VALUES (${tenantId}, ${id}, ${input.title}, ${input.category}, ${input.instructions}, ${v.prompts}, ${input.contactRequired}, ${v.evidence},
                ${v.rubric}, ${input.estimatedMinutes}, ${v.interactionKind}, ${createdBy})`,
  );
}

/** Every field of the template anew; archiving keeps the first archiving time. */
export function updateTemplate(db: EntityManager, tenantId: string, id: string, input: TemplateInput, archived: boolean): Promise<number> {
  const v = columnValues(input);
  return execute(
    db,
    sql`UPDATE templates SET title = ${input.title}, category = ${input.category}, instructions = ${input.instructions}, prompts = ${v.prompts},
               contact_required = ${input.contactRequired}, evidence = ${v.evidence}, rubric = ${v.rubric}, estimated_minutes = ${input.estimatedMinutes},
               interaction_kind = ${v.interactionKind}, archived_at = CASE WHEN ${archived}::boolean THEN COALESCE(archived_at, now()) END, updated_at = now()
         WHERE tenant_id = ${tenantId} AND id = ${id}`,
  );
}

/** Adds every template of `library` (TemplateInput-shaped JSON) in one statement; answers how many. */
export function insertTemplateLibrary(db: EntityManager, tenantId: string, library: readonly TemplateInput[]): Promise<number> {
  return execute(
    db,
    sql`INSERT INTO templates (tenant_id, id, title, category, instructions, prompts, contact_required, evidence, rubric, estimated_minutes, interaction_kind)
        SELECT ${tenantId}, gen_random_uuid(), c.title, c.category, c.instructions, c.prompts, c."contactRequired", c.evidence, c.rubric, c."estimatedMinutes",
               c."interactionKind"
          FROM jsonb_to_recordset(${JSON.stringify(library)}::jsonb) AS c(title text, category text, instructions text, prompts jsonb,
               "contactRequired" boolean, evidence jsonb, rubric jsonb, "estimatedMinutes" integer, "interactionKind" text)`,
  );
}
