import { createHash } from 'node:crypto';
import type { Client } from 'pg';
import { eventually, ownerClient } from '@fieldwork/server-core/testing';
import { PasswordResetService } from '@fieldwork/server-identity';
import { STRONG_PASSWORD, TenantFixture, TestApi } from './support/test-api';

const NEW_PASSWORD = 'Harbor-Lantern-Quilt-58';

describe('password reset', () => {
  let api: TestApi;
  let t: TenantFixture;
  let owner: Client;

  beforeAll(async () => {
    api = await TestApi.start();
    t = await api.tenantWithPeople('America/Denver');
    owner = await ownerClient(api.config);
  });
  afterAll(async () => {
    await owner?.end();
    await api?.close();
  });

  /** The reset e-mail written for `email` (the worker would send it), once the background request is done. */
  async function resetEmail(email: string): Promise<{ link: string; body: string; title: string; token: string }> {
    await api.app.get(PasswordResetService).settled();
    const row = await eventually(async () => {
      const { rows } = await owner.query(
        `SELECT e.link, e.body, e.title FROM email_deliveries e JOIN users u ON u.tenant_id = e.tenant_id AND u.id = e.user_id
          WHERE e.tenant_id = $1 AND u.email = $2 AND e.kind = 'password_reset' ORDER BY e.created_at DESC LIMIT 1`,
        [t.tenantId, email],
      );
      return rows[0];
    });
    return { ...row, token: new URL(row.link).searchParams.get('token') ?? '' };
  }

  async function countResets(email: string): Promise<number> {
    await api.app.get(PasswordResetService).settled();
    const { rows } = await owner.query(
      `SELECT count(*)::int AS n FROM password_resets r JOIN users u ON u.tenant_id = r.tenant_id AND u.id = r.user_id WHERE r.tenant_id = $1 AND u.email = $2`,
      [t.tenantId, email],
    );
    return rows[0].n;
  }

  it('answers 202 with the same words for a real account, an unknown address and an unknown career center alike', async () => {
    const replies = await Promise.all([
      api.request('POST', '/auth/password-reset', { body: { tenant: t.slug, email: t.advisor.email } }),
      api.request('POST', '/auth/password-reset', { body: { tenant: t.slug, email: 'nobody@nowhere.test' } }),
      api.request('POST', '/auth/password-reset', { body: { tenant: 'no-such-center', email: t.advisor.email } }),
    ]);
    const same = { message: expect.stringMatching(/^If an account with that e-mail exists/) };
    expect(replies.map((r) => [r.status, r.body])).toEqual([
      [202, same],
      [202, same],
      [202, same],
    ]);
    expect(new Set(replies.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(await countResets(t.advisor.email)).toBe(1);
    const { rows } = await owner.query(`SELECT count(*)::int AS n FROM password_resets WHERE tenant_id = $1`, [t.tenantId]);
    expect(rows[0].n).toBe(1);
  });

  it('e-mails a link to /reset-password, stored only as a hash, with its expiry in the career center’s zone', async () => {
    const mail = await resetEmail(t.advisor.email);
    expect(mail.link).toMatch(/\/reset-password\?token=[A-Za-z0-9_-]{64}$/);
    expect(mail.title).toContain(`Career Center ${t.slug}`);
    expect(mail.body).toMatch(/until \d{1,2}:\d{2} (AM|PM) MST/);
    const { rows } = await owner.query(`SELECT token_hash, expires_at - created_at AS ttl FROM password_resets WHERE tenant_id = $1`, [t.tenantId]);
    expect(rows[0].token_hash.equals(createHash('sha256').update(mail.token).digest())).toBe(true);
    expect(rows[0].ttl.minutes).toBe(30);
  });

  it('refuses a weak or personal new password, naming the field, and keeps the link usable', async () => {
    const { token } = await resetEmail(t.advisor.email);
    for (const password of ['short', 'Fieldwork2026!', 'fieldwork-demo1', `${t.slug}-Advisor-1`]) {
      const reply = await api.request('POST', '/auth/password-reset/confirm', { body: { token, password } });
      expect(reply.status).toBe(400);
      expect(reply.body.details[0].field).toBe('password');
    }
    expect((await api.request('POST', '/auth/password-reset/confirm', { body: { token: 'not-a-token', password: NEW_PASSWORD } })).status).toBe(404);
  });

  it('sets the new password once, ends every session at once, and is audited', async () => {
    const session = await api.login(t.slug, t.advisor.email, STRONG_PASSWORD);
    const { token } = await resetEmail(t.advisor.email);
    const reply = await api.request('POST', '/auth/password-reset/confirm', { body: { token, password: NEW_PASSWORD } });
    expect(reply.status).toBe(204);

    // Access token and refresh token of the earlier session: refused on the very next request.
    expect((await api.request('GET', '/me', { token: session.accessToken })).status).toBe(401);
    expect((await api.request('POST', '/auth/refresh', { cookie: session.refreshCookie })).status).toBe(401);
    expect((await api.request('POST', '/auth/login', { body: { tenant: t.slug, email: t.advisor.email, password: STRONG_PASSWORD } })).status).toBe(401);
    await api.login(t.slug, t.advisor.email, NEW_PASSWORD);

    const again = await api.request('POST', '/auth/password-reset/confirm', { body: { token, password: 'Another-Quiet-Meadow-77' } });
    expect(again.status).toBe(410);
    expect(again.body.message).toMatch(/already used/);
    const { rows } = await owner.query(`SELECT action FROM audit_events WHERE tenant_id = $1 AND subject_id = $2 ORDER BY occurred_at`, [t.tenantId, t.advisor.userId]);
    expect(rows.map((r: { action: string }) => r.action)).toEqual(expect.arrayContaining(['auth.password_reset_requested', 'auth.password_reset']));
  });

  it('expires a link after 30 minutes, and a newer link replaces an older one', async () => {
    await api.request('POST', '/auth/password-reset', { body: { tenant: t.slug, email: t.student.email } });
    const first = await resetEmail(t.student.email);
    await api.request('POST', '/auth/password-reset', { body: { tenant: t.slug, email: t.student.email.toUpperCase() } });
    const second = await resetEmail(t.student.email);
    expect(second.token).not.toBe(first.token);
    expect((await api.request('POST', '/auth/password-reset/confirm', { body: { token: first.token, password: NEW_PASSWORD } })).status).toBe(410);

    await owner.query(`UPDATE password_resets SET expires_at = now() - interval '1 second' WHERE tenant_id = $1 AND used_at IS NULL`, [t.tenantId]);
    const expired = await api.request('POST', '/auth/password-reset/confirm', { body: { token: second.token, password: NEW_PASSWORD } });
    expect(expired.status).toBe(410);
    expect(expired.body.message).toMatch(/expired/);
    await api.login(t.slug, t.student.email, STRONG_PASSWORD);
  });

  it('lets an admin send a reset from People (audited), not for a person who never accepted their invitation', async () => {
    const sent = await api.request('POST', `/users/${t.student.userId}/password-reset`, { token: t.admin.accessToken });
    expect(sent.status).toBe(202);
    expect(sent.body).toEqual({ email: t.student.email, expiresAt: expect.any(String) });
    const mail = await resetEmail(t.student.email);
    expect(mail.body).toMatch(/An administrator/);

    const pending = await api.invite(t.admin, `pending@${t.slug}.test`, 'student', 'Pending Person');
    void pending;
    const { rows } = await owner.query(`SELECT id FROM users WHERE tenant_id = $1 AND email = $2`, [t.tenantId, `pending@${t.slug}.test`]);
    const refused = await api.request('POST', `/users/${rows[0].id}/password-reset`, { token: t.admin.accessToken });
    expect(refused.status).toBe(409);
    const advisor = await api.login(t.slug, t.advisor.email, NEW_PASSWORD);
    expect((await api.request('POST', `/users/${t.student.userId}/password-reset`, { token: advisor.accessToken })).status).toBe(403);
    const admin = await api.login(t.slug, t.admin.email, STRONG_PASSWORD);
    const other = await api.tenantWithPeople();
    expect((await api.request('POST', `/users/${other.student.userId}/password-reset`, { token: admin.accessToken })).status).toBe(404);
    const audit = await owner.query(`SELECT count(*)::int AS n FROM audit_events WHERE tenant_id = $1 AND action = 'auth.password_reset_sent'`, [t.tenantId]);
    expect(audit.rows[0].n).toBe(1);
  });

  it('throttles reset requests per account (429 with Retry-After), whatever the answer would have been', async () => {
    const statuses: number[] = [];
    let retryAfter = '';
    for (let i = 0; i < 6; i++) {
      const reply = await api.request('POST', '/auth/password-reset', { body: { tenant: t.slug, email: 'flood@nowhere.test' } });
      statuses.push(reply.status);
      retryAfter = reply.headers.get('retry-after') ?? retryAfter;
    }
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });
});
