import { TenantFixture, TestApi } from './support/test-api';
import { cohortWithPeople, inDays } from './support/homework-fixture';

/** Issue 11 §2: bad input gets a 400 (or 409/413) with a clear message naming the field, never a 500. */

async function upload(api: TestApi, token: string, file: Blob | string, dryRun: boolean, name = 'roster.csv') {
  const form = new FormData();
  form.append('file', typeof file === 'string' ? new Blob([file], { type: 'text/csv' }) : file, name);
  const response = await fetch(`${api.url}/api/rosters/import?dryRun=${dryRun}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  return { status: response.status, body: await response.json(), headers: response.headers };
}

function fields(body: { details?: { field: string }[] }): string[] {
  return (body.details ?? []).map((detail) => detail.field);
}

describe('bad input over HTTP', () => {
  let api: TestApi;
  let t: TenantFixture;

  beforeAll(async () => {
    api = await TestApi.start();
    t = await api.tenantWithPeople();
  });
  afterAll(() => api.close());

  describe('page parameters', () => {
    it.each(['abc', '', '1e3', '1.5', ' 7 '])('limit=%j is a 400, as it was before the lists shared @PageQuery()', async (limit) => {
      const reply = await api.request('GET', `/cohorts?limit=${encodeURIComponent(limit)}`, { token: t.admin.accessToken });
      expect(reply.status).toBe(400);
      expect(reply.body.message).toBe('Validation failed (numeric string is expected)');
    });

    it('a repeated limit is a 400 too; a good one pages', async () => {
      expect((await api.request('GET', '/cohorts?limit=2&limit=3', { token: t.admin.accessToken })).status).toBe(400);
      const page = await api.request('GET', '/cohorts?limit=1', { token: t.admin.accessToken });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(1);
    });
  });

  describe('NUL characters', () => {
    it('are a 400 naming the field on sign-in, without signing in', async () => {
      const reply = await api.request('POST', '/auth/login', { body: { tenant: t.slug, email: t.admin.email, password: 'fieldwork\u0000' } });
      expect(reply.status).toBe(400);
      expect(reply.body.message).toBe('Invalid password: must not contain the NUL character');
      expect(fields(reply.body)).toEqual(['password']);
      const inTenant = await api.request('POST', '/auth/login', { body: { tenant: `demo\u0000`, email: t.admin.email, password: 'x' } });
      expect(inTenant.status).toBe(400);
      expect(fields(inTenant.body)).toEqual(['tenant']);
    });

    it('half a surrogate pair is a 400 naming the field too (a validator used to throw on it: 500)', async () => {
      const reply = await api.request('POST', '/auth/login', { body: { tenant: t.slug, email: '\ud800', password: 'x' } });
      expect(reply.status).toBe(400);
      expect(fields(reply.body)).toEqual(['email']);
    });

    it('are a 400 in query parameters', async () => {
      const reply = await api.request('GET', '/users?q=%00', { token: t.admin.accessToken });
      expect(reply.status).toBe(400);
      expect(fields(reply.body)).toEqual(['q']);
      expect(reply.body.details[0].problems[0]).toBe('q must not contain the NUL character');
    });

    it('are a 400 in a path segment', async () => {
      const reply = await api.request('GET', '/contacts/%00', { token: t.student.accessToken });
      expect(reply.status).toBe(400);
    });

    it('are a 400 in JSON stored in jsonb (reflection answers), named by its path', async () => {
      const c = await cohortWithPeople(api, t, 'NUL Cohort');
      const assigned = await api.request('POST', '/assignments', { token: t.admin.accessToken, body: { templateId: c.template.id, cohortId: c.cohortId, opensAt: inDays(-1), dueAt: inDays(7) } });
      expect(assigned.status).toBe(201);
      const tasks = await api.request('GET', '/tasks', { token: t.student.accessToken });
      const task = tasks.body.items.find((x: { assignmentId: string }) => x.assignmentId === assigned.body.id);
      const draft = await api.request('PUT', `/tasks/${task.id}/draft`, { token: t.student.accessToken, body: { answers: { organization: 'City\u0000Planning' } } });
      expect(draft.status).toBe(400);
      expect(fields(draft.body)).toEqual(['answers.organization']);
    });

    it('in a CSV cell are that line’s problem in the roster report', async () => {
      const reply = await upload(api, t.admin.accessToken, 'email,name,student_id,cohort\nnul@x.test,Nu\u0000l Person,N1,Fall\n', true);
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ ok: false, errors: [{ line: 2, problems: ['name must not contain the NUL character'] }] });
    });
  });

  describe('deeply nested JSON', () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);

    it('is refused before validation, even unauthenticated', async () => {
      for (const path of ['/auth/login', '/auth/accept-invitation']) {
        const reply = await api.request('POST', path, { rawBody: deep });
        expect(reply.status).toBe(400);
        expect(reply.body.message).toMatch(/^JSON is nested too deeply/);
      }
    });

    it('is refused on a signed-in body too, including nested inside an object', async () => {
      const reply = await api.request('POST', '/templates', { token: t.admin.accessToken, rawBody: `{"prompts":${deep}}` });
      expect(reply.status).toBe(400);
      expect(reply.body.message).toMatch(/^JSON is nested too deeply/);
      const objects = '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000);
      const contact = await api.request('POST', '/contacts', { token: t.student.accessToken, rawBody: objects });
      expect(contact.status).toBe(400);
    });
  });

  describe('null for a field that cannot be null', () => {
    it('PATCH /contacts/:id {"name": null} by the owner is a 400 naming name', async () => {
      const contact = await api.request('POST', '/contacts', { token: t.student.accessToken, body: { name: 'Null Target' } });
      expect(contact.status).toBe(201);
      const reply = await api.request('PATCH', `/contacts/${contact.body.id}`, { token: t.student.accessToken, body: { name: null } });
      expect(reply.status).toBe(400);
      expect(fields(reply.body)).toContain('name');
      expect(reply.body.details[0].problems).toContain('name must not be null');
      const cleared = await api.request('PATCH', `/contacts/${contact.body.id}`, { token: t.student.accessToken, body: { organization: null } });
      expect(cleared.status).toBe(200);
    });

    it('every update DTO refuses null for its non-nullable fields', async () => {
      const cohort = await api.request('POST', '/cohorts', { token: t.admin.accessToken, body: { name: 'Null Cohort' } });
      const cases: [string, string, object, string][] = [
        ['PATCH', `/cohorts/${cohort.body.id}`, { name: null }, 'name'],
        ['PATCH', `/cohorts/${cohort.body.id}`, { archived: null }, 'archived'],
        ['PATCH', `/users/${t.student.userId}`, { name: null }, 'name'],
        ['PATCH', `/users/${t.student.userId}`, { role: null }, 'role'],
        ['PATCH', `/users/${t.student.userId}`, { active: null }, 'active'],
        ['PATCH', '/tenant/settings', { timezone: null }, 'timezone'],
      ];
      for (const [method, path, body, field] of cases) {
        const reply = await api.request(method, path, { token: t.admin.accessToken, body });
        expect({ path, body, status: reply.status }).toEqual({ path, body, status: 400 });
        expect(fields(reply.body)).toContain(field);
      }
      const template = (await api.request('GET', '/templates', { token: t.admin.accessToken })).body.items[0];
      for (const field of ['title', 'category', 'instructions', 'prompts', 'contactRequired', 'evidence', 'estimatedMinutes', 'archived']) {
        const reply = await api.request('PATCH', `/templates/${template.id}`, { token: t.admin.accessToken, body: { [field]: null } });
        expect({ field, status: reply.status }).toEqual({ field, status: 400 });
        expect(fields(reply.body)).toContain(field);
      }
    });
  });

  describe('roster import limits', () => {
    it('refuses a 201-character cohort name and a 100,000-character name per line, in the dry run exactly as in the import', async () => {
      const csv = [
        'email,name,student_id,cohort',
        `long.cohort@x.test,Long Cohort,L1,${'C'.repeat(201)}`,
        `long.name@x.test,${'N'.repeat(100_000)},L2,Fall`,
        `long.id@x.test,Long Id,${'9'.repeat(65)},Fall`,
        'fine@x.test,Fine Person,F1,Fall',
      ].join('\n');
      const dry = await upload(api, t.admin.accessToken, csv, true);
      expect(dry.status).toBe(200);
      expect(dry.body.ok).toBe(false);
      const problems = Object.fromEntries(dry.body.errors.map((e: { line: number; problems: string[] }) => [e.line, e.problems.join('; ')]));
      expect(problems).toEqual({
        2: 'cohort name is longer than 200 characters (201)',
        3: 'name is longer than 200 characters (100000)',
        4: 'student_id is longer than 64 characters',
      });
      const real = await upload(api, t.admin.accessToken, csv, false);
      expect(real.status).toBe(400);
      expect(real.body.report.errors).toEqual(dry.body.errors);
      const people = await api.request('GET', '/users?q=fine%40x.test', { token: t.admin.accessToken });
      expect(people.body.items).toEqual([]);
    });

    it('refuses line breaks inside a quoted name or cohort', async () => {
      const reply = await upload(api, t.admin.accessToken, 'email,name,student_id,cohort\nbreak@x.test,"Two\nLines",B1,"Fall\r\nCohort"\n', true);
      expect(reply.body.errors).toEqual([{ line: 2, email: 'break@x.test', problems: ['name must be a single line (no line breaks)', 'cohort must be a single line (no line breaks)'] }]);
    });

    it('says "not a CSV file" for a file that is not text', async () => {
      const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0xff, 0xfe, 0x00, 0x01]);
      const reply = await upload(api, t.admin.accessToken, new Blob([png], { type: 'image/png' }), true, 'photo.png');
      expect(reply.status).toBe(400);
      expect(reply.body.message).toMatch(/^The file is not a CSV file/);
    });

    it('names the real 5 MB limit for an oversized roster, and 1 MB for an oversized JSON body', async () => {
      const big = `email,name,student_id,cohort\n${'x'.repeat(5 * 1024 * 1024 + 10)}`;
      const reply = await upload(api, t.admin.accessToken, big, true);
      expect(reply.status).toBe(413);
      expect(reply.body.message).toBe('The file is larger than 5 MB');
      const json = await api.request('POST', '/contacts', { token: t.student.accessToken, rawBody: JSON.stringify({ name: 'x', notes: 'y'.repeat(1024 * 1024 + 10) }) });
      expect(json.status).toBe(413);
      expect(json.body.message).toBe('Request body is larger than 1 MB');
    });
  });

  describe('template prompts', () => {
    const template = {
      title: 'Prompts must be objects',
      category: 'reciprocity',
      instructions: 'Do it',
      contactRequired: false,
      evidence: { kind: 'none', required: false },
      rubric: null,
      estimatedMinutes: 15,
    };

    it('refuses non-object prompts, rubric entries, levels and evidence', async () => {
      const bodies: [object, string][] = [
        [{ ...template, prompts: [[]] }, 'prompts'],
        [{ ...template, prompts: ['text'] }, 'prompts'],
        [{ ...template, prompts: [1] }, 'prompts'],
        [{ ...template, prompts: [null] }, 'prompts'],
        [{ ...template, prompts: [{ key: 'a', label: 'A', type: 'short_text', required: true }], evidence: [] }, 'evidence'],
        [{ ...template, prompts: [{ key: 'a', label: 'A', type: 'short_text', required: true }], rubric: [[]] }, 'rubric'],
      ];
      for (const [body, field] of bodies) {
        const reply = await api.request('POST', '/templates', { token: t.admin.accessToken, body });
        expect({ body, status: reply.status }).toEqual({ body, status: 400 });
        expect(fields(reply.body)).toContain(field);
      }
      const list = await api.request('GET', '/templates', { token: t.admin.accessToken });
      expect(list.body.items.map((x: { title: string }) => x.title)).not.toContain(template.title);
    });
  });

  describe('line breaks in one-line fields', () => {
    it('are refused with a clear message naming the field', async () => {
      const operator = await api.operatorSession();
      const contact = await api.request('POST', '/contacts', { token: t.student.accessToken, body: { name: 'Line Target' } });
      const cases: [string, string, string, object, string][] = [
        [t.admin.accessToken, 'POST', '/cohorts', { name: 'Spring\n2027' }, 'name'],
        [t.admin.accessToken, 'PATCH', `/users/${t.student.userId}`, { name: 'Stu\rStudent' }, 'name'],
        [t.admin.accessToken, 'POST', '/invitations', { email: 'lines@x.test', name: 'Two\nLines', role: 'student' }, 'name'],
        [operator.accessToken, 'POST', '/platform/tenants', { slug: 'lines-cc', name: 'Career\nCenter', timezone: 'UTC', adminEmail: 'a@lines.test', adminName: 'Ada' }, 'name'],
        [operator.accessToken, 'POST', '/platform/tenants', { slug: 'lines-cc', name: 'Career Center', timezone: 'UTC', adminEmail: 'a@lines.test', adminName: 'Ada\nAdmin' }, 'adminName'],
        [t.student.accessToken, 'POST', '/contacts', { name: 'Jo\nSmith' }, 'name'],
        [t.student.accessToken, 'PATCH', `/contacts/${contact.body.id}`, { organization: 'City\nHall' }, 'organization'],
        [t.student.accessToken, 'PATCH', `/contacts/${contact.body.id}`, { role: 'Planner\r\n' + 'x' }, 'role'],
      ];
      for (const [token, method, path, body, field] of cases) {
        const reply = await api.request(method, path, { token, body });
        expect({ path, body, status: reply.status }).toEqual({ path, body, status: 400 });
        expect(reply.body.details).toContainEqual({ field, problems: [`${field} must be a single line (no line breaks)`] });
      }
      const template = (await api.request('GET', '/templates', { token: t.admin.accessToken })).body.items[0];
      const title = await api.request('PATCH', `/templates/${template.id}`, { token: t.admin.accessToken, body: { title: 'A\nB' } });
      expect(title.status).toBe(400);
      expect(fields(title.body)).toContain('title');
    });
  });

  describe('database refusals', () => {
    it('a unique violation is a 409 and a check violation a 400, never a 500', async () => {
      const first = await api.request('POST', '/cohorts', { token: t.admin.accessToken, body: { name: 'Unique Cohort' } });
      expect(first.status).toBe(201);
      const again = await api.request('POST', '/cohorts', { token: t.admin.accessToken, body: { name: 'unique cohort' } });
      expect(again.status).toBe(409);
      expect(again.body.message).toMatch(/name/);
      const backwards = await api.request('PATCH', `/cohorts/${first.body.id}`, { token: t.admin.accessToken, body: { startsOn: '2027-05-01', endsOn: '2027-01-01' } });
      expect(backwards.status).toBe(400);
    });
  });

  describe('Cache-Control', () => {
    it('is no-store on authenticated answers, errors and export downloads', async () => {
      const me = await api.request('GET', '/me', { token: t.admin.accessToken });
      expect(me.status).toBe(200);
      expect(me.headers.get('cache-control')).toBe('no-store');
      const list = await api.request('GET', '/users', { token: t.admin.accessToken });
      expect(list.headers.get('cache-control')).toBe('no-store');
      const download = await api.request('GET', '/exports/00000000-0000-4000-8000-000000000000/download', { token: t.admin.accessToken });
      expect(download.status).toBe(404);
      expect(download.headers.get('cache-control')).toBe('no-store');
    });
  });
});

describe('Secure cookies', () => {
  async function loginCookie(api: TestApi, t: TenantFixture, headers: Record<string, string> = {}): Promise<string> {
    const response = await fetch(`${api.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ tenant: t.slug, email: t.admin.email, password: 'Networking-Walks-42!' }),
    });
    expect(response.status).toBe(200);
    return response.headers.getSetCookie().find((line) => line.startsWith('fw_refresh=')) ?? '';
  }

  it('are Secure when PUBLIC_URL is https, and behind a trusted proxy that says https', async () => {
    const plain = await TestApi.start();
    try {
      const t = await plain.tenantWithPeople();
      expect(await loginCookie(plain, t)).not.toMatch(/;\s*Secure/i);
      // Without TRUST_PROXY a forwarded header proves nothing.
      expect(await loginCookie(plain, t, { 'x-forwarded-proto': 'https' })).not.toMatch(/;\s*Secure/i);
    } finally {
      await plain.close();
    }
    const proxied = await TestApi.start({ TRUST_PROXY: 'true' });
    try {
      const t = await proxied.tenantWithPeople();
      expect(await loginCookie(proxied, t, { 'x-forwarded-proto': 'https' })).toMatch(/;\s*Secure/i);
      expect(await loginCookie(proxied, t)).not.toMatch(/;\s*Secure/i);
    } finally {
      await proxied.close();
    }
    const https = await TestApi.start({ PUBLIC_URL: 'https://fieldwork.example.edu' });
    try {
      const t = await https.tenantWithPeople();
      const cookie = await loginCookie(https, t);
      expect(cookie).toMatch(/;\s*Secure/i);
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Strict/i);
    } finally {
      await https.close();
    }
  });
});
