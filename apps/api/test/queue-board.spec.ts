import { TenantFixture, TestApi } from './support/test-api';

/** Bull Board shows every tenant's jobs: only an operator's short-lived ticket opens it. */
describe('queue dashboard', () => {
  let api: TestApi;
  let t: TenantFixture;

  beforeAll(async () => {
    api = await TestApi.start();
    t = await api.tenantWithPeople();
  });

  afterAll(() => api?.close());

  const board = (cookie?: string) => fetch(`${api.url}/api/admin/queues`, { headers: cookie ? { cookie } : {} });

  it('opens for an operator with a ticket scoped to the board', async () => {
    const operator = await api.operatorSession();
    const session = await fetch(`${api.url}/api/admin/queues/session`, { method: 'POST', headers: { authorization: `Bearer ${operator.accessToken}` } });
    expect(session.status).toBe(204);
    const setCookie = session.headers.getSetCookie().find((line) => line.startsWith('fw_queue_board='));
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).toMatch(/Path=\/api\/admin\/queues/);
    const page = await board(setCookie?.split(';')[0]);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('__UI_CONFIG__');
    const queues = await fetch(`${api.url}/api/admin/queues/api/queues`, { headers: { cookie: setCookie?.split(';')[0] ?? '' } });
    expect(queues.status).toBe(200);
    const names = ((await queues.json()).queues as { name: string }[]).map((queue) => queue.name);
    expect(names.join(' ')).toMatch(/notifications/);
    expect(names.join(' ')).toMatch(/mail/);
  });

  it('is closed to everyone else: no ticket is 401, a tenant admin gets no ticket, a forged ticket is refused', async () => {
    expect((await board()).status).toBe(401);
    const denied = await fetch(`${api.url}/api/admin/queues/session`, { method: 'POST', headers: { authorization: `Bearer ${t.admin.accessToken}` } });
    expect(denied.status).toBe(403);
    expect(denied.headers.getSetCookie().some((line) => line.startsWith('fw_queue_board='))).toBe(false);
    expect((await board('fw_queue_board=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.bad')).status).toBe(401);
    // An access token is not a ticket (other audience).
    expect((await board(`fw_queue_board=${t.admin.accessToken}`)).status).toBe(401);
  });
});
