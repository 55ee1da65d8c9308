import type { Client } from 'pg';
import { ownerClient } from '@fieldwork/server-core/testing';
import type { CohortDashboard, Dashboard, StudentProfile } from '@fieldwork/contracts';
import { Session, TenantFixture, TestApi } from './support/test-api';
import { addMembers, inDays } from './support/homework-fixture';
import { comparable, referenceDashboard } from './support/dashboard-reference';

type Actor = 'admin' | 'advisorA' | 'studentA' | 'advisorB' | 'otherTenant';
const ACTORS: Actor[] = ['admin', 'advisorA', 'studentA', 'advisorB', 'otherTenant'];

const SHARE_AN_UPDATE = {
  title: 'Share an update',
  category: 'reciprocity',
  instructions: 'Share it',
  prompts: [{ key: 'what', label: 'What?', type: 'short_text', required: true }],
  contactRequired: false,
  evidence: { kind: 'none', required: false },
  rubric: null,
  estimatedMinutes: 15,
};

/**
 * Cohort A: advisor A, students A and A2. Cohort B: advisor B, student B. Another career center
 * has its own admin. Two assignments: one per cohort; A's is past due.
 */
describe('dashboards over HTTP', () => {
  let api: TestApi;
  let owner: Client;
  let t: TenantFixture;
  const as: Record<Actor, Session> = {} as Record<Actor, Session>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    api = await TestApi.start();
    owner = await ownerClient(api.config);
    t = await api.tenantWithPeople();
    const other = await api.tenantWithPeople();
    const advisorB = await api.accept((await api.invite(t.admin, 'advisor.b@x.test', 'advisor')).token, 'Bea Advisor');
    const studentA2 = await api.accept((await api.invite(t.admin, 'student.a2@x.test', 'student')).token, 'Ana Second');
    const studentB = await api.accept((await api.invite(t.admin, 'student.b@x.test', 'student')).token, 'Ben Student');
    Object.assign(as, { admin: t.admin, advisorA: t.advisor, studentA: t.student, advisorB, otherTenant: other.admin });
    const cohort = async (name: string) => (await api.request('POST', '/cohorts', { token: t.admin.accessToken, body: { name } })).body.id as string;
    ids['A'] = await cohort('Cohort A');
    ids['B'] = await cohort('Cohort B');
    ids['studentA2'] = studentA2.userId;
    ids['studentB'] = studentB.userId;
    await addMembers(api, t.admin, ids['A'], [t.advisor.userId], 'advisor');
    await addMembers(api, t.admin, ids['A'], [t.student.userId, studentA2.userId], 'student');
    await addMembers(api, t.admin, ids['B'], [advisorB.userId], 'advisor');
    await addMembers(api, t.admin, ids['B'], [studentB.userId], 'student');
    const template = await api.request('POST', '/templates', { token: t.admin.accessToken, body: SHARE_AN_UPDATE });
    ids['template'] = template.body.id;
    for (const [cohortId, dueAt] of [
      [ids['A'], inDays(-2)],
      [ids['A'], inDays(-1)],
      [ids['B'], inDays(4)],
    ]) {
      await api.request('POST', '/assignments', { token: t.admin.accessToken, body: { templateId: ids['template'], cohortId, opensAt: inDays(-10), dueAt, allowDuplicate: true } });
    }
    const contact = await api.request('POST', '/contacts', { token: t.student.accessToken, body: { name: 'Secret Name', organization: 'City Hall', sector: 'Government' } });
    await api.request('POST', `/contacts/${contact.body.id}/interactions`, { token: t.student.accessToken, body: { kind: 'introduction', occurredAt: inDays(-1) } });
  });
  afterAll(async () => {
    await owner?.end();
    await api?.close();
  });

  describe('who may read what', () => {
    const cases: [string, string, (i: Record<string, string>) => string, unknown, Record<Actor, number>][] = [
      ['the overview', 'GET', () => '/dashboards/overview', undefined, { admin: 200, advisorA: 200, studentA: 403, advisorB: 200, otherTenant: 200 }],
      ['the overview of one cohort', 'GET', (i) => `/dashboards/overview?cohortId=${i['A']}`, undefined, { admin: 200, advisorA: 200, studentA: 403, advisorB: 404, otherTenant: 404 }],
      ['a cohort dashboard', 'GET', (i) => `/dashboards/cohorts/${i['A']}`, undefined, { admin: 200, advisorA: 200, studentA: 403, advisorB: 404, otherTenant: 404 }],
      ['a cohort dashboard with a malformed id', 'GET', () => '/dashboards/cohorts/not-a-uuid', undefined, { admin: 404, advisorA: 404, studentA: 403, advisorB: 404, otherTenant: 404 }],
      ['a student', 'GET', () => `/students/${t.student.userId}`, undefined, { admin: 200, advisorA: 200, studentA: 403, advisorB: 404, otherTenant: 404 }],
      ['a staff member as a student', 'GET', () => `/students/${t.advisor.userId}`, undefined, { admin: 404, advisorA: 404, studentA: 403, advisorB: 404, otherTenant: 404 }],
      ['the career center settings', 'GET', () => '/tenant/settings', undefined, { admin: 200, advisorA: 403, studentA: 403, advisorB: 403, otherTenant: 200 }],
      ['change the settings', 'PATCH', () => '/tenant/settings', { atRiskInactiveDays: 14 }, { admin: 200, advisorA: 403, studentA: 403, advisorB: 403, otherTenant: 200 }],
    ];

    it.each(cases)('%s', async (_name, method, path, body, expected) => {
      const actual: Partial<Record<Actor, number>> = {};
      for (const actor of ACTORS) actual[actor] = (await api.request(method, path(ids), { token: as[actor].accessToken, body })).status;
      expect(actual).toEqual(expected);
    });

    it('gives advisors only their cohorts’ numbers', async () => {
      const b = (await api.request<Dashboard>('GET', '/dashboards/overview', { token: as.advisorB.accessToken })).body;
      expect(b.scope).toEqual({ kind: 'advisor', cohortIds: [ids['B']] });
      expect(b.funnel.assigned).toBe(1);
      expect(b.cohorts.map((c) => c.name)).toEqual(['Cohort B']);
      expect(b.atRisk.students).toEqual([]);
      expect(b.network).toMatchObject({ students: 1, contacts: 0, introductions: 0 });
      expect(b.caseload.map((c) => c.name)).toEqual(['Bea Advisor']);
      expect(comparable(b)).toEqual(await referenceDashboard(owner, t.tenantId, { cohortIds: [ids['B']] }));

      const a = (await api.request<Dashboard>('GET', '/dashboards/overview', { token: as.advisorA.accessToken })).body;
      expect(a.funnel.assigned).toBe(4);
      expect(a.atRisk.students.map((s) => s.name).sort()).toEqual(['Ana Second', 'Stu Student']);
      expect(a.atRisk.students.every((s) => s.reasons.includes('overdue') && s.overdueTasks === 2)).toBe(true);
      expect(comparable(a)).toEqual(await referenceDashboard(owner, t.tenantId, { cohortIds: [ids['A']] }));

      const admin = (await api.request<Dashboard>('GET', '/dashboards/overview', { token: as.admin.accessToken })).body;
      expect(admin.scope.kind).toBe('tenant');
      expect(admin.funnel.assigned).toBe(5);
      expect(admin.cohorts.map((c) => [c.name, c.assigned, c.overdueNow])).toEqual([
        ['Cohort A', 4, 4],
        ['Cohort B', 1, 0],
      ]);
      expect(comparable(admin)).toEqual(await referenceDashboard(owner, t.tenantId, { cohortIds: null }));

      const other = (await api.request<Dashboard>('GET', '/dashboards/overview', { token: as.otherTenant.accessToken })).body;
      expect(other.funnel.assigned).toBe(0);
      expect(other.network.students).toBe(1);
    });
  });

  it('never shows a contact’s name, only counts and sectors', async () => {
    const text = JSON.stringify((await api.request('GET', '/dashboards/overview', { token: as.admin.accessToken })).body);
    const student = JSON.stringify((await api.request('GET', `/students/${t.student.userId}`, { token: as.advisorA.accessToken })).body);
    for (const body of [text, student]) expect(body).not.toContain('Secret Name');
    expect(text).toContain('Government');
  });

  it('shows a submission and its review on the next read', async () => {
    const read = async () => (await api.request<CohortDashboard>('GET', `/dashboards/cohorts/${ids['B']}`, { token: as.advisorB.accessToken })).body;
    const before = await read();
    const sessionB = await api.login(t.slug, 'student.b@x.test', 'Networking-Walks-42!');
    const [task] = (await api.request('GET', '/tasks', { token: sessionB.accessToken })).body.items;
    expect((await api.request('POST', `/tasks/${task.id}/submissions`, { token: sessionB.accessToken, body: { answers: { what: 'An article' } } })).status).toBe(201);
    const submitted = await read();
    expect(submitted.funnel.submitted).toBe(before.funnel.submitted + 1);
    expect(submitted.backlog.waiting).toBe(1);
    expect(submitted.backlog.oldest[0]).toMatchObject({ taskId: task.id, student: { name: 'Ben Student' } });
    expect(submitted.caseload[0]).toMatchObject({ name: 'Bea Advisor', awaitingReview: 1 });
    expect(submitted.weekly.reduce((n, w) => n + w.submissions, 0)).toBe(1);
    await api.request('POST', `/tasks/${task.id}/reviews`, { token: as.advisorB.accessToken, body: { decision: 'approve' } });
    const approved = await read();
    expect(approved.funnel).toMatchObject({ approved: 1, approvedRate: 1 });
    expect(approved.assignments[0]).toMatchObject({ completionRate: 1, onTime: 1, late: 0, medianDaysToSubmit: 10 });
    expect(approved.backlog).toEqual({ waiting: 0, oldestWaitingSince: null, oldest: [] });
    expect(approved.weekly.reduce((n, w) => n + w.approvals, 0)).toBe(1);
    expect(comparable(approved)).toEqual(await referenceDashboard(owner, t.tenantId, { cohortIds: [ids['B']] }, { assignments: 200 }));
  });

  it('lists the 12 cohorts furthest behind and the 12 advisors with the most waiting, and counts them all', async () => {
    // 14 sections, one advisor each but the last; one student in all of them. Sections 00–12 get homework;
    // the student submits it in sections 00–05, so those six wait for review and the rest are behind.
    const big = await api.tenantWithPeople();
    const sections: string[] = [];
    for (let i = 0; i < 14; i++) {
      const name = `Section ${String(i).padStart(2, '0')}`;
      sections.push((await api.request('POST', '/cohorts', { token: big.admin.accessToken, body: { name } })).body.id);
      await addMembers(api, big.admin, sections[i], [big.student.userId], 'student');
      if (i < 13) {
        const advisor = await api.accept((await api.invite(big.admin, `advisor${i}@x.test`, 'advisor')).token, `Advisor ${String(i).padStart(2, '0')}`);
        await addMembers(api, big.admin, sections[i], [advisor.userId], 'advisor');
      }
    }
    const template = (await api.request('POST', '/templates', { token: big.admin.accessToken, body: SHARE_AN_UPDATE })).body.id;
    for (const cohortId of sections.slice(0, 13)) {
      await api.request('POST', '/assignments', { token: big.admin.accessToken, body: { templateId: template, cohortId, opensAt: inDays(-3), dueAt: inDays(3) } });
    }
    const tasks = (await api.request<{ items: { id: string; cohort: { id: string } }[] }>('GET', '/tasks?limit=50', { token: big.student.accessToken })).body.items;
    for (const cohortId of sections.slice(0, 6)) {
      const task = tasks.find((candidate) => candidate.cohort.id === cohortId);
      expect((await api.request('POST', `/tasks/${task?.id}/submissions`, { token: big.student.accessToken, body: { answers: { what: 'An article' } } })).status).toBe(201);
    }

    const overview = (await api.request<Dashboard>('GET', '/dashboards/overview', { token: big.admin.accessToken })).body;
    expect(overview.cohortsInScope).toBe(14);
    expect(overview.cohorts.map((c) => [c.name, c.submitted])).toEqual([
      ...[6, 7, 8, 9, 10, 11, 12].map((i) => [`Section ${String(i).padStart(2, '0')}`, 0]),
      ...[0, 1, 2, 3, 4].map((i) => [`Section 0${i}`, 1]),
    ]);
    expect(overview.advisorsInScope).toBe(13);
    expect(overview.caseload).toHaveLength(12);
    expect(overview.caseload.slice(0, 6).map((a) => [a.name, a.awaitingReview, a.oldestWaitingSince !== null])).toEqual(
      [0, 1, 2, 3, 4, 5].map((i) => [`Advisor 0${i}`, 1, true]),
    );
    expect(overview.caseload[6]).toMatchObject({ name: 'Advisor 06', awaitingReview: 0, oldestWaitingSince: null });
    expect(comparable(overview)).toEqual(await referenceDashboard(owner, big.tenantId, { cohortIds: null }));
  });

  it('counts a student with no activity in N days (the career center’s setting) as at risk', async () => {
    // Time passes: everything student B did happened 20 days ago (as the owner, then the roll-up is recomputed).
    await owner.query('BEGIN');
    for (const sql of [
      `UPDATE users SET created_at = created_at - interval '20 days' WHERE tenant_id = $1 AND id = $2`,
      `UPDATE cohort_members SET joined_at = joined_at - interval '20 days' WHERE tenant_id = $1 AND user_id = $2`,
      `UPDATE tasks SET draft_saved_at = draft_saved_at - interval '20 days', submitted_at = submitted_at - interval '20 days',
              first_submitted_at = first_submitted_at - interval '20 days' WHERE tenant_id = $1 AND student_id = $2`,
      `SELECT dash_refresh_students(ARRAY[$1::uuid], ARRAY[$2::uuid])`,
    ]) {
      await owner.query(sql, [t.tenantId, ids['studentB']]);
    }
    await owner.query('COMMIT');
    const read = async () => (await api.request<Dashboard>('GET', '/dashboards/overview', { token: as.advisorB.accessToken })).body.atRisk;
    const quiet = await read();
    expect(quiet.inactiveDays).toBe(14);
    expect(quiet.students).toMatchObject([{ name: 'Ben Student', reasons: ['inactive'], overdueTasks: 0, inactiveDays: 20 }]);
    expect((await api.request('PATCH', '/tenant/settings', { token: as.admin.accessToken, body: { atRiskInactiveDays: 30 } })).body).toEqual({ atRiskInactiveDays: 30, timezone: 'America/Chicago', retention: { reflectionsMonths: 36, accountsMonths: 36, auditMonths: 84 } });
    expect(await read()).toEqual({ inactiveDays: 30, students: [], more: false });
    // Any activity brings them back.
    await api.request('PATCH', '/tenant/settings', { token: as.admin.accessToken, body: { atRiskInactiveDays: 14 } });
    const sessionB = await api.login(t.slug, 'student.b@x.test', 'Networking-Walks-42!');
    await api.request('POST', '/contacts', { token: sessionB.accessToken, body: { name: 'New Friend' } });
    expect((await read()).students).toEqual([]);
  });

  it('opens the student: cohorts, tasks and network counts', async () => {
    const reply = await api.request<StudentProfile>('GET', `/students/${t.student.userId}`, { token: as.advisorA.accessToken });
    expect(reply.body).toMatchObject({
      id: t.student.userId,
      name: 'Stu Student',
      cohorts: [{ id: ids['A'], name: 'Cohort A' }],
      network: { contacts: 1, sharedContacts: 0, conversations: 0, introductions: 1 },
    });
    expect(reply.body.tasks).toHaveLength(2);
    expect(reply.body.tasks.every((task) => task.overdue && task.status === 'assigned' && task.title === 'Share an update')).toBe(true);
  });

  it('refuses a bad range or setting with a 400 naming the field', async () => {
    const get = (query: string) => api.request('GET', `/dashboards/overview?${query}`, { token: as.admin.accessToken });
    expect((await get('from=2026-02-30')).body).toMatchObject({ statusCode: 400, details: [{ field: 'from' }] });
    expect((await get('from=yesterday')).body).toMatchObject({ statusCode: 400, details: [{ field: 'from' }] });
    expect((await get('from=2026-03-01&to=2026-02-01')).body).toMatchObject({ statusCode: 400, details: [{ field: 'from' }] });
    expect((await get('from=2024-01-01&to=2026-01-01')).body).toMatchObject({ statusCode: 400, details: [{ field: 'to' }] });
    expect((await get('cohortId=nope')).body).toMatchObject({ statusCode: 400, details: [{ field: 'cohortId' }] });
    expect((await get('colour=blue')).status).toBe(400);
    const ok = await get('from=2026-01-05&to=2026-02-01');
    expect(ok.status).toBe(200);
    expect(ok.body.range).toEqual({ from: '2026-01-05', to: '2026-02-01', timezone: 'America/Chicago' });
    expect(ok.body.weekly.map((w: { week: string }) => w.week)).toEqual(['2026-01-05', '2026-01-12', '2026-01-19', '2026-01-26']);
    for (const value of [0, 366, 'ten', 1.5]) {
      const reply = await api.request('PATCH', '/tenant/settings', { token: as.admin.accessToken, body: { atRiskInactiveDays: value } });
      expect(reply.body).toMatchObject({ statusCode: 400, details: [{ field: 'atRiskInactiveDays' }] });
    }
  });
});
