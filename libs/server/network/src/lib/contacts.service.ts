import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditService, Outbox, TenantDatabase, UserAuth, decodeCursor, encodeCursor, validationFailed } from '@fieldwork/server-core';
import { requireAccess, visibility, type Action } from '@fieldwork/server-access';
import type { Contact, ContactInput, ContactListQuery, Interaction, LogInteractionRequest, Page } from '@fieldwork/contracts';

const CONTACT_COLUMNS = `id, owner_id, name, organization, role, sector, how_met, email, linkedin_url, tags, notes, follow_up_every_days,
  shared_with_advisors, last_interaction_at, next_follow_up_at, interaction_count, created_at, updated_at,
  (next_follow_up_at IS NOT NULL AND next_follow_up_at <= now()) AS follow_up_due`;

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
      const params: unknown[] = [auth.tenantId];
      const where = ['tenant_id = $1', visibility(auth, 'contact').bind(params)];
      if (auth.role !== 'student') {
        if (!filter.studentId) throw new BadRequestException('studentId is required: staff see one student’s shared contacts at a time');
        // Staff reach a student's shared contacts while they may see the student (advisors: a student of a cohort they advise).
        await requireAccess(db, auth, 'student.read', filter.studentId);
        params.push(filter.studentId);
        where.push(`owner_id = $${params.length}`);
        await this.audit.record(db, { tenantId: auth.tenantId, action: 'contacts.viewed', actorId: auth.userId, subjectType: 'user', subjectId: filter.studentId, ip });
      }
      if (filter.q) {
        params.push(`%${filter.q.trim().replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
        where.push(`(name ILIKE $${params.length} OR organization ILIKE $${params.length} OR sector ILIKE $${params.length})`);
      }
      if (filter.followUpDue) where.push('next_follow_up_at <= now()');
      if (filter.cursor) {
        const [name, id] = decodeCursor(filter.cursor, 2);
        params.push(name, id);
        where.push(`(lower(name), id) > ($${params.length - 1}, $${params.length}::uuid)`);
      }
      params.push(limit + 1);
      const rows = await db.query(
        `SELECT ${CONTACT_COLUMNS} FROM contacts WHERE ${where.join(' AND ')} ORDER BY lower(name), id LIMIT $${params.length}`,
        params,
      );
      const last = rows[limit - 1];
      return {
        items: rows.slice(0, limit).map(toContact),
        nextCursor: rows.length > limit ? encodeCursor([last.name.toLowerCase(), last.id]) : null,
      };
    });
  }

  create(auth: UserAuth, input: ContactInput): Promise<Contact> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      await requireAccess(db, auth, 'contact.create');
      const id = randomUUID();
      await db.query(
        `INSERT INTO contacts (tenant_id, id, owner_id, name, organization, role, sector, how_met, email, linkedin_url, tags, notes,
                               follow_up_every_days, shared_with_advisors, next_follow_up_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,
                 CASE WHEN $13::int IS NULL THEN NULL ELSE now() + make_interval(days => $13::int) END)`,
        [auth.tenantId, id, auth.userId, ...contactValues(input)],
      );
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
      await db.query(
        `UPDATE contacts SET name = $3, organization = $4, role = $5, sector = $6, how_met = $7, email = $8, linkedin_url = $9, tags = $10,
                notes = $11, follow_up_every_days = $12, shared_with_advisors = $13, updated_at = now(),
                next_follow_up_at = CASE WHEN $12::int IS NULL THEN NULL
                                         ELSE COALESCE(last_interaction_at, created_at) + make_interval(days => $12::int) END
          WHERE tenant_id = $1 AND id = $2`,
        [auth.tenantId, id, ...contactValues(next)],
      );
      return this.read(db, auth.tenantId, id);
    });
  }

  /** Reflections that cited the contact keep the name and organization they snapshotted. */
  remove(auth: UserAuth, id: string): Promise<void> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      await this.load(db, auth, 'contact.delete', id, true);
      await db.query(`DELETE FROM contacts WHERE tenant_id = $1 AND id = $2`, [auth.tenantId, id]);
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
      const params = [auth.tenantId, id];
      // TypeORM answers an UPDATE or DELETE with [rows, affected].
      const [, interactions]: [unknown, number] = await db.query(`DELETE FROM interactions WHERE tenant_id = $1 AND contact_id = $2`, params);
      const [, reflections]: [unknown, number] = await db.query(
        `UPDATE submissions SET contact_id = NULL, contact_name = NULL, contact_organization = NULL, contact_removed_at = now()
          WHERE tenant_id = $1 AND contact_id = $2`,
        params,
      );
      await db.query(`DELETE FROM contacts WHERE tenant_id = $1 AND id = $2`, params);
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
      const rows = await db.query(
        `${SELECT_INTERACTION} WHERE i.tenant_id = $1 AND i.contact_id = $2 ORDER BY i.occurred_at DESC, i.created_at DESC LIMIT 500`,
        [auth.tenantId, contactId],
      );
      return rows.map(toInteraction);
    });
  }

  /** Logs an interaction and restarts the contact's follow-up clock. */
  logInteraction(auth: UserAuth, contactId: string, request: LogInteractionRequest): Promise<Interaction> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      await this.load(db, auth, 'contact.interactions.log', contactId, true);
      if (request.taskId) {
        const own = await db.query(`SELECT 1 FROM tasks WHERE tenant_id = $1 AND id = $2 AND student_id = $3`, [auth.tenantId, request.taskId, auth.userId]);
        if (!own.length) throw validationFailed([{ field: 'taskId', problems: ['must be one of your own tasks'] }]);
      }
      const id = randomUUID();
      await db.query(
        `INSERT INTO interactions (tenant_id, id, contact_id, owner_id, kind, occurred_at, notes, task_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [auth.tenantId, id, contactId, auth.userId, request.kind, request.occurredAt, request.notes ?? null, request.taskId ?? null],
      );
      await db.query(
        `UPDATE contacts
            SET interaction_count = interaction_count + 1,
                last_interaction_at = GREATEST(last_interaction_at, $3::timestamptz),
                next_follow_up_at = CASE WHEN follow_up_every_days IS NULL THEN NULL
                                         ELSE GREATEST(last_interaction_at, $3::timestamptz) + make_interval(days => follow_up_every_days) END,
                updated_at = now()
          WHERE tenant_id = $1 AND id = $2`,
        [auth.tenantId, contactId, request.occurredAt],
      );
      await this.outbox.publish(db, auth.tenantId, 'interaction.logged', { interactionId: id });
      const [row] = await db.query(`${SELECT_INTERACTION} WHERE i.tenant_id = $1 AND i.id = $2`, [
        auth.tenantId,
        id,
      ]);
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
    const [row] = await db.query(`SELECT ${CONTACT_COLUMNS} FROM contacts WHERE tenant_id = $1 AND id = $2 ${lock ? 'FOR UPDATE' : ''}`, [tenantId, id]);
    if (!row) throw new NotFoundException('No such contact');
    return toContact(row);
  }
}

