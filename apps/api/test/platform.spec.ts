import { TestApi } from './support/test-api';

describe('platform operators over HTTP', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await TestApi.start();
  });
  afterAll(() => api.close());

  it('create a tenant with its first admin invitation, and list tenants', async () => {
    const operator = await api.operatorSession();
    const me = await api.request('GET', '/me', { token: operator.accessToken });
    expect(me.body).toMatchObject({ role: 'operator', tenant: null });
    const slug = `op-${Date.now().toString(36)}`;
    const created = await api.request('POST', '/platform/tenants', {
      token: operator.accessToken,
      body: { slug, name: 'Ops Center', timezone: 'Europe/Paris', adminEmail: 'Boss@Ops.test', adminName: 'Bo Boss' },
    });
    expect(created.status).toBe(201);
    expect(created.body.tenant).toMatchObject({ slug, timezone: 'Europe/Paris' });
    const preview = await api.request('GET', `/auth/invitations/${created.body.adminInvitationToken}`);
    expect(preview.body).toMatchObject({ email: 'boss@ops.test', role: 'admin' });
    const list = await api.request('GET', '/platform/tenants', { token: operator.accessToken });
    expect(list.body.map((x: { slug: string }) => x.slug)).toContain(slug);

    const duplicate = await api.request('POST', '/platform/tenants', {
      token: operator.accessToken,
      body: { slug, name: 'Again', timezone: 'UTC', adminEmail: 'a@b.test', adminName: 'A' },
    });
    expect(duplicate.status).toBe(409);
  });

  it('names every bad field of a new tenant', async () => {
    const operator = await api.operatorSession();
    const reply = await api.request('POST', '/platform/tenants', {
      token: operator.accessToken,
      body: { slug: 'Bad Slug!', name: '', timezone: 'Mars/Olympus', adminEmail: 'nope', adminName: 'A' },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['adminEmail', 'name', 'slug', 'timezone']);
  });

  it('operators never reach tenant data', async () => {
    const operator = await api.operatorSession();
    expect((await api.request('GET', '/users', { token: operator.accessToken })).status).toBe(403);
    const invite = await api.request('POST', '/invitations', { token: operator.accessToken, body: { email: 'x@y.test', name: 'X', role: 'admin' } });
    expect(invite.status).toBe(403);
  });

  it('tenant admins cannot manage tenants', async () => {
    const t = await api.tenantWithPeople();
    expect((await api.request('GET', '/platform/tenants', { token: t.admin.accessToken })).status).toBe(403);
  });
});
