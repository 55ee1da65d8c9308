import { randomBytes } from 'node:crypto';
import { ownerClient } from '@fieldwork/server-core/testing';
import { SSO_ONLY_MESSAGE, type SsoAttempt, type SsoSettingsRequest } from '@fieldwork/contracts';
import { STRONG_PASSWORD, TenantFixture, TestApi } from './support/test-api';
import { IdpProcess, addOidcClient, startOidcIdp } from './support/idp/idp-process';
import { Hop, TestBrowser, formsOf } from './support/idp/browser';

/**
 * Campus sign-in through OpenID Connect, against a real OpenID provider (oidc-provider in a child
 * process) over real HTTP: discovery, its login page, authorization code with PKCE, state and nonce.
 */
describe('campus sign-in through OpenID Connect', () => {
  let api: TestApi;
  let idp: IdpProcess;
  let t: TenantFixture;
  const clientSecret = `secret-${randomBytes(12).toString('hex')}`;
  let settings: SsoSettingsRequest;

  const callbackOf = (slug: string) => `${api.url}/api/sso/${slug}/oidc/callback`;
  const atCallback = (hop: Hop) => hop.url.includes('/oidc/callback');

  /** Start → the IdP's login page → typed login → back at the callback (its 302 answer). */
  async function signIn(login: string, start = `${api.url}/api/sso/${t.slug}/start`, browser = new TestBrowser()): Promise<Hop> {
    const page = await browser.follow(start);
    const [form] = formsOf(page.body);
    expect(form?.fields).toHaveProperty('login');
    return browser.submit(page, form, { login, password: 'campus-password' }, atCallback);
  }

  const put = (changes: Partial<SsoSettingsRequest>, token = t.admin.accessToken) => api.request('PUT', '/tenant/sso', { token, body: { ...settings, ...changes } });
  const attempts = async (): Promise<SsoAttempt[]> => (await api.request('GET', `/sso/${t.slug}/attempts`, { token: t.admin.accessToken })).body;

  beforeAll(async () => {
    api = await TestApi.start();
    t = await api.tenantWithPeople();
    idp = await startOidcIdp();
    await addOidcClient(idp, { client_id: `fieldwork-${t.slug}`, client_secret: clientSecret, redirect_uris: [callbackOf(t.slug)] });
    settings = {
      protocol: 'oidc',
      displayName: 'Example University',
      issuer: idp.url,
      clientId: `fieldwork-${t.slug}`,
      clientSecret,
      matchBy: 'email',
      enabled: true,
      testMode: false,
      studentsSsoOnly: false,
      domains: [`${t.slug}.test`],
    };
    const saved = await put({});
    expect(saved.status).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await idp?.stop();
    await api?.close();
  });

  it('keeps the client secret encrypted and never returns it', async () => {
    const reply = await api.request('GET', '/tenant/sso', { token: t.admin.accessToken });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ configured: true, protocol: 'oidc', issuer: idp.url, hasClientSecret: true, enabled: true, domains: [`${t.slug}.test`] });
    expect(reply.body.serviceProvider.oidcRedirectUrl).toBe(callbackOf(t.slug));
    expect(JSON.stringify(reply.body)).not.toContain(clientSecret);
    const owner = await ownerClient(api.config);
    const { rows } = await owner.query(`SELECT oidc_client_secret_enc FROM tenant_sso WHERE tenant_id = $1`, [t.tenantId]);
    await owner.end();
    expect(rows[0].oidc_client_secret_enc).toMatch(/^v1\./);
    expect(rows[0].oidc_client_secret_enc).not.toContain(clientSecret);
    // Saving again without a secret keeps the stored one.
    expect((await put({ clientSecret: undefined })).body.hasClientSecret).toBe(true);
  });

  it('tells the sign-in page about the button, from the slug or an e-mail domain', async () => {
    const bySlug = await api.request('GET', `/sso/discover?tenant=${t.slug}`);
    expect(bySlug.status).toBe(200);
    expect(bySlug.body).toEqual({
      tenant: { slug: t.slug, name: `Career Center ${t.slug}` },
      sso: { displayName: 'Example University', startUrl: `${api.url}/api/sso/${t.slug}/start`, studentsSsoOnly: false },
    });
    const byEmail = await api.request('GET', `/sso/discover?email=${encodeURIComponent(`someone@${t.slug}.test`)}`);
    expect(byEmail.body.tenant.slug).toBe(t.slug);
    expect((await api.request('GET', '/sso/discover?tenant=no-such-center')).body).toEqual({ tenant: null, sso: null });
    expect((await api.request('GET', '/sso/discover')).status).toBe(400);
  });

  it('signs a roster student in: the first time links the account, later sign-ins use the link; refresh works after', async () => {
    const first = await signIn(t.student.email, `${api.url}/api/sso/${t.slug}/start?returnTo=${encodeURIComponent('/tasks')}`);
    expect(first.status).toBe(302);
    expect(first.location).toBe(`${api.url}/tasks`);
    const cookie = first.setCookies.find((c) => c.startsWith('fw_refresh='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/api\/auth/);
    const refreshed = await api.request('POST', '/auth/refresh', { cookie: decodeURIComponent((cookie as string).split(';')[0].slice('fw_refresh='.length)) });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.user).toMatchObject({ id: t.student.userId, role: 'student' });

    const second = await signIn(t.student.email);
    expect(second.location).toBe(`${api.url}/`);
    const owner = await ownerClient(api.config);
    const links = await owner.query(`SELECT provider, subject FROM user_identities WHERE tenant_id = $1 AND user_id = $2`, [t.tenantId, t.student.userId]);
    const audit = await owner.query(
      `SELECT action, details FROM audit_events WHERE tenant_id = $1 AND subject_id = $2 AND action IN ('auth.sign_in', 'auth.sso_linked') ORDER BY occurred_at`,
      [t.tenantId, t.student.userId],
    );
    await owner.end();
    expect(links.rows).toEqual([{ provider: idp.url, subject: t.student.email }]);
    expect(audit.rows.filter((r: { action: string }) => r.action === 'auth.sso_linked')).toHaveLength(1);
    expect(audit.rows.filter((r: { details: { method?: string } }) => r.details.method === 'sso')).toHaveLength(2);
    expect((await attempts()).slice(0, 2).map((a) => a.outcome)).toEqual(['signed_in', 'linked']);
  });

  it('signs in a roster student who never chose a password (invited only), and the session refreshes', async () => {
    const email = `fresh.${randomBytes(3).toString('hex')}@${t.slug}.test`;
    const invited = await api.invite(t.admin, email, 'student', 'Fresh Student');
    expect(invited.token).toBeTruthy();
    const hop = await signIn(email);
    expect(hop.location).toBe(`${api.url}/`);
    const cookie = hop.setCookies.find((c) => c.startsWith('fw_refresh=')) as string;
    const refreshed = await api.request('POST', '/auth/refresh', { cookie: decodeURIComponent(cookie.split(';')[0].slice('fw_refresh='.length)) });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.user.email).toBe(email);
    expect((await api.request('GET', '/me', { token: refreshed.body.accessToken })).status).toBe(200);
  });

  it('sends someone not in the roster to the "not added yet" page, audits it and creates nothing', async () => {
    const owner = await ownerClient(api.config);
    const before = await owner.query(`SELECT count(*)::int AS n FROM users WHERE tenant_id = $1`, [t.tenantId]);
    const hop = await signIn(`stranger@${t.slug}.test`);
    expect(hop.status).toBe(302);
    expect(hop.location).toBe(`${api.url}/sso/not-added?center=${t.slug}`);
    expect(hop.setCookies.some((c) => c.startsWith('fw_refresh='))).toBe(false);
    const after = await owner.query(`SELECT count(*)::int AS n FROM users WHERE tenant_id = $1`, [t.tenantId]);
    const audit = await owner.query(`SELECT details FROM audit_events WHERE tenant_id = $1 AND action = 'auth.sso_unknown_person'`, [t.tenantId]);
    await owner.end();
    expect(after.rows[0].n).toBe(before.rows[0].n);
    expect(audit.rows.at(-1).details).toMatchObject({ protocol: 'oidc', matchBy: 'email', value: 's…r@' + `${t.slug}.test` });
    expect((await attempts())[0]).toMatchObject({ outcome: 'refused', reason: expect.stringContaining('Nobody in the roster matches') });
  });

  it('refuses an answer with a wrong state, and shows why', async () => {
    const browser = new TestBrowser();
    const page = await browser.follow(`${api.url}/api/sso/${t.slug}/start`);
    const back = await browser.submit(page, formsOf(page.body)[0], { login: t.student.email, password: 'x' }, (hop) => Boolean(hop.location?.includes('/oidc/callback')));
    const forged = new URL(back.location as string);
    forged.searchParams.set('state', randomBytes(16).toString('base64url'));
    const hop = await browser.request(forged.toString());
    expect(hop.status).toBe(302);
    expect(hop.location).toBe(`${api.url}/sso/error?reason=failed&center=${t.slug}`);
    expect(hop.setCookies.some((c) => c.startsWith('fw_refresh='))).toBe(false);
    expect((await attempts())[0]).toMatchObject({ outcome: 'refused', reason: expect.stringMatching(/state is unknown/) });
  });

  it('refuses an ID token whose nonce is not the one sent, and shows why', async () => {
    const browser = new TestBrowser();
    const start = await browser.request(`${api.url}/api/sso/${t.slug}/start`);
    const authorize = new URL(start.location as string);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('state')).toBeTruthy();
    authorize.searchParams.set('nonce', 'a-nonce-of-someone-else');
    const page = await browser.follow(authorize.toString());
    const hop = await browser.submit(page, formsOf(page.body)[0], { login: t.student.email, password: 'x' }, atCallback);
    expect(hop.location).toBe(`${api.url}/sso/error?reason=failed&center=${t.slug}`);
    expect((await attempts())[0]).toMatchObject({ outcome: 'refused', reason: expect.stringMatching(/Wrong nonce/) });
  });

  it('refuses a replayed callback (the state is single use)', async () => {
    const browser = new TestBrowser();
    const page = await browser.follow(`${api.url}/api/sso/${t.slug}/start`);
    const back = await browser.submit(page, formsOf(page.body)[0], { login: t.student.email, password: 'x' }, (hop) => Boolean(hop.location?.includes('/oidc/callback')));
    const first = await browser.request(back.location as string);
    expect(first.location).toBe(`${api.url}/`);
    const replay = await browser.request(back.location as string);
    expect(replay.location).toContain('/sso/error');
    expect((await attempts())[0].reason).toMatch(/already used/);
  });

  it('students SSO-only: a student’s password sign-in points at the button; staff may still use a password', async () => {
    expect((await put({ studentsSsoOnly: true })).status).toBe(200);
    const refused = await api.request('POST', '/auth/login', { body: { tenant: t.slug, email: t.student.email, password: STRONG_PASSWORD } });
    expect(refused.status).toBe(401);
    expect(refused.body.message).toBe(SSO_ONLY_MESSAGE);
    // A wrong password still gets the generic answer (the policy reveals nothing about accounts).
    const wrong = await api.request('POST', '/auth/login', { body: { tenant: t.slug, email: t.student.email, password: 'wrong-password-123' } });
    expect(wrong.body.message).not.toBe(SSO_ONLY_MESSAGE);
    const staff = await api.request('POST', '/auth/login', { body: { tenant: t.slug, email: t.advisor.email, password: STRONG_PASSWORD } });
    expect(staff.status).toBe(200);
    expect((await signIn(t.student.email)).location).toBe(`${api.url}/`);
    expect((await put({ studentsSsoOnly: false })).status).toBe(200);
  });

  it('creates an unknown student just in time into the chosen cohort, when that is on', async () => {
    const cohort = await api.request('POST', '/cohorts', { token: t.admin.accessToken, body: { name: `JIT ${randomBytes(3).toString('hex')}` } });
    expect((await put({ jitCohortId: cohort.body.id })).status).toBe(200);
    const email = `newcomer.${randomBytes(3).toString('hex')}@${t.slug}.test`;
    const hop = await signIn(email);
    expect(hop.location).toBe(`${api.url}/`);
    const owner = await ownerClient(api.config);
    const { rows } = await owner.query(
      `SELECT u.role, m.cohort_id FROM users u JOIN cohort_members m ON m.tenant_id = u.tenant_id AND m.user_id = u.id WHERE u.tenant_id = $1 AND u.email = $2`,
      [t.tenantId, email],
    );
    await owner.end();
    expect(rows).toEqual([{ role: 'student', cohort_id: cohort.body.id }]);
    expect((await attempts())[0].outcome).toBe('created');
    expect((await put({ jitCohortId: null })).status).toBe(200);
  });

  it('test mode: an admin tries it with their own account before it is on; nothing else can start it', async () => {
    expect((await put({ enabled: false, testMode: true })).status).toBe(200);
    expect((await api.request('GET', `/sso/discover?tenant=${t.slug}`)).body.sso).toBeNull();
    const blocked = await new TestBrowser().request(`${api.url}/api/sso/${t.slug}/start`);
    expect(blocked.location).toBe(`${api.url}/sso/error?reason=disabled&center=${t.slug}`);
    const started = await api.request('POST', '/tenant/sso/test', { token: t.admin.accessToken });
    expect(started.status).toBe(200);
    const hop = await signIn(t.admin.email, started.body.url);
    expect(hop.location).toBe(`${api.url}/sign-in-settings?test=ok`);
    expect(hop.setCookies.some((c) => c.startsWith('fw_refresh='))).toBe(false);
    expect((await attempts())[0]).toMatchObject({ outcome: 'test_ok', test: true });
    // Another person at the IdP during the admin's test: refused, nothing linked.
    const other = await signIn(t.advisor.email, (await api.request('POST', '/tenant/sso/test', { token: t.admin.accessToken })).body.url);
    expect(other.location).toBe(`${api.url}/sign-in-settings?test=failed`);
    expect((await attempts())[0]).toMatchObject({ outcome: 'refused', test: true, reason: expect.stringMatching(/another person/) });
    expect((await api.request('POST', '/tenant/sso/test', { token: t.advisor.accessToken })).status).toBe(403);
    expect((await put({ enabled: true, testMode: false })).status).toBe(200);
  });

  it('names what is wrong in the settings, and keeps other tenants out', async () => {
    const bad = await api.request('PUT', '/tenant/sso', { token: t.admin.accessToken, body: { ...settings, issuer: 'not a url', matchBy: 'eppn', clientId: '' } });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['clientId', 'issuer', 'matchBy']);
    const unreachable = await put({ issuer: 'http://127.0.0.1:9/' });
    expect(unreachable.status).toBe(400);
    expect(unreachable.body.details[0].field).toBe('issuer');
    const other = await api.tenantWithPeople();
    expect((await api.request('GET', `/sso/${t.slug}/attempts`, { token: other.admin.accessToken })).status).toBe(404);
    expect((await api.request('GET', `/sso/${t.slug}/attempts`, { token: t.student.accessToken })).status).toBe(403);
    const claimed = await api.request('PUT', '/tenant/sso', { token: other.admin.accessToken, body: { ...settings, domains: [`${t.slug}.test`] } });
    expect(claimed.status).toBe(409);
  });
});
