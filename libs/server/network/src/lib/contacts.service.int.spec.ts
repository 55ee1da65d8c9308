import { BadRequestException, NotFoundException } from '@nestjs/common';
import { queryRows, sql } from '@fieldwork/server-core';
import { inTenant, newCohortWithPeople, newTenant, testModule } from '@fieldwork/server-core/testing';
import { NetworkModule } from './network.module';
import { ContactsService } from './contacts.service';

/** A cohort with two students and their advisor, in a career center on UTC. */
async function networkScene() {
  const app = await testModule([NetworkModule]);
  const tenant = await newTenant(app, { timezone: 'UTC' });
  const { advisor, students } = await newCohortWithPeople(tenant, { students: 2 });
  return { app, tenant, advisor, student: students[0], classmate: students[1], contacts: app.get(ContactsService) };
}

/** A student's network: follow-up clocks and who sees a contact, through the service on real PostgreSQL (no HTTP). */
describe('contacts service', () => {
  let scene: Awaited<ReturnType<typeof networkScene>>;
  beforeAll(async () => (scene = await networkScene()));
  afterAll(() => scene?.app.close());

  it('a logged interaction restarts the follow-up clock; an older one logged later does not move it back', async () => {
    const { contacts, student } = scene;
    const contact = await contacts.create(student.auth, { name: 'Priya Planner', organization: 'City Planning', followUpEveryDays: 14 });
    expect(contact.interactionCount).toBe(0);

    await contacts.logInteraction(student.auth, contact.id, { kind: 'informational_interview', occurredAt: '2025-11-02T15:00:00.000Z' });
    let now = await contacts.get(student.auth, contact.id);
    expect(now).toMatchObject({ interactionCount: 1, lastInteractionAt: '2025-11-02T15:00:00.000Z', nextFollowUpAt: '2025-11-16T15:00:00.000Z' });

    await contacts.logInteraction(student.auth, contact.id, { kind: 'thank_you', occurredAt: '2025-10-20T09:00:00.000Z' });
    now = await contacts.get(student.auth, contact.id);
    expect(now).toMatchObject({ interactionCount: 2, lastInteractionAt: '2025-11-02T15:00:00.000Z', nextFollowUpAt: '2025-11-16T15:00:00.000Z' });
    expect((await contacts.interactions(student.auth, contact.id)).map((i) => i.kind)).toEqual(['informational_interview', 'thank_you']);
  });

  it('a contact whose follow-up date has passed is listed as due', async () => {
    const { contacts, student } = scene;
    const due = await contacts.create(student.auth, { name: 'Omar Overdue', followUpEveryDays: 7 });
    await contacts.logInteraction(student.auth, due.id, { kind: 'event', occurredAt: new Date(Date.now() - 8 * 86_400_000).toISOString() });
    await contacts.create(student.auth, { name: 'Nadia Notyet', followUpEveryDays: 7 });
    const listed = (await contacts.list(student.auth, { followUpDue: true })).items;
    expect(listed.find((c) => c.id === due.id)).toMatchObject({ name: 'Omar Overdue', followUpDue: true });
    expect(listed.map((c) => c.name)).not.toContain('Nadia Notyet');
    expect(listed.every((c) => c.followUpDue)).toBe(true);
  });

  it('contacts are private: a classmate gets 404; the advisor sees only shared ones, one student at a time, and is audited', async () => {
    const { contacts, student, classmate, advisor, tenant } = scene;
    const shared = await contacts.create(student.auth, { name: 'Sam Shared', sharedWithAdvisors: true });
    const kept = await contacts.create(student.auth, { name: 'Kai Kept' });
    await expect(contacts.get(classmate.auth, kept.id)).rejects.toBeInstanceOf(NotFoundException);
    await expect(contacts.get(advisor.auth, kept.id)).rejects.toBeInstanceOf(NotFoundException);
    await expect(contacts.list(advisor.auth, {})).rejects.toBeInstanceOf(BadRequestException);

    const seen = await contacts.list(advisor.auth, { studentId: student.id });
    expect(seen.items.map((c) => c.id)).toEqual([shared.id]);
    const views = await inTenant(tenant, (db) =>
      queryRows<{ subject_id: string }>(db, sql`SELECT subject_id FROM audit_events WHERE tenant_id = ${tenant.id} AND action = 'contacts.viewed' AND actor_id = ${advisor.id}`),
    );
    expect(views).toEqual([{ subject_id: student.id }]);
  });
});
