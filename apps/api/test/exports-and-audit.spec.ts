import { ownerClient } from '@fieldwork/server-core/testing';
import { AUDIT_ACTIONS, type AuditEvent } from '@fieldwork/contracts';
import { Session, TenantFixture, TestApi } from './support/test-api';
import { addMembers, cohortWithPeople } from './support/homework-fixture';

type Actor = 'admin' | 'advisorA' | 'advisorB' | 'student' | 'otherTenant';
const ACTORS: Actor[] = ['admin', 'advisorA', 'advisorB', 'student', 'otherTenant'];

describe('exports over HTTP: permissions and validation', () => {
  let api: TestApi;
  let t: TenantFixture;
  const as = {} as Record<Actor, Session>;
  let cohortA: string;
  let cohortB: string;

  beforeAll(async () => {
    api = await TestApi.start();
    t = await api.tenantWithPeople();
    const other = await api.tenantWithPeople();
    const advisorB = await api.accept((await api.invite(t.admin, 'advisor.b@x.test', 'advisor')).token, 'Advisor B');
    Object.assign(as, { admin: t.admin, advisorA: t.advisor, advisorB, student: t.student, otherTenant: other.admin });
    cohortA = (await cohortWithPeople(api, t, 'Cohort A')).cohortId;
    cohortB = (await api.request('POST', '/cohorts', { token: t.admin.accessToken, body: { name: 'Cohort B' } })).body.id;
    await addMembers(api, t.admin, cohortB, [advisorB.userId], 'advisor');
  });
  afterAll(() => api.close());

  const request = (actor: Actor, body: unknown) => api.request('POST', '/exports', { token: as[actor].accessToken, body });

  it.each<[string, (ids: { a: string; b: string }) => unknown, Record<Actor, number>]>([
    ['cohort progress of cohort A', ({ a }) => ({ kind: 'cohort-progress', cohortId: a }), { admin: 202, advisorA: 202, advisorB: 404, student: 403, otherTenant: 404 }],
    ['network summary of cohort B', ({ b }) => ({ kind: 'network-summary', cohortId: b }), { admin: 202, advisorA: 404, advisorB: 202, student: 403, otherTenant: 404 }],
    ['cohort progress of the whole career center', () => ({ kind: 'cohort-progress' }), { admin: 202, advisorA: 400, advisorB: 400, student: 403, otherTenant: 202 }],
    ['reflections', () => ({ kind: 'reflections' }), { admin: 202, advisorA: 403, advisorB: 403, student: 403, otherTenant: 202 }],
    ['reflections of cohort A', ({ a }) => ({ kind: 'reflections', cohortId: a }), { admin: 202, advisorA: 403, advisorB: 403, student: 403, otherTenant: 404 }],
  ])('who may request %s', async (_name, body, expected) => {
    const actual: Partial<Record<Actor, number>> = {};
    for (const actor of ACTORS) actual[actor] = (await request(actor, body({ a: cohortA, b: cohortB }))).status;
    expect(actual).toEqual(expected);
  });

  it('answers 400 naming the bad field', async () => {
    const unknown = await request('admin', { kind: 'everything' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toBe('Invalid kind');
    expect(unknown.body.details).toEqual([{ field: 'kind', problems: ['kind "everything" is not one of: cohort-progress, network-summary, reflections'] }]);
    expect((await request('admin', {})).body.details[0].field).toBe('kind');
    const noCohort = await request('advisorA', { kind: 'cohort-progress' });
    expect(noCohort.status).toBe(400);
    expect(noCohort.body.details).toEqual([{ field: 'cohortId', problems: ['cohortId is required: advisors export one of the cohorts they advise'] }]);
    const badCohort = await request('admin', { kind: 'cohort-progress', cohortId: 'nope' });
    expect(badCohort.status).toBe(400);
    expect(badCohort.body.details[0].field).toBe('cohortId');
    expect((await request('admin', { kind: 'cohort-progress', extra: 1 })).status).toBe(400);
  });

  it('writes the export and its outbox row in one transaction, shows people their own exports (admins all), and 404s the rest', async () => {
    const mine = await request('advisorA', { kind: 'cohort-progress', cohortId: cohortA });
    const admins = await request('admin', { kind: 'network-summary' });
    const owner = await ownerClient(api.config);
    const outbox = await owner.query(`SELECT payload FROM outbox WHERE tenant_id = $1 AND topic = 'export.requested'`, [t.tenantId]);
    await owner.end();
    expect(outbox.rows.map((row) => row.payload)).toEqual(expect.arrayContaining([{ exportId: mine.body.id }, { exportId: admins.body.id }]));

    const status = await api.request('GET', `/exports/${mine.body.id}`, { token: t.advisor.accessToken });
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ id: mine.body.id, kind: 'cohort-progress', status: 'queued', percent: 0, doneRows: 0, cohort: { id: cohortA, name: 'Cohort A' } });
    expect(status.body.requestedBy).toEqual({ id: t.advisor.userId, name: 'Avi Advisor' });
    const notReady = await api.request('GET', `/exports/${mine.body.id}/download`, { token: t.advisor.accessToken });
    expect(notReady.status).toBe(409);
    expect(notReady.body.message).toMatch(/not ready yet/);

    const advisorList = (await api.request('GET', '/exports', { token: t.advisor.accessToken })).body.items.map((item: { id: string }) => item.id);
    expect(advisorList).toContain(mine.body.id);
    expect(advisorList).not.toContain(admins.body.id);
    const adminList = (await api.request('GET', '/exports?limit=200', { token: t.admin.accessToken })).body.items.map((item: { id: string }) => item.id);
    expect(adminList).toEqual(expect.arrayContaining([mine.body.id, admins.body.id]));

    expect((await api.request('GET', `/exports/${admins.body.id}`, { token: t.advisor.accessToken })).status).toBe(404);
    expect((await api.request('GET', `/exports/${mine.body.id}`, { token: as.advisorB.accessToken })).status).toBe(404);
    expect((await api.request('GET', `/exports/${mine.body.id}`, { token: as.otherTenant.accessToken })).status).toBe(404);
    expect((await api.request('GET', `/exports/${mine.body.id}`, { token: t.student.accessToken })).status).toBe(403);
    expect((await api.request('GET', `/exports/not-an-id`, { token: t.admin.accessToken })).status).toBe(404);
    expect((await api.request('GET', '/exports', { token: as.otherTenant.accessToken })).body.items.map((item: { id: string }) => item.id)).not.toContain(mine.body.id);

    // Keyset pages cover the list exactly once.
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: { status: number; body: { items: { id: string }[]; nextCursor: string | null } } = await api.request('GET', `/exports?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token: t.admin.accessToken });
      seen.push(...page.body.items.map((item) => item.id));
      cursor = page.body.nextCursor;
    }
    expect(seen).toEqual(adminList);
  });
});

describe('audit log over HTTP', () => {
  let api: TestApi;
  let t: TenantFixture;
  let other: TenantFixture;

  beforeAll(async () => {
    api = await TestApi.start();
    t = await api.tenantWithPeople();
    other = await api.tenantWithPeople();
    const { cohortId } = await cohortWithPeople(api, t, 'Audited');
    await api.request('POST', '/exports', { token: t.admin.accessToken, body: { kind: 'reflections', cohortId } });
    await api.request('POST', '/exports', { token: t.advisor.accessToken, body: { kind: 'cohort-progress', cohortId } });
  });
  afterAll(() => api.close());

  const list = async (session: Session, query = '') => api.request('GET', `/audit-events${query}`, { token: session.accessToken });

  it('is for admins only, and shows only their career center', async () => {
    expect((await list(t.advisor)).status).toBe(403);
    expect((await list(t.student)).status).toBe(403);
    expect((await list(await api.operatorSession())).status).toBe(403);
    const mine = (await list(t.admin, '?limit=200')).body.items as AuditEvent[];
    const theirs = (await list(other.admin, '?limit=200')).body.items as AuditEvent[];
    expect(mine.length).toBeGreaterThan(5);
    const theirIds = new Set(theirs.map((event) => event.id));
    expect(mine.some((event) => theirIds.has(event.id))).toBe(false);
    expect(theirs.some((event) => event.actor?.id === t.admin.userId)).toBe(false);
  });

  it('answers events newest first with the actor joined, and filters by action, actor and date', async () => {
    const exports = (await list(t.admin, '?action=export.requested')).body.items as AuditEvent[];
    expect(exports).toHaveLength(2);
    expect(exports[0]).toMatchObject({ action: 'export.requested', actor: { id: t.advisor.userId, name: 'Avi Advisor', email: t.advisor.email }, subjectType: 'export', details: { kind: 'cohort-progress' } });
    expect(exports[1].actor?.id).toBe(t.admin.userId);
    expect(exports[0].occurredAt >= exports[1].occurredAt).toBe(true);
    const reflections = (await list(t.admin, '?action=reflections.exported')).body.items as AuditEvent[];
    expect(reflections.map((event) => event.actor?.id)).toEqual([t.admin.userId]);

    const byAdvisor = (await list(t.admin, `?actorId=${t.advisor.userId}&limit=200`)).body.items as AuditEvent[];
    expect(byAdvisor.length).toBeGreaterThan(0);
    expect(byAdvisor.every((event) => event.actor?.id === t.advisor.userId)).toBe(true);
    expect(byAdvisor.map((event) => event.action)).toEqual(expect.arrayContaining(['export.requested', 'invitation.accepted']));

    const inRange = (await list(t.admin, `?from=2000-01-01&to=2999-12-31&action=export.requested`)).body.items;
    expect(inRange).toHaveLength(2);
    expect((await list(t.admin, `?to=2000-01-01`)).body.items).toEqual([]);
    expect((await list(t.admin, `?from=2999-01-01`)).body.items).toEqual([]);
    const sinceTenMinutesAgo = (await list(t.admin, `?from=${new Date(Date.now() - 600_000).toISOString()}&action=export.requested`)).body.items;
    expect(sinceTenMinutesAgo).toHaveLength(2);
  });

  it('pages with a keyset cursor: every event once, in order', async () => {
    const all = (await list(t.admin, '?limit=200')).body.items.map((event: AuditEvent) => event.id);
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page = await list(t.admin, `?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((event: AuditEvent) => event.id));
      cursor = page.body.nextCursor;
    }
    expect(seen).toEqual(all);
  });

  it('records what flow 11 lists: template and assignment changes, cohort archiving and removals, contact deletions', async () => {
    const { cohortId, template } = await cohortWithPeople(api, t, 'To archive');
    const created = await api.request('POST', '/templates', {
      token: t.admin.accessToken,
      body: { ...template, id: undefined, archived: undefined, createdAt: undefined, updatedAt: undefined, title: 'Audited template' },
    });
    expect(created.status).toBe(201);
    await api.request('PATCH', `/templates/${created.body.id}`, { token: t.advisor.accessToken, body: { estimatedMinutes: 45 } });
    const assignment = await api.request('POST', '/assignments', {
      token: t.advisor.accessToken,
      body: { templateId: created.body.id, cohortId, opensAt: new Date(Date.now() - 86_400_000).toISOString(), dueAt: new Date(Date.now() + 86_400_000).toISOString() },
    });
    expect(assignment.status).toBe(201);
    await api.request('PATCH', `/assignments/${assignment.body.id}`, { token: t.advisor.accessToken, body: { archived: true } });
    expect((await api.request('DELETE', `/cohorts/${cohortId}/members/${t.student.userId}`, { token: t.advisor.accessToken })).status).toBe(204);
    expect((await api.request('PATCH', `/cohorts/${cohortId}`, { token: t.admin.accessToken, body: { archived: true } })).status).toBe(200);
    const contact = await api.request('POST', '/contacts', { token: t.student.accessToken, body: { name: 'Secret Contact' } });
    expect((await api.request('DELETE', `/contacts/${contact.body.id}`, { token: t.student.accessToken })).status).toBe(204);

    const since = (await list(t.admin, `?from=${new Date(Date.now() - 60_000).toISOString()}&limit=50`)).body.items as AuditEvent[];
    const byAction = (action: string) => since.filter((event) => event.action === action);
    expect(byAction('template.created')[0]).toMatchObject({ actor: { id: t.admin.userId }, subjectId: created.body.id, details: { title: 'Audited template' } });
    expect(byAction('template.changed')[0]).toMatchObject({ actor: { id: t.advisor.userId }, details: { changed: ['estimatedMinutes'] } });
    expect(byAction('assignment.created')[0]).toMatchObject({ subjectId: assignment.body.id, details: { cohortId, taskCount: 1, title: 'Audited template' } });
    expect(byAction('assignment.changed')[0]).toMatchObject({ subjectId: assignment.body.id, details: { changed: ['archived'] } });
    expect(byAction('cohort.member_removed')[0]).toMatchObject({ actor: { id: t.advisor.userId }, subjectId: t.student.userId, details: { cohortId } });
    expect(byAction('cohort.archived')[0]).toMatchObject({ actor: { id: t.admin.userId }, subjectId: cohortId, details: { name: 'To archive' } });
    expect(byAction('contact.deleted')[0]).toMatchObject({ actor: { id: t.student.userId }, subjectId: contact.body.id, details: {} });
    expect(JSON.stringify(byAction('contact.deleted'))).not.toContain('Secret Contact');
  });

  it('answers 400 naming a bad filter', async () => {
    const action = await list(t.admin, '?action=user.teleported');
    expect(action.status).toBe(400);
    expect(action.body.message).toBe('Invalid action');
    expect(action.body.details[0].problems[0]).toBe(`action "user.teleported" is not one of: ${AUDIT_ACTIONS.join(', ')}`);
    expect((await list(t.admin, '?actorId=bob')).body.details).toEqual([{ field: 'actorId', problems: ['actorId must be a user id'] }]);
    expect((await list(t.admin, '?from=yesterday')).body.details[0].field).toBe('from');
    expect((await list(t.admin, '?to=2026-02-30')).body.details[0].field).toBe('to');
    expect((await list(t.admin, '?from=2026-03-02&to=2026-03-01')).body.details[0]).toEqual({ field: 'to', problems: ['The end date is before the start date'] });
    expect((await list(t.admin, '?cursor=garbage')).status).toBe(400);
  });
});
