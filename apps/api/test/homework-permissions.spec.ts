import { Session, TenantFixture, TestApi } from './support/test-api';
import { INTERVIEW_ANSWERS, addMembers, cohortWithPeople, inDays } from './support/homework-fixture';

type Actor = 'admin' | 'advisorA' | 'studentA' | 'studentB' | 'advisorB' | 'otherTenant';
const ACTORS: Actor[] = ['admin', 'advisorA', 'studentA', 'studentB', 'advisorB', 'otherTenant'];

/**
 * Every endpoint of the homework core, called by each kind of user: what they
 * may not see answers 404 (never 403, which would leak that it exists); what
 * their role may never do answers 403.
 */
describe('homework permissions', () => {
  let api: TestApi;
  let t: TenantFixture;
  const as: Record<Actor, Session> = {} as Record<Actor, Session>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    api = await TestApi.start();
    t = await api.tenantWithPeople();
    const other = await api.tenantWithPeople();
    const advisorB = await api.accept((await api.invite(t.admin, 'advisor.b@x.test', 'advisor')).token, 'Advisor B');
    const studentB = await api.accept((await api.invite(t.admin, 'student.b@x.test', 'student')).token, 'Student B');
    Object.assign(as, { admin: t.admin, advisorA: t.advisor, studentA: t.student, studentB, advisorB, otherTenant: other.admin });

    const a = await cohortWithPeople(api, t, 'Cohort A');
    const b = (await api.request('POST', '/cohorts', { token: t.admin.accessToken, body: { name: 'Cohort B' } })).body;
    await addMembers(api, t.admin, b.id, [advisorB.userId], 'advisor');
    await addMembers(api, t.admin, b.id, [studentB.userId], 'student');
    ids['cohort'] = a.cohortId;
    ids['template'] = a.template.id;
    const assignment = await api.request('POST', '/assignments', { token: t.advisor.accessToken, body: { templateId: a.template.id, cohortId: a.cohortId, opensAt: inDays(-1), dueAt: inDays(5) } });
    ids['assignment'] = assignment.body.id;
    const second = await api.request('POST', '/assignments', { token: t.advisor.accessToken, body: { templateId: a.template.id, studentIds: [t.student.userId], opensAt: inDays(-1), dueAt: inDays(5) } });
    const tasks = (await api.request('GET', '/tasks', { token: t.student.accessToken })).body.items;
    ids['task'] = tasks.find((x: { assignmentId: string }) => x.assignmentId === assignment.body.id).id;
    ids['openTask'] = tasks.find((x: { assignmentId: string }) => x.assignmentId === second.body.id).id;
    const contact = await api.request('POST', '/contacts', { token: t.student.accessToken, body: { name: 'Shared Contact', sharedWithAdvisors: true } });
    ids['contact'] = contact.body.id;
    await api.request('POST', `/tasks/${ids['task']}/submissions`, { token: t.student.accessToken, body: { answers: INTERVIEW_ANSWERS, contactId: ids['contact'] } });
  });
  afterAll(() => api.close());

  const staff404 = { admin: 200, advisorA: 200, studentA: 403, studentB: 403, advisorB: 404, otherTenant: 404 };
  const cases: [string, string, (i: Record<string, string>) => string, unknown, Record<Actor, number>][] = [
    ['list cohorts', 'GET', () => '/cohorts', undefined, { ...staff404, advisorB: 200, otherTenant: 200 }],
    ['read a cohort', 'GET', (i) => `/cohorts/${i['cohort']}`, undefined, staff404],
    ['rename a cohort', 'PATCH', (i) => `/cohorts/${i['cohort']}`, { name: 'Cohort A' }, staff404],
    ['add members', 'POST', (i) => `/cohorts/${i['cohort']}/members`, { userIds: [], role: 'student' }, { ...staff404, admin: 400, advisorA: 400, advisorB: 400, otherTenant: 400 }],
    ['list templates', 'GET', () => '/templates', undefined, { ...staff404, advisorB: 200, otherTenant: 200 }],
    ['read a template', 'GET', (i) => `/templates/${i['template']}`, undefined, { ...staff404, advisorB: 200 }],
    ['edit a template', 'PATCH', (i) => `/templates/${i['template']}`, { estimatedMinutes: 90 }, { ...staff404, advisorB: 200 }],
    ['read an assignment', 'GET', (i) => `/assignments/${i['assignment']}`, undefined, staff404],
    ['change an assignment', 'PATCH', (i) => `/assignments/${i['assignment']}`, { archived: false }, staff404],
    ['list assignments of a cohort', 'GET', (i) => `/assignments?cohortId=${i['cohort']}`, undefined, staff404],
    ['read a task', 'GET', (i) => `/tasks/${i['task']}`, undefined, { admin: 200, advisorA: 200, studentA: 200, studentB: 404, advisorB: 404, otherTenant: 404 }],
    ['read a task’s submissions', 'GET', (i) => `/tasks/${i['task']}/submissions`, undefined, { admin: 200, advisorA: 200, studentA: 200, studentB: 404, advisorB: 404, otherTenant: 404 }],
    ['save a draft', 'PUT', (i) => `/tasks/${i['openTask']}/draft`, { answers: {} }, { admin: 403, advisorA: 403, studentA: 200, studentB: 404, advisorB: 403, otherTenant: 403 }],
    ['submit a reflection', 'POST', (i) => `/tasks/${i['openTask']}/submissions`, { answers: {} }, { admin: 403, advisorA: 403, studentA: 400, studentB: 404, advisorB: 403, otherTenant: 403 }],
    ['review', 'POST', (i) => `/tasks/${i['task']}/reviews`, { decision: 'revise' }, { admin: 400, advisorA: 400, studentA: 403, studentB: 403, advisorB: 404, otherTenant: 404 }],
    ['excuse', 'POST', (i) => `/tasks/${i['task']}/excuse`, { reason: '' }, { admin: 400, advisorA: 400, studentA: 403, studentB: 403, advisorB: 400, otherTenant: 400 }],
    ['the review queue', 'GET', () => '/reviews/queue', undefined, { ...staff404, advisorB: 200, otherTenant: 200 }],
    ['read a contact', 'GET', (i) => `/contacts/${i['contact']}`, undefined, { admin: 200, advisorA: 200, studentA: 200, studentB: 404, advisorB: 404, otherTenant: 404 }],
    ['edit a contact', 'PATCH', (i) => `/contacts/${i['contact']}`, { notes: 'x' }, { admin: 403, advisorA: 403, studentA: 200, studentB: 404, advisorB: 403, otherTenant: 403 }],
    ['a contact’s timeline', 'GET', (i) => `/contacts/${i['contact']}/interactions`, undefined, { admin: 200, advisorA: 200, studentA: 200, studentB: 404, advisorB: 404, otherTenant: 404 }],
    ['log an interaction', 'POST', (i) => `/contacts/${i['contact']}/interactions`, { kind: 'follow_up', occurredAt: new Date().toISOString() }, { admin: 403, advisorA: 403, studentA: 201, studentB: 404, advisorB: 403, otherTenant: 403 }],
    ['a student’s shared contacts', 'GET', () => `/contacts?studentId=${t.student.userId}`, undefined, { admin: 200, advisorA: 200, studentA: 200, studentB: 200, advisorB: 404, otherTenant: 404 }],
    ['roster import', 'POST', () => '/rosters/import', undefined, { admin: 400, advisorA: 403, studentA: 403, studentB: 403, advisorB: 403, otherTenant: 400 }],
  ];

  it.each(cases)('%s', async (_name, method, path, body, expected) => {
    const actual: Partial<Record<Actor, number>> = {};
    for (const actor of ACTORS) {
      actual[actor] = (await api.request(method, path(ids), { token: as[actor].accessToken, body })).status;
    }
    expect(actual).toEqual(expected);
  });
});
