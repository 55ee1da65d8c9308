import { createHash } from 'node:crypto';
import { ownerClient } from '@fieldwork/server-core/testing';
import { ROUTE_RULES } from '@fieldwork/server-access';
import { TenantFixture, TestApi } from './support/test-api';
import { sync } from './support/roster-upload';

const CSV = 'email,name,student_id,cohort\nnightly.one@tokens.test,Nightly One,N1,Token Cohort\n';

describe('API tokens (a registrar’s nightly roster push)', () => {
  let api: TestApi;
  let t: TenantFixture;
  let other: TenantFixture;

  beforeAll(async () => {
    api = await TestApi.start();
    t = await api.tenantWithPeople();
    other = await api.tenantWithPeople();
  });
  afterAll(() => api.close());

  const create = (token: string, body: unknown) => api.request('POST', '/api-tokens', { token, body });

  it('is shown once, stored only as a hash, listed without the secret, and its creation audited', async () => {
    const made = await create(t.admin.accessToken, { name: '  Registrar nightly  ', scope: 'roster:import' });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ name: 'Registrar nightly', scope: 'roster:import', revoked: false, lastUsedAt: null, createdBy: { id: t.admin.userId, name: 'Ada Admin' } });
    expect(made.body.token).toMatch(/^fwt_[A-Za-z0-9_-]{64}$/);
    expect(made.body.hint).toBe(`fwt_…${made.body.token.slice(-4)}`);

    const list = await api.request('GET', '/api-tokens', { token: t.admin.accessToken });
    const listed = list.body.items.find((item: { id: string }) => item.id === made.body.id);
    expect(listed).toMatchObject({ name: 'Registrar nightly', hint: made.body.hint });
    expect(JSON.stringify(list.body)).not.toContain(made.body.token.slice(4));

    const owner = await ownerClient(api.config);
    try {
      const { rows } = await owner.query(`SELECT to_jsonb(t) AS row, token_hash FROM api_tokens t WHERE id = $1`, [made.body.id]);
      expect(rows[0].token_hash).toEqual(createHash('sha256').update(made.body.token.slice(4)).digest());
      expect(JSON.stringify(rows[0].row)).not.toContain(made.body.token.slice(4));
    } finally {
      await owner.end();
    }
    const audit = await api.request('GET', '/audit-events?action=api_token.created', { token: t.admin.accessToken });
    expect(audit.body.items[0]).toMatchObject({ actor: { id: t.admin.userId }, subjectId: made.body.id, details: { name: 'Registrar nightly', scope: 'roster:import' } });
  });

  it('imports a roster as the registrar’s job: audited as the token, in the history, last use recorded, invitations from its creator', async () => {
    const made = await create(t.admin.accessToken, { name: 'Nightly push', scope: 'roster:import' });
    const dry = await sync(api, made.body.token, CSV, { dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body.counts).toMatchObject({ added: 1 });
    const real = await sync(api, made.body.token, CSV);
    expect(real.status).toBe(200);
    expect(real.body).toMatchObject({ ok: true, created: { students: 1, cohorts: 1, memberships: 1 } });

    const audit = await api.request('GET', '/audit-events?action=roster.imported', { token: t.admin.accessToken });
    expect(audit.body.items[0]).toMatchObject({ actor: { id: made.body.id }, details: { rows: 1, added: 1, via: 'api-token' } });
    const history = await api.request('GET', '/rosters/imports', { token: t.admin.accessToken });
    expect(history.body.items.slice(0, 2).map((item: { by: unknown; dryRun: boolean }) => [item.by, item.dryRun])).toEqual([
      [{ kind: 'api-token', id: made.body.id, name: 'Nightly push' }, false],
      [{ kind: 'api-token', id: made.body.id, name: 'Nightly push' }, true],
    ]);
    const listed = (await api.request('GET', '/api-tokens', { token: t.admin.accessToken })).body.items.find((item: { id: string }) => item.id === made.body.id);
    expect(Date.parse(listed.lastUsedAt)).toBeGreaterThan(Date.now() - 60_000);
    const person = (await api.request('GET', '/users?q=nightly.one', { token: t.admin.accessToken })).body.items[0];
    expect(person).toMatchObject({ role: 'student', activated: false });
    const owner = await ownerClient(api.config);
    try {
      const { rows } = await owner.query(`SELECT invited_by FROM invitations WHERE tenant_id = $1 AND user_id = $2`, [t.tenantId, person.id]);
      expect(rows).toEqual([{ invited_by: t.admin.userId }]);
    } finally {
      await owner.end();
    }
  });

  it('works on the roster import only: every other route answers 401', async () => {
    const made = await create(t.admin.accessToken, { name: 'Only roster', scope: 'roster:import' });
    const wrong: string[] = [];
    const uuid = '00000000-0000-4000-8000-000000000000';
    for (const [key, rule] of Object.entries(ROUTE_RULES)) {
      if (rule === 'public' || key === 'POST /api/rosters/import') continue;
      const [method, path] = key.split(' ');
      const reply = await api.request(method, path.replace(/^\/api/, '').replace(/\{[^}]+\}/g, uuid), { token: made.body.token, body: method === 'GET' ? undefined : {} });
      if (reply.status !== 401) wrong.push(`${key}: ${reply.status}`);
    }
    expect(wrong).toEqual([]);
    // The signed-in admin still imports with an access token.
    expect((await sync(api, t.admin.accessToken, CSV, { dryRun: true })).status).toBe(200);
  });

  it('is refused at once when revoked (revocation audited); an unknown or mangled token is refused too', async () => {
    const made = await create(t.admin.accessToken, { name: 'Soon revoked', scope: 'roster:import' });
    expect((await sync(api, made.body.token, CSV, { dryRun: true })).status).toBe(200);
    expect((await api.request('DELETE', `/api-tokens/${made.body.id}`, { token: t.admin.accessToken })).status).toBe(204);
    const refused = await sync(api, made.body.token, CSV, { dryRun: true });
    expect(refused.status).toBe(401);
    expect(refused.body.message).toMatch(/not valid/);
    // Revoking again changes nothing.
    expect((await api.request('DELETE', `/api-tokens/${made.body.id}`, { token: t.admin.accessToken })).status).toBe(204);
    const listed = (await api.request('GET', '/api-tokens', { token: t.admin.accessToken })).body.items.find((item: { id: string }) => item.id === made.body.id);
    expect(listed).toMatchObject({ revoked: true });
    const audit = await api.request('GET', '/audit-events?action=api_token.revoked', { token: t.admin.accessToken });
    expect(audit.body.items.filter((e: { subjectId: string }) => e.subjectId === made.body.id)).toHaveLength(1);

    const live = await create(t.admin.accessToken, { name: 'Live', scope: 'roster:import' });
    const flipped = `${live.body.token.slice(0, -1)}${live.body.token.endsWith('A') ? 'B' : 'A'}`;
    for (const bad of [flipped, 'fwt_', 'fwt_not-a-token', `fwt_${'A'.repeat(64)}`]) {
      expect((await sync(api, bad, CSV, { dryRun: true })).status).toBe(401);
    }
  });

  it('takes a name and the one scope there is; only admins make, list and revoke tokens', async () => {
    const badScope = await create(t.admin.accessToken, { name: 'Too much', scope: 'users:write' });
    expect(badScope.status).toBe(400);
    expect(JSON.stringify(badScope.body)).toMatch(/scope must be one of: roster:import/);
    const noName = await create(t.admin.accessToken, { name: '   ', scope: 'roster:import' });
    expect(noName.status).toBe(400);
    expect(JSON.stringify(noName.body)).toMatch(/name must not be empty/);
    expect((await create(t.admin.accessToken, { name: 'x'.repeat(101), scope: 'roster:import' })).status).toBe(400);
    expect((await create(t.advisor.accessToken, { name: 'Advisor token', scope: 'roster:import' })).status).toBe(403);
    expect((await api.request('GET', '/api-tokens', { token: t.student.accessToken })).status).toBe(403);
    expect((await api.request('DELETE', '/api-tokens/not-a-uuid', { token: t.admin.accessToken })).status).toBe(404);
  });

  it('stays in its career center: another one’s token id is a 404, its list and roster are out of reach', async () => {
    const theirs = await create(other.admin.accessToken, { name: 'Their nightly', scope: 'roster:import' });
    expect((await api.request('DELETE', `/api-tokens/${theirs.body.id}`, { token: t.admin.accessToken })).status).toBe(404);
    const mine = await api.request('GET', '/api-tokens', { token: t.admin.accessToken });
    expect(mine.body.items.map((item: { id: string }) => item.id)).not.toContain(theirs.body.id);
    // Their token pushes into their career center only.
    expect((await sync(api, theirs.body.token, CSV)).status).toBe(200);
    const here = await api.request('GET', '/users?q=nightly.one', { token: t.admin.accessToken });
    expect(here.body.items).toHaveLength(1);
    const there = await api.request('GET', '/users?q=nightly.one', { token: other.admin.accessToken });
    expect(there.body.items).toHaveLength(1);
    expect(there.body.items[0].id).not.toBe(here.body.items[0].id);
    expect((await api.request('GET', '/api-tokens', { token: other.admin.accessToken })).body.items[0]).toMatchObject({ id: theirs.body.id, revoked: false });
  });
});
