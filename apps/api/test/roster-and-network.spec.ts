import { TenantFixture, TestApi } from './support/test-api';
import { INTERVIEW_ANSWERS, cohortWithPeople, inDays } from './support/homework-fixture';

async function upload(api: TestApi, token: string, csv: string, dryRun: boolean) {
  const form = new FormData();
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'roster.csv');
  const response = await fetch(`${api.url}/api/rosters/import?dryRun=${dryRun}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  return { status: response.status, body: await response.json() };
}

describe('roster import over HTTP', () => {
  let api: TestApi;
  let t: TenantFixture;

  beforeAll(async () => {
    api = await TestApi.start();
    t = await api.tenantWithPeople();
  });
  afterAll(() => api.close());

  it('reports every bad row by line and writes nothing', async () => {
    await api.request('POST', '/cohorts', { token: t.admin.accessToken, body: { name: 'Existing Cohort' } });
    const csv = [
      'email,name,student_id,cohort',
      'good.one@x.test,Good One,S1,Fall Cohort',
      'not-an-email,Bad Email,S2,Fall Cohort',
      'good.one@x.test,Good One Again,S1,Fall Cohort',
      'no.name@x.test,,S3,Fall Cohort',
      `${t.advisor.email},An Advisor,,Fall Cohort`,
      'ghost@x.test,Ghost,,00000000-0000-4000-8000-000000000000',
    ].join('\n');
    const reply = await upload(api, t.admin.accessToken, csv, false);
    expect(reply.status).toBe(400);
    expect(reply.body.message).toMatch(/nothing was imported/);
    const lines = Object.fromEntries(reply.body.report.errors.map((e: { line: number; problems: string[] }) => [e.line, e.problems.join('; ')]));
    expect(Object.keys(lines).map(Number)).toEqual([3, 4, 5, 6, 7]);
    expect(lines[3]).toMatch(/bad email/);
    expect(lines[4]).toMatch(/duplicate in file/);
    expect(lines[5]).toMatch(/missing name/);
    expect(lines[6]).toMatch(/already has an account as advisor/);
    expect(lines[7]).toMatch(/unknown cohort/);
    const people = await api.request('GET', '/users?q=good.one', { token: t.admin.accessToken });
    expect(people.body.items).toEqual([]);
    const cohorts = await api.request('GET', '/cohorts', { token: t.admin.accessToken });
    expect(cohorts.body.items.map((x: { name: string }) => x.name)).not.toContain('Fall Cohort');
  });

  it('refuses a file without the header', async () => {
    const reply = await upload(api, t.admin.accessToken, 'a@b.test,A,1,C\n', true);
    expect(reply.status).toBe(400);
    expect(reply.body.message).toMatch(/header is missing/);
  });

  it('dry-runs, then imports: students invited, missing cohorts created, memberships and live assignments added', async () => {
    const { cohortId, template } = await cohortWithPeople(api, t, 'Spring Cohort');
    await api.request('POST', '/assignments', { token: t.admin.accessToken, body: { templateId: template.id, cohortId, opensAt: inDays(-1), dueAt: inDays(5) } });
    const csv = ['email,name,student_id,cohort', 'ana@x.test,Ana Alves,A1,Spring Cohort', 'ben@x.test,Ben Brown,B2,New Cohort', 'ana@x.test,Ana Alves,A1,New Cohort', `${t.student.email},Stu Student,,New Cohort`].join('\n');
    const dry = await upload(api, t.admin.accessToken, csv, true);
    expect(dry.body).toMatchObject({ dryRun: true, ok: true, rows: 4, errors: [], created: { students: 2, cohorts: 1, memberships: 4 } });
    expect((await api.request('GET', '/users?q=ana', { token: t.admin.accessToken })).body.items).toEqual([]);

    const real = await upload(api, t.admin.accessToken, csv, false);
    expect(real.body).toMatchObject({ dryRun: false, ok: true, created: { students: 2, cohorts: 1, memberships: 4 } });
    const ana = (await api.request('GET', '/users?q=ana', { token: t.admin.accessToken })).body.items[0];
    expect(ana).toMatchObject({ role: 'student', activated: false });
    const tasks = await api.request('GET', `/tasks?studentId=${ana.id}`, { token: t.admin.accessToken });
    expect(tasks.body.items.map((x: { cohort: { name: string } }) => x.cohort.name)).toEqual(['Spring Cohort']);

    // Re-uploading the same file is a sync now (issue 10): every row is unchanged, nothing is refused.
    const again = await upload(api, t.admin.accessToken, csv, true);
    expect(again.body).toMatchObject({ ok: true, errors: [], counts: { added: 0, updated: 0, unchanged: 4, error: 0 } });
  });
});

describe('the student’s network over HTTP', () => {
  let api: TestApi;
  let t: TenantFixture;

  beforeAll(async () => {
    api = await TestApi.start();
    t = await api.tenantWithPeople();
    await cohortWithPeople(api, t);
  });
  afterAll(() => api.close());

  it('keeps contacts with a timeline whose interactions restart the follow-up clock', async () => {
    const contact = await api.request('POST', '/contacts', {
      token: t.student.accessToken,
      body: { name: 'Dana Devex', organization: 'Devex', role: 'Editor', sector: 'International development', howMet: 'Alumni event', email: 'dana@devex.test', linkedinUrl: 'https://linkedin.com/in/dana', tags: ['alumni', 'media'], followUpEveryDays: 30 },
    });
    expect(contact.status).toBe(201);
    expect(contact.body).toMatchObject({ sharedWithAdvisors: false, interactionCount: 0, followUpDue: false });

    const when = new Date(Date.now() - 40 * 86_400_000).toISOString();
    const logged = await api.request('POST', `/contacts/${contact.body.id}/interactions`, { token: t.student.accessToken, body: { kind: 'informational_interview', occurredAt: when, notes: 'Talked about editorial jobs' } });
    expect(logged.status).toBe(201);
    const after = await api.request('GET', `/contacts/${contact.body.id}`, { token: t.student.accessToken });
    expect(after.body).toMatchObject({ interactionCount: 1, lastInteractionAt: when, followUpDue: true });
    expect(new Date(after.body.nextFollowUpAt).getTime()).toBe(new Date(when).getTime() + 30 * 86_400_000);
    const due = await api.request('GET', '/contacts?followUpDue=true', { token: t.student.accessToken });
    expect(due.body.items.map((x: { id: string }) => x.id)).toEqual([contact.body.id]);

    await api.request('POST', `/contacts/${contact.body.id}/interactions`, { token: t.student.accessToken, body: { kind: 'thank_you', occurredAt: new Date().toISOString() } });
    const timeline = await api.request('GET', `/contacts/${contact.body.id}/interactions`, { token: t.student.accessToken });
    expect(timeline.body.map((x: { kind: string }) => x.kind)).toEqual(['thank_you', 'informational_interview']);
    expect((await api.request('GET', `/contacts/${contact.body.id}`, { token: t.student.accessToken })).body.followUpDue).toBe(false);

    const bad = await api.request('POST', '/contacts', { token: t.student.accessToken, body: { name: '', email: 'nope', linkedinUrl: 'ftp://x', followUpEveryDays: 0 } });
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['email', 'followUpEveryDays', 'linkedinUrl', 'name']);
  });

  it('hides unshared contacts from staff, who see only counts of nothing; shared ones are visible and audited', async () => {
    const secret = await api.request('POST', '/contacts', { token: t.student.accessToken, body: { name: 'Private Person' } });
    const shared = await api.request('POST', '/contacts', { token: t.student.accessToken, body: { name: 'Shared Person', sharedWithAdvisors: true } });
    for (const staff of [t.advisor, t.admin]) {
      expect((await api.request('GET', `/contacts/${secret.body.id}`, { token: staff.accessToken })).status).toBe(404);
      expect((await api.request('GET', `/contacts/${shared.body.id}`, { token: staff.accessToken })).status).toBe(200);
      const list = await api.request('GET', `/contacts?studentId=${t.student.userId}`, { token: staff.accessToken });
      expect(list.body.items.map((x: { name: string }) => x.name)).toEqual(['Shared Person']);
      expect((await api.request('PATCH', `/contacts/${shared.body.id}`, { token: staff.accessToken, body: { name: 'Hijack' } })).status).toBe(403);
    }
  });

  it('deleting a contact keeps its name and organization in the reflections that cited it', async () => {
    const { template } = await cohortWithPeople(api, t, 'Cohort for deletion');
    const assignment = await api.request('POST', '/assignments', { token: t.admin.accessToken, body: { templateId: template.id, studentIds: [t.student.userId], opensAt: inDays(-1), dueAt: inDays(3) } });
    const [task] = (await api.request('GET', `/tasks?assignmentId=${assignment.body.id}`, { token: t.student.accessToken })).body.items;
    const contact = await api.request('POST', '/contacts', { token: t.student.accessToken, body: { name: 'Gone Soon', organization: 'GovLoop' } });
    await api.request('POST', `/tasks/${task.id}/submissions`, { token: t.student.accessToken, body: { answers: INTERVIEW_ANSWERS, contactId: contact.body.id } });
    expect((await api.request('DELETE', `/contacts/${contact.body.id}`, { token: t.student.accessToken })).status).toBe(204);
    const [submission] = (await api.request('GET', `/tasks/${task.id}/submissions`, { token: t.student.accessToken })).body;
    expect(submission.contact).toEqual({ id: null, name: 'Gone Soon', organization: 'GovLoop' });
  });
});
