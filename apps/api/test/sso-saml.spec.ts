import { randomBytes } from 'node:crypto';
import { ownerClient } from '@fieldwork/server-core/testing';
import type { SsoAttempt, SsoSettingsRequest } from '@fieldwork/contracts';
import { ModuleRef } from '@nestjs/core';
import { IdentityModule, SsoMetadataJobs } from '@fieldwork/server-identity';
import { TenantFixture, TestApi } from './support/test-api';
import { IdpProcess, startSamlIdp } from './support/idp/idp-process';
import { Hop, HtmlForm, TestBrowser, formsOf } from './support/idp/browser';

/**
 * Campus sign-in through SAML 2.0, against a real SAML IdP (samlify in a child process) over real
 * HTTP: the SP's AuthnRequest (HTTP-Redirect), the IdP's login page, its signed response posted to
 * the ACS (HTTP-POST). Signature, audience, recipient, expiry and InResponseTo are checked by the API.
 */
describe('campus sign-in through SAML', () => {
  let api: TestApi;
  let idp: IdpProcess;
  let t: TenantFixture;
  let settings: SsoSettingsRequest;

  const put = (changes: Partial<SsoSettingsRequest>) => api.request('PUT', '/tenant/sso', { token: t.admin.accessToken, body: { ...settings, ...changes } });
  const attempts = async (): Promise<SsoAttempt[]> => (await api.request('GET', `/sso/${t.slug}/attempts`, { token: t.admin.accessToken })).body;

  /** Start → the IdP's login page → its auto-submitting form holding the SAML response (not yet posted). */
  async function responseFor(email: string, fields: Record<string, string> = {}, browser = new TestBrowser()): Promise<{ page: Hop; form: HtmlForm; browser: TestBrowser }> {
    const login = await browser.follow(`${api.url}/api/sso/${t.slug}/start`);
    expect(login.status).toBe(200);
    const [loginForm] = formsOf(login.body);
    expect(loginForm.fields).toHaveProperty('SAMLRequest');
    const page = await browser.submit(login, loginForm, { email, password: 'campus-password', ...fields });
    const [form] = formsOf(page.body);
    expect(form.action).toBe(`${api.url}/api/sso/${t.slug}/saml/acs`);
    expect(form.fields['SAMLResponse']).toBeTruthy();
    return { page, form, browser };
  }

  /** Posts the form to the ACS and answers the ACS's 302. */
  const post = ({ page, form, browser }: { page: Hop; form: HtmlForm; browser: TestBrowser }, changes: Record<string, string> = {}) =>
    browser.submit(page, form, changes, (hop) => hop.url.endsWith('/saml/acs'));
  const signIn = async (email: string, fields: Record<string, string> = {}) => post(await responseFor(email, fields));
  const refreshCookieOf = (hop: Hop) => {
    const cookie = hop.setCookies.find((c) => c.startsWith('fw_refresh='));
    return cookie ? decodeURIComponent(cookie.split(';')[0].slice('fw_refresh='.length)) : undefined;
  };
  const xmlOf = (form: HtmlForm) => Buffer.from(form.fields['SAMLResponse'], 'base64').toString('utf8');
  const encode = (xml: string) => Buffer.from(xml, 'utf8').toString('base64');

  beforeAll(async () => {
    api = await TestApi.start();
    t = await api.tenantWithPeople();
    idp = await startSamlIdp();
    settings = {
      protocol: 'saml',
      displayName: 'Example University',
      metadataUrl: `${idp.url}/metadata`,
      matchBy: 'email',
      enabled: true,
      testMode: false,
      studentsSsoOnly: false,
      domains: [],
    };
    const saved = await put({});
    expect(saved.status).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await idp?.stop();
    await api?.close();
  });

  it('reads the IdP metadata (entity id, signing certificate) and publishes the SP metadata', async () => {
    const reply = await api.request('GET', '/tenant/sso', { token: t.admin.accessToken });
    expect(reply.body).toMatchObject({ protocol: 'saml', idpEntityId: `${idp.url}/metadata`, metadataUrl: `${idp.url}/metadata` });
    expect(reply.body.idpCertificates).toEqual([expect.objectContaining({ subject: expect.stringContaining('Fieldwork test SAML IdP'), fingerprint: expect.any(String) })]);
    expect(reply.body.metadataFetchedAt).toBeTruthy();
    const sp = await fetch(`${api.url}/api/sso/${t.slug}/saml/metadata`);
    expect(sp.status).toBe(200);
    expect(sp.headers.get('content-type')).toContain('application/samlmetadata+xml');
    const xml = await sp.text();
    expect(xml).toContain(`entityID="${api.url}/api/sso/${t.slug}/saml/metadata"`);
    expect(xml).toContain(`Location="${api.url}/api/sso/${t.slug}/saml/acs"`);
    expect((await fetch(`${api.url}/api/sso/no-such-center/saml/metadata`)).status).toBe(404);
  });

  it('signs a roster student in with a signed response: first links, then reuses the link; refresh works', async () => {
    const first = await signIn(t.student.email);
    expect(first.status).toBe(302);
    expect(first.location).toBe(`${api.url}/`);
    const refreshed = await api.request('POST', '/auth/refresh', { cookie: refreshCookieOf(first) });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.user).toMatchObject({ id: t.student.userId, role: 'student' });
    const second = await signIn(t.student.email);
    expect(refreshCookieOf(second)).toBeTruthy();
    expect((await attempts()).slice(0, 2).map((a) => [a.protocol, a.outcome])).toEqual([
      ['saml', 'signed_in'],
      ['saml', 'linked'],
    ]);
    const owner = await ownerClient(api.config);
    const { rows } = await owner.query(`SELECT provider, subject FROM user_identities WHERE tenant_id = $1 AND user_id = $2`, [t.tenantId, t.student.userId]);
    await owner.end();
    expect(rows).toEqual([{ provider: `${idp.url}/metadata`, subject: t.student.email }]);
  });

  it('sends someone not in the roster to the "not added yet" page and creates nothing', async () => {
    const hop = await signIn(`nobody.${randomBytes(3).toString('hex')}@elsewhere.test`);
    expect(hop.location).toBe(`${api.url}/sso/not-added?center=${t.slug}`);
    expect(refreshCookieOf(hop)).toBeUndefined();
    expect((await attempts())[0]).toMatchObject({ outcome: 'refused', reason: expect.stringContaining('Nobody in the roster matches') });
  });

  it('refuses an unsigned response', async () => {
    const hop = await signIn(t.student.email, { mode: 'unsigned' });
    expect(hop.location).toBe(`${api.url}/sso/error?reason=failed&center=${t.slug}`);
    expect(refreshCookieOf(hop)).toBeUndefined();
    expect((await attempts())[0]).toMatchObject({ outcome: 'refused', reason: 'The response is not signed (neither the response nor the assertion)' });
  });

  it('refuses a response changed after signing (someone else’s e-mail put in)', async () => {
    const response = await responseFor(t.student.email);
    const xml = xmlOf(response.form);
    expect(xml).toContain('<ds:Signature');
    const tampered = xml.split(t.student.email).join(t.admin.email);
    const hop = await post(response, { SAMLResponse: encode(tampered) });
    expect(hop.location).toContain('/sso/error');
    expect(refreshCookieOf(hop)).toBeUndefined();
    expect((await attempts())[0].reason).toMatch(/^Bad signature/);
  });

  it('refuses an assertion for another audience', async () => {
    const hop = await signIn(t.student.email, { mode: 'wrong-audience' });
    expect(hop.location).toContain('/sso/error');
    expect((await attempts())[0].reason).toMatch(/^Wrong audience/);
  });

  it('refuses an expired assertion', async () => {
    const hop = await signIn(t.student.email, { mode: 'expired' });
    expect(hop.location).toContain('/sso/error');
    expect((await attempts())[0].reason).toMatch(/^Expired/);
  });

  it('refuses a replayed response (InResponseTo is single use)', async () => {
    const response = await responseFor(t.student.email);
    const first = await post(response);
    expect(refreshCookieOf(first)).toBeTruthy();
    const replay = await post(response);
    expect(replay.location).toContain('/sso/error');
    expect(refreshCookieOf(replay)).toBeUndefined();
    expect((await attempts())[0].reason).toMatch(/already used \(replay\)/);
  });

  it('refuses a response to no request of this career center (unsolicited, or for another tenant)', async () => {
    const response = await responseFor(t.student.email);
    const other = await api.tenantWithPeople();
    const hop = await new TestBrowser().request(`${api.url}/api/sso/${other.slug}/saml/acs`, { form: response.form.fields });
    expect(hop.location).toBe(`${api.url}/sso/error?reason=not_configured&center=${other.slug}`);
    const garbage = await new TestBrowser().request(`${api.url}/api/sso/${t.slug}/saml/acs`, { form: { SAMLResponse: 'not-base64-xml' } });
    expect(garbage.status).toBe(302);
    expect(garbage.location).toContain('/sso/error');
  });

  it('matches on a student-id attribute when the career center chooses it', async () => {
    const studentId = `S${randomBytes(4).toString('hex')}`;
    const owner = await ownerClient(api.config);
    await owner.query(`UPDATE users SET student_id = $3 WHERE tenant_id = $1 AND id = $2`, [t.tenantId, t.advisor.userId, studentId]);
    await owner.end();
    expect((await put({ matchBy: 'studentId', attribute: 'studentId' })).status).toBe(200);
    const hop = await signIn(`someone.else@${t.slug}.test`, { studentId });
    expect(hop.location).toBe(`${api.url}/`);
    const refreshed = await api.request('POST', '/auth/refresh', { cookie: refreshCookieOf(hop) });
    expect(refreshed.body.user.id).toBe(t.advisor.userId);
    expect((await put({ matchBy: 'email', attribute: null })).status).toBe(200);
  });

  it('names bad metadata; the daily job re-reads metadata by URL and drops spent requests', async () => {
    const bad = await put({ metadataUrl: null, metadataXml: '<not-metadata/>' });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0]).toEqual({ field: 'metadataXml', problems: ['metadataXml: The metadata has no IdP (IDPSSODescriptor)'] });
    const owner = await ownerClient(api.config);
    await owner.query(`UPDATE tenant_sso SET metadata_fetched_at = now() - interval '2 days', saml_idp_certs = '{}' WHERE tenant_id = $1`, [t.tenantId]);
    await owner.query(
      `INSERT INTO sso_requests (tenant_id, id, protocol, return_to, expires_at) VALUES ($1, 'spent-request-of-two-days-ago', 'saml', '/', now() - interval '2 days')`,
      [t.tenantId],
    );
    // The worker's daily pass, as the scheduler runs it: every career center's metadata re-read, spent requests dropped.
    const jobs = await api.app.select(IdentityModule).get(ModuleRef, { strict: true }).create(SsoMetadataJobs);
    expect((await jobs.refreshAll()).refreshed).toBeGreaterThanOrEqual(1);
    expect((await owner.query(`SELECT count(*)::int AS n FROM sso_requests WHERE tenant_id = $1 AND id = 'spent-request-of-two-days-ago'`, [t.tenantId])).rows[0].n).toBe(0);
    const { rows } = await owner.query(`SELECT metadata_fetched_at > now() - interval '1 minute' AS fresh, cardinality(saml_idp_certs) AS certs FROM tenant_sso WHERE tenant_id = $1`, [t.tenantId]);
    await owner.end();
    expect(rows[0]).toEqual({ fresh: true, certs: 1 });
  });
});
