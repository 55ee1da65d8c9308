import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { parse } from 'csv-parse/sync';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ical from 'node-ical';
import { Client } from 'pg';
import { QueueService } from '@fieldwork/server-core';
import { eventually, ownerClient, useOwnDatabase } from '@fieldwork/server-core/testing';
import { NotificationJobs, Reminders } from '@fieldwork/server-notifications';
// The system test runs the real API beside the real worker, so it borrows the API tests' client and fixtures.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { TenantFixture, TestApi } from '../../api/test/support/test-api';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { CohortFixture, cohortWithPeople } from '../../api/test/support/homework-fixture';
import { WorkerModule } from '../src/app/worker.module';
import { SmtpSink } from './support/smtp-sink';

/**
 * A local due day on both daylight-saving edges of four zones, end to end:
 * the API writes the assignment (dueOn), the worker tells the student (inbox
 * and e-mail over SMTP), the reminder scan, the ICS feed (parsed with
 * node-ical), the CSV export; then an advisor's nudge (exactly once, however
 * often its job runs) and a per-student extension.
 */
interface ZoneCase {
  zone: string;
  dueOn: string;
  /** How the e-mail and the inbox say it. */
  text: string;
  /** The CSV's instant, and the instant itself. */
  iso: string;
  utc: string;
}

const CASES: ZoneCase[] = [
  { zone: 'America/New_York', dueOn: '2027-03-14', text: 'Sunday, March 14 at 11:59 PM ET', iso: '2027-03-14T23:59:59-04:00', utc: '2027-03-15T03:59:59.000Z' },
  { zone: 'America/New_York', dueOn: '2026-11-01', text: 'Sunday, November 1 at 11:59 PM ET', iso: '2026-11-01T23:59:59-05:00', utc: '2026-11-02T04:59:59.000Z' },
  { zone: 'Europe/London', dueOn: '2027-03-28', text: 'Sunday, March 28 at 11:59 PM BST', iso: '2027-03-28T23:59:59+01:00', utc: '2027-03-28T22:59:59.000Z' },
  { zone: 'Europe/London', dueOn: '2026-10-25', text: 'Sunday, October 25 at 11:59 PM GMT', iso: '2026-10-25T23:59:59+00:00', utc: '2026-10-25T23:59:59.000Z' },
  { zone: 'Asia/Tokyo', dueOn: '2026-12-10', text: 'Thursday, December 10 at 11:59 PM JST', iso: '2026-12-10T23:59:59+09:00', utc: '2026-12-10T14:59:59.000Z' },
  { zone: 'Pacific/Auckland', dueOn: '2027-04-04', text: 'Sunday, April 4 at 11:59 PM NZST', iso: '2027-04-04T23:59:59+12:00', utc: '2027-04-04T11:59:59.000Z' },
  { zone: 'Pacific/Auckland', dueOn: '2026-09-27', text: 'Sunday, September 27 at 11:59 PM NZDT', iso: '2026-09-27T23:59:59+13:00', utc: '2026-09-27T10:59:59.000Z' },
];
const ZONES = [...new Set(CASES.map((c) => c.zone))];

interface Assigned extends ZoneCase {
  assignmentId: string;
  taskId: string;
}

interface ZoneTenant {
  t: TenantFixture;
  cohort: CohortFixture;
  assigned: Assigned[];
}

const HOUR = 3_600_000;

