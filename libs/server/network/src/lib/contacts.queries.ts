import { execute, queryOne, queryRows, raw, sql, type ContractRow, type Sql } from '@fieldwork/server-core';
import type { Contact, InteractionKind } from '@fieldwork/contracts';
import type { EntityManager } from 'typeorm';

/** One contact as `contactPage` and `contactById` read it: the contract's `Contact`, its instants as Dates. */
export type ContactRow = ContractRow<Contact, 'lastInteractionAt' | 'nextFollowUpAt' | 'createdAt' | 'updatedAt'>;

const CONTACT_COLUMNS = raw(`id, name, organization, role, sector, how_met AS "howMet", email, linkedin_url AS "linkedinUrl", tags, notes,
  follow_up_every_days AS "followUpEveryDays", shared_with_advisors AS "sharedWithAdvisors", last_interaction_at AS "lastInteractionAt",
  next_follow_up_at AS "nextFollowUpAt", (next_follow_up_at IS NOT NULL AND next_follow_up_at <= now()) AS "followUpDue",
  interaction_count AS "interactionCount", created_at AS "createdAt", updated_at AS "updatedAt"`);

/** A page of contacts in name order (keyset on lower(name), id); `where` holds visibility and filters. */
export function contactPage(db: EntityManager, tenantId: string, where: Sql, limit: number): Promise<ContactRow[]> {
  return queryRows<ContactRow>(
    db,
    sql`SELECT ${CONTACT_COLUMNS} FROM contacts WHERE tenant_id = ${tenantId} AND ${where} ORDER BY lower(name), id LIMIT ${limit}`,
  );
}

/** One contact, locked for an update when `lock`. */
export function contactById(db: EntityManager, tenantId: string, id: string, lock = false): Promise<ContactRow | undefined> {
  return queryOne<ContactRow>(db, sql`SELECT ${CONTACT_COLUMNS} FROM contacts WHERE tenant_id = ${tenantId} AND id = ${id} ${raw(lock ? 'FOR UPDATE' : '')}`);
}

/** What a student writes about a contact, as the columns hold it (the contract's own fields). */
export type ContactFields = Pick<
  Contact,
  'name' | 'organization' | 'role' | 'sector' | 'howMet' | 'email' | 'linkedinUrl' | 'tags' | 'notes' | 'followUpEveryDays' | 'sharedWithAdvisors'
>;

/** A new contact; its follow-up clock starts now. */
export function insertContact(db: EntityManager, tenantId: string, id: string, ownerId: string, f: ContactFields): Promise<number> {
  return execute(
    db,
    sql`INSERT INTO contacts (tenant_id, id, owner_id, name, organization, role, sector, how_met, email, linkedin_url, tags, notes,
                              follow_up_every_days, shared_with_advisors, next_follow_up_at)
        VALUES (${tenantId}, ${id}, ${ownerId}, ${f.name}, ${f.organization}, ${f.role}, ${f.sector}, ${f.howMet}, ${f.email}, ${f.linkedinUrl},
                ${f.tags}, ${f.notes}, ${f.followUpEveryDays}, ${f.sharedWithAdvisors},
                CASE WHEN ${f.followUpEveryDays}::int IS NULL THEN NULL ELSE now() + make_interval(days => ${f.followUpEveryDays}::int) END)`,
  );
}

/** A contact's new fields; the follow-up clock counts from its last interaction (or its creation). */
export function updateContact(db: EntityManager, tenantId: string, id: string, f: ContactFields): Promise<number> {
  return execute(
    db,
    sql`UPDATE contacts SET name = ${f.name}, organization = ${f.organization}, role = ${f.role}, sector = ${f.sector}, how_met = ${f.howMet},
               email = ${f.email}, linkedin_url = ${f.linkedinUrl}, tags = ${f.tags}, notes = ${f.notes}, follow_up_every_days = ${f.followUpEveryDays},
               shared_with_advisors = ${f.sharedWithAdvisors}, updated_at = now(),
               next_follow_up_at = CASE WHEN ${f.followUpEveryDays}::int IS NULL THEN NULL
                                        ELSE COALESCE(last_interaction_at, created_at) + make_interval(days => ${f.followUpEveryDays}::int) END
         WHERE tenant_id = ${tenantId} AND id = ${id}`,
  );
}

