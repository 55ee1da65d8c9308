import { execute, sql } from '@fieldwork/server-core';
import { TEST_PASSWORD, inTenant, newAssignment, newCohortWithPeople, newContact, newTemplate, newTenant, testModule, useScene } from '@fieldwork/server-core/testing';
import { NotificationJobsModule, NotificationsModule } from './notifications.module';
import { NotificationJobs } from './notification-jobs';
import { NotificationsService } from './notifications.service';
import { PreferencesService } from './preferences.service';
import { Reminders } from './reminders';

/**
 * A Los Angeles cohort of three with their advisor: only the first student has an activated
 * account (a password), and the third turned new-homework notifications off.
 */
async function inboxScene() {
  const app = await testModule([NotificationsModule, NotificationJobsModule], { startWorkers: false });
  const tenant = await newTenant(app, { timezone: 'America/Los_Angeles' });
  const { cohort, advisor, students } = await newCohortWithPeople(tenant, { students: [{ password: TEST_PASSWORD }, {}, {}] });
  await app.get(PreferencesService).update(students[2].auth, { preferences: [{ kind: 'new_assignment', mode: 'off' }] });
  /** Homework for the cohort, due at the end of March 10, 2031 in Los Angeles. */
  const newHomework = async () => newAssignment(tenant, { cohort, template: await newTemplate(tenant), by: advisor, dueAt: new Date('2031-03-11T06:59:59Z') });
  return { app, tenant, students, newHomework, jobs: app.get(NotificationJobs), inbox: app.get(NotificationsService), reminders: app.get(Reminders) };
}

/**
 * Notifications written by the worker's jobs and read through the inbox service, on real
 * PostgreSQL, no HTTP. The jobs are called directly (no worker started), so no reminder
 * schedule runs over other specs' tenants.
 */
describe('notification services', () => {
  const scene = useScene(inboxScene);

  it('a new assignment notifies each student once, about their own task, with the due date in the career center’s zone', async () => {
    const { jobs, inbox, students, tenant } = scene();
    // Due 06:59:59 UTC on March 11, 2031: 11:59:59 PM on March 10 in Los Angeles (on daylight time, UTC−7, since March 9).
    const given = await scene().newHomework();
    const result = await jobs.assignmentCreated({ tenantId: tenant.id, assignmentId: given.id });
    // The third student turned these off; only the first has an activated account to e-mail.
    expect(result).toEqual({ inApp: 2, emailsNow: 1, emailsForDigest: 0 });

    for (const student of students.slice(0, 2)) {
      const page = await inbox.list(student.auth, {});
      const task = given.tasks.find((t) => t.studentId === student.id);
      expect(page.unreadCount).toBe(1);
      expect(page.items).toEqual([expect.objectContaining({ kind: 'new_assignment', link: `/tasks/${task?.id}`, body: expect.stringContaining('Due Monday, March 10 at 11:59 PM PT') })]);
    }
    expect((await inbox.list(students[2].auth, {})).items).toEqual([]);
    // Run again (a retried job): nothing twice.
    expect(await jobs.assignmentCreated({ tenantId: tenant.id, assignmentId: given.id })).toEqual({ inApp: 0, emailsNow: 0, emailsForDigest: 0 });
  });

  it('a contact’s follow-up reminder comes due at its date and names the last talk’s day in the career center’s zone', async () => {
    const { inbox, reminders, tenant } = scene();
    const student = scene().students[1];
    const contact = await newContact(tenant, student, { name: 'Rosa Recruiter' });
    // 03:00 UTC on March 1 is still February 28 in Los Angeles.
    await inTenant(tenant, (db) =>
      execute(
        db,
        sql`UPDATE contacts SET follow_up_every_days = 7, last_interaction_at = '2026-03-01T03:00:00Z', next_follow_up_at = '2026-03-08T03:00:00Z'
             WHERE tenant_id = ${tenant.id} AND id = ${contact.id}`,
      ),
    );
    await reminders.scan(tenant.id, new Date('2026-03-08T02:00:00Z'));
    expect((await inbox.list(student.auth, {})).items.filter((n) => n.kind === 'follow_up_due')).toEqual([]);

    await reminders.scan(tenant.id, new Date('2026-03-08T04:00:00Z'));
    await reminders.scan(tenant.id, new Date('2026-03-08T05:00:00Z'));
    const followUps = (await inbox.list(student.auth, {})).items.filter((n) => n.kind === 'follow_up_due');
    expect(followUps).toEqual([expect.objectContaining({ title: 'Time to follow up with Rosa Recruiter', link: `/network/${contact.id}` })]);
    expect(followUps[0].body).toContain('every 7 days; the last time was February 28.');
  });

  it('marking all read empties the unread count of the caller only', async () => {
    const { jobs, inbox, students, tenant } = scene();
    const given = await scene().newHomework();
    await jobs.assignmentCreated({ tenantId: tenant.id, assignmentId: given.id });
    await inbox.markAllRead(students[0].auth);
    expect((await inbox.list(students[0].auth, { unread: true })).unreadCount).toBe(0);
    expect((await inbox.list(students[1].auth, { unread: true })).unreadCount).toBeGreaterThan(0);
  });
});
