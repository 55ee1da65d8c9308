import type { TemplateInput } from '@fieldwork/contracts';
import type { TemplateContentRow } from './templates.queries';

/** The content fields every copy of a template answers with (a template, an assignment, a task). */
export type TemplateContent = Pick<TemplateInput, 'instructions' | 'prompts' | 'contactRequired' | 'evidence' | 'rubric' | 'estimatedMinutes'>;

export function toTemplateContent(row: TemplateContentRow): TemplateContent {
  return {
    instructions: row.instructions,
    prompts: row.prompts,
    contactRequired: row.contact_required,
    evidence: row.evidence,
    rubric: row.rubric,
    estimatedMinutes: row.estimated_minutes,
  };
}
