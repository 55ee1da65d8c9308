import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { CoreModule, OutboxRelayModule, QueueService } from '@fieldwork/server-core';
import { eventually, ownerClient } from '@fieldwork/server-core/testing';
import { PrivacyJobsModule } from '@fieldwork/server-privacy';
import type { TenantSummary } from '@fieldwork/contracts';
import { TestApi } from './support/test-api';
import { cohortWithPeople } from './support/homework-fixture';

@Module({ imports: [CoreModule, OutboxRelayModule, PrivacyJobsModule] })
class OffboardingWorkerModule {}

async function leftRows(owner: Client, tenantId: string): Promise<Record<string, number>> {
  const { rows: tables } = await owner.query(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY 1`,
  );
  const left: Record<string, number> = {};
  for (const { name } of tables) {
    const { rows } = await owner.query(`SELECT count(*)::int AS n FROM "${name}" WHERE tenant_id = $1`, [tenantId]);
    if (rows[0].n) left[name] = rows[0].n;
  }
  return left;
}

/** GRACE_DAYS=0: the deletion is queued at once; a deletion interrupted half-way is finished by the next run; a repeated job is a no-op. */
describe('offboarding with GRACE_DAYS=0 (API + worker)', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let owner: Client;
  let exportDir: string;

  beforeAll(async () => {
    exportDir = await mkdtemp(join(tmpdir(), 'fieldwork-offboarding-0-'));
    api = await TestApi.start({ GRACE_DAYS: '0', EXPORT_DIR: exportDir, QUEUE_PREFIX: `off0-${randomBytes(4).toString('hex')}` });
    worker = await NestFactory.createApplicationContext(OffboardingWorkerModule, { logger: false });
    await worker.init();
    owner = await ownerClient(api.config);
  }, 120_000);

  afterAll(async () => {
    try {
      await worker?.close();
      await api?.close();
    } finally {
      await owner?.end();
      await rm(exportDir, { recursive: true, force: true });
    }
  });

  it('deletes at once: the answer says so, and every row of the tenant is gone soon after', async () => {
    const t = await api.tenantWithPeople();
    await cohortWithPeople(api, t);
    const operator = await api.operatorSession();
    const closed = await api.request<TenantSummary>('DELETE', `/platform/tenants/${t.tenantId}`, { token: operator.accessToken, body: { confirmSlug: ` ${t.slug.toUpperCase()} ` } });
    expect(closed.status).toBe(202);
    expect(closed.body.closedAt).toBe(closed.body.deleteAfter);
    await eventually(async () => (await owner.query(`SELECT 1 FROM tenants WHERE id = $1`, [t.tenantId])).rowCount === 0, 30_000);
    expect(await leftRows(owner, t.tenantId)).toEqual({});
    expect((await api.request('POST', `/platform/tenants/${t.tenantId}/restore`, { token: operator.accessToken })).status).toBe(404);
    const [record] = (await owner.query(`SELECT details FROM platform_audit_events WHERE target_tenant_id = $1 AND action = 'tenant.deleted'`, [t.tenantId])).rows;
    expect(record.details.rows).toMatchObject({ users: 3, templates: expect.any(Number), cohort_members: 2 });
  });

  it('finishes a deletion that stopped half-way (resumable), and a repeated job does nothing', async () => {
    const t = await api.tenantWithPeople();
    await cohortWithPeople(api, t);
    // A run that got as far as the cohort members and one user, then stopped.
    await owner.query(`UPDATE tenants SET state = 'deleting', closed_at = now(), delete_after = now(), deleted_rows = '{"cohort_members": 2}' WHERE id = $1`, [t.tenantId]);
    await owner.query(`DELETE FROM cohort_members WHERE tenant_id = $1`, [t.tenantId]);
    const queues = worker.get(QueueService);
    await queues.add('delete-tenant', { tenantId: t.tenantId }, { jobId: `resume-${t.tenantId}` });
    await eventually(async () => (await owner.query(`SELECT 1 FROM tenants WHERE id = $1`, [t.tenantId])).rowCount === 0, 30_000);
    expect(await leftRows(owner, t.tenantId)).toEqual({});
    const [record] = (await owner.query(`SELECT details FROM platform_audit_events WHERE target_tenant_id = $1 AND action = 'tenant.deleted'`, [t.tenantId])).rows;
    expect(record.details.rows).toMatchObject({ users: 3, cohort_members: 2 });

    const again = await queues.add('delete-tenant', { tenantId: t.tenantId }, { jobId: `again-${t.tenantId}` });
    await eventually(async () => (await again.isCompleted()) && again, 30_000);
    const finished = await queues.queue('offboarding').getJob(again.id ?? '');
    expect(finished?.returnvalue).toEqual({ status: 'skipped', reason: 'already deleted' });
    expect((await owner.query(`SELECT count(*)::int AS n FROM platform_audit_events WHERE target_tenant_id = $1 AND action = 'tenant.deleted'`, [t.tenantId])).rows[0].n).toBe(1);
  });
});
