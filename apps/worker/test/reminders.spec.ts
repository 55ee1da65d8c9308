import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { CURRICULUM } from '@fieldwork/server-core';
import { ownerClient, prepareTestDatabase, useTestEnvironment } from '@fieldwork/server-core/testing';
import { NotificationJobs, Reminders } from '@fieldwork/server-notifications';
import { WorkerModule } from '../src/app/worker.module';

const HOUR = 3_600_000;

/**
 * The reminder scan on a tenant whose history is laid out around one instant:
 * each kind fires for exactly the rows it should, once, however often the scan runs.
 */
describe('reminder scans and 08:00 digests', () => {
  let worker: INestApplicationContext;
  let owner: Client;
  const at = new Date(Math.floor(Date.now() / HOUR) * HOUR);
  const offset = (hours: number) => new Date(at.getTime() + hours * HOUR);
  const tenantId = randomUUID();
  const studentId = randomUUID();
  const advisorId = randomUUID();
  const cohortId = randomUUID();
  const templateId = randomUUID();
  const tasks: Record<string, string> = {};
  const contacts: Record<string, string> = {};
  const interviews: Record<string, string> = {};

  async function tenant(id: string, timezone: string): Promise<void> {
    await owner.query(`INSERT INTO tenants (id, slug, name, timezone) VALUES ($1, $2, $3, $4)`, [id, `r-${id.slice(0, 8)}`, `Reminder U ${timezone}`, timezone]);
  }
  async function user(tenant: string, id: string, role: string, name: string): Promise<void> {
    await owner.query(`INSERT INTO users (tenant_id, id, email, name, role, password_hash) VALUES ($1, $2, $3, $4, $5, 'activated')`, [
      tenant,
      id,
      `${id.slice(0, 8)}@r.test`,
      name,
      role,
    ]);
  }
  async function task(label: string, opensHours: number, dueHours: number, status: string, draftSaved = false): Promise<void> {
    const assignmentId = randomUUID();
    const template = CURRICULUM[0];
    await owner.query(
      `INSERT INTO assignments (tenant_id, id, template_id, cohort_id, title, category, instructions, prompts, contact_required, evidence,
                                estimated_minutes, opens_at, due_at, created_by)
       VALUES ($1, $2, $10, $3, $4, $5, 'x', $6, false, '{"kind":"none","required":false}', 30, $7, $8, $9)`,
      [tenantId, assignmentId, cohortId, `${template.title} (${label})`, template.category, JSON.stringify(template.prompts), offset(opensHours), offset(dueHours), advisorId, templateId],
    );
    tasks[label] = randomUUID();
    await owner.query(
      `INSERT INTO tasks (tenant_id, id, assignment_id, student_id, cohort_id, status, opens_at, due_at, draft_saved_at, submitted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [tenantId, tasks[label], assignmentId, studentId, cohortId, status, offset(opensHours), offset(dueHours), draftSaved ? offset(-1) : null, status === 'submitted' ? offset(-1) : null],
    );
  }
  async function contact(label: string, nextFollowUpHours: number | null): Promise<void> {
    contacts[label] = randomUUID();
    await owner.query(
      `INSERT INTO contacts (tenant_id, id, owner_id, name, follow_up_every_days, last_interaction_at, next_follow_up_at)
       VALUES ($1, $2, $3, $4, 30, $5, $6)`,
      [tenantId, contacts[label], studentId, `Contact ${label}`, offset(-30 * 24), nextFollowUpHours === null ? null : offset(nextFollowUpHours)],
    );
  }
  async function interaction(contactLabel: string, kind: string, createdHours: number): Promise<string> {
    const id = randomUUID();
    await owner.query(
      `INSERT INTO interactions (tenant_id, id, contact_id, owner_id, kind, occurred_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $6)`,
      [tenantId, id, contacts[contactLabel], studentId, kind, offset(createdHours)],
    );
    return id;
  }
  const notified = async (kind: string) =>
    (
      await owner.query(`SELECT user_id, subject_id, period, read_at FROM notifications WHERE tenant_id = $1 AND kind = $2 ORDER BY period`, [tenantId, kind])
    ).rows as { user_id: string; subject_id: string; period: string; read_at: Date | null }[];

  beforeAll(async () => {
    const config = useTestEnvironment({ QUEUE_PREFIX: `remind-${randomUUID().slice(0, 8)}` });
    await prepareTestDatabase(config);
    owner = await ownerClient(config);
    await tenant(tenantId, 'America/Los_Angeles');
    await user(tenantId, studentId, 'student', 'Rina Student');
    await user(tenantId, advisorId, 'advisor', 'Ari Advisor');
    await owner.query(`INSERT INTO cohorts (tenant_id, id, name) VALUES ($1, $2, 'Reminder cohort')`, [tenantId, cohortId]);
    await owner.query(
      `INSERT INTO templates (tenant_id, id, title, category, instructions, prompts, contact_required, evidence, rubric, estimated_minutes)
       VALUES ($1, $2, $3, $4, 'x', $5, false, '{"kind":"none","required":false}', null, 30)`,
      [tenantId, templateId, CURRICULUM[0].title, CURRICULUM[0].category, JSON.stringify(CURRICULUM[0].prompts)],
    );
    await owner.query(`INSERT INTO cohort_members (tenant_id, cohort_id, user_id, role) VALUES ($1, $2, $3, 'student'), ($1, $2, $4, 'advisor')`, [
      tenantId,
      cohortId,
      studentId,
      advisorId,
    ]);
    await task('due in 47h', -24, 47, 'in_progress', true);
    await task('due in 49h', -24, 49, 'in_progress', true);
    await task('overdue', -120, -2, 'assigned');
    await task('60% gone', -144, 96, 'assigned');
    await task('80% gone', -192, 49, 'assigned');
    await task('submitted', -24, 1, 'submitted');
    await contact('due', -1);
    await contact('later', 24);
    interviews['no thanks'] = await interaction('due', 'informational_interview', -49);
    interviews['thanked'] = await interaction('later', 'informational_interview', -49);
    await interaction('later', 'thank_you', -30);
    interviews['recent'] = await interaction('later', 'informational_interview', -47);
    worker = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
    await worker.init();
  }, 60_000);

  afterAll(async () => {
    try {
      await worker?.close();
      await owner?.query(`DELETE FROM tenants WHERE id = ANY($1)`, [[tenantId, ...extraTenants]]);
    } finally {
      await owner?.end();
    }
  });
  const extraTenants: string[] = [];

  it('sends each kind of reminder for exactly the rows it concerns, and nothing more on the next scan', async () => {
    const reminders = worker.get(Reminders);
    await reminders.scan(tenantId, at);

    expect((await notified('due_soon')).map((n) => n.subject_id)).toEqual([tasks['due in 47h']]);
    expect((await notified('overdue')).map((n) => n.subject_id)).toEqual([tasks['overdue']]);
    const nudges = await notified('nonstarter_nudge');
    expect(nudges.map((n) => [n.subject_id, n.period[0]]).sort()).toEqual(
      [
        [tasks['60% gone'], '1'],
        [tasks['80% gone'], '2'],
      ].sort(),
    );
    // The second nudge also tells the student's advisor.
    expect((await notified('nonstarter_escalation')).map((n) => [n.user_id, n.subject_id])).toEqual([[advisorId, tasks['80% gone']]]);
    expect((await notified('follow_up_due')).map((n) => n.subject_id)).toEqual([contacts['due']]);
    expect((await notified('thank_you_due')).map((n) => n.subject_id)).toEqual([interviews['no thanks']]);

    const before = (await owner.query(`SELECT count(*)::int AS n FROM notifications WHERE tenant_id = $1`, [tenantId])).rows[0].n;
    const emails = (await owner.query(`SELECT count(*)::int AS n FROM email_deliveries WHERE tenant_id = $1`, [tenantId])).rows[0].n;
    expect(emails).toBe(before);
    await reminders.scan(tenantId, at);
    await reminders.scan(tenantId, offset(0.1));
    expect((await owner.query(`SELECT count(*)::int AS n FROM notifications WHERE tenant_id = $1`, [tenantId])).rows[0].n).toBe(before);
    expect((await owner.query(`SELECT count(*)::int AS n FROM email_deliveries WHERE tenant_id = $1`, [tenantId])).rows[0].n).toBe(emails);
  });

  it('clears the thank-you reminder when a thank-you is logged, and a submission clears its task reminders', async () => {
    const jobs = worker.get(NotificationJobs);
    await owner.query(`UPDATE email_deliveries SET status = 'pending' WHERE tenant_id = $1`, [tenantId]); // as if not yet sent
    const thanks = await interaction('due', 'thank_you', 0);
    await jobs.interactionLogged({ tenantId, interactionId: thanks });
    const [reminder] = await notified('thank_you_due');
    expect(reminder.read_at).not.toBeNull();
    const { rows } = await owner.query(`SELECT status FROM email_deliveries WHERE tenant_id = $1 AND kind IN ('thank_you_due', 'follow_up_due')`, [tenantId]);
    expect(rows.map((r: { status: string }) => r.status)).toEqual(['dropped', 'dropped']);

    await owner.query(`UPDATE tasks SET status = 'submitted', submitted_at = now() WHERE tenant_id = $1 AND id = $2`, [tenantId, tasks['overdue']]);
    await jobs.submissionSubmitted({ tenantId, taskId: tasks['overdue'] });
    expect((await notified('overdue'))[0].read_at).not.toBeNull();
  });

  it('a moved due date re-arms the due-soon reminder for the new date', async () => {
    await owner.query(`UPDATE tasks SET due_at = $3 WHERE tenant_id = $1 AND id = $2`, [tenantId, tasks['due in 47h'], offset(30)]);
    await worker.get(Reminders).scan(tenantId, at);
    expect((await notified('due_soon')).filter((n) => n.subject_id === tasks['due in 47h'])).toHaveLength(2);
  });

  it('tells each advisor once a day, from 08:00, how many reflections wait for review', async () => {
    const reminders = worker.get(Reminders);
    // A local day a week from now: the scans above run at the real hour, so from 08:00 they write today's digest.
    const day = (
      await owner.query(
        `SELECT to_char(d, 'YYYY-MM-DD') AS period, (d + time '07:30') AT TIME ZONE $1 AS early, (d + time '08:30') AT TIME ZONE $1 AS open,
                (d + time '11:00') AT TIME ZONE $1 AS later
           FROM (SELECT (now() AT TIME ZONE $1)::date + 7 AS d) week_ahead`,
        ['America/Los_Angeles'],
      )
    ).rows[0] as { period: string; early: Date; open: Date; later: Date };
    await reminders.scan(tenantId, day.early);
    const early = (await notified('review_digest')).filter((n) => n.period === day.period);
    expect(early).toHaveLength(0);
    await reminders.scan(tenantId, day.open);
    await reminders.scan(tenantId, day.later);
    const { rows } = await owner.query(`SELECT user_id, title FROM notifications WHERE tenant_id = $1 AND kind = 'review_digest' AND period = $2`, [tenantId, day.period]);
    // The task submitted at the start and the one submitted in the test above.
    expect(rows).toEqual([{ user_id: advisorId, title: '2 reflections wait for your review' }]);
  });

  it('sends the digest at 08:00 in each career center’s own time zone, once per local day', async () => {
    const tokyo = randomUUID();
    const losAngeles = randomUUID();
    extraTenants.push(tokyo, losAngeles);
    const people: Record<string, string> = { [tokyo]: randomUUID(), [losAngeles]: randomUUID() };
    for (const [id, timezone] of [
      [tokyo, 'Asia/Tokyo'],
      [losAngeles, 'America/Los_Angeles'],
    ]) {
      await tenant(id, timezone);
      await user(id, people[id], 'student', 'Digest Reader');
      await owner.query(
        `INSERT INTO email_deliveries (tenant_id, id, user_id, kind, subject_id, status, title, body) VALUES ($1, gen_random_uuid(), $2, 'due_soon', gen_random_uuid(), 'digest', 'Due soon: A', 'x'), ($1, gen_random_uuid(), $2, 'overdue', gen_random_uuid(), 'digest', 'Overdue: B', 'y')`,
        [id, people[id]],
      );
    }
    const digests = async (id: string) =>
      (await owner.query(`SELECT period FROM email_deliveries WHERE tenant_id = $1 AND kind = 'digest'`, [id])).rows.map((r: { period: string }) => r.period);
    const reminders = worker.get(Reminders);

    // 22:59 UTC on Nov 26 is 07:59 on Nov 27 in Tokyo (too early) and 14:59 on Nov 26 in Los Angeles.
    await reminders.scan(tokyo, new Date('2026-11-26T22:59:00Z'));
    await reminders.scan(losAngeles, new Date('2026-11-26T22:59:00Z'));
    expect(await digests(tokyo)).toEqual([]);
    expect(await digests(losAngeles)).toEqual(['2026-11-26']);

    await reminders.scan(tokyo, new Date('2026-11-26T23:00:00Z'));
    await reminders.scan(tokyo, new Date('2026-11-26T23:30:00Z'));
    expect(await digests(tokyo)).toEqual(['2026-11-27']);
    const { rows } = await owner.query(
      `SELECT d.title, count(i.id)::int AS items FROM email_deliveries d JOIN email_deliveries i ON i.tenant_id = d.tenant_id AND i.digest_id = d.id
        WHERE d.tenant_id = $1 AND d.kind = 'digest' GROUP BY d.title`,
      [tokyo],
    );
    expect(rows).toEqual([{ title: 'Your Fieldwork digest for Friday, November 27', items: 2 }]);
  });
});
