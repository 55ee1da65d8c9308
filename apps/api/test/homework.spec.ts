import { ownerClient } from '@fieldwork/server-core/testing';
import { TenantFixture, TestApi } from './support/test-api';
import { CohortFixture, INTERVIEW_ANSWERS, addMembers, cohortWithPeople, inDays } from './support/homework-fixture';

describe('homework over HTTP', () => {
  let api: TestApi;
  let t: TenantFixture;
  let c: CohortFixture;

  beforeAll(async () => {
    api = await TestApi.start();
    t = await api.tenantWithPeople();
    c = await cohortWithPeople(api, t);
  });
  afterAll(() => api.close());

  it('starts every career center with a library covering the six categories', async () => {
    const library = await api.request('GET', '/templates', { token: t.advisor.accessToken });
    expect(library.body.items.length).toBeGreaterThanOrEqual(8);
    expect(new Set(library.body.items.map((x: { category: string }) => x.category)).size).toBe(6);
    const keys = c.template.prompts.map((p) => p.key);
    expect(keys).toEqual(expect.arrayContaining(['organization', 'role', 'date', 'channel', 'learned_work', 'learned_culture', 'fit', 'surprise', 'referrals', 'next_steps', 'follow_up_date']));
    expect(c.template.contactRequired).toBe(true);
    expect(c.template.rubric?.length).toBeGreaterThan(0);
  });

  it('validates a template when it is saved, naming the bad fields', async () => {
    const reply = await api.request('POST', '/templates', {
      token: t.advisor.accessToken,
      body: {
        title: 'Bad',
        category: 'reciprocity',
        instructions: 'Do it',
        prompts: [
          { key: 'pick', label: 'Pick', type: 'choice', required: true, options: ['Only one'] },
          { key: 'pick', label: 'Again', type: 'long_text', required: false },
          { key: 'Bad Key', label: '', type: 'colour', required: true },
        ],
        contactRequired: false,
        evidence: { kind: 'none', required: false },
        rubric: [{ key: 'quality', label: 'Quality', levels: [{ label: 'Only', points: 1 }] }],
        estimatedMinutes: 30,
      },
    });
    expect(reply.status).toBe(400);
    const fields = reply.body.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['prompts[2].key', 'prompts[2].label', 'prompts[2].type', 'rubric[0].levels']));
    const semantic = await api.request('POST', '/templates', {
      token: t.advisor.accessToken,
      body: { ...c.template, id: undefined, archived: undefined, createdAt: undefined, updatedAt: undefined, prompts: [
        { key: 'pick', label: 'Pick', type: 'choice', required: true, options: ['Only one'] },
        { key: 'pick', label: 'Again', type: 'long_text', required: false },
      ] },
    });
    expect(semantic.status).toBe(400);
  });

  it('runs the whole loop: assign → draft → submit → revise → resubmit → approve', async () => {
    const assigned = await api.request('POST', '/assignments', {
      token: t.advisor.accessToken,
      body: { templateId: c.template.id, cohortId: c.cohortId, opensAt: inDays(-1), dueAt: inDays(7) },
    });
    expect(assigned.status).toBe(201);
    expect(assigned.body.taskCount).toBe(1);

    const mine = await api.request('GET', '/tasks', { token: t.student.accessToken });
    const task = mine.body.items.find((x: { assignmentId: string }) => x.assignmentId === assigned.body.id);
    expect(task).toMatchObject({ status: 'assigned', overdue: false, late: false, student: { id: t.student.userId } });

    const draft = await api.request('PUT', `/tasks/${task.id}/draft`, { token: t.student.accessToken, body: { answers: { organization: 'City Planning' } } });
    expect(draft.status).toBe(200);
    expect(draft.body.answers).toEqual({ organization: 'City Planning' });
    const detail = await api.request('GET', `/tasks/${task.id}`, { token: t.student.accessToken });
    expect(detail.body).toMatchObject({ status: 'in_progress', draft: { answers: { organization: 'City Planning' } } });

    const incomplete = await api.request('POST', `/tasks/${task.id}/submissions`, { token: t.student.accessToken, body: { answers: { organization: 'x', channel: 'Pigeon' } } });
    expect(incomplete.status).toBe(400);
    const fields = incomplete.body.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['answers.role', 'answers.channel', 'answers.learned_work', 'contactId']));

    const contact = await api.request('POST', '/contacts', { token: t.student.accessToken, body: { name: 'Pat Planner', organization: 'City Planning Department', role: 'Senior planner' } });
    expect(contact.status).toBe(201);
    const first = await api.request('POST', `/tasks/${task.id}/submissions`, {
      token: t.student.accessToken,
      body: { answers: INTERVIEW_ANSWERS, contactId: contact.body.id },
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ version: 1, contact: { name: 'Pat Planner', organization: 'City Planning Department' }, late: false });

    const again = await api.request('PUT', `/tasks/${task.id}/draft`, { token: t.student.accessToken, body: { answers: {} } });
    expect(again.status).toBe(409);

    const queue = await api.request('GET', '/reviews/queue', { token: t.advisor.accessToken });
    expect(queue.body.items.map((x: { taskId: string }) => x.taskId)).toContain(task.id);

    const noComment = await api.request('POST', `/tasks/${task.id}/reviews`, { token: t.advisor.accessToken, body: { decision: 'revise' } });
    expect(noComment.body.details).toEqual([{ field: 'comment', problems: ['tell the student what to revise'] }]);
    const revise = await api.request('POST', `/tasks/${task.id}/reviews`, {
      token: t.advisor.accessToken,
      body: { decision: 'revise', comment: 'Tell me more about the culture.', rubricScores: { insight: 1 } },
    });
    expect(revise.status).toBe(201);
    expect(revise.body).toMatchObject({ decision: 'revise', totalPoints: 1, reviewer: { id: t.advisor.userId } });
    expect((await api.request('GET', `/tasks/${task.id}`, { token: t.student.accessToken })).body.status).toBe('revision_requested');

    const second = await api.request('POST', `/tasks/${task.id}/submissions`, {
      token: t.student.accessToken,
      body: { answers: { ...INTERVIEW_ANSWERS, learned_culture: 'Teams meet weekly with residents; decisions are consensus-based.' }, contactId: contact.body.id },
    });
    expect(second.body.version).toBe(2);

    const badScores = await api.request('POST', `/tasks/${task.id}/reviews`, {
      token: t.advisor.accessToken,
      body: { decision: 'approve', rubricScores: { preparation: 7, insight: 3, nonsense: 1 } },
    });
    expect(badScores.status).toBe(400);
    expect(badScores.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['rubricScores.next_steps', 'rubricScores.nonsense', 'rubricScores.preparation']);
    const approve = await api.request('POST', `/tasks/${task.id}/reviews`, {
      token: t.advisor.accessToken,
      body: { decision: 'approve', comment: 'Great work', rubricScores: { preparation: 3, insight: 3, next_steps: 2 } },
    });
    expect(approve.body).toMatchObject({ decision: 'approve', totalPoints: 8 });

    const history = await api.request('GET', `/tasks/${task.id}/submissions`, { token: t.student.accessToken });
    expect(history.body.map((s: { version: number; review: { decision: string } }) => [s.version, s.review.decision])).toEqual([
      [2, 'approve'],
      [1, 'revise'],
    ]);
    expect((await api.request('GET', `/tasks/${task.id}`, { token: t.student.accessToken })).body.status).toBe('approved');

    // Staff reads of a student's reflections are audited.
    await api.request('GET', `/tasks/${task.id}/submissions`, { token: t.admin.accessToken });
    const owner = await ownerClient(api.config);
    const { rows } = await owner.query(`SELECT actor_id FROM audit_events WHERE tenant_id = $1 AND action = 'reflection.viewed' AND subject_id = $2`, [t.tenantId, task.id]);
    await owner.end();
    expect(rows.map((r: { actor_id: string }) => r.actor_id)).toContain(t.admin.userId);
  });

  it('copies the template into the assignment, so editing the template does not change assigned work', async () => {
    const template = await api.request('POST', '/templates', {
      token: t.admin.accessToken,
      body: { title: 'Share an update', category: 'reciprocity', instructions: 'Share it', prompts: [{ key: 'what', label: 'What?', type: 'short_text', required: true }], contactRequired: false, evidence: { kind: 'none', required: false }, rubric: null, estimatedMinutes: 15 },
    });
    const assignment = await api.request('POST', '/assignments', {
      token: t.admin.accessToken,
      body: { templateId: template.body.id, cohortId: c.cohortId, opensAt: inDays(-1), dueAt: inDays(3) },
    });
    await api.request('PATCH', `/templates/${template.body.id}`, { token: t.admin.accessToken, body: { title: 'Renamed', prompts: [{ key: 'other', label: 'Other', type: 'long_text', required: true }] } });
    const copy = await api.request('GET', `/assignments/${assignment.body.id}`, { token: t.admin.accessToken });
    expect(copy.body).toMatchObject({ title: 'Share an update', prompts: [{ key: 'what' }] });
  });

  it('gives later joiners the live assignments with their relative due date, and moves due dates when the rule changes', async () => {
    const cohort = await api.request('POST', '/cohorts', { token: t.admin.accessToken, body: { name: 'Rolling cohort' } });
    await addMembers(api, t.admin, cohort.body.id, [t.advisor.userId], 'advisor');
    const relative = await api.request('POST', '/assignments', {
      token: t.advisor.accessToken,
      body: { templateId: c.template.id, cohortId: cohort.body.id, opensAt: inDays(-30), dueDaysAfterJoin: 14 },
    });
    expect(relative.body.taskCount).toBe(0);
    const joined = await addMembers(api, t.admin, cohort.body.id, [t.student.userId], 'student');
    expect(joined.tasksCreated).toBe(1);
    const tasks = await api.request('GET', `/tasks?assignmentId=${relative.body.id}`, { token: t.advisor.accessToken });
    const due = new Date(tasks.body.items[0].dueAt).getTime();
    // The end (23:59:59) of the 14th day after joining, in the career center's zone (America/Chicago), not the time of day they joined.
    const joinDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Chicago' }).format(new Date());
    const dueDay = new Date(Date.parse(`${joinDay}T00:00:00Z`) + 14 * 86_400_000).toISOString().slice(0, 10);
    expect(tasks.body.items[0].dueOn).toBe(dueDay);
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'America/Chicago', timeStyle: 'medium' }).format(new Date(due))).toBe('23:59:59');

    await api.request('PATCH', `/assignments/${relative.body.id}`, { token: t.advisor.accessToken, body: { dueDaysAfterJoin: 21 } });
    const moved = await api.request('GET', `/tasks?assignmentId=${relative.body.id}`, { token: t.advisor.accessToken });
    expect(new Date(moved.body.items[0].dueAt).getTime() - due).toBeGreaterThan(6.9 * 86_400_000);

    await api.request('PATCH', `/assignments/${relative.body.id}`, { token: t.advisor.accessToken, body: { archived: true } });
    const studentTasks = await api.request('GET', '/tasks', { token: t.student.accessToken });
    expect(studentTasks.body.items.some((x: { assignmentId: string }) => x.assignmentId === relative.body.id)).toBe(false);
  });

  it('rejects a contact that belongs to another student', async () => {
    const other = await api.accept((await api.invite(t.admin, 'other.student@x.test', 'student')).token, 'Other Student');
    const theirs = await api.request('POST', '/contacts', { token: other.accessToken, body: { name: 'Secret Source' } });
    const assignment = await api.request('POST', '/assignments', {
      token: t.admin.accessToken,
      body: { templateId: c.template.id, studentIds: [t.student.userId], opensAt: inDays(-1), dueAt: inDays(2) },
    });
    const [task] = (await api.request('GET', `/tasks?assignmentId=${assignment.body.id}`, { token: t.admin.accessToken })).body.items;
    const reply = await api.request('POST', `/tasks/${task.id}/submissions`, {
      token: t.student.accessToken,
      body: { answers: INTERVIEW_ANSWERS, contactId: theirs.body.id },
    });
    expect(reply.body.details).toEqual([{ field: 'contactId', problems: ['must be one of your own contacts'] }]);
  });
});

