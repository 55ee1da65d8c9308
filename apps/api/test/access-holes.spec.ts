import type { AuditEvent } from '@fieldwork/contracts';
import { Session, TenantFixture, TestApi } from './support/test-api';
import { INTERVIEW_ANSWERS, addMembers, cohortWithPeople, inDays } from './support/homework-fixture';

/**
 * The two holes of issue 11 §1, and the rules that close them (libs/server/access):
 * an advisor sees a student's work only in the cohorts they advise; rights over an
 * assignment follow its cohort, not its creator; member changes are audited.
 */
describe('access rules: the holes of issue 11', () => {
  let api: TestApi;
  let t: TenantFixture;
  let advisorB: Session;
  let cohortA: string;
  let cohortB: string;
  let templateId: string;
  let taskA: string;
  let contactId: string;

  const get = (who: Session, path: string) => api.request('GET', path, { token: who.accessToken });
  const audit = async (action: string): Promise<AuditEvent[]> =>
    (await get(t.admin, `/audit-events?action=${action}&limit=50`)).body.items.filter((e: AuditEvent) => e.action === action);

  beforeAll(async () => {
    api = await TestApi.start();
    t = await api.tenantWithPeople();
    const a = await cohortWithPeople(api, t, 'Cohort A');
    cohortA = a.cohortId;
    templateId = a.template.id;
    advisorB = await api.accept((await api.invite(t.admin, 'advisor.b@x.test', 'advisor')).token, 'Advisor B');
    const b = await api.request('POST', '/cohorts', { token: advisorB.accessToken, body: { name: 'Cohort B' } });
    expect(b.status).toBe(201);
    cohortB = b.body.id;
    const assignment = await api.request('POST', '/assignments', {
      token: t.advisor.accessToken,
      body: { templateId, cohortId: cohortA, opensAt: inDays(-1), dueAt: inDays(5) },
    });
    expect(assignment.status).toBe(201);
    const tasks = (await get(t.student, '/tasks')).body.items;
    taskA = tasks.find((x: { assignmentId: string }) => x.assignmentId === assignment.body.id).id;
    const contact = await api.request('POST', '/contacts', { token: t.student.accessToken, body: { name: 'Shared Contact', sharedWithAdvisors: true } });
    contactId = contact.body.id;
    const submitted = await api.request('POST', `/tasks/${taskA}/submissions`, { token: t.student.accessToken, body: { answers: INTERVIEW_ANSWERS, contactId } });
    expect(submitted.status).toBe(201);
  });
  afterAll(() => api.close());

  describe('(a) an advisor of B and a student of A', () => {
    it('may not add a student of another cohort to B (400 naming userIds), and so cannot reach their A work', async () => {
      const added = await api.request('POST', `/cohorts/${cohortB}/members`, {
        token: advisorB.accessToken,
        body: { userIds: [t.student.userId], role: 'student' },
      });
      expect(added.status).toBe(400);
      expect(added.body.details).toEqual([{ field: 'userIds', problems: [expect.stringMatching(/no cohort yet or already in a cohort they advise/)] }]);
      expect((await get(advisorB, `/tasks/${taskA}/submissions`)).status).toBe(404);
      expect((await get(advisorB, `/contacts?studentId=${t.student.userId}`)).status).toBe(404);
      expect((await get(advisorB, `/contacts/${contactId}`)).status).toBe(404);
      expect((await get(advisorB, `/students/${t.student.userId}`)).status).toBe(404);
      expect(await audit('cohort.member_added')).not.toContainEqual(expect.objectContaining({ subjectId: cohortB, actor: expect.objectContaining({ id: advisorB.userId }) }));
    });

    it('an advisor still adds a student who is in no cohort yet; the addition is audited with ids and counts only', async () => {
      const fresh = await api.accept((await api.invite(t.admin, 'fresh@x.test', 'student')).token, 'Fresh Student');
      const added = await api.request('POST', `/cohorts/${cohortB}/members`, { token: advisorB.accessToken, body: { userIds: [fresh.userId], role: 'student' } });
      expect(added.status).toBe(200);
      expect(added.body.added).toBe(1);
      const [event] = await audit('cohort.member_added');
      expect(event).toMatchObject({
        actor: { id: advisorB.userId },
        subjectType: 'cohort',
        subjectId: cohortB,
        details: { role: 'student', count: 1, userIds: [fresh.userId] },
      });
      expect(JSON.stringify(event.details)).not.toContain('Fresh Student');
      const removed = await api.request('DELETE', `/cohorts/${cohortB}/members/${fresh.userId}`, { token: advisorB.accessToken });
      expect(removed.status).toBe(204);
      expect((await audit('cohort.member_removed'))[0]).toMatchObject({
        actor: { id: advisorB.userId },
        subjectId: fresh.userId,
        details: { cohortId: cohortB, role: 'student' },
      });
    });

    it('when an admin puts the student in B too, B’s advisor sees B’s part only: not A’s tasks, reflections, cohort or homework conversations', async () => {
      await addMembers(api, t.admin, cohortB, [t.student.userId], 'student');
      const assignmentB = await api.request('POST', '/assignments', {
        token: advisorB.accessToken,
        body: { templateId, cohortId: cohortB, opensAt: inDays(-1), dueAt: inDays(6), allowDuplicate: true },
      });
      expect(assignmentB.status).toBe(201);

      expect((await get(advisorB, `/tasks/${taskA}`)).status).toBe(404);
      expect((await get(advisorB, `/tasks/${taskA}/submissions`)).status).toBe(404);
      const review = await api.request('POST', `/tasks/${taskA}/reviews`, { token: advisorB.accessToken, body: { decision: 'approve' } });
      expect(review.status).toBe(404);
      const listed = (await get(advisorB, `/tasks?studentId=${t.student.userId}`)).body.items;
      expect(listed.map((x: { cohort: { id: string } }) => x.cohort.id)).toEqual([cohortB]);
      const queue = (await get(advisorB, '/reviews/queue')).body.items;
      expect(queue.map((x: { taskId: string }) => x.taskId)).not.toContain(taskA);

      const page = await get(advisorB, `/students/${t.student.userId}`);
      expect(page.status).toBe(200);
      expect(page.body.cohorts.map((c: { id: string }) => c.id)).toEqual([cohortB]);
      expect(page.body.tasks.map((x: { cohort: { id: string } }) => x.cohort.id)).toEqual([cohortB]);
      // The reflection in A recorded a conversation on the contact's timeline: A's advisor counts it, B's does not.
      const pageA = await get(t.advisor, `/students/${t.student.userId}`);
      expect(pageA.body.network.conversations).toBe(1);
      expect(page.body.network.conversations).toBe(0);
      expect(pageA.body.cohorts.map((c: { id: string }) => c.id)).toEqual([cohortA]);
      const admin = await get(t.admin, `/students/${t.student.userId}`);
      expect(admin.body.cohorts).toHaveLength(2);
    });
  });

  describe('(b) an advisor removed from a cohort', () => {
    it('can no longer read or change the assignments they created there; an admin still can', async () => {
      const removed = await api.accept((await api.invite(t.admin, 'removed@x.test', 'advisor')).token, 'Removed Advisor');
      const cohortC = (await api.request('POST', '/cohorts', { token: t.admin.accessToken, body: { name: 'Cohort C' } })).body.id;
      await addMembers(api, t.admin, cohortC, [removed.userId], 'advisor');
      const created = await api.request('POST', '/assignments', {
        token: removed.accessToken,
        body: { templateId, cohortId: cohortC, opensAt: inDays(-1), dueAt: inDays(5) },
      });
      expect(created.status).toBe(201);
      const id = created.body.id;
      expect((await get(removed, `/assignments/${id}`)).status).toBe(200);

      // Only an admin removes an advisor from a cohort.
      expect((await api.request('DELETE', `/cohorts/${cohortC}/members/${removed.userId}`, { token: t.advisor.accessToken })).status).toBe(404);
      await addMembers(api, t.admin, cohortC, [t.advisor.userId], 'advisor');
      const byCoAdvisor = await api.request('DELETE', `/cohorts/${cohortC}/members/${removed.userId}`, { token: t.advisor.accessToken });
      expect(byCoAdvisor.status).toBe(403);
      expect((await api.request('DELETE', `/cohorts/${cohortC}/members/${removed.userId}`, { token: t.admin.accessToken })).status).toBe(204);
      expect((await audit('cohort.member_removed'))[0]).toMatchObject({ actor: { id: t.admin.userId }, subjectId: removed.userId, details: { cohortId: cohortC, role: 'advisor' } });

      expect((await get(removed, `/assignments/${id}`)).status).toBe(404);
      const patched = await api.request('PATCH', `/assignments/${id}`, { token: removed.accessToken, body: { dueAt: inDays(30) } });
      expect(patched.status).toBe(404);
      const listed = (await get(removed, '/assignments')).body.items;
      expect(listed.map((a: { id: string }) => a.id)).not.toContain(id);
      const asAdmin = await get(t.admin, `/assignments/${id}`);
      expect(asAdmin.status).toBe(200);
      expect(new Date(asAdmin.body.dueAt).getTime()).toBeLessThan(Date.parse(inDays(10)));
    });

    it('work without a cohort is its assigning advisor’s while they advise the student, and never another advisor’s', async () => {
      const chosen = await api.request('POST', '/assignments', {
        token: t.advisor.accessToken,
        body: { templateId, studentIds: [t.student.userId], opensAt: inDays(-1), dueAt: inDays(5) },
      });
      expect(chosen.status).toBe(201);
      const task = (await get(t.student, '/tasks')).body.items.find((x: { assignmentId: string }) => x.assignmentId === chosen.body.id);
      expect((await get(t.advisor, `/tasks/${task.id}`)).status).toBe(200);
      expect((await get(t.advisor, `/assignments/${chosen.body.id}`)).status).toBe(200);
      // B's advisor advises the same student (cohort B), but did not assign this work.
      expect((await get(advisorB, `/tasks/${task.id}`)).status).toBe(404);
      expect((await get(advisorB, `/assignments/${chosen.body.id}`)).status).toBe(404);
      expect((await get(t.admin, `/tasks/${task.id}`)).status).toBe(200);
    });
  });

  it('a student opening their task whose homework was archived while open gets 410 with words the web can show', async () => {
    const assignment = await api.request('POST', '/assignments', {
      token: t.advisor.accessToken,
      body: { templateId, cohortId: cohortA, opensAt: inDays(-1), dueAt: inDays(8), allowDuplicate: true },
    });
    const task = (await get(t.student, '/tasks')).body.items.find((x: { assignmentId: string }) => x.assignmentId === assignment.body.id);
    expect((await api.request('PATCH', `/assignments/${assignment.body.id}`, { token: t.advisor.accessToken, body: { archived: true } })).status).toBe(200);
    const opened = await get(t.student, `/tasks/${task.id}`);
    expect(opened.status).toBe(410);
    expect(opened.body).toMatchObject({ statusCode: 410, message: 'This homework was archived by your advisor; there is nothing more to do.' });
    const draft = await api.request('PUT', `/tasks/${task.id}/draft`, { token: t.student.accessToken, body: { answers: {} } });
    expect(draft.status).toBe(410);
    // Another student still gets 404: 410 only tells the owner.
    const other = await api.accept((await api.invite(t.admin, 'other.student@x.test', 'student')).token, 'Other Student');
    expect((await get(other, `/tasks/${task.id}`)).status).toBe(404);
    // It is gone from the student's list.
    expect((await get(t.student, '/tasks')).body.items.map((x: { id: string }) => x.id)).not.toContain(task.id);
  });
});