describe('dates in the career center zone: e-mail, inbox, reminders, ICS, CSV; nudges and extensions', () => {
  let smtp: SmtpSink;
  let api: TestApi;
  let worker: INestApplicationContext;
  let owner: Client;
  let exportDir: string;
  const tenants = new Map<string, ZoneTenant>();
  let dropOwnDatabase: () => Promise<void>;

  beforeAll(async () => {
    // A database of its own: its worker relays every outbox row it finds, and the suites before it
    // (a 5,000-student roster import, say) leave theirs unrelayed in the shared one.
    dropOwnDatabase = await useOwnDatabase();
    smtp = await SmtpSink.start();
    exportDir = await mkdtemp(join(tmpdir(), 'fieldwork-zone-exports-'));
    api = await TestApi.start({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://fieldwork.example', EXPORT_DIR: exportDir });
    worker = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
    await worker.init();
    owner = await ownerClient(api.config);
    for (const zone of ZONES) {
      const t = await api.tenantWithPeople(zone);
      const cohort = await cohortWithPeople(api, t, `Cohort in ${zone}`);
      const assigned: Assigned[] = [];
      for (const c of CASES.filter((x) => x.zone === zone)) {
        const reply = await api.request('POST', '/assignments', {
          token: t.advisor.accessToken,
          body: { templateId: cohort.template.id, cohortId: cohort.cohortId, opensOn: '2026-06-01', dueOn: c.dueOn, allowDuplicate: true },
        });
        if (reply.status !== 201) throw new Error(`assignment in ${zone}: ${reply.status} ${JSON.stringify(reply.body)}`);
        const { rows } = await owner.query(`SELECT id, due_at FROM tasks WHERE tenant_id = $1 AND assignment_id = $2 AND student_id = $3`, [
          t.tenantId,
          reply.body.id,
          t.student.userId,
        ]);
        expect(rows[0].due_at.toISOString()).toBe(c.utc);
        assigned.push({ ...c, assignmentId: reply.body.id, taskId: rows[0].id });
      }
      tenants.set(zone, { t, cohort, assigned });
    }
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await smtp?.close();
    await owner?.end();
    if (exportDir) await rm(exportDir, { recursive: true, force: true });
    await dropOwnDatabase?.();
  });

  const tenantIn = (zone: string): ZoneTenant => {
    const tenant = tenants.get(zone);
    if (!tenant) throw new Error(`no tenant in ${zone}`);
    return tenant;
  };
  const dueOn = (assigned: Assigned[], day: string): Assigned => {
    const task = assigned.find((a) => a.dueOn === day);
    if (!task) throw new Error(`no task due ${day}`);
    return task;
  };

  const inbox = async (tenantId: string, kind: string, subjectId: string) =>
    (
      await owner.query(`SELECT title, body, period, read_at FROM notifications WHERE tenant_id = $1 AND kind = $2 AND subject_id = $3 ORDER BY created_at`, [
        tenantId,
        kind,
        subjectId,
      ])
    ).rows as { title: string; body: string; period: string; read_at: Date | null }[];
  const mailsTo = (t: TenantFixture, subjectStart: string) =>
    smtp.to(`student@${t.slug}.test`).filter((mail) => mail.subject?.startsWith(subjectStart));

  it.each(CASES.map((c) => [c.zone, c.dueOn, c] as const))('%s, due %s: the inbox and the e-mail name 11:59 PM on the local day', async (zone, _dueOn, c) => {
    const { t, assigned } = tenantIn(zone);
    const task = dueOn(assigned, c.dueOn);
    const [item] = await eventually(async () => {
      const items = await inbox(t.tenantId, 'new_assignment', task.taskId);
      return items.length ? items : null;
    }, 30_000);
    expect(item.body).toContain(`Due ${c.text}.`);
    const mail = await eventually(async () => mailsTo(t, 'New homework').find((m) => m.text?.includes(`Due ${c.text}.`)), 30_000);
    expect(mail.html).toContain(`Due ${c.text}.`);
    // No text names a UTC time.
    expect(item.body).not.toMatch(/UTC|GMT[+-]/);
  }, 60_000);

  it.each(CASES.map((c) => [c.zone, c.dueOn, c] as const))('%s, due %s: the due-soon reminder the day before says the same', async (zone, _dueOn, c) => {
    const { t, assigned } = tenantIn(zone);
    const task = dueOn(assigned, c.dueOn);
    await worker.get(Reminders).scan(t.tenantId, new Date(new Date(c.utc).getTime() - 12 * HOUR));
    const items = await inbox(t.tenantId, 'due_soon', task.taskId);
    expect(items.map((i) => i.body.slice(0, `Due ${c.text}.`.length))).toEqual([`Due ${c.text}.`]);
    expect(items[0].period).toBe(String(new Date(c.utc).getTime() / 1000));
  });

  it.each(ZONES)('%s: the ICS feed shows each local due day as an all-day event on that day; other due times are exact instants', async (zone) => {
    const { t, cohort, assigned } = tenantIn(zone);
    // A due time that is not the end of a day, and homework that has not opened yet.
    const timed = await api.request('POST', '/assignments', {
      token: t.advisor.accessToken,
      body: { templateId: cohort.template.id, cohortId: cohort.cohortId, opensOn: '2026-06-01', dueAt: '2027-01-15T17:00:00.000Z', allowDuplicate: true },
    });
    expect(timed.status).toBe(201);
    const later = await api.request('POST', '/assignments', {
      token: t.advisor.accessToken,
      body: { templateId: cohort.template.id, cohortId: cohort.cohortId, opensOn: '2099-01-01', dueOn: '2099-01-10', allowDuplicate: true },
    });
    expect(later.status).toBe(201);
    const taskOf = async (assignmentId: string) =>
      (await owner.query(`SELECT id FROM tasks WHERE tenant_id = $1 AND assignment_id = $2 AND student_id = $3`, [t.tenantId, assignmentId, t.student.userId])).rows[0].id as string;

    const link = await api.request('GET', '/me/calendar', { token: t.student.accessToken });
    const response = await fetch(`${api.url}${new URL(link.body.url).pathname}`);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toMatch(/^DTSTART:\d{8}T\d{6}\r?$/m); // no floating times
    const vevents = (ics: string) => Object.values(ical.sync.parseICS(ics)).filter((e): e is ical.VEvent => e?.type === 'VEVENT');
    const events = vevents(text);
    const byUid = new Map(events.map((e) => [e.uid, e]));
    const localDay = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    for (const a of assigned) {
      const event = byUid.get(`${a.taskId}@fieldwork`);
      if (!event) throw new Error(`no event for the task due ${a.dueOn}`);
      expect(event.datetype).toBe('date');
      expect(localDay(event.start)).toBe(a.dueOn);
      const next = new Date(`${a.dueOn}T12:00:00Z`);
      next.setUTCDate(next.getUTCDate() + 1);
      expect(event.end && localDay(event.end)).toBe(next.toISOString().slice(0, 10));
      expect(event?.summary).toBe(`Due: ${cohort.template.title}`);
      expect(event?.description).toContain('11:59 PM');
    }
    const timedEvent = byUid.get(`${await taskOf(timed.body.id)}@fieldwork`);
    expect(timedEvent?.datetype).toBe('date-time');
    expect(timedEvent?.end?.toISOString()).toBe('2027-01-15T17:00:00.000Z');
    expect(timedEvent?.start.toISOString()).toBe('2027-01-15T16:30:00.000Z');
    // Not opened yet: not in the student's feed (the advisor's feed has it).
    expect(byUid.has(`${await taskOf(later.body.id)}@fieldwork`)).toBe(false);
    const advisorLink = await api.request('GET', '/me/calendar', { token: t.advisor.accessToken });
    const advisorEvents = vevents(await (await fetch(`${api.url}${new URL(advisorLink.body.url).pathname}`)).text());
    const advisorLater = advisorEvents.find((e) => e.uid === `${later.body.id}@fieldwork`);
    expect(advisorLater && localDay(advisorLater.start)).toBe('2099-01-10');
  }, 60_000);

  it.each(ZONES)('%s: the CSV export writes due dates with the zone offset and the local due day', async (zone) => {
    const { t, cohort, assigned } = tenantIn(zone);
    const requested = await api.request('POST', '/exports', { token: t.admin.accessToken, body: { kind: 'cohort-progress', cohortId: cohort.cohortId } });
    expect(requested.status).toBe(202);
    await eventually(async () => {
      const reply = await api.request('GET', `/exports/${requested.body.id}`, { token: t.admin.accessToken });
      if (reply.body.status === 'failed') throw new Error(reply.body.error);
      return reply.body.status === 'done';
    }, 30_000);
    const download = await api.request('GET', `/exports/${requested.body.id}/download`, { token: t.admin.accessToken });
    const [header, ...rows]: string[][] = parse(download.body);
    const col = (name: string) => header.indexOf(name);
    for (const a of assigned) {
      const row = rows.find((r) => r[col('student email')] === t.student.email && r[col('due on')] === a.dueOn);
      expect(row?.[col('due')]).toBe(a.iso);
      expect(new Date(row?.[col('due')] ?? '').toISOString()).toBe(a.utc);
      expect(row?.[col('opens')]).toMatch(/^2026-06-01T00:00:00[+-]\d{2}:\d{2}$/);
      expect(row?.[col('original due')]).toBe('');
    }
  }, 60_000);

  it('a nudge reaches the student once in the inbox and once by e-mail, however often its job runs', async () => {
    const { t, cohort, assigned } = tenantIn('America/New_York');
    const task = assigned[0];
    const prefs = await api.request('GET', '/me/notification-preferences', { token: t.student.accessToken });
    expect(prefs.body.items.find((p: { kind: string }) => p.kind === 'advisor_nudge')).toMatchObject({ mode: 'immediately', modes: ['immediately', 'digest', 'off'] });

    const nudge = await api.request('POST', `/cohorts/${cohort.cohortId}/nudges`, {
      token: t.advisor.accessToken,
      body: { assignmentId: task.assignmentId, studentIds: [t.student.userId], message: 'Hi Stu,\nten minutes today gets you started.' },
    });
    expect(nudge.status).toBe(201);
    expect(nudge.body.recipients).toBe(1);
    const subject = `A note from Avi Advisor about ${cohort.template.title}`;
    const [item] = await eventually(async () => {
      const items = await inbox(t.tenantId, 'advisor_nudge', task.taskId);
      return items.length ? items : null;
    }, 30_000);
    expect(item.title).toBe(subject);
    expect(item.body).toBe(`Hi Stu,\nten minutes today gets you started.\n\nDue ${task.text}.`);
    const mail = await eventually(async () => mailsTo(t, 'A note from').find((m) => m.subject === subject), 30_000);
    expect(mail.text).toContain(`ten minutes today gets you started.\n\nDue ${task.text}.`);
    expect(mail.html).toContain('Hi Stu,<br>ten minutes today');
    expect(mail.html).toContain('/tasks/' + task.taskId);

    // The job again, through the queue and directly: nothing more in either channel.
    const again = await worker.get(QueueService).add('nudge-sent', { tenantId: t.tenantId, nudgeId: nudge.body.id }, { jobId: `again-${nudge.body.id}` });
    await eventually(async () => (await again.getState()) === 'completed', 15_000);
    expect(await worker.get(NotificationJobs).nudgeSent({ tenantId: t.tenantId, nudgeId: nudge.body.id })).toEqual({ inApp: 0, emailsNow: 0, emailsForDigest: 0 });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await inbox(t.tenantId, 'advisor_nudge', task.taskId)).toHaveLength(1);
    expect(mailsTo(t, 'A note from')).toHaveLength(1);
    const { rows } = await owner.query(`SELECT count(*)::int AS n FROM email_deliveries WHERE tenant_id = $1 AND kind = 'advisor_nudge'`, [t.tenantId]);
    expect(rows[0].n).toBe(1);
  }, 60_000);

  it('an extension tells the student the new local date and reason, drops reminders of the old date, and the reminders follow the new one', async () => {
    const { t, cohort, assigned } = tenantIn('America/New_York');
    const task = assigned[0]; // due 2027-03-14; its due-soon reminder was sent above
    // A reminder e-mail for the old date still waiting in the digest is dropped.
    await owner.query(`UPDATE email_deliveries SET status = 'digest' WHERE tenant_id = $1 AND kind = 'due_soon' AND subject_id = $2`, [t.tenantId, task.taskId]);

    const extended = await api.request('POST', `/tasks/${task.taskId}/extension`, { token: t.advisor.accessToken, body: { dueOn: '2027-03-20', reason: 'Family emergency' } });
    expect([200, 201]).toContain(extended.status);
    const newDue = new Date('2027-03-21T03:59:59.000Z'); // 23:59:59 EDT
    const [item] = await eventually(async () => {
      const items = await inbox(t.tenantId, 'due_date_changed', task.taskId);
      return items.length ? items : null;
    }, 30_000);
    expect(item.title).toBe(`New due date: ${cohort.template.title}`);
    expect(item.body).toBe(`Your due date for ${cohort.template.title} was extended to Saturday, March 20 at 11:59 PM ET. Reason: Family emergency`);
    expect(item.period).toBe(String(newDue.getTime() / 1000));
    const mail = await eventually(async () => mailsTo(t, 'New due date').find((m) => m.text?.includes('extended to Saturday, March 20 at 11:59 PM ET')), 30_000);
    expect(mail.text).toContain('Reason: Family emergency');
    const { rows } = await owner.query(`SELECT status FROM email_deliveries WHERE tenant_id = $1 AND kind = 'due_soon' AND subject_id = $2`, [t.tenantId, task.taskId]);
    expect(rows.map((r) => r.status)).toEqual(['dropped']);

    // The old date's eve brings nothing new; the new date's eve brings a reminder with the new date.
    await worker.get(Reminders).scan(t.tenantId, new Date(new Date(task.utc).getTime() - 12 * HOUR));
    expect(await inbox(t.tenantId, 'due_soon', task.taskId)).toHaveLength(1);
    await worker.get(Reminders).scan(t.tenantId, new Date(newDue.getTime() - 12 * HOUR));
    const reminders = await inbox(t.tenantId, 'due_soon', task.taskId);
    expect(reminders).toHaveLength(2);
    expect(reminders[1].body).toMatch(/^Due Saturday, March 20 at 11:59 PM ET\./);

    // The job again adds nothing.
    expect(await worker.get(NotificationJobs).tasksExtended({ tenantId: t.tenantId, taskIds: [task.taskId] })).toEqual({ inApp: 0, emailsNow: 0, emailsForDigest: 0 });
  }, 60_000);

  it('a student who puts advisor notes in the digest gets the nudge in the inbox now and in the 08:00 digest e-mail, dated in the zone', async () => {
    const { t, cohort, assigned } = tenantIn('Europe/London');
    const task = dueOn(assigned, '2027-03-28');
    const put = await api.request('PUT', '/me/notification-preferences', { token: t.student.accessToken, body: { preferences: [{ kind: 'advisor_nudge', mode: 'digest' }] } });
    expect(put.status).toBe(200);
    const nudge = await api.request('POST', `/cohorts/${cohort.cohortId}/nudges`, {
      token: t.advisor.accessToken,
      body: { assignmentId: task.assignmentId, studentIds: [t.student.userId], message: 'A short note.' },
    });
    expect(nudge.status).toBe(201);
    await eventually(async () => (await inbox(t.tenantId, 'advisor_nudge', task.taskId)).length === 1, 30_000);
    const held = await owner.query(`SELECT status FROM email_deliveries WHERE tenant_id = $1 AND kind = 'advisor_nudge'`, [t.tenantId]);
    expect(held.rows.map((r) => r.status)).toEqual(['digest']);

    // 09:00 in London on a winter day: the digest goes out with the note and its due date.
    await worker.get(Reminders).scan(t.tenantId, new Date('2027-01-12T09:00:00Z'));
    await worker.get(QueueService).add('send-emails', { tenantId: t.tenantId });
    const digest = await eventually(async () => mailsTo(t, 'Your Fieldwork digest for Tuesday, January 12').find((m) => m.text?.includes('A short note.')), 30_000);
    expect(digest.text).toContain(`A short note.\n\nDue ${task.text}.`);
    expect(digest.html).toContain(`A short note.<br><br>Due ${task.text}.`);
  }, 60_000);

  it('a relative due date also ends at 11:59 PM local, and the text says so', async () => {
    const { t, cohort } = tenantIn('Pacific/Auckland');
    const reply = await api.request('POST', '/assignments', {
      token: t.advisor.accessToken,
      body: { templateId: cohort.template.id, cohortId: cohort.cohortId, dueDaysAfterJoin: 3, allowDuplicate: true },
    });
    expect(reply.status).toBe(201);
    const { rows } = await owner.query(`SELECT id FROM tasks WHERE tenant_id = $1 AND assignment_id = $2`, [t.tenantId, reply.body.id]);
    const [item] = await eventually(async () => {
      const items = await inbox(t.tenantId, 'new_assignment', rows[0].id);
      return items.length ? items : null;
    }, 30_000);
    expect(item.body).toMatch(/^Due \w+day, \w+ \d{1,2} at 11:59 PM NZ[SD]T\./);
  }, 60_000);
});
