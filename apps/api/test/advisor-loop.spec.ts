import { ownerClient } from '@fieldwork/server-core/testing';
import type { Client } from 'pg';
import type { Gradebook, Interaction, TaskSummary } from '@fieldwork/contracts';
import { Session, TenantFixture, TestApi } from './support/test-api';
import { CohortFixture, INTERVIEW_ANSWERS, addMembers, cohortWithPeople, inDays } from './support/homework-fixture';

/** The advisor's loop over HTTP: local due days, the gradebook, nudges, extensions, excusals, homework feeding the network. */
describe("the advisor's loop", () => {
  let api: TestApi;
  let owner: Client;

  beforeAll(async () => {
    api = await TestApi.start();
    owner = await ownerClient(api.config);
  });
  afterAll(async () => {
    await owner.end();
    await api.close();
  });

  const assign = (who: Session, body: Record<string, unknown>) => api.request('POST', '/assignments', { token: who.accessToken, body });

  describe('due dates are local days of the career center', () => {
    // Both daylight-saving edges of each zone, and Tokyo (no DST). The end of the day is 23:59:59 local.
    const cases: [string, string, string][] = [
      ['America/New_York', '2027-03-14', '2027-03-15T03:59:59.000Z'],
      ['America/New_York', '2026-11-01', '2026-11-02T04:59:59.000Z'],
      ['Europe/London', '2027-03-28', '2027-03-28T22:59:59.000Z'],
      ['Europe/London', '2026-10-25', '2026-10-25T23:59:59.000Z'],
      ['Asia/Tokyo', '2027-03-14', '2027-03-14T14:59:59.000Z'],
      ['Pacific/Auckland', '2027-04-04', '2027-04-04T11:59:59.000Z'],
      ['Pacific/Auckland', '2026-09-27', '2026-09-27T10:59:59.000Z'],
    ];
    const tenants = new Map<string, { t: TenantFixture; c: CohortFixture }>();
    async function tenantIn(zone: string) {
      if (!tenants.has(zone)) {
        const t = await api.tenantWithPeople(zone);
        tenants.set(zone, { t, c: await cohortWithPeople(api, t) });
      }
      return tenants.get(zone) as { t: TenantFixture; c: CohortFixture };
    }

    it.each(cases)('%s: due on %s is due at %s, for the assignment and its tasks', async (zone, dueOn, dueAt) => {
      const { t, c } = await tenantIn(zone);
      const reply = await assign(t.advisor, { templateId: c.template.id, cohortId: c.cohortId, opensOn: '2026-09-01', dueOn, allowDuplicate: true });
      expect(reply.status).toBe(201);
      const assignment = await api.request('GET', `/assignments/${reply.body.id}`, { token: t.advisor.accessToken });
      expect(assignment.body).toMatchObject({ dueOn, dueAt, opensOn: '2026-09-01' });
      const tasks = await api.request('GET', `/tasks?assignmentId=${reply.body.id}`, { token: t.advisor.accessToken });
      expect(tasks.body.items).toHaveLength(1);
      expect(tasks.body.items[0]).toMatchObject({ dueOn, dueAt });
    });

    it.each([
      ['America/New_York', '2027-03-10', 4, '2027-03-14', '2027-03-15T03:59:59.000Z'],
      ['America/New_York', '2027-11-04', 3, '2027-11-07', '2027-11-08T04:59:59.000Z'],
      ['Pacific/Auckland', '2027-09-19', 7, '2027-09-26', '2027-09-26T10:59:59.000Z'],
      ['Pacific/Auckland', '2027-03-30', 5, '2027-04-04', '2027-04-04T11:59:59.000Z'],
      ['Europe/London', '2027-03-25', 3, '2027-03-28', '2027-03-28T22:59:59.000Z'],
      ['Asia/Tokyo', '2027-03-01', 13, '2027-03-14', '2027-03-14T14:59:59.000Z'],
    ] as const)('%s: opening %s, due %i days after joining ends local day %s', async (zone, opensOn, days, dueOn, dueAt) => {
      const { t, c } = await tenantIn(zone);
      const reply = await assign(t.advisor, { templateId: c.template.id, cohortId: c.cohortId, opensOn, dueDaysAfterJoin: days, allowDuplicate: true });
      expect(reply.status).toBe(201);
      const tasks = await api.request('GET', `/tasks?assignmentId=${reply.body.id}`, { token: t.advisor.accessToken });
      expect(tasks.body.items[0]).toMatchObject({ dueOn, dueAt });
    });

    it('a relative due date ends the local day however late in the day the student joined', async () => {
      const { t, c } = await tenantIn('America/New_York');
      const reply = await assign(t.advisor, { templateId: c.template.id, cohortId: c.cohortId, dueDaysAfterJoin: 5, allowDuplicate: true });
      const tasks = await api.request('GET', `/tasks?assignmentId=${reply.body.id}`, { token: t.advisor.accessToken });
      const due = new Date(tasks.body.items[0].dueAt);
      const local = new Intl.DateTimeFormat('en-GB', { timeZone: 'America/New_York', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(due);
      expect(local).toBe('23:59:59');
    });

    it('moving the due day moves the open tasks; instants stay accepted; bad days are a 400 naming the field', async () => {
      const { t, c } = await tenantIn('America/New_York');
      const reply = await assign(t.advisor, { templateId: c.template.id, cohortId: c.cohortId, dueAt: '2027-01-20T17:00:00Z', allowDuplicate: true });
      expect(reply.status).toBe(201);
      const moved = await api.request('PATCH', `/assignments/${reply.body.id}`, { token: t.advisor.accessToken, body: { dueOn: '2027-03-14' } });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ dueOn: '2027-03-14', dueAt: '2027-03-15T03:59:59.000Z' });
      const tasks = await api.request('GET', `/tasks?assignmentId=${reply.body.id}`, { token: t.advisor.accessToken });
      expect(tasks.body.items[0].dueAt).toBe('2027-03-15T03:59:59.000Z');

      for (const dueOn of ['2027-02-30', '14/03/2027', '2027-3-14']) {
        const bad = await assign(t.advisor, { templateId: c.template.id, cohortId: c.cohortId, dueOn, allowDuplicate: true });
        expect(bad.status).toBe(400);
        expect(bad.body.details.map((d: { field: string }) => d.field)).toContain('dueOn');
      }
      const both = await assign(t.advisor, { templateId: c.template.id, cohortId: c.cohortId, dueOn: '2027-03-14', dueAt: '2027-03-14T10:00:00Z', allowDuplicate: true });
      expect(both.status).toBe(400);
      const before = await assign(t.advisor, { templateId: c.template.id, cohortId: c.cohortId, opensOn: '2027-03-14', dueOn: '2027-03-13', allowDuplicate: true });
      expect(before.status).toBe(400);
      expect(before.body.details[0].field).toBe('dueOn');
    });

    it('a new time zone keeps open tasks on their local day and time, audited', async () => {
      const t = await api.tenantWithPeople('America/New_York');
      const c = await cohortWithPeople(api, t);
      const reply = await assign(t.advisor, { templateId: c.template.id, cohortId: c.cohortId, dueOn: '2027-03-14' });
      const changed = await api.request('PATCH', '/tenant/settings', { token: t.admin.accessToken, body: { timezone: 'Europe/London' } });
      expect(changed.status).toBe(200);
      expect(changed.body.timezone).toBe('Europe/London');
      const tasks = await api.request('GET', `/tasks?assignmentId=${reply.body.id}`, { token: t.advisor.accessToken });
      expect(tasks.body.items[0]).toMatchObject({ dueOn: '2027-03-14', dueAt: '2027-03-14T23:59:59.000Z' });
      const me = await api.request('GET', '/me', { token: t.student.accessToken });
      expect(me.body.tenant.timezone).toBe('Europe/London');
      const audit = await api.request('GET', '/audit-events?action=tenant.timezone_changed', { token: t.admin.accessToken });
      expect(audit.body.items[0].details).toMatchObject({ from: 'America/New_York', to: 'Europe/London', openTasksMoved: 1 });
      const bad = await api.request('PATCH', '/tenant/settings', { token: t.admin.accessToken, body: { timezone: 'Mars/Olympus' } });
      expect(bad.status).toBe(400);
      const advisor = await api.request('PATCH', '/tenant/settings', { token: t.advisor.accessToken, body: { timezone: 'Asia/Tokyo' } });
      expect(advisor.status).toBe(403);
    });
  });

  describe('assigning', () => {
    it('asks before assigning a template that is already live in the cohort', async () => {
      const t = await api.tenantWithPeople();
      const c = await cohortWithPeople(api, t);
      const first = await assign(t.advisor, { templateId: c.template.id, cohortId: c.cohortId, dueOn: '2027-01-10' });
      expect(first.status).toBe(201);
      const again = await assign(t.advisor, { templateId: c.template.id, cohortId: c.cohortId, dueOn: '2027-01-20' });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ code: 'duplicate_assignment', existing: { id: first.body.id } });
      const confirmed = await assign(t.advisor, { templateId: c.template.id, cohortId: c.cohortId, dueOn: '2027-01-20', allowDuplicate: true });
      expect(confirmed.status).toBe(201);
      await api.request('PATCH', `/assignments/${first.body.id}`, { token: t.advisor.accessToken, body: { archived: true } });
      await api.request('PATCH', `/assignments/${confirmed.body.id}`, { token: t.advisor.accessToken, body: { archived: true } });
      const afterArchive = await assign(t.advisor, { templateId: c.template.id, cohortId: c.cohortId, dueOn: '2027-01-20' });
      expect(afterArchive.status).toBe(201);
    });
  });

  describe('the gradebook and acting on it', () => {
    let t: TenantFixture;
    let c: CohortFixture;
    let students: Session[];
    let assignmentId: string;
    let tasks: Map<string, TaskSummary>;

    beforeAll(async () => {
      t = await api.tenantWithPeople('America/New_York');
      c = await cohortWithPeople(api, t);
      students = [t.student];
      for (const name of ['Bea Brown', 'Cal Clark', 'Dee Diaz']) {
        const email = `${name.split(' ')[0].toLowerCase()}@${t.slug}.test`;
        students.push(await api.accept((await api.invite(t.admin, email, 'student', name)).token, name));
      }
      await addMembers(api, t.admin, c.cohortId, students.slice(1).map((s) => s.userId), 'student');
      const reply = await assign(t.advisor, { templateId: c.template.id, cohortId: c.cohortId, opensOn: '2026-09-01', dueOn: '2027-06-30' });
      assignmentId = reply.body.id;
      const list = await api.request('GET', `/tasks?assignmentId=${assignmentId}`, { token: t.advisor.accessToken });
      tasks = new Map(list.body.items.map((task: TaskSummary) => [task.student.id, task]));
      // Cal starts (a draft); Dee submits.
      await api.request('PUT', `/tasks/${tasks.get(students[2].userId)?.id}/draft`, { token: students[2].accessToken, body: { answers: { organization: 'Acme' } } });
    });

    const gradebook = (query = '', who: Session = t.advisor) => api.request<Gradebook>('GET', `/cohorts/${c.cohortId}/gradebook${query}`, { token: who.accessToken });

    it('shows every student × assignment with the local due day; filters by status and name; pages by name', async () => {
      const all = await gradebook();
      expect(all.status).toBe(200);
      expect(all.body.timezone).toBe('America/New_York');
      expect(all.body.assignments).toEqual([expect.objectContaining({ id: assignmentId, dueOn: '2027-06-30', dueAt: '2027-07-01T03:59:59.000Z' })]);
      expect(all.body.totalStudents).toBe(4);
      expect(all.body.students.map((s) => s.name)).toEqual(['Bea Brown', 'Cal Clark', 'Dee Diaz', 'Stu Student']);
      const cal = all.body.students.find((s) => s.name === 'Cal Clark');
      expect(cal?.cells).toEqual([expect.objectContaining({ assignmentId, status: 'in_progress', taskStatus: 'in_progress', late: false, extended: false, dueOn: '2027-06-30' })]);

      const notStarted = await gradebook(`?assignmentId=${assignmentId}&status=not_started`);
      expect(notStarted.body.students.map((s) => s.name)).toEqual(['Bea Brown', 'Dee Diaz', 'Stu Student']);
      expect(notStarted.body.totalStudents).toBe(3);
      const search = await gradebook('?q=CLARK');
      expect(search.body.students.map((s) => s.name)).toEqual(['Cal Clark']);

      const first = await gradebook('?limit=3');
      expect(first.body.students).toHaveLength(3);
      const second = await gradebook(`?limit=3&cursor=${first.body.nextCursor}`);
      expect(second.body.students.map((s) => s.name)).toEqual(['Stu Student']);
      expect(second.body.nextCursor).toBeNull();
    });

    it('is for admins and the cohort’s advisors only; bad filters are a 400', async () => {
      expect((await gradebook('', t.admin)).status).toBe(200);
      expect((await gradebook('', t.student)).status).toBe(403);
      const other = await api.tenantWithPeople();
      expect((await gradebook('', other.admin)).status).toBe(404);
      const stranger = await api.accept((await api.invite(t.admin, `stranger@${t.slug}.test`, 'advisor', 'Sam Stranger')).token, 'Sam Stranger');
      expect((await gradebook('', stranger)).status).toBe(404);
      expect((await gradebook('?status=lost')).status).toBe(400);
      expect((await gradebook('?status=overdue')).status).toBe(400);
      expect((await gradebook('?limit=500')).status).toBe(400);
      expect((await api.request('GET', '/cohorts/not-a-uuid/gradebook', { token: t.advisor.accessToken })).status).toBe(404);
    });

    it('nudges who has not started: once, audited, through the outbox; a repeat within 24 h needs a confirm', async () => {
      const body = { assignmentId, status: 'not_started', message: 'A ten-minute call counts. Who could you ask this week?' };
      const sent = await api.request('POST', `/cohorts/${c.cohortId}/nudges`, { token: t.advisor.accessToken, body });
      expect(sent.status).toBe(201);
      expect(sent.body.recipients).toBe(3);
      const outbox = await owner.query(`SELECT payload FROM outbox WHERE tenant_id = $1 AND topic = 'nudge.sent'`, [t.tenantId]);
      expect(outbox.rows.map((r) => r.payload.nudgeId)).toEqual([sent.body.id]);
      const audit = await api.request('GET', '/audit-events?action=nudge.sent', { token: t.admin.accessToken });
      expect(audit.body.items[0].details).toMatchObject({ recipients: 3, title: c.template.title });

      const grid = await gradebook();
      expect(grid.body.students.find((s) => s.name === 'Bea Brown')?.cells[0].lastNudgedAt).not.toBeNull();
      expect(grid.body.students.find((s) => s.name === 'Cal Clark')?.cells[0].lastNudgedAt).toBeNull();

      const again = await api.request('POST', `/cohorts/${c.cohortId}/nudges`, {
        token: t.advisor.accessToken,
        body: { assignmentId, studentIds: [students[1].userId], message: 'Reminder' },
      });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ code: 'recently_nudged', students: [{ id: students[1].userId, name: 'Bea Brown' }] });
      const confirmed = await api.request('POST', `/cohorts/${c.cohortId}/nudges`, {
        token: t.advisor.accessToken,
        body: { assignmentId, studentIds: [students[1].userId], message: 'Reminder', allowRepeat: true },
      });
      expect(confirmed.status).toBe(201);

      const bad = await api.request('POST', `/cohorts/${c.cohortId}/nudges`, { token: t.advisor.accessToken, body: { assignmentId, studentIds: [t.advisor.userId], message: 'Hi' } });
      expect(bad.status).toBe(400);
      expect(bad.body.details[0].field).toBe('studentIds');
      const empty = await api.request('POST', `/cohorts/${c.cohortId}/nudges`, { token: t.advisor.accessToken, body: { assignmentId, status: 'approved', message: 'Hi' } });
      expect(empty.status).toBe(400);
      const blank = await api.request('POST', `/cohorts/${c.cohortId}/nudges`, { token: t.advisor.accessToken, body: { assignmentId, status: 'not_started', message: '   ' } });
      expect(blank.status).toBe(400);
      expect(blank.body.details[0].field).toBe('message');
    });

    it('extends one student: the task keeps the original date; late is judged against the extension; moving the assignment keeps a later extension', async () => {
      const task = tasks.get(t.student.userId) as TaskSummary;
      const extended = await api.request<TaskSummary>('POST', `/tasks/${task.id}/extension`, {
        token: t.advisor.accessToken,
        body: { dueOn: '2027-07-10', reason: 'Family emergency' },
      });
      expect(extended.status).toBe(200);
      expect(extended.body).toMatchObject({
        dueOn: '2027-07-10',
        dueAt: '2027-07-11T03:59:59.000Z',
        extension: { originalDueOn: '2027-06-30', originalDueAt: '2027-07-01T03:59:59.000Z', reason: 'Family emergency', grantedBy: { id: t.advisor.userId } },
      });
      const mine = await api.request('GET', `/tasks/${task.id}`, { token: t.student.accessToken });
      expect(mine.body.extension.reason).toBe('Family emergency');
      const outbox = await owner.query(`SELECT payload FROM outbox WHERE tenant_id = $1 AND topic = 'task.extended'`, [t.tenantId]);
      expect(outbox.rows[0].payload.taskIds).toEqual([task.id]);

      const earlier = await api.request('POST', `/tasks/${task.id}/extension`, { token: t.advisor.accessToken, body: { dueOn: '2027-06-01' } });
      expect(earlier.status).toBe(400);
      expect((await api.request('POST', `/tasks/${task.id}/extension`, { token: t.student.accessToken, body: { dueOn: '2027-08-01' } })).status).toBe(403);

      await api.request('PATCH', `/assignments/${assignmentId}`, { token: t.advisor.accessToken, body: { dueOn: '2027-07-05' } });
      const after = await api.request('GET', `/tasks/${task.id}`, { token: t.advisor.accessToken });
      expect(after.body).toMatchObject({ dueOn: '2027-07-10', extension: { originalDueOn: '2027-07-05' } });
      const other = await api.request('GET', `/tasks/${tasks.get(students[1].userId)?.id}`, { token: t.advisor.accessToken });
      expect(other.body).toMatchObject({ dueOn: '2027-07-05', extension: null });

      const bulk = await api.request('POST', `/cohorts/${c.cohortId}/extensions`, {
        token: t.advisor.accessToken,
        body: { assignmentId, studentIds: [students[1].userId, students[2].userId], dueOn: '2027-07-08' },
      });
      expect(bulk.status).toBe(200);
      expect(bulk.body.count).toBe(2);
      const grid = await gradebook();
      expect(grid.body.students.filter((s) => s.cells[0].extended).map((s) => s.name)).toEqual(['Bea Brown', 'Cal Clark', 'Stu Student']);
    });

    it('excuses students in bulk with a reason; approved work is left alone', async () => {
      const dee = students[3];
      const reply = await api.request('POST', `/cohorts/${c.cohortId}/excusals`, {
        token: t.advisor.accessToken,
        body: { assignmentId, studentIds: [dee.userId], reason: 'Medical leave' },
      });
      expect(reply.status).toBe(200);
      expect(reply.body.count).toBe(1);
      const task = await api.request('GET', `/tasks/${tasks.get(dee.userId)?.id}`, { token: dee.accessToken });
      expect(task.body).toMatchObject({ status: 'excused', excusedReason: 'Medical leave' });
      const excused = await gradebook(`?assignmentId=${assignmentId}&status=excused`);
      expect(excused.body.students.map((s) => s.name)).toEqual(['Dee Diaz']);
      const noReason = await api.request('POST', `/cohorts/${c.cohortId}/excusals`, { token: t.advisor.accessToken, body: { assignmentId, studentIds: [dee.userId], reason: '' } });
      expect(noReason.status).toBe(400);
    });

    it("shows the advisor what needs them: reviews waiting and homework due within 7 days nobody started", async () => {
      const soon = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
      const second = await assign(t.advisor, { templateId: c.template.id, cohortId: c.cohortId, dueOn: soon, allowDuplicate: true });
      expect(second.status).toBe(201);
      const attention = await api.request('GET', '/me/attention', { token: t.advisor.accessToken });
      expect(attention.status).toBe(200);
      expect(attention.body.notStartedDueSoon).toEqual([expect.objectContaining({ assignmentId: second.body.id, cohortId: c.cohortId, notStarted: 4 })]);
      expect(attention.body.reviewsWaiting).toBe(0);
      expect((await api.request('GET', '/me/attention', { token: t.student.accessToken })).status).toBe(403);
    });
  });

  describe('homework feeds the network', () => {
    it('a reflection naming a contact records one interaction, dated with the conversation day; a resubmission updates it', async () => {
      const t = await api.tenantWithPeople('America/New_York');
      const c = await cohortWithPeople(api, t);
      const assigned = await assign(t.advisor, { templateId: c.template.id, cohortId: c.cohortId, opensAt: inDays(-1), dueAt: inDays(7) });
      const [task] = (await api.request('GET', `/tasks?assignmentId=${assigned.body.id}`, { token: t.student.accessToken })).body.items;
      const contact = await api.request('POST', '/contacts', { token: t.student.accessToken, body: { name: 'Rosa Delgado', organization: 'City Planning' } });
      const other = await api.request('POST', '/contacts', { token: t.student.accessToken, body: { name: 'Tom Becker' } });
      const submit = await api.request('POST', `/tasks/${task.id}/submissions`, {
        token: t.student.accessToken,
        body: { answers: { ...INTERVIEW_ANSWERS, date: '2026-11-20' }, contactId: contact.body.id },
      });
      expect(submit.status).toBe(201);
      const timeline = await api.request<Interaction[]>('GET', `/contacts/${contact.body.id}/interactions`, { token: t.student.accessToken });
      expect(timeline.body).toHaveLength(1);
      expect(timeline.body[0]).toMatchObject({ kind: 'informational_interview', taskId: task.id, fromHomework: { taskId: task.id, title: c.template.title } });
      // Noon of the conversation day in New York.
      expect(timeline.body[0].occurredAt).toBe('2026-11-20T17:00:00.000Z');
      const card = await api.request('GET', `/contacts/${contact.body.id}`, { token: t.student.accessToken });
      expect(card.body).toMatchObject({ interactionCount: 1, lastInteractionAt: '2026-11-20T17:00:00.000Z' });
      const outbox = await owner.query(`SELECT count(*)::int AS n FROM outbox WHERE tenant_id = $1 AND topic = 'interaction.logged'`, [t.tenantId]);
      expect(outbox.rows[0].n).toBe(1);

      await api.request('POST', `/tasks/${task.id}/reviews`, { token: t.advisor.accessToken, body: { decision: 'revise', comment: 'Wrong person?' } });
      const again = await api.request('POST', `/tasks/${task.id}/submissions`, {
        token: t.student.accessToken,
        body: { answers: { ...INTERVIEW_ANSWERS, date: '2026-11-22' }, contactId: other.body.id },
      });
      expect(again.status).toBe(201);
      expect((await api.request('GET', `/contacts/${contact.body.id}/interactions`, { token: t.student.accessToken })).body).toHaveLength(0);
      const moved = await api.request<Interaction[]>('GET', `/contacts/${other.body.id}/interactions`, { token: t.student.accessToken });
      expect(moved.body).toHaveLength(1);
      expect(moved.body[0].occurredAt).toBe('2026-11-22T17:00:00.000Z');
      expect((await api.request('GET', `/contacts/${contact.body.id}`, { token: t.student.accessToken })).body).toMatchObject({ interactionCount: 0, lastInteractionAt: null });
    });

    it('a thank-you homework records a thank-you', async () => {
      const t = await api.tenantWithPeople();
      const c = await cohortWithPeople(api, t);
      const templates = await api.request('GET', '/templates', { token: t.admin.accessToken });
      const thanks = templates.body.items.find((x: { title: string }) => /thank-you/i.test(x.title));
      expect(thanks.interactionKind).toBe('thank_you');
      const custom = await api.request('PATCH', `/templates/${c.template.id}`, { token: t.admin.accessToken, body: { interactionKind: 'event' } });
      expect(custom.body.interactionKind).toBe('event');
      const bad = await api.request('PATCH', `/templates/${c.template.id}`, { token: t.admin.accessToken, body: { interactionKind: 'party' } });
      expect(bad.status).toBe(400);
    });
  });
});