describe('task list pagination', () => {
  let api: TestApi;
  let t: TenantFixture;

  beforeAll(async () => {
    api = await TestApi.start();
    t = await api.tenantWithPeople();
  });
  afterAll(() => api.close());

  it('pages through tasks by due date and refuses tampered cursors with a 400', async () => {
    const { template } = await cohortWithPeople(api, t);
    for (const days of [3, 1, 2]) {
      await api.request('POST', '/assignments', { token: t.admin.accessToken, body: { templateId: template.id, studentIds: [t.student.userId], opensAt: inDays(-1), dueAt: inDays(days) } });
    }
    const first = await api.request('GET', '/tasks?limit=2', { token: t.student.accessToken });
    const second = await api.request('GET', `/tasks?limit=2&cursor=${first.body.nextCursor}`, { token: t.student.accessToken });
    const dues = [...first.body.items, ...second.body.items].map((x: { dueAt: string }) => x.dueAt);
    expect(dues).toHaveLength(3);
    expect([...dues].sort()).toEqual(dues);
    expect(second.body.nextCursor).toBeNull();
    const forged = Buffer.from(JSON.stringify(['not a date', 'nope'])).toString('base64url');
    expect((await api.request('GET', `/tasks?cursor=${forged}`, { token: t.student.accessToken })).status).toBe(400);
    expect((await api.request('GET', '/tasks?status=lost', { token: t.student.accessToken })).status).toBe(400);
  });

  it('pages templates, cohorts and assignments with cursors', async () => {
    for (const [path, total] of [['/templates', 10], ['/cohorts', 1], ['/assignments', 3]] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { status: number; body: { items: { id: string }[]; nextCursor: string | null } } = await api.request(
          'GET',
          `${path}?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          { token: t.admin.accessToken },
        );
        expect(page.status).toBe(200);
        seen.push(...page.body.items.map((x) => x.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(total);
      expect(new Set(seen).size).toBe(total);
    }
  });
});
