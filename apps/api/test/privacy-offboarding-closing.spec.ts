import { TestApi } from './support/test-api';

/** A career center being closed is quiet: its calendar feeds stop, and the reminder scan skips it. */
describe('a closing career center', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await TestApi.start({ GRACE_DAYS: '7' });
  });
  afterAll(() => api.close());

  it('no longer serves its calendar feeds, and comes back when restored', async () => {
    const t = await api.tenantWithPeople();
    const link = await api.request('GET', '/me/calendar', { token: t.student.accessToken });
    const feed = new URL(link.body.url).pathname.replace(/^\/api/, '');
    expect((await api.request('GET', feed)).status).toBe(200);

    const operator = await api.operatorSession();
    const closed = await api.request('DELETE', `/platform/tenants/${t.tenantId}`, { token: operator.accessToken, body: { confirmSlug: t.slug } });
    expect(closed.status).toBe(202);
    expect((await api.request('GET', feed)).status).toBe(404);

    const restored = await api.request('POST', `/platform/tenants/${t.tenantId}/restore`, { token: operator.accessToken });
    expect(restored.status).toBe(200);
    expect((await api.request('GET', feed)).status).toBe(200);
  });
});
