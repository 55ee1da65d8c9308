import { EntityManager } from 'typeorm';
import { CATEGORY_INTERACTION_KIND, type Answers, type InteractionKind, type ReflectionPrompt, type TemplateCategory } from '@fieldwork/contracts';
import { Outbox } from '@fieldwork/server-core';
import { isLocalDay } from '../dates/local-dates';
import { deleteInteraction, homeworkInteraction, refreshContactActivity, upsertHomeworkInteraction } from './tasks.queries';

export interface HomeworkReflection {
  tenantId: string;
  studentId: string;
  taskId: string;
  /** The contact the reflection names, or null. */
  contactId: string | null;
  category: TemplateCategory;
  interactionKind: InteractionKind | null;
  prompts: ReflectionPrompt[];
  answers: Answers;
}

/**
 * Homework feeds the network: a submitted reflection that names a contact
 * records one interaction on that contact's timeline (the kind from the
 * template, dated with the reflection's conversation day when it has one), linked
 * to the task. A resubmission updates that interaction instead of adding another;
 * one that no longer names a contact removes it. The contacts' counts and
 * follow-up clocks are recomputed, and `interaction.logged` lets the reminders
 * (thank-you due, follow-up due) see homework too.
 */
export async function recordHomeworkInteraction(db: EntityManager, outbox: Outbox, reflection: HomeworkReflection): Promise<void> {
  const { tenantId, taskId } = reflection;
  const previous = await homeworkInteraction(db, tenantId, taskId);
  const touched = new Set<string>(previous ? [previous.contact_id] : []);
  if (!reflection.contactId) {
    if (previous) await deleteInteraction(db, tenantId, previous.id);
  } else {
    touched.add(reflection.contactId);
    const recorded = await upsertHomeworkInteraction(db, tenantId, {
      taskId,
      contactId: reflection.contactId,
      ownerId: reflection.studentId,
      kind: reflection.interactionKind ?? CATEGORY_INTERACTION_KIND[reflection.category],
      day: conversationDay(reflection.prompts, reflection.answers),
    });
    if (recorded) await outbox.publish(db, tenantId, 'interaction.logged', { interactionId: recorded.id });
  }
  if (touched.size) await refreshContactActivity(db, tenantId, [...touched]);
}

/** The reflection's conversation day: its first date answer (a day in the future counts as today). */
function conversationDay(prompts: ReflectionPrompt[], answers: Answers): string | null {
  const prompt = prompts.find((p) => p.type === 'date' && isLocalDay(answers[p.key]));
  return prompt ? String(answers[prompt.key]) : null;
}
