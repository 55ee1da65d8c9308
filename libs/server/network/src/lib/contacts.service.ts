import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditService, Outbox, TenantDatabase, UserAuth, decodeCursor, isoTimes, join, pageOf, raw, sql, validationFailed, type Sql } from '@fieldwork/server-core';
import { requireAccess, visibility, type Action } from '@fieldwork/server-access';
import type { Contact, ContactInput, ContactListQuery, Interaction, LogInteractionRequest, Page } from '@fieldwork/contracts';
import {
  contactById,
  contactPage,
  countInteraction,
  deleteContact,
  deleteInteractionsOf,
  insertContact,
  insertInteraction,
  interactionById,
  interactionsOf,
  isOwnTask,
  removeContactFromSubmissions,
  updateContact,
  type ContactFields,
  type ContactRow,
  type InteractionRow,
} from './contacts.queries';

export interface ContactFilter extends ContactListQuery {
  studentId?: string;
}

/**
 * The student's own network. Contacts are private to the student; staff see a
 * student's contact only when the student shared it, and those reads are audited.
 */
@Injectable()
export class ContactsService {
  constructor(
    private readonly tenantDb: TenantDatabase,
    private readonly audit: AuditService,
    private readonly outbox: Outbox,
  ) {}

  list(auth: UserAuth, filter: ContactFilter, ip?: string): Promise<Page<Contact>> {
    const limit = filter.limit ?? 50;
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      await requireAccess(db, auth, 'contact.list');
      const where: Sql[] = [visibility(auth, 'contact')];
      if (auth.role !== 'student') {
        if (!filter.studentId) throw new BadRequestException('studentId is required: staff see one student’s shared contacts at a time');
        // Staff reach a student's shared contacts while they may see the student (advisors: a student of a cohort they advise).
        await requireAccess(db, auth, 'student.read', filter.studentId);
        where.push(sql`owner_id = ${filter.studentId}`);
        await this.audit.record(db, { tenantId: auth.tenantId, action: 'contacts.viewed', actorId: auth.userId, subjectType: 'user', subjectId: filter.studentId, ip });
      }
      if (filter.q) {
        const pattern = `%${filter.q.trim().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
        where.push(sql`(name ILIKE ${pattern} OR organization ILIKE ${pattern} OR sector ILIKE ${pattern})`);
      }
      if (filter.followUpDue) where.push(raw('next_follow_up_at <= now()'));
      if (filter.cursor) {
        const [name, id] = decodeCursor(filter.cursor, 2);
        where.push(sql`(lower(name), id) > (${name}, ${id}::uuid)`);
      }
      const rows = await contactPage(db, auth.tenantId, join(where, ' AND '), limit + 1);
      return pageOf(rows, limit, toContact, (row) => [row.name.toLowerCase(), row.id]);
    });
  }

  create(auth: UserAuth, input: ContactInput): Promise<Contact> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      await requireAccess(db, auth, 'contact.create');
      const id = randomUUID();
      await insertContact(db, auth.tenantId, id, auth.userId, contactFields(input));
      return this.read(db, auth.tenantId, id);
    });
  }

  get(auth: UserAuth, id: string, ip?: string): Promise<Contact> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      const contact = await this.load(db, auth, 'contact.read', id);
      if (auth.role !== 'student') {
        await this.audit.record(db, { tenantId: auth.tenantId, action: 'contacts.viewed', actorId: auth.userId, subjectType: 'contact', subjectId: id, ip });
      }
      return contact;
    });
  }

  update(auth: UserAuth, id: string, change: Partial<ContactInput>): Promise<Contact> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      const current = await this.load(db, auth, 'contact.update', id, true);
      const next: ContactInput = { ...current, ...stripUndefined(change) };
      await updateContact(db, auth.tenantId, id, contactFields(next));
      return this.read(db, auth.tenantId, id);
    });
  }

  /** Reflections that cited the contact keep the name and organization they snapshotted. */
  remove(auth: UserAuth, id: string): Promise<void> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      await this.load(db, auth, 'contact.delete', id, true);
      await deleteContact(db, auth.tenantId, id);
      // The contact is the student's private data: the log keeps that it was deleted, never who it was.
      await this.audit.record(db, { tenantId: auth.tenantId, action: 'contact.deleted', actorId: auth.userId, subjectType: 'contact', subjectId: id });
    });
  }

  /**
   * Erases a contact (a third party) for good: the contact, every interaction with it (homework's too) and
   * its snapshot in the owner's reflections, which then read "contact removed". Audited with counts only.
   */
  erase(auth: UserAuth, id: string, ip?: string): Promise<void> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      await this.load(db, auth, 'contact.erase', id, true);
      const interactions = await deleteInteractionsOf(db, auth.tenantId, id);
      const reflections = await removeContactFromSubmissions(db, auth.tenantId, id);
      await deleteContact(db, auth.tenantId, id);
      await this.audit.record(db, {
        tenantId: auth.tenantId,
        action: 'contact.erased',
        actorId: auth.userId,
        subjectType: 'contact',
        subjectId: id,
        ip,
        details: { interactions, reflections },
      });
    });
  }

  interactions(auth: UserAuth, contactId: string): Promise<Interaction[]> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      await this.load(db, auth, 'contact.interactions.read', contactId);
      return (await interactionsOf(db, auth.tenantId, contactId)).map(toInteraction);
    });
  }

  /** Logs an interaction and restarts the contact's follow-up clock. */
  logInteraction(auth: UserAuth, contactId: string, request: LogInteractionRequest): Promise<Interaction> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      await this.load(db, auth, 'contact.interactions.log', contactId, true);
      if (request.taskId) {
        if (!(await isOwnTask(db, auth.tenantId, request.taskId, auth.userId))) throw validationFailed([{ field: 'taskId', problems: ['must be one of your own tasks'] }]);
      }
      const id = randomUUID();
      await insertInteraction(db, auth.tenantId, {
        id,
        contactId,
        ownerId: auth.userId,
        kind: request.kind,
        occurredAt: request.occurredAt,
        notes: request.notes ?? null,
        taskId: request.taskId ?? null,
      });
      await countInteraction(db, auth.tenantId, contactId, request.occurredAt);
      await this.outbox.publish(db, auth.tenantId, 'interaction.logged', { interactionId: id });
      const row = await interactionById(db, auth.tenantId, id);
      if (!row) throw new NotFoundException('No such interaction');
      return toInteraction(row);
    });
  }

  /**
   * Checks the action on the contact (students: their own; staff: a shared contact of a student
   * they may see; writes are the owner's alone) and loads it.
   */
  private async load(db: EntityManager, auth: UserAuth, action: Action, id: string, lock = false): Promise<Contact> {
    await requireAccess(db, auth, action, id);
    return this.read(db, auth.tenantId, id, lock);
  }

  private async read(db: EntityManager, tenantId: string, id: string, lock = false): Promise<Contact> {
    const row = await contactById(db, tenantId, id, lock);
    if (!row) throw new NotFoundException('No such contact');
    return toContact(row);
  }
}

/** The input as stored: absent fields empty, tags trimmed and blank ones dropped. */
function contactFields(input: ContactInput): ContactFields {
  return {
    name: input.name,
    organization: input.organization ?? null,
    role: input.role ?? null,
    sector: input.sector ?? null,
    howMet: input.howMet ?? null,
    email: input.email ?? null,
    linkedinUrl: input.linkedinUrl ?? null,
    tags: (input.tags ?? []).map((tag) => tag.trim()).filter(Boolean),
    notes: input.notes ?? null,
    followUpEveryDays: input.followUpEveryDays ?? null,
    sharedWithAdvisors: input.sharedWithAdvisors ?? false,
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** A contact row as the API answers it (the row is the contract already; its instants become ISO text). */
export function toContact(row: ContactRow): Contact {
  return isoTimes(row);
}

function toInteraction(row: InteractionRow): Interaction {
  return {
    id: row.id,
    contactId: row.contact_id,
    kind: row.kind,
    occurredAt: row.occurred_at.toISOString(),
    notes: row.notes,
    taskId: row.task_id,
    fromHomework: row.from_homework && row.task_id ? { taskId: row.task_id, title: row.homework_title ?? '' } : null,
    createdAt: row.created_at.toISOString(),
  };
}
