import { ownerClient } from '@fieldwork/server-core/testing';
import { STRONG_PASSWORD, TenantFixture, TestApi } from './support/test-api';

describe('people and invitations over HTTP', () => {
  let api: TestApi;
  let t: TenantFixture;
  let other: TenantFixture;

  beforeAll(async () => {
    api = await TestApi.start();
    t = await api.tenantWithPeople();
    other = await api.tenantWithPeople();
  });
  afterAll(() => api.close());

  it('invites a person: a single-use link that signs them in with the password they choose', async () => {
    const invitation = await api.invite(t.admin, 'New.Student@Example.test', 'student', 'New Student');
    expect(invitation.email).toBe('new.student@example.test');
    expect(invitation.inviteUrl).toContain(`/accept-invitation?token=${encodeURIComponent(invitation.token)}`);
    expect(Buffer.from(invitation.token, 'base64url').length).toBeGreaterThanOrEqual(16 + 16);

    const preview = await api.request('GET', `/auth/invitations/${invitation.token}`);
    expect(preview.body).toMatchObject({ email: 'new.student@example.test', role: 'student', tenant: { slug: t.slug } });

    const weak = await api.request('POST', '/auth/accept-invitation', { body: { token: invitation.token, name: 'New Student', password: 'password1234' } });
    expect(weak.status).toBe(400);
    expect(weak.body.details).toEqual([{ field: 'password', problems: [expect.stringMatching(/too common/)] }]);
    const short = await api.request('POST', '/auth/accept-invitation', { body: { token: invitation.token, name: 'New Student', password: 'short' } });
    expect(short.body.details[0].problems[0]).toMatch(/at least 12 characters/);

    const session = await api.accept(invitation.token, 'Nova Student');
    const me = await api.request('GET', '/me', { token: session.accessToken });
    expect(me.body).toMatchObject({ name: 'Nova Student', role: 'student' });

    const again = await api.request('POST', '/auth/accept-invitation', { body: { token: invitation.token, name: 'X', password: STRONG_PASSWORD } });
    expect(again.status).toBe(410);
    expect(again.body.message).toMatch(/already accepted/);
    await api.login(t.slug, 'new.student@example.test', STRONG_PASSWORD);
  });

  it('refuses an expired invitation with a message that says what to do', async () => {
    const invitation = await api.invite(t.admin, 'late@example.test', 'advisor');
    const owner = await ownerClient(api.config);
    await owner.query(`UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE tenant_id = $1 AND id = $2`, [t.tenantId, invitation.id]);
    await owner.end();
    const reply = await api.request('POST', '/auth/accept-invitation', { body: { token: invitation.token, name: 'Late', password: STRONG_PASSWORD } });
    expect(reply.status).toBe(410);
    expect(reply.body.message).toMatch(/expired.*Ask your career center administrator/);
    expect((await api.request('GET', `/auth/invitations/${invitation.token}`)).status).toBe(410);
  });

  it('stores invitation tokens only as hashes and makes them expire in 7 days', async () => {
    const invitation = await api.invite(t.admin, 'hash@example.test', 'student');
    const owner = await ownerClient(api.config);
    const { rows } = await owner.query(`SELECT token_hash, expires_at - created_at AS ttl FROM invitations WHERE id = $1`, [invitation.id]);
    await owner.end();
    expect(rows[0].token_hash.toString('base64url')).not.toContain(invitation.token);
    expect(rows[0].ttl.days).toBe(7);
  });

  it('refuses to invite someone who already has an account, and unknown links', async () => {
    const reply = await api.request('POST', '/invitations', { token: t.admin.accessToken, body: { email: t.student.email, name: 'Again', role: 'student' } });
    expect(reply.status).toBe(409);
    expect((await api.request('GET', '/auth/invitations/nonsense')).status).toBe(404);
  });

  it('names every bad field of an invitation', async () => {
    const reply = await api.request('POST', '/invitations', { token: t.admin.accessToken, body: { email: 'nope', name: '', role: 'dean', extra: 1 } });
    expect(reply.status).toBe(400);
    expect(reply.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['email', 'extra', 'name', 'role']);
  });

  it('lists people by name with role filter, search and a cursor', async () => {
    for (const n of [1, 2, 3]) await api.invite(t.admin, `zz-page-${n}@example.test`, 'advisor', `Zz Page ${n}`);
    const first = await api.request('GET', '/users?q=zz%20page&limit=2', { token: t.admin.accessToken });
    expect(first.body.items.map((u: { name: string }) => u.name)).toEqual(['Zz Page 1', 'Zz Page 2']);
    expect(first.body.items[0]).toMatchObject({ role: 'advisor', active: true, activated: false });
    const second = await api.request('GET', `/users?q=zz%20page&limit=2&cursor=${first.body.nextCursor}`, { token: t.admin.accessToken });
    expect(second.body.items.map((u: { name: string }) => u.name)).toEqual(['Zz Page 3']);
    expect(second.body.nextCursor).toBeNull();
    const students = await api.request('GET', '/users?role=student', { token: t.admin.accessToken });
    expect(students.body.items.every((u: { role: string }) => u.role === 'student')).toBe(true);
    expect(JSON.stringify(students.body)).not.toMatch(/password/i);
    expect((await api.request('GET', '/users?cursor=garbage', { token: t.admin.accessToken })).status).toBe(400);
    expect((await api.request('GET', '/users?role=dean', { token: t.admin.accessToken })).status).toBe(400);
  });

  it('deactivating a user ends their sessions at once', async () => {
    const invitation = await api.invite(t.admin, 'leaver@example.test', 'student');
    const leaver = await api.accept(invitation.token, 'Lee Leaver');
    expect((await api.request('GET', '/me', { token: leaver.accessToken })).status).toBe(200);

    const patched = await api.request('PATCH', `/users/${leaver.userId}`, { token: t.admin.accessToken, body: { active: false } });
    expect(patched.body).toMatchObject({ active: false });
    expect((await api.request('GET', '/me', { token: leaver.accessToken })).status).toBe(401);
    expect((await api.request('POST', '/auth/refresh', { cookie: leaver.refreshCookie })).status).toBe(401);
    const login = await api.request('POST', '/auth/login', { body: { tenant: t.slug, email: 'leaver@example.test', password: STRONG_PASSWORD } });
    expect(login.status).toBe(401);

    await api.request('PATCH', `/users/${leaver.userId}`, { token: t.admin.accessToken, body: { active: true } });
    await api.login(t.slug, 'leaver@example.test', STRONG_PASSWORD);
  });

  it('role changes apply at once and are audited', async () => {
    const invitation = await api.invite(t.admin, 'promoted@example.test', 'student');
    const person = await api.accept(invitation.token, 'Pat Promoted');
    await api.request('PATCH', `/users/${person.userId}`, { token: t.admin.accessToken, body: { role: 'advisor' } });
    expect((await api.request('GET', '/me', { token: person.accessToken })).body.role).toBe('advisor');
    const owner = await ownerClient(api.config);
    const { rows } = await owner.query(`SELECT action, details FROM audit_events WHERE tenant_id = $1 AND subject_id = $2 ORDER BY occurred_at`, [
      t.tenantId,
      person.userId,
    ]);
    await owner.end();
    expect(rows.map((r: { action: string }) => r.action)).toEqual(['invitation.sent', 'invitation.accepted', 'user.role_changed']);
    expect(rows[2].details).toEqual({ from: 'student', to: 'advisor' });
  });

  it('an admin cannot lock themselves out', async () => {
    const reply = await api.request('PATCH', `/users/${t.admin.userId}`, { token: t.admin.accessToken, body: { active: false } });
    expect(reply.status).toBe(400);
  });

  it('another tenant’s people are 404, never 403', async () => {
    for (const [method, body] of [['GET', undefined], ['PATCH', { active: false }]] as const) {
      const reply = await api.request(method, `/users/${other.student.userId}`, { token: t.admin.accessToken, body });
      expect(reply.status).toBe(404);
    }
    expect((await api.request('GET', '/users/not-a-uuid', { token: t.admin.accessToken })).status).toBe(404);
    const list = await api.request('GET', '/users?limit=200', { token: t.admin.accessToken });
    expect(list.body.items.some((u: { id: string }) => u.id === other.student.userId)).toBe(false);
    expect((await api.request('GET', '/me', { token: other.student.accessToken })).body.tenant.slug).toBe(other.slug);
  });

  it('students and advisors may not call admin routes', async () => {
    for (const session of [t.student, t.advisor]) {
      expect((await api.request('GET', '/users', { token: session.accessToken })).status).toBe(403);
      expect((await api.request('GET', `/users/${t.admin.userId}`, { token: session.accessToken })).status).toBe(403);
      expect((await api.request('PATCH', `/users/${t.admin.userId}`, { token: session.accessToken, body: { role: 'student' } })).status).toBe(403);
      const invite = await api.request('POST', '/invitations', { token: session.accessToken, body: { email: 'x@y.test', name: 'X', role: 'admin' } });
      expect(invite.status).toBe(403);
      expect((await api.request('GET', '/platform/tenants', { token: session.accessToken })).status).toBe(403);
    }
  });
});
