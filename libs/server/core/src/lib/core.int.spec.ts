import { Outbox } from './outbox/outbox';
import { Passwords } from './security/passwords';
import { QueueService } from './queue/queue.service';
import { TenantDatabase } from './database/tenant-database';
import { execute } from './database/execute';
import { queryRows, sql } from './database/sql';
import { TEST_PASSWORD, inTenant, newCohort, newStudent, newTenant, testModule, type TestApp, type TestTenant } from '../testing';

/** CoreModule's services as every library uses them, on real PostgreSQL and the configured queue backend (no HTTP). */
describe('core services', () => {
  let app: TestApp;
  let tenantDb: TenantDatabase;
  let first: TestTenant;
  let second: TestTenant;

  const names = (tenant: TestTenant) =>
    inTenant(tenant, async (db) => (await queryRows<{ name: string }>(db, sql`SELECT name FROM users ORDER BY name`)).map((row) => row.name));
  const outboxTopics = (tenant: TestTenant) =>
    inTenant(tenant, async (db) => (await queryRows<{ topic: string }>(db, sql`SELECT topic FROM outbox WHERE tenant_id = ${tenant.id}`)).map((row) => row.topic));

  beforeAll(async () => {
    app = await testModule([]);
    tenantDb = app.get(TenantDatabase);
    first = await newTenant(app);
    second = await newTenant(app);
    await newStudent(first, { name: 'Ana First' });
    await newStudent(second, { name: 'Bo Second' });
  });

  afterAll(() => app?.close());

  it('a tenant transaction sees its own tenant’s rows only, even when a query forgets to filter', async () => {
    expect(await names(first)).toEqual(['Ana First']);
    expect(await names(second)).toEqual(['Bo Second']);
    await expect(tenantDb.transaction('not-a-uuid', async () => 'never')).rejects.toThrow('the tenant id must be a UUID');
  });

  it('a failed transaction keeps none of its writes, its outbox announcement included', async () => {
    const outbox = app.get(Outbox);
    const cohort = await newCohort(first);
    const failing = tenantDb.transaction(first.id, async (db) => {
      await execute(db, sql`UPDATE cohorts SET name = 'Renamed' WHERE tenant_id = ${first.id} AND id = ${cohort.id}`);
      await outbox.publish(db, first.id, 'user.invited', { userIds: [] });
      throw new Error('something after the writes failed');
    });
    await expect(failing).rejects.toThrow('something after the writes failed');
    expect(await outboxTopics(first)).toEqual([]);
    const [row] = await inTenant(first, (db) => queryRows<{ name: string }>(db, sql`SELECT name FROM cohorts WHERE tenant_id = ${first.id} AND id = ${cohort.id}`));
    expect(row.name).toBe(cohort.name);

    await tenantDb.transaction(first.id, (db) => outbox.publish(db, first.id, 'user.invited', { userIds: [] }));
    expect(await outboxTopics(first)).toEqual(['user.invited']);
    expect(await outboxTopics(second)).toEqual([]);
  });

  it('passwords verify against their hash only; the queue backend answers', async () => {
    const passwords = app.get(Passwords);
    const hash = await passwords.hash(TEST_PASSWORD);
    expect(await passwords.verify(hash, TEST_PASSWORD)).toBe(true);
    expect(await passwords.verify(hash, `${TEST_PASSWORD}x`)).toBe(false);
    expect(await passwords.verify(null, TEST_PASSWORD)).toBe(false);
    const queues = app.get(QueueService);
    expect(queues.backend).toBe(process.env['REDIS_URL'] ? 'redis' : 'postgres');
    expect(await queues.ping()).toBe(true);
  });
});
