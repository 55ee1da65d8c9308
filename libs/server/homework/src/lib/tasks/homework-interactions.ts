import { EntityManager } from 'typeorm';
import { CATEGORY_INTERACTION_KIND, type Answers, type InteractionKind, type ReflectionPrompt, type TemplateCategory } from '@fieldwork/contracts';
import { Outbox } from '@fieldwork/server-core';
import { isLocalDay } from '../dates/local-dates';

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
  const [previous] = await db.query(`SELECT id, contact_id FROM interactions WHERE tenant_id = $1 AND task_id = $2 AND from_homework`, [
    tenantId,
    taskId,
  ]);
  const touched = new Set<string>(previous ? [previous.contact_id] : []);
  if (!reflection.contactId) {
    if (previous) await db.query(`DELETE FROM interactions WHERE tenant_id = $1 AND id = $2`, [tenantId, previous.id]);
  } else {
    touched.add(reflection.contactId);
    const [{ id }] = await db.query(
      `INSERT INTO interactions (tenant_id, id, contact_id, owner_id, kind, occurred_at, task_id, from_homework)
       SELECT $1, gen_random_uuid(), $3, $4, $5,
              COALESCE(LEAST(now(), local_day_start($6::date, tn.timezone) + interval '12 hours'), now()), $2, true
         FROM tenants tn WHERE tn.id = $1
       ON CONFLICT (tenant_id, task_id) WHERE from_homework
       DO UPDATE SET contact_id = excluded.contact_id, kind = excluded.kind, occurred_at = excluded.occurred_at
       RETURNING id`,
      [
        tenantId,
        taskId,
        reflection.contactId,
        reflection.studentId,
        reflection.interactionKind ?? CATEGORY_INTERACTION_KIND[reflection.category],
        conversationDay(reflection.prompts, reflection.answers),
      ],
    );
    await outbox.publish(db, tenantId, 'interaction.logged', { interactionId: id });
  }
  await refreshContactActivity(db, tenantId, [...touched]);
}

/** The reflection's conversation day: its first date answer (a day in the future counts as today). */
function conversationDay(prompts: ReflectionPrompt[], answers: Answers): string | null {
  const prompt = prompts.find((p) => p.type === 'date' && isLocalDay(answers[p.key]));
  return prompt ? String(answers[prompt.key]) : null;
}

/** A contact's interaction count, last interaction and next follow-up, from its timeline. */
export async function refreshContactActivity(db: EntityManager, tenantId: string, contactIds: string[]): Promise<void> {
  if (!contactIds.length) return;
  await db.query(
    `UPDATE contacts c
        SET interaction_count = s.count,
            last_interaction_at = s.last,
            next_follow_up_at = CASE WHEN c.follow_up_every_days IS NULL THEN NULL
                                     ELSE COALESCE(s.last, c.created_at) + make_interval(days => c.follow_up_every_days) END,
            updated_at = now()
       FROM (SELECT c2.id, count(i.id)::int AS count, max(i.occurred_at) AS last
               FROM contacts c2
               LEFT JOIN interactions i ON i.tenant_id = c2.tenant_id AND i.contact_id = c2.id
              WHERE c2.tenant_id = $1 AND c2.id = ANY($2::uuid[])
              GROUP BY c2.id) s
      WHERE c.tenant_id = $1 AND c.id = s.id`,
    [tenantId, contactIds],
  );
}
