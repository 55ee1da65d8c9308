import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { OutboxRelay, QueueService } from '@fieldwork/server-core';
import { eventually, ownerClient, useOwnDatabase } from '@fieldwork/server-core/testing';
import { NotificationJobs, Reminders } from '@fieldwork/server-notifications';
// The system test runs the real API beside the real worker, so it borrows the API tests' client.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { Session, TenantFixture, TestApi } from '../../api/test/support/test-api';
import { WorkerModule } from '../src/app/worker.module';
import { SmtpSink, addresses } from './support/smtp-sink';

const STUDENTS = 50;

function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString();
}

/**
 * The whole path of a notification: the API writes the change and its outbox
 * row, the worker relays it, fans it out to the inbox and e-mail, and sends the
 * e-mail over SMTP to a real server in this process.
 */
describe('e-mail and in-app notifications, API + worker + SMTP', () => {
  let smtp: SmtpSink;
  let api: TestApi;
  let worker: INestApplicationContext;
  let owner: Client;
  let t: TenantFixture;
  let domain: string;
  let dropOwnDatabase: () => Promise<void>;

  beforeAll(async () => {
    // A database of its own: its worker relays every outbox row it finds, and the suites before it
    // (a 5,000-student roster import, say) leave theirs unrelayed in the shared one.
    dropOwnDatabase = await useOwnDatabase();
    smtp = await SmtpSink.start();
    api = await TestApi.start({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://fieldwork.example' });
    worker = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
    await worker.init();
    owner = await ownerClient(api.config);
    t = await api.tenantWithPeople();
    domain = `@${t.slug}.test`;
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await smtp?.close();
    await owner?.end();
    await dropOwnDatabase?.();
  });

  const inbox = async (kind: string) =>
    (await owner.query(`SELECT count(*)::int AS n FROM notifications WHERE tenant_id = $1 AND kind = $2`, [t.tenantId, kind])).rows[0].n as number;
  const mails = (subjectStart: string) => smtp.to(domain).filter((mail) => mail.subject?.startsWith(subjectStart));

  it('e-mails each imported student an invitation whose link activates the account', async () => {
    const rows = Array.from({ length: STUDENTS }, (_, i) => `s${i + 1}${domain},Student ${i + 1},S${i + 1},Mail Cohort`);
    const form = new FormData();
    form.append('file', new Blob([['email,name,student_id,cohort', ...rows].join('\n')], { type: 'text/csv' }), 'roster.csv');
    const imported = await fetch(`${api.url}/api/rosters/import?dryRun=false`, { method: 'POST', headers: { authorization: `Bearer ${t.admin.accessToken}` }, body: form });
    expect(imported.status).toBe(200);

    await eventually(async () => mails("You're invited").filter((mail) => /^s\d+@/.test(addresses(mail)[0])).length === STUDENTS, 30_000);
    const invitation = mails("You're invited").find((mail) => addresses(mail)[0] === `s1${domain}`);
    expect(invitation?.html).toContain(`Career Center ${t.slug}`);
    expect(invitation?.text).toContain('https://fieldwork.example/accept-invitation?token=');
    // Sent invitations keep no copy of the link (it holds the token).
    const { rows: kept } = await owner.query(`SELECT count(*)::int AS n FROM email_deliveries WHERE tenant_id = $1 AND kind = 'invitation' AND link IS NOT NULL AND status = 'sent'`, [t.tenantId]);
    expect(kept[0].n).toBe(0);

    const students: Session[] = [];
    for (const mail of mails("You're invited").filter((m) => /^s\d+@/.test(addresses(m)[0]))) {
      const token = /accept-invitation\?token=([A-Za-z0-9_-]{64})/.exec(mail.text ?? '')?.[1];
      if (!token) throw new Error(`no token in the invitation to ${addresses(mail)[0]}`);
      students.push(await api.accept(token, 'Student'));
    }
    expect(students).toHaveLength(STUDENTS);
  }, 120_000);

  it('an assignment to the cohort of 50 delivers exactly 50 e-mails and 50 inbox items, and re-running adds none', async () => {
    const cohorts = await api.request('GET', '/cohorts', { token: t.admin.accessToken });
    const cohort = cohorts.body.items.find((c: { name: string }) => c.name === 'Mail Cohort');
    await api.request('POST', `/cohorts/${cohort.id}/members`, { token: t.admin.accessToken, body: { userIds: [t.advisor.userId], role: 'advisor' } });
    const templates = await api.request('GET', '/templates', { token: t.advisor.accessToken });
    const template = templates.body.items[0];
    const assigned = await api.request('POST', '/assignments', {
      token: t.advisor.accessToken,
      body: { templateId: template.id, cohortId: cohort.id, opensAt: inDays(-1), dueAt: inDays(6) },
    });
    expect(assigned.status).toBe(201);

    await eventually(async () => mails('New homework').length === STUDENTS && (await inbox('new_assignment')) === STUDENTS, 30_000);
    const mail = mails('New homework')[0];
    expect(mail.subject).toBe(`New homework: ${template.title}`);
    expect(mail.from?.text).toContain(`Career Center ${t.slug} via Fieldwork`);
    expect(mail.html).toMatch(/href="https:\/\/fieldwork\.example\/tasks\/[0-9a-f-]{36}"/);
    expect(mail.html).toContain('https://fieldwork.example/settings');
    expect(mail.text).toContain('Choose what Fieldwork e-mails you');
    expect(mail.headerLines.find((line) => line.key === 'list-unsubscribe')?.line).toContain('https://fieldwork.example/settings');

    // The same event relayed again, the job re-delivered, the reminder scan run: nothing new anywhere.
    await owner.query(`UPDATE outbox SET relayed_at = NULL WHERE tenant_id = $1 AND topic = 'assignment.created'`, [t.tenantId]);
    await worker.get(OutboxRelay).drain();
    const queues = worker.get(QueueService);
    const again = await queues.add('assignment-created', { tenantId: t.tenantId, assignmentId: assigned.body.id }, { jobId: `again-${assigned.body.id}` });
    await eventually(async () => (await again.getState()) === 'completed');
    await worker.get(NotificationJobs).remindTenant({ tenantId: t.tenantId, at: new Date().toISOString() });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(mails('New homework')).toHaveLength(STUDENTS);
    expect(await inbox('new_assignment')).toBe(STUDENTS);
    const { rows } = await owner.query(
      `SELECT status, count(*)::int AS n FROM email_deliveries WHERE tenant_id = $1 AND kind = 'new_assignment' GROUP BY status`,
      [t.tenantId],
    );
    expect(rows).toEqual([{ status: 'sent', n: STUDENTS }]);
  }, 90_000);

  it('retries an e-mail the SMTP server refuses, and sends it once', async () => {
    // Only the invitation is refused: mail of the earlier tests may still be on its way.
    smtp.rejectNext(1, `late${domain}`);
    const reply = await api.request('POST', '/invitations', { token: t.admin.accessToken, body: { email: `late${domain}`, name: 'Late Joiner', role: 'student' } });
    expect(reply.status).toBe(201);
    await eventually(async () => smtp.to(`late${domain}`).length === 1, 30_000);
    const { rows } = await owner.query(`SELECT status, attempts FROM email_deliveries WHERE tenant_id = $1 AND kind = 'invitation' AND title LIKE 'You%' AND user_id = (SELECT id FROM users WHERE tenant_id = $1 AND email = $2)`, [
      t.tenantId,
      `late${domain}`,
    ]);
    expect(rows).toEqual([{ status: 'sent', attempts: 2 }]);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(smtp.to(`late${domain}`)).toHaveLength(1);
  }, 60_000);

  it('follows each preference: off sends nothing, digest holds e-mail for one 08:00 message with every item', async () => {
    const student = (email: string) => api.login(t.slug, email, 'Networking-Walks-42!');
    const [off, digest, now] = [await student(`s2${domain}`), await student(`s3${domain}`), await student(`s4${domain}`)];
    const set = (session: Session, mode: string) =>
      api.request('PUT', '/me/notification-preferences', { token: session.accessToken, body: { preferences: [{ kind: 'new_assignment', mode }] } });
    expect((await set(off, 'off')).status).toBe(200);
    expect((await set(digest, 'digest')).status).toBe(200);
    const shown = await api.request('GET', '/me/notification-preferences', { token: digest.accessToken });
    expect(shown.body.items.find((p: { kind: string }) => p.kind === 'new_assignment').mode).toBe('digest');

    const templates = (await api.request('GET', '/templates', { token: t.advisor.accessToken })).body.items;
    const titles: string[] = [];
    for (const template of templates.slice(1, 3)) {
      const reply = await api.request('POST', '/assignments', {
        token: t.advisor.accessToken,
        body: { templateId: template.id, studentIds: [off.userId, digest.userId, now.userId], opensAt: inDays(-1), dueAt: inDays(6) },
      });
      expect(reply.status).toBe(201);
      titles.push(template.title);
    }
    const forUser = async (userId: string) =>
      (await owner.query(`SELECT count(*)::int AS n FROM notifications WHERE tenant_id = $1 AND user_id = $2 AND kind = 'new_assignment'`, [t.tenantId, userId])).rows[0].n;
    await eventually(async () => smtp.to(`s4${domain}`).filter((m) => m.subject?.startsWith('New homework')).length === 3 && (await forUser(digest.userId)) === 3, 30_000);
    expect(await forUser(off.userId)).toBe(1); // only the cohort assignment made before the preference was set
    expect(smtp.to(`s2${domain}`).filter((m) => m.subject?.startsWith('New homework'))).toHaveLength(1);
    expect(smtp.to(`s3${domain}`).filter((m) => m.subject?.startsWith('New homework'))).toHaveLength(1);

    // 08:05 today in the career center's time zone: the digest goes out once, with both held items.
    const { rows } = await owner.query(
      `SELECT (date_trunc('day', now() AT TIME ZONE timezone) + interval '8 hours 5 minutes') AT TIME ZONE timezone AS at FROM tenants WHERE id = $1`,
      [t.tenantId],
    );
    const jobs = worker.get(NotificationJobs);
    await jobs.remindTenant({ tenantId: t.tenantId, at: rows[0].at.toISOString() });
    await jobs.remindTenant({ tenantId: t.tenantId, at: new Date(rows[0].at.getTime() + 600_000).toISOString() });
    await eventually(async () => smtp.to(`s3${domain}`).some((m) => m.subject?.startsWith('Your Fieldwork digest')), 30_000);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const digests = smtp.to(`s3${domain}`).filter((m) => m.subject?.startsWith('Your Fieldwork digest'));
    expect(digests).toHaveLength(1);
    for (const title of titles) expect(digests[0].text).toContain(`New homework: ${title}`);
    expect(smtp.to(`s2${domain}`).filter((m) => m.subject?.startsWith('Your Fieldwork digest'))).toHaveLength(0);
    expect(smtp.to(`s4${domain}`).filter((m) => m.subject?.startsWith('Your Fieldwork digest'))).toHaveLength(0);
  }, 90_000);

  it('rejects a preference for a kind the role does not receive or an unknown mode, naming the field', async () => {
    const bad = await api.request('PUT', '/me/notification-preferences', {
      token: t.student.accessToken,
      body: { preferences: [{ kind: 'review_digest', mode: 'off' }] },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('preferences[0].kind');
    const mode = await api.request('PUT', '/me/notification-preferences', {
      token: t.student.accessToken,
      body: { preferences: [{ kind: 'due_soon', mode: 'weekly' }] },
    });
    expect(mode.status).toBe(400);
    expect(JSON.stringify(mode.body)).toContain('mode must be one of');
    const digestOfDigest = await api.request('PUT', '/me/notification-preferences', {
      token: t.advisor.accessToken,
      body: { preferences: [{ kind: 'review_digest', mode: 'digest' }] },
    });
    expect(digestOfDigest.status).toBe(400);
  });

  it('reaches the scan from the scheduler that the worker registers', async () => {
    const schedulers = await worker.get(QueueService).queue('notifications').getJobSchedulers();
    expect(schedulers.map((s) => s.key ?? s.id)).toContain('reminder-scan');
    expect(worker.get(Reminders)).toBeDefined();
  });
});