function contactValues(input: ContactInput): unknown[] {
  return [
    input.name,
    input.organization ?? null,
    input.role ?? null,
    input.sector ?? null,
    input.howMet ?? null,
    input.email ?? null,
    input.linkedinUrl ?? null,
    (input.tags ?? []).map((tag) => tag.trim()).filter(Boolean),
    input.notes ?? null,
    input.followUpEveryDays ?? null,
    input.sharedWithAdvisors ?? false,
  ];
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function toContact(row: any): Contact {
  return {
    id: row.id,
    name: row.name,
    organization: row.organization,
    role: row.role,
    sector: row.sector,
    howMet: row.how_met,
    email: row.email,
    linkedinUrl: row.linkedin_url,
    tags: row.tags,
    notes: row.notes,
    followUpEveryDays: row.follow_up_every_days,
    sharedWithAdvisors: row.shared_with_advisors,
    lastInteractionAt: row.last_interaction_at?.toISOString() ?? null,
    nextFollowUpAt: row.next_follow_up_at?.toISOString() ?? null,
    followUpDue: row.follow_up_due,
    interactionCount: row.interaction_count,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function toInteraction(row: any): Interaction {
  return {
    id: row.id,
    contactId: row.contact_id,
    kind: row.kind,
    occurredAt: row.occurred_at.toISOString(),
    notes: row.notes,
    taskId: row.task_id,
    fromHomework: row.from_homework && row.task_id ? { taskId: row.task_id, title: row.homework_title } : null,
    createdAt: row.created_at.toISOString(),
  };
}

/** An interaction, with the homework title when a reflection recorded it. */
const SELECT_INTERACTION = `
  SELECT i.id, i.contact_id, i.kind, i.occurred_at, i.notes, i.task_id, i.from_homework, i.created_at, a.title AS homework_title
    FROM interactions i
    LEFT JOIN tasks t ON i.from_homework AND t.tenant_id = i.tenant_id AND t.id = i.task_id
    LEFT JOIN assignments a ON a.tenant_id = t.tenant_id AND a.id = t.assignment_id`;
