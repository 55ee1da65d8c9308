import { ownerClient } from '@fieldwork/server-core/testing';
import { STRONG_PASSWORD, TenantFixture, TestApi } from './support/test-api';

/** An access token names its session: ending the session refuses the token on the very next request. */
describe('immediate revocation of access tokens', () => {
  let api: TestApi;
  let t: TenantFixture;

  beforeAll(async () => {
    api = await TestApi.start();
    t = await api.tenantWithPeople();
  });
  afterAll(() => api?.close());

  const me = (token: string) => api.request('GET', '/me', { token });

  it('names the session in the token (sid), and a logout refuses it at once, leaving other sessions alone', async () => {
    const laptop = await api.login(t.slug, t.student.email, STRONG_PASSWORD);
    const phone = await api.login(t.slug, t.student.email, STRONG_PASSWORD);
    const claims = JSON.parse(Buffer.from(laptop.accessToken.split('.')[1], 'base64url').toString());
    expect(claims.sid).toMatch(/^[0-9a-f-]{36}$/);
    expect((await me(laptop.accessToken)).status).toBe(200);

    expect((await api.request('POST', '/auth/logout', { cookie: laptop.refreshCookie })).status).toBe(204);
    const refused = await me(laptop.accessToken);
    expect(refused.status).toBe(401);
    expect(refused.body.message).toBe('Your session has ended; sign in again');
    expect((await me(phone.accessToken)).status).toBe(200);
  });

  it('keeps the token working across refresh rotations of its session, and refuses it once the refresh token is reused', async () => {
    const session = await api.login(t.slug, t.advisor.email, STRONG_PASSWORD);
    const rotated = await api.request('POST', '/auth/refresh', { cookie: session.refreshCookie });
    expect(rotated.status).toBe(200);
    expect((await me(session.accessToken)).status).toBe(200);
    expect((await me(rotated.body.accessToken)).status).toBe(200);

    // The old refresh token presented again (stolen): the whole family ends, and so do its access tokens.
    expect((await api.request('POST', '/auth/refresh', { cookie: session.refreshCookie })).status).toBe(401);
    expect((await me(session.accessToken)).status).toBe(401);
    expect((await me(rotated.body.accessToken)).status).toBe(401);
  });

  it('refuses every token of a deactivated person at once, and a role change applies at once', async () => {
    const person = await api.accept((await api.invite(t.admin, `leaver@${t.slug}.test`, 'advisor')).token, 'Lee Leaver');
    expect((await api.request('GET', '/cohorts', { token: person.accessToken })).status).toBe(200);
    const demoted = await api.request('PATCH', `/users/${person.userId}`, { token: t.admin.accessToken, body: { role: 'student' } });
    expect(demoted.status).toBe(200);
    expect((await api.request('GET', '/cohorts', { token: person.accessToken })).status).toBe(403);
    await api.request('PATCH', `/users/${person.userId}`, { token: t.admin.accessToken, body: { active: false } });
    expect((await me(person.accessToken)).status).toBe(401);
  });

  it('refuses a token without a session, or naming a session of someone else', async () => {
    const other = await api.login(t.slug, t.admin.email, STRONG_PASSWORD);
    const [header, payload, signature] = other.accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    // Tampering with the claims breaks the signature: refused either way.
    const noSid = Buffer.from(JSON.stringify({ ...claims, sid: undefined })).toString('base64url');
    expect((await me(`${header}.${noSid}.${signature}`)).status).toBe(401);
    // A session row of another person never makes a token live: the function checks the owner too.
    const owner = await ownerClient(api.config);
    try {
      const { rows } = await owner.query(`SELECT session_live FROM auth_principal($1, $2, $3)`, [t.tenantId, t.student.userId, claims.sid]);
      expect(rows).toEqual([{ session_live: false }]);
      const live = await owner.query(`SELECT role, tenant_state, session_live FROM auth_principal($1, $2, $3)`, [t.tenantId, t.admin.userId, claims.sid]);
      expect(live.rows).toEqual([{ role: 'admin', tenant_state: 'active', session_live: true }]);
      // It leaves no tenant set behind on the connection.
      const setting = await owner.query(`SELECT coalesce(current_setting('app.tenant_id', true), '') AS tenant`);
      expect(setting.rows[0].tenant).toBe('');
    } finally {
      await owner.end();
    }
  });

  it('reads account, career center and session with one call of a SECURITY DEFINER function (search_path pinned)', async () => {
    const session = await api.login(t.slug, t.student.email, STRONG_PASSWORD);
    expect((await me(session.accessToken)).status).toBe(200);
    const owner = await ownerClient(api.config);
    try {
      const { rows } = await owner.query(`SELECT prosecdef, proconfig FROM pg_proc WHERE proname = 'auth_principal'`);
      expect(rows[0].prosecdef).toBe(true);
      expect(rows[0].proconfig).toEqual(expect.arrayContaining(['search_path=public, pg_temp']));
    } finally {
      await owner.end();
    }
  });
});