export function deleteContact(db: EntityManager, tenantId: string, id: string): Promise<number> {
  return execute(db, sql`DELETE FROM contacts WHERE tenant_id = ${tenantId} AND id = ${id}`);
}

/** Deletes every interaction with the contact (homework's too); answers how many. */
export function deleteInteractionsOf(db: EntityManager, tenantId: string, contactId: string): Promise<number> {
  return execute(db, sql`DELETE FROM interactions WHERE tenant_id = ${tenantId} AND contact_id = ${contactId}`);
}

/** Removes the contact's snapshot from reflections (they read "contact removed"); answers how many. */
export function removeContactFromSubmissions(db: EntityManager, tenantId: string, contactId: string): Promise<number> {
  return execute(
    db,
    sql`UPDATE submissions SET contact_id = NULL, contact_name = NULL, contact_organization = NULL, contact_removed_at = now()
         WHERE tenant_id = ${tenantId} AND contact_id = ${contactId}`,
  );
}

/** One interaction, with the homework title when a reflection recorded it. */
export interface InteractionRow {
  id: string;
  contact_id: string;
  kind: InteractionKind;
  occurred_at: Date;
  notes: string | null;
  task_id: string | null;
  from_homework: boolean;
  created_at: Date;
  homework_title: string | null;
}

const SELECT_INTERACTION = raw(`
  SELECT i.id, i.contact_id, i.kind, i.occurred_at, i.notes, i.task_id, i.from_homework, i.created_at, a.title AS homework_title
    FROM interactions i
    LEFT JOIN tasks t ON i.from_homework AND t.tenant_id = i.tenant_id AND t.id = i.task_id
    LEFT JOIN assignments a ON a.tenant_id = t.tenant_id AND a.id = t.assignment_id`);

/** A contact's timeline, newest first (at most 500). */
export function interactionsOf(db: EntityManager, tenantId: string, contactId: string): Promise<InteractionRow[]> {
  return queryRows<InteractionRow>(
    db,
    sql`${SELECT_INTERACTION} WHERE i.tenant_id = ${tenantId} AND i.contact_id = ${contactId} ORDER BY i.occurred_at DESC, i.created_at DESC LIMIT 500`,
  );
}

export function interactionById(db: EntityManager, tenantId: string, id: string): Promise<InteractionRow | undefined> {
  return queryOne<InteractionRow>(db, sql`${SELECT_INTERACTION} WHERE i.tenant_id = ${tenantId} AND i.id = ${id}`);
}

/** True when the task is the student's own. */
export async function isOwnTask(db: EntityManager, tenantId: string, taskId: string, studentId: string): Promise<boolean> {
  const rows = await queryRows<{ one: number }>(db, sql`SELECT 1 AS one FROM tasks WHERE tenant_id = ${tenantId} AND id = ${taskId} AND student_id = ${studentId}`);
  return rows.length > 0;
}

export interface NewInteraction {
  id: string;
  contactId: string;
  ownerId: string;
  kind: InteractionKind;
  occurredAt: string;
  notes: string | null;
  taskId: string | null;
}

export function insertInteraction(db: EntityManager, tenantId: string, i: NewInteraction): Promise<number> {
  return execute(
    db,
    sql`INSERT INTO interactions (tenant_id, id, contact_id, owner_id, kind, occurred_at, notes, task_id)
        VALUES (${tenantId}, ${i.id}, ${i.contactId}, ${i.ownerId}, ${i.kind}, ${i.occurredAt}, ${i.notes}, ${i.taskId})`,
  );
}

/** One more interaction at `occurredAt`: the count, the last interaction and the follow-up clock move on. */
export function countInteraction(db: EntityManager, tenantId: string, contactId: string, occurredAt: string): Promise<number> {
  return execute(
    db,
    sql`UPDATE contacts
           SET interaction_count = interaction_count + 1,
               last_interaction_at = GREATEST(last_interaction_at, ${occurredAt}::timestamptz),
               next_follow_up_at = CASE WHEN follow_up_every_days IS NULL THEN NULL
                                        ELSE GREATEST(last_interaction_at, ${occurredAt}::timestamptz) + make_interval(days => follow_up_every_days) END,
               updated_at = now()
         WHERE tenant_id = ${tenantId} AND id = ${contactId}`,
  );
}
