import * as OTPAuth from 'otpauth';
import type { Client } from 'pg';
import { ownerClient } from '@fieldwork/server-core/testing';
import { STRONG_PASSWORD, Session, TenantFixture, TestApi } from './support/test-api';

/** The code an authenticator app shows for `secret`, `offset` periods from now. */
function totp(secret: string, offset = 0): string {
  return OTPAuth.TOTP.generate({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30, timestamp: Date.now() + offset * 30_000 });
}

describe('two-step sign-in (TOTP)', () => {
  let api: TestApi;
  let t: TenantFixture;
  let owner: Client;

  beforeAll(async () => {
    api = await TestApi.start();
    t = await api.tenantWithPeople();
    owner = await ownerClient(api.config);
  });
  afterAll(async () => {
    await owner?.end();
    await api?.close();
  });

  /** Turns MFA on for a session's person; answers the secret and the recovery codes. */
  async function enrol(session: Session): Promise<{ secret: string; recoveryCodes: string[] }> {
    const started = await api.request('POST', '/me/mfa/totp', { token: session.accessToken });
    expect(started.status).toBe(201);
    const confirmed = await api.request('POST', '/me/mfa/totp/confirm', { token: session.accessToken, body: { code: totp(started.body.secret) } });
    expect(confirmed.status).toBe(200);
    return { secret: started.body.secret, recoveryCodes: confirmed.body.recoveryCodes };
  }

  const login = (email: string, password = STRONG_PASSWORD) => api.request('POST', '/auth/login', { body: { tenant: t.slug, email, password } });

  it('enrols: a secret, its otpauth URL and QR code; a wrong code changes nothing; the right one gives ten recovery codes once', async () => {
    const session = await api.login(t.slug, t.advisor.email, STRONG_PASSWORD);
    const started = await api.request('POST', '/me/mfa/totp', { token: session.accessToken });
    expect(started.status).toBe(201);
    expect(started.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(started.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\/Fieldwork:.*secret=/);
    expect(started.body.otpauthUrl).toContain(encodeURIComponent(t.advisor.email));
    expect(started.body.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    // Not on until confirmed: signing in still needs no code.
    expect((await login(t.advisor.email)).body.accessToken).toBeTruthy();

    const wrong = await api.request('POST', '/me/mfa/totp/confirm', { token: session.accessToken, body: { code: totp(started.body.secret, 10) } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.details[0].field).toBe('code');
    expect((await api.request('GET', '/me/mfa', { token: session.accessToken })).body).toMatchObject({ enabled: false });

    const confirmed = await api.request('POST', '/me/mfa/totp/confirm', { token: session.accessToken, body: { code: totp(started.body.secret) } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.recoveryCodes).toHaveLength(10);
    expect(new Set(confirmed.body.recoveryCodes).size).toBe(10);
    const status = await api.request('GET', '/me/mfa', { token: session.accessToken });
    expect(status.body).toEqual({ enabled: true, enabledAt: expect.any(String), recoveryCodesLeft: 10, required: false });

    // At rest: the secret sealed (not the base32), the recovery codes hashed.
    const { rows } = await owner.query(`SELECT totp_secret, recovery_code_hashes FROM user_mfa WHERE tenant_id = $1 AND user_id = $2`, [t.tenantId, t.advisor.userId]);
    expect(rows[0].totp_secret).not.toContain(started.body.secret);
    expect(rows[0].totp_secret).toMatch(/^v1:/);
    expect(rows[0].recovery_code_hashes).toHaveLength(10);
    expect(JSON.stringify(rows[0])).not.toContain(confirmed.body.recoveryCodes[0]);
    expect((await api.request('POST', '/me/mfa/totp', { token: session.accessToken })).status).toBe(409);
  });

  it('asks for the code after the password, signs in with a TOTP code, and never accepts the same code twice', async () => {
    const person = await api.accept((await api.invite(t.admin, `two-step@${t.slug}.test`, 'advisor')).token, 'Tess Twostep');
    const { secret } = await enrol(person);
    const first = await login(person.email);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ mfaRequired: true, mfaToken: expect.any(String) });
    expect(first.headers.getSetCookie().some((c) => c.startsWith('fw_refresh='))).toBe(false);
    // The second-step token is not an access token.
    expect((await api.request('GET', '/me', { token: first.body.mfaToken })).status).toBe(401);

    // The code used to confirm enrolment was just accepted: the next period's code is the fresh one.
    const code = totp(secret, 1);
    const signedIn = await api.request('POST', '/auth/mfa', { body: { mfaToken: first.body.mfaToken, code } });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user).toMatchObject({ email: person.email, role: 'advisor' });
    expect(signedIn.refreshCookie).toBeTruthy();
    expect((await api.request('GET', '/me', { token: signedIn.body.accessToken })).status).toBe(200);

    const again = await login(person.email);
    const replay = await api.request('POST', '/auth/mfa', { body: { mfaToken: again.body.mfaToken, code } });
    expect(replay.status).toBe(401);
    expect(replay.body.message).toMatch(/That code didn't work/);
    expect((await api.request('POST', '/auth/mfa', { body: { mfaToken: 'forged.token.here', code: totp(secret) } })).status).toBe(401);
  });

  it('accepts each recovery code once', async () => {
    const person = await api.accept((await api.invite(t.admin, `recovery@${t.slug}.test`, 'student')).token, 'Rory Recovery');
    const { recoveryCodes } = await enrol(person);
    const challenge = await login(person.email);
    const used = await api.request('POST', '/auth/mfa', { body: { mfaToken: challenge.body.mfaToken, code: recoveryCodes[3].toUpperCase() } });
    expect(used.status).toBe(200);
    const status = await api.request('GET', '/me/mfa', { token: used.body.accessToken });
    expect(status.body.recoveryCodesLeft).toBe(9);
    const second = await login(person.email);
    expect((await api.request('POST', '/auth/mfa', { body: { mfaToken: second.body.mfaToken, code: recoveryCodes[3] } })).status).toBe(401);
    expect((await api.request('POST', '/auth/mfa', { body: { mfaToken: second.body.mfaToken, code: recoveryCodes[4] } })).status).toBe(200);
  });

  it('throttles wrong codes: after five, even the right one waits (429 with Retry-After)', async () => {
    const person = await api.accept((await api.invite(t.admin, `throttled@${t.slug}.test`, 'student')).token, 'Theo Throttled');
    const { secret } = await enrol(person);
    const challenge = await login(person.email);
    for (let i = 0; i < 5; i++) {
      expect((await api.request('POST', '/auth/mfa', { body: { mfaToken: challenge.body.mfaToken, code: String(100000 + i) } })).status).toBe(401);
    }
    const blocked = await api.request('POST', '/auth/mfa', { body: { mfaToken: challenge.body.mfaToken, code: totp(secret, 1) } });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(blocked.body.message).toMatch(/Too many wrong codes/);
  });

  it('turns off with a current code; refuses without one', async () => {
    const person = await api.accept((await api.invite(t.admin, `leaving-mfa@${t.slug}.test`, 'student')).token, 'Lou Offswitch');
    const { secret } = await enrol(person);
    expect((await api.request('DELETE', '/me/mfa', { token: person.accessToken, body: { code: '000000' } })).status).toBe(400);
    expect((await api.request('DELETE', '/me/mfa', { token: person.accessToken, body: { code: totp(secret, 1) } })).status).toBe(204);
    expect((await login(person.email)).body.accessToken).toBeTruthy();
  });

  it('lets an admin reset a person’s MFA (audited, their sessions end); advisors may not; another career center’s person is 404', async () => {
    const person = await api.accept((await api.invite(t.admin, `lost-phone@${t.slug}.test`, 'advisor')).token, 'Pat Lostphone');
    await enrol(person);
    expect((await api.request('DELETE', `/users/${person.userId}/mfa`, { token: t.advisor.accessToken })).status).toBe(403);
    const reset = await api.request('DELETE', `/users/${person.userId}/mfa`, { token: t.admin.accessToken });
    expect(reset.status).toBe(204);
    expect((await api.request('GET', '/me', { token: person.accessToken })).status).toBe(401);
    expect((await login(person.email)).body.accessToken).toBeTruthy();
    expect((await api.request('DELETE', `/users/${person.userId}/mfa`, { token: t.admin.accessToken })).status).toBe(409);
    const other = await api.tenantWithPeople();
    expect((await api.request('DELETE', `/users/${other.advisor.userId}/mfa`, { token: t.admin.accessToken })).status).toBe(404);
    const { rows } = await owner.query(`SELECT actor_id FROM audit_events WHERE tenant_id = $1 AND action = 'mfa.reset' AND subject_id = $2`, [t.tenantId, person.userId]);
    expect(rows).toEqual([{ actor_id: t.admin.userId }]);
  });

  it('requires MFA of staff when the career center says so: enrol right after the password, students unaffected', async () => {
    const center = await api.tenantWithPeople();
    const set = await api.request('PUT', '/tenant/mfa-policy', { token: center.admin.accessToken, body: { requireForStaff: true } });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ requireForStaff: true });
    expect((await api.request('GET', '/tenant/mfa-policy', { token: center.admin.accessToken })).body).toEqual({ requireForStaff: true });
    expect((await api.request('PUT', '/tenant/mfa-policy', { token: center.advisor.accessToken, body: { requireForStaff: false } })).status).toBe(403);
    expect((await api.request('PUT', '/tenant/mfa-policy', { token: center.admin.accessToken, body: { requireForStaff: 'yes' } })).status).toBe(400);

    const student = await api.request('POST', '/auth/login', { body: { tenant: center.slug, email: center.student.email, password: STRONG_PASSWORD } });
    expect(student.body.accessToken).toBeTruthy();

    const advisor = await api.request('POST', '/auth/login', { body: { tenant: center.slug, email: center.advisor.email, password: STRONG_PASSWORD } });
    expect(advisor.body).toEqual({ mfaEnrollmentRequired: true, mfaToken: expect.any(String) });
    // An enrolment token is not a second-step token.
    expect((await api.request('POST', '/auth/mfa', { body: { mfaToken: advisor.body.mfaToken, code: '123456' } })).status).toBe(401);
    const started = await api.request('POST', '/auth/mfa/enroll', { body: { mfaToken: advisor.body.mfaToken } });
    expect(started.status).toBe(200);
    const done = await api.request('POST', '/auth/mfa/enroll/confirm', { body: { mfaToken: advisor.body.mfaToken, code: totp(started.body.secret) } });
    expect(done.status).toBe(200);
    expect(done.body.recoveryCodes).toHaveLength(10);
    expect(done.body.user).toMatchObject({ email: center.advisor.email });
    expect(done.refreshCookie).toBeTruthy();
    const status = await api.request('GET', '/me/mfa', { token: done.body.accessToken });
    expect(status.body).toMatchObject({ enabled: true, required: true });
    // Required: it cannot be switched off by its owner.
    const off = await api.request('DELETE', '/me/mfa', { token: done.body.accessToken, body: { code: totp(started.body.secret, 1) } });
    expect(off.status).toBe(409);
    expect(off.body.message).toMatch(/requires two-step sign-in/);
    // Next time: the code step.
    const next = await api.request('POST', '/auth/login', { body: { tenant: center.slug, email: center.advisor.email, password: STRONG_PASSWORD } });
    expect(next.body.mfaRequired).toBe(true);
    const { rows } = await owner.query(`SELECT count(*)::int AS n FROM audit_events WHERE tenant_id = $1 AND action = 'tenant.mfa_policy_changed'`, [center.tenantId]);
    expect(rows[0].n).toBe(1);
  });

  it('keeps operators without a code outside production', async () => {
    const operator = await api.request('POST', '/auth/login', { body: { email: api.config.env.OPERATOR_EMAIL, password: api.config.env.OPERATOR_PASSWORD } });
    expect(operator.body.accessToken).toBeTruthy();
    expect((await api.request('GET', '/me/mfa', { token: operator.body.accessToken })).body).toMatchObject({ enabled: false, required: false });
  });
});
