import { EntityManager } from 'typeorm';
import { CURRICULUM, execute } from '@fieldwork/server-core';

/** Gives a new career center the curriculum: one statement, in the caller's tenant transaction. */
export async function seedTemplateLibrary(db: EntityManager, tenantId: string): Promise<number> {
  return execute(
    db,
    `INSERT INTO templates (tenant_id, id, title, category, instructions, prompts, contact_required, evidence, rubric, estimated_minutes, interaction_kind)
     SELECT $1, gen_random_uuid(), c.title, c.category, c.instructions, c.prompts, c."contactRequired", c.evidence, c.rubric, c."estimatedMinutes",
            c."interactionKind"
       FROM jsonb_to_recordset($2::jsonb) AS c(title text, category text, instructions text, prompts jsonb,
            "contactRequired" boolean, evidence jsonb, rubric jsonb, "estimatedMinutes" integer, "interactionKind" text)`,
    [tenantId, JSON.stringify(CURRICULUM)],
  );
}
