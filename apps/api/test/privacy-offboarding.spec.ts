import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { parse } from 'csv-parse/sync';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { CoreModule, OutboxRelayModule, QueueService } from '@fieldwork/server-core';
import { eventually, ownerClient } from '@fieldwork/server-core/testing';
import { PrivacyJobsModule } from '@fieldwork/server-privacy';
import { ExportJobsModule } from '@fieldwork/server-exports';
import { TENANT_CLOSING_MESSAGE, type TaskSummary, type TenantExportManifest, type TenantExportSummary, type TenantSummary } from '@fieldwork/contracts';
import { Session, TenantFixture, TestApi } from './support/test-api';
import { readZip } from './support/privacy';
import { INTERVIEW_ANSWERS, cohortWithPeople, inDays } from './support/homework-fixture';

/** The worker as apps/worker composes it for this: core, the outbox relay, CSV exports and the privacy jobs. */
@Module({ imports: [CoreModule, OutboxRelayModule, ExportJobsModule, PrivacyJobsModule] })
class OffboardingWorkerModule {}

/** Every table of `public` with a tenant_id column, from the catalog (the test's own query). */
async function tenantTables(owner: Client): Promise<string[]> {
  const { rows } = await owner.query(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY 1`,
  );
  return rows.map((row) => row.name);
}

/** Rows per tenant table of one tenant (as the owner, so RLS hides nothing). */
async function rowCounts(owner: Client, tenantId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await tenantTables(owner)) {
    const { rows } = await owner.query(`SELECT count(*)::int AS n FROM "${table}" WHERE tenant_id = $1`, [tenantId]);
    counts[table] = rows[0].n;
  }
  return counts;
}

/**
 * Offboarding a career center end to end: the real API and the real worker
 * (outbox relay → BullMQ → jobs) on real PostgreSQL as the app role.
 */
describe('offboarding a career center (API + worker)', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let owner: Client;
  let exportDir: string;
  let t: TenantFixture;
  let other: TenantFixture;
  let operator: Session;

  /** Work in every corner: a cohort, homework submitted and reviewed, contacts and interactions, a CSV export file. */
  async function populate(fixture: TenantFixture): Promise<void> {
    const cohort = await cohortWithPeople(api, fixture, 'Offboarding Cohort');
    const assigned = await api.request('POST', '/assignments', {
      token: fixture.advisor.accessToken,
      body: { templateId: cohort.template.id, cohortId: cohort.cohortId, opensAt: inDays(-3), dueAt: inDays(7) },
    });
    expect(assigned.status).toBe(201);
    const tasks = await api.request<{ items: TaskSummary[] }>('GET', '/tasks', { token: fixture.student.accessToken });
    const task = tasks.body.items[0];
    const contact = await api.request('POST', '/contacts', { token: fixture.student.accessToken, body: { name: 'Pat Planner', organization: 'City Planning', email: `pat@${fixture.slug}.test` } });
    expect(contact.status).toBe(201);
    const submitted = await api.request('POST', `/tasks/${task.id}/submissions`, { token: fixture.student.accessToken, body: { answers: INTERVIEW_ANSWERS, contactId: contact.body.id } });
    expect(submitted.status).toBe(201);
    const reviewed = await api.request('POST', `/tasks/${task.id}/reviews`, { token: fixture.advisor.accessToken, body: { decision: 'revise', comment: 'Say more about what you learned.' } });
    expect(reviewed.status).toBe(201);
    await api.request('POST', `/contacts/${contact.body.id}/interactions`, { token: fixture.student.accessToken, body: { kind: 'thank_you', occurredAt: new Date().toISOString() } });
    const csv = await api.request('POST', '/exports', { token: fixture.admin.accessToken, body: { kind: 'cohort-progress' } });
    expect(csv.status).toBe(202);
    await eventually(async () => (await api.request('GET', `/exports/${csv.body.id}`, { token: fixture.admin.accessToken })).body.status === 'done', 30_000);
  }

  async function download(path: string, token: string): Promise<{ status: number; body: Buffer; headers: Headers }> {
    const response = await fetch(`${api.url}/api${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, body: Buffer.from(await response.arrayBuffer()), headers: response.headers };
  }

  beforeAll(async () => {
    exportDir = await mkdtemp(join(tmpdir(), 'fieldwork-offboarding-'));
    api = await TestApi.start({ EXPORT_DIR: exportDir, QUEUE_PREFIX: `off-${randomBytes(4).toString('hex')}` });
    worker = await NestFactory.createApplicationContext(OffboardingWorkerModule, { logger: false });
    await worker.init();
    owner = await ownerClient(api.config);
    operator = await api.operatorSession();
    t = await api.tenantWithPeople();
    other = await api.tenantWithPeople();
    await populate(t);
    await populate(other);
    // A "my data" ZIP as the data-export part stores it, beside the CSV exports.
    await mkdir(join(exportDir, t.tenantId, 'my-data'), { recursive: true });
    await writeFile(join(exportDir, t.tenantId, 'my-data', 'stand-in.zip'), 'zip');
  }, 180_000);

  afterAll(async () => {
    try {
      await worker?.close();
      await api?.close();
    } finally {
      await owner?.end();
      await rm(exportDir, { recursive: true, force: true });
    }
  });

  it('is for operators only: tenant people get 403 on every offboarding route', async () => {
    for (const session of [t.admin, t.advisor, t.student]) {
      const token = session.accessToken;
      expect((await api.request('POST', `/platform/tenants/${t.tenantId}/export`, { token })).status).toBe(403);
      expect((await api.request('GET', `/platform/tenant-exports/${t.tenantId}`, { token })).status).toBe(403);
      expect((await api.request('GET', `/platform/tenant-exports/${t.tenantId}/download`, { token })).status).toBe(403);
      expect((await api.request('DELETE', `/platform/tenants/${t.tenantId}`, { token, body: { confirmSlug: t.slug } })).status).toBe(403);
      expect((await api.request('POST', `/platform/tenants/${t.tenantId}/restore`, { token })).status).toBe(403);
    }
    expect((await api.request('DELETE', `/platform/tenants/${t.tenantId}`, { body: { confirmSlug: t.slug } })).status).toBe(401);
    const [{ state }] = (await owner.query(`SELECT state FROM tenants WHERE id = $1`, [t.tenantId])).rows;
    expect(state).toBe('active');
  });

  it('exports every table’s rows of the tenant as CSV with a manifest — exactly the tenant’s rows, none of another tenant', async () => {
    const requested = await api.request('POST', `/platform/tenants/${t.tenantId}/export`, { token: operator.accessToken });
    expect(requested.status).toBe(202);
    const id: string = requested.body.id;
    const notReady = await download(`/platform/tenant-exports/${id}/download`, operator.accessToken);
    expect([200, 409]).toContain(notReady.status);
    const done = await eventually(async () => {
      const reply = await api.request<TenantExportSummary>('GET', `/platform/tenant-exports/${id}`, { token: operator.accessToken });
      expect(reply.status).toBe(200);
      if (reply.body.status === 'failed') throw new Error(reply.body.error ?? 'failed');
      return reply.body.status === 'done' ? reply.body : null;
    }, 60_000);
    expect(done).toMatchObject({ tenantId: t.tenantId, percent: 100 });
    expect(done.totalRows).toBe(done.doneRows);
    expect(new Date(done.expiresAt ?? 0).getTime() - new Date(done.finishedAt ?? 0).getTime()).toBe(7 * 86_400_000);
    const list = await api.request<TenantSummary[]>('GET', '/platform/tenants', { token: operator.accessToken });
    expect(list.body.find((x) => x.id === t.tenantId)?.latestExport).toMatchObject({ id, status: 'done' });

    const zip = await download(`/platform/tenant-exports/${id}/download`, operator.accessToken);
    expect(zip.status).toBe(200);
    expect(zip.headers.get('content-type')).toBe('application/zip');
    expect(zip.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="${t.slug}-export-\\d{4}-\\d{2}-\\d{2}\\.zip"$`));
    const files = await readZip(zip.body);
    const manifest: TenantExportManifest = JSON.parse(files.get('manifest.json') ?? '{}');
    const tables = await tenantTables(owner);
    expect(manifest.tenant).toEqual({ id: t.tenantId, slug: t.slug });
    expect(manifest.tables.map((x) => x.table).sort()).toEqual(['tenants', ...tables].sort());
    expect([...files.keys()].sort()).toEqual(['manifest.json', ...manifest.tables.map((x) => x.file)].sort());

    const counts = await rowCounts(owner, t.tenantId);
    expect(counts['users']).toBe(3);
    expect(counts['submissions']).toBeGreaterThan(0);
    expect(counts['interactions']).toBeGreaterThan(0);
    const otherIds = new Set<string>();
    for (const table of tables) {
      const { rows } = await owner.query(`SELECT * FROM "${table}" WHERE tenant_id = $1 LIMIT 1`, [other.tenantId]);
      if (rows[0]?.id) for (const row of (await owner.query(`SELECT id::text FROM "${table}" WHERE tenant_id = $1`, [other.tenantId])).rows) otherIds.add(row.id);
    }
    for (const table of tables) {
      const rows: Record<string, string>[] = parse(files.get(`${table}.csv`) ?? '', { columns: true });
      const entry = manifest.tables.find((x) => x.table === table);
      expect({ table, rows: rows.length }).toEqual({ table, rows: counts[table] });
      expect(entry?.rows).toBe(counts[table]);
      const { rows: columns } = await owner.query(
        `SELECT attname FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
        [`public.${table}`],
      );
      expect(entry?.columns).toEqual(columns.map((c) => c.attname));
      expect(rows.every((row) => row['tenant_id'] === t.tenantId)).toBe(true);
      if (rows[0] && 'id' in rows[0]) {
        expect(rows.filter((row) => otherIds.has(row['id']))).toEqual([]);
        const { rows: ids } = await owner.query(`SELECT id::text FROM "${table}" WHERE tenant_id = $1`, [t.tenantId]);
        expect(rows.map((row) => row['id']).sort()).toEqual(ids.map((row) => row.id).sort());
      }
    }
    const tenantRows: Record<string, string>[] = parse(files.get('tenants.csv') ?? '', { columns: true });
    expect(tenantRows).toHaveLength(1);
    expect(tenantRows[0]).toMatchObject({ id: t.tenantId, slug: t.slug, state: 'active' });
    // Nothing of the other tenant anywhere in the archive.
    const everything = [...files.values()].join('\n');
    expect(everything).not.toContain(other.tenantId);
    expect(everything).not.toContain(other.slug);

    expect((await api.request('GET', `/platform/tenant-exports/00000000-0000-4000-8000-000000000000`, { token: operator.accessToken })).status).toBe(404);
    expect((await api.request('GET', `/platform/tenant-exports/not-a-uuid`, { token: operator.accessToken })).status).toBe(404);
  });

  it('closes a career center at once (typed slug), refuses its people in plain words, and restores it with everything intact', async () => {
    const before = await rowCounts(owner, t.tenantId);
    const wrong = await api.request('DELETE', `/platform/tenants/${t.tenantId}`, { token: operator.accessToken, body: { confirmSlug: `${t.slug}-x` } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.details.map((d: { field: string }) => d.field)).toEqual(['confirmSlug']);
    const missing = await api.request('DELETE', `/platform/tenants/${t.tenantId}`, { token: operator.accessToken, body: {} });
    expect(missing.status).toBe(400);
    expect((await api.request('DELETE', `/platform/tenants/00000000-0000-4000-8000-000000000000`, { token: operator.accessToken, body: { confirmSlug: t.slug } })).status).toBe(404);

    const closed = await api.request<TenantSummary>('DELETE', `/platform/tenants/${t.tenantId}`, { token: operator.accessToken, body: { confirmSlug: t.slug } });
    expect(closed.status).toBe(202);
    expect(closed.body).toMatchObject({ id: t.tenantId, state: 'closing' });
    expect(new Date(closed.body.deleteAfter ?? 0).getTime() - new Date(closed.body.closedAt ?? 0).getTime()).toBe(7 * 86_400_000);
    const again = await api.request('DELETE', `/platform/tenants/${t.tenantId}`, { token: operator.accessToken, body: { confirmSlug: t.slug } });
    expect(again.status).toBe(409);

    // Sign-in refused, a signed-in session refused on its next request, a refresh refused.
    const login = await api.request('POST', '/auth/login', { body: { tenant: t.slug, email: t.student.email, password: 'Networking-Walks-42!' } });
    expect(login.status).toBe(401);
    expect(login.body.message).toBe(TENANT_CLOSING_MESSAGE);
    const next = await api.request('GET', '/tasks', { token: t.student.accessToken });
    expect(next.status).toBe(401);
    expect(next.body.message).toBe(TENANT_CLOSING_MESSAGE);
    const refresh = await api.request('POST', '/auth/refresh', { cookie: t.admin.refreshCookie });
    expect(refresh.status).toBe(401);
    expect(refresh.body.message).toBe(TENANT_CLOSING_MESSAGE);
    // The other career center goes on.
    expect((await api.request('GET', '/tasks', { token: other.student.accessToken })).status).toBe(200);
    const list = await api.request<TenantSummary[]>('GET', '/platform/tenants', { token: operator.accessToken });
    expect(list.body.find((x) => x.id === t.tenantId)).toMatchObject({ state: 'closing', deleteAfter: closed.body.deleteAfter });
    expect(list.body.find((x) => x.id === other.tenantId)).toMatchObject({ state: 'active', deleteAfter: null });

    // The hourly scan leaves it alone within the grace period.
    await worker.get(QueueService).add('scan-tenant-deletions', {});
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await owner.query(`SELECT state FROM tenants WHERE id = $1`, [t.tenantId])).rows).toEqual([{ state: 'closing' }]);

    const restored = await api.request<TenantSummary>('POST', `/platform/tenants/${t.tenantId}/restore`, { token: operator.accessToken });
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ state: 'active', closedAt: null, deleteAfter: null });
    expect((await api.request('POST', `/platform/tenants/${t.tenantId}/restore`, { token: operator.accessToken })).status).toBe(409);
    expect(await rowCounts(owner, t.tenantId)).toEqual(before);
    expect((await api.request('GET', '/tasks', { token: t.student.accessToken })).status).toBe(200);
    await api.login(t.slug, t.student.email, 'Networking-Walks-42!');

    const audit = await owner.query(`SELECT action, operator_id, details FROM platform_audit_events WHERE target_tenant_id = $1 ORDER BY occurred_at`, [t.tenantId]);
    expect(audit.rows.map((row) => row.action)).toEqual(expect.arrayContaining(['tenant.exported', 'tenant.export_downloaded', 'tenant.closed', 'tenant.restored']));
  });

  it('deletes every row and file of the tenant once the grace period has passed, leaves the other tenant untouched, and keeps a record without personal data', async () => {
    const otherBefore = await rowCounts(owner, other.tenantId);
    const otherFiles = await readdir(join(exportDir, other.tenantId), { recursive: true });
    expect(existsSync(join(exportDir, t.tenantId))).toBe(true);
    const closed = await api.request('DELETE', `/platform/tenants/${t.tenantId}`, { token: operator.accessToken, body: { confirmSlug: t.slug } });
    expect(closed.status).toBe(202);
    // Time passes: the grace period ends; the hourly scan queues the deletion.
    await owner.query(`UPDATE tenants SET delete_after = now() - interval '1 second' WHERE id = $1`, [t.tenantId]);
    expect((await api.request('POST', `/platform/tenants/${t.tenantId}/restore`, { token: operator.accessToken })).status).toBe(409);
    await worker.get(QueueService).add('scan-tenant-deletions', {});
    await eventually(async () => (await owner.query(`SELECT 1 FROM tenants WHERE id = $1`, [t.tenantId])).rowCount === 0, 60_000);

    const left = await rowCounts(owner, t.tenantId);
    expect(Object.keys(left).sort()).toEqual(await tenantTables(owner));
    expect(Object.entries(left).filter(([, n]) => n > 0)).toEqual([]);
    expect((await owner.query(`SELECT count(*)::int AS n FROM tenant_exports WHERE target_tenant_id = $1`, [t.tenantId])).rows[0].n).toBe(0);
    expect(existsSync(join(exportDir, t.tenantId))).toBe(false);

    expect(await rowCounts(owner, other.tenantId)).toEqual(otherBefore);
    expect(await readdir(join(exportDir, other.tenantId), { recursive: true })).toEqual(otherFiles);
    expect((await api.request('GET', '/tasks', { token: other.student.accessToken })).status).toBe(200);

    const [record] = (await owner.query(`SELECT operator_id, details FROM platform_audit_events WHERE target_tenant_id = $1 AND action = 'tenant.deleted'`, [t.tenantId])).rows;
    expect(record.operator_id).toBe(operator.userId);
    expect(record.details.files).toBeGreaterThanOrEqual(2);
    expect(record.details.rows['users']).toBe(3);
    expect(record.details.totalRows).toBeGreaterThan(10);
    const text = JSON.stringify((await owner.query(`SELECT * FROM platform_audit_events WHERE target_tenant_id = $1`, [t.tenantId])).rows);
    for (const personal of [t.slug, t.student.email, t.admin.email, 'Pat Planner', 'Stu Student']) expect(text).not.toContain(personal);

    // Gone: 404 for the operator, the plain sign-in failure for its people.
    expect((await api.request('POST', `/platform/tenants/${t.tenantId}/restore`, { token: operator.accessToken })).status).toBe(404);
    expect((await api.request('DELETE', `/platform/tenants/${t.tenantId}`, { token: operator.accessToken, body: { confirmSlug: t.slug } })).status).toBe(404);
    expect((await api.request('POST', `/platform/tenants/${t.tenantId}/export`, { token: operator.accessToken })).status).toBe(404);
    const login = await api.request('POST', '/auth/login', { body: { tenant: t.slug, email: t.student.email, password: 'Networking-Walks-42!' } });
    expect(login.status).toBe(401);
    expect((await api.request('GET', '/tasks', { token: t.student.accessToken })).status).toBe(401);
  });
});
