import { randomUUID } from 'node:crypto';
import { ownerClient } from '@fieldwork/server-core/testing';
import { TenantFixture, TestApi } from './support/test-api';
import { cohortWithPeople, inDays } from './support/homework-fixture';

describe('notifications over HTTP', () => {
  let api: TestApi;
  let t: TenantFixture;

  beforeAll(async () => {
    api = await TestApi.start();
    t = await api.tenantWithPeople();
  });
  afterAll(() => api.close());

  it('an assignment writes its outbox row in the same transaction as its tasks', async () => {
    const { cohortId, template } = await cohortWithPeople(api, t);
    const assignment = await api.request('POST', '/assignments', { token: t.advisor.accessToken, body: { templateId: template.id, cohortId, opensAt: inDays(-1), dueAt: inDays(3) } });
    const owner = await ownerClient(api.config);
    const { rows } = await owner.query(`SELECT topic, payload FROM outbox WHERE tenant_id = $1 AND topic LIKE 'assignment.%'`, [t.tenantId]);
    await owner.end();
    expect(rows).toEqual([{ topic: 'assignment.created', payload: { assignmentId: assignment.body.id } }]);
  });

  it('lists, counts and marks read only the caller’s own notifications', async () => {
    const owner = await ownerClient(api.config);
    const mine = [randomUUID(), randomUUID(), randomUUID()];
    const theirs = randomUUID();
    for (const [index, id] of mine.entries()) {
      await owner.query(
        `INSERT INTO notifications (tenant_id, id, user_id, kind, subject_id, title, body, link, created_at)
         VALUES ($1, $2, $3, 'new_assignment', gen_random_uuid(), $4, 'Due soon', '/tasks', now() - make_interval(mins => $5))`,
        [t.tenantId, id, t.student.userId, `Note ${index}`, index],
      );
    }
    await owner.query(
      `INSERT INTO notifications (tenant_id, id, user_id, kind, subject_id, title, body) VALUES ($1, $2, $3, 'new_assignment', gen_random_uuid(), 'Advisor note', 'x')`,
      [t.tenantId, theirs, t.advisor.userId],
    );
    await owner.end();

    const first = await api.request('GET', '/notifications?limit=2', { token: t.student.accessToken });
    expect(first.body.unreadCount).toBe(3);
    expect(first.body.items.map((n: { title: string }) => n.title)).toEqual(['Note 0', 'Note 1']);
    const second = await api.request('GET', `/notifications?limit=2&cursor=${first.body.nextCursor}`, { token: t.student.accessToken });
    expect(second.body.items.map((n: { title: string }) => n.title)).toEqual(['Note 2']);

    expect((await api.request('POST', `/notifications/${mine[0]}/read`, { token: t.student.accessToken })).status).toBe(204);
    expect((await api.request('GET', '/notifications?unread=true', { token: t.student.accessToken })).body.unreadCount).toBe(2);
    expect((await api.request('POST', `/notifications/${theirs}/read`, { token: t.student.accessToken })).status).toBe(404);
    const otherTenant = await api.tenantWithPeople();
    expect((await api.request('POST', `/notifications/${mine[1]}/read`, { token: otherTenant.student.accessToken })).status).toBe(404);
    expect((await api.request('GET', '/notifications', { token: otherTenant.student.accessToken })).body.items).toEqual([]);
    expect((await api.request('POST', '/notifications/read-all', { token: t.student.accessToken })).status).toBe(204);
    expect((await api.request('GET', '/notifications', { token: t.student.accessToken })).body.unreadCount).toBe(0);
    expect((await api.request('GET', '/notifications', { token: t.advisor.accessToken })).body.unreadCount).toBe(1);
    const operator = await api.operatorSession();
    expect((await api.request('GET', '/notifications', { token: operator.accessToken })).status).toBe(403);
  });
});
