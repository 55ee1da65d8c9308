import { TenantFixture, TestApi } from './support/test-api';

/** Preferences belong to one user of one tenant; each role sees only the kinds it can receive. */
describe('notification preferences over HTTP', () => {
  let api: TestApi;
  let t: TenantFixture;
  let other: TenantFixture;

  beforeAll(async () => {
    api = await TestApi.start();
    t = await api.tenantWithPeople();
    other = await api.tenantWithPeople();
  });

  afterAll(() => api?.close());

  const get = (token: string) => api.request('GET', '/me/notification-preferences', { token });
  const modeOf = (body: { items: { kind: string; mode: string }[] }, kind: string) => body.items.find((item) => item.kind === kind)?.mode;

  it('offers students the student kinds and staff the staff kinds, with the career center’s time zone', async () => {
    const student = await get(t.student.accessToken);
    expect(student.status).toBe(200);
    expect(student.body.timezone).toBe('America/Chicago');
    expect(student.body.items.map((item: { kind: string }) => item.kind)).toContain('due_soon');
    expect(student.body.items.map((item: { kind: string }) => item.kind)).not.toContain('review_digest');
    const advisor = await get(t.advisor.accessToken);
    expect(advisor.body.items.map((item: { kind: string }) => item.kind)).toEqual(['nonstarter_escalation', 'review_digest']);
    expect(advisor.body.items.find((item: { kind: string }) => item.kind === 'review_digest').modes).toEqual(['immediately', 'off']);
  });

  it('a choice changes only that user’s preference: not another user’s, not another tenant’s', async () => {
    const put = await api.request('PUT', '/me/notification-preferences', {
      token: t.student.accessToken,
      body: { preferences: [{ kind: 'overdue', mode: 'off' }] },
    });
    expect(put.status).toBe(200);
    expect(modeOf(put.body, 'overdue')).toBe('off');
    expect(modeOf((await get(t.student.accessToken)).body, 'overdue')).toBe('off');
    expect(modeOf((await get(other.student.accessToken)).body, 'overdue')).toBe('immediately');
    const classmate = await api.accept((await api.invite(t.admin, `classmate@${t.slug}.test`, 'student')).token, 'Classmate');
    expect(modeOf((await get(classmate.accessToken)).body, 'overdue')).toBe('immediately');
  });

  it('operators and signed-out callers have no preferences', async () => {
    const operator = await api.operatorSession();
    expect((await get(operator.accessToken)).status).toBe(403);
    expect((await api.request('GET', '/me/notification-preferences')).status).toBe(401);
  });
});
