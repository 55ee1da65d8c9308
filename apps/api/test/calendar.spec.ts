import { TenantFixture, TestApi } from './support/test-api';
import { cohortWithPeople, inDays } from './support/homework-fixture';

describe('calendar feeds over HTTP', () => {
  let api: TestApi;
  let t: TenantFixture;

  beforeAll(async () => {
    api = await TestApi.start();
    t = await api.tenantWithPeople();
  });
  afterAll(() => api.close());

  const feed = async (url: string) => {
    const response = await fetch(`${api.url}${new URL(url).pathname}`);
    return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
  };

  it('gives each user a secret ICS feed of their due dates, and rotating it kills the old link', async () => {
    const { cohortId, template } = await cohortWithPeople(api, t, 'Calendar cohort');
    await api.request('POST', '/assignments', { token: t.advisor.accessToken, body: { templateId: template.id, cohortId, opensAt: inDays(-1), dueAt: inDays(4) } });
    const outsider = await api.accept((await api.invite(t.admin, 'outside.advisor@x.test', 'advisor')).token, 'Outside Advisor');

    const student = await api.request('GET', '/me/calendar', { token: t.student.accessToken });
    expect(student.body.url).toMatch(/\/api\/calendar\/[A-Za-z0-9_-]{64}\.ics$/);
    // Only a hash is stored: the link is shown once, then the API says a link exists (leftovers-calendar.spec.ts).
    expect((await api.request('GET', '/me/calendar', { token: t.student.accessToken })).body).toEqual({ url: null, createdAt: student.body.createdAt });
    const studentFeed = await feed(student.body.url);
    expect(studentFeed.status).toBe(200);
    expect(studentFeed.type).toMatch(/text\/calendar/);
    expect(studentFeed.body).toContain('BEGIN:VEVENT');
    expect(studentFeed.body).toContain(`SUMMARY:Due: ${template.title.slice(0, 40)}`);

    const advisorFeed = await feed((await api.request('GET', '/me/calendar', { token: t.advisor.accessToken })).body.url);
    expect(advisorFeed.body).toContain('Calendar cohort');
    const outsiderFeed = await feed((await api.request('GET', '/me/calendar', { token: outsider.accessToken })).body.url);
    expect(outsiderFeed.body).not.toContain('BEGIN:VEVENT');

    const rotated = await api.request('POST', '/me/calendar/rotate', { token: t.student.accessToken });
    expect(rotated.body.url).not.toBe(student.body.url);
    expect((await feed(student.body.url)).status).toBe(404);
    expect((await feed(rotated.body.url)).status).toBe(200);
    expect((await fetch(`${api.url}/api/calendar/not-a-token.ics`)).status).toBe(404);
    // A token that names another tenant as its realm finds nothing there.
    const otherTenant = await api.tenantWithPeople();
    const secret = new URL(rotated.body.url).pathname.split('/').pop()!.replace('.ics', '');
    const foreign = Buffer.concat([Buffer.from(otherTenant.tenantId.replace(/-/g, ''), 'hex'), Buffer.from(secret, 'base64url').subarray(16)]).toString('base64url');
    expect((await fetch(`${api.url}/api/calendar/${foreign}.ics`)).status).toBe(404);
  });
});
