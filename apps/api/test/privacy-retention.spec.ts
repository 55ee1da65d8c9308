import { RetentionRunner } from '@fieldwork/server-privacy';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { AuditService, TenantDatabase } from '@fieldwork/server-core';
import { ownerClient } from '@fieldwork/server-core/testing';
import { RETENTION_DEFAULTS, type RetentionPreview } from '@fieldwork/contracts';
import { TestApi, type TenantFixture } from './support/test-api';
// Deep import: the library's index exports only its Nest modules; the API app has no worker, so the test runs the job's runner itself.

describe('retention settings, the preview and the privacy page (HTTP)', () => {
  let api: TestApi;
  let owner: Client;
  let t: TenantFixture;

  beforeAll(async () => {
    api = await TestApi.start();
    owner = await ownerClient(api.config);
    t = await api.tenantWithPeople('America/New_York');
  }, 60_000);

  afterAll(async () => {
    await owner?.end();
    await api?.close();
  });

  const patch = (body: unknown, token = t.admin.accessToken) => api.request('PATCH', '/tenant/settings', { token, body });

  it('a new career center keeps reflections and accounts 36 months, audit events 84', async () => {
    const reply = await api.request('GET', '/tenant/settings', { token: t.admin.accessToken });
    expect(reply.status).toBe(200);
    expect(reply.body.retention).toEqual(RETENTION_DEFAULTS);
    expect(RETENTION_DEFAULTS).toEqual({ reflectionsMonths: 36, accountsMonths: 36, auditMonths: 84 });
  });

  it('an admin changes any of the periods; the others stay; a change is audited before → after, the same values again are not', async () => {
    const changed = await patch({ retention: { accountsMonths: 24 } });
    expect(changed.status).toBe(200);
    expect(changed.body.retention).toEqual({ reflectionsMonths: 36, accountsMonths: 24, auditMonths: 84 });
    expect(changed.body.timezone).toBe('America/New_York');
    await patch({ retention: { accountsMonths: 24 } });
    const both = await patch({ retention: { reflectionsMonths: 240, auditMonths: 1 } });
    expect(both.body.retention).toEqual({ reflectionsMonths: 240, accountsMonths: 24, auditMonths: 1 });
    const { rows } = await owner.query(
      `SELECT details FROM audit_events WHERE tenant_id = $1 AND action = 'tenant.retention_changed' ORDER BY occurred_at, details->>'changed'`,
      [t.tenantId],
    );
    expect(rows.map((r) => r.details)).toEqual([
      { changed: ['accountsMonths'], changes: { accountsMonths: { from: 36, to: 24 } } },
      { changed: ['reflectionsMonths', 'auditMonths'], changes: { reflectionsMonths: { from: 36, to: 240 }, auditMonths: { from: 84, to: 1 } } },
    ]);
    expect((await api.request('GET', '/tenant/settings', { token: t.admin.accessToken })).body.retention).toEqual({ reflectionsMonths: 240, accountsMonths: 24, auditMonths: 1 });
    await patch({ retention: RETENTION_DEFAULTS });
  });

  it('bad periods are a 400 naming the field, and nothing changes', async () => {
    for (const field of ['reflectionsMonths', 'accountsMonths', 'auditMonths']) {
      for (const value of [0, 241, 1.5, 'ten', null, -3, '12', true, [12], { months: 1 }]) {
        const reply = await patch({ retention: { [field]: value } });
        expect({ field, value, status: reply.status }).toEqual({ field, value, status: 400 });
        expect(reply.body.details.map((d: { field: string }) => d.field).join(' ')).toContain(field);
      }
    }
    for (const value of ['forever', 36, null, [], true]) {
      const reply = await patch({ retention: value });
      expect({ value, status: reply.status }).toEqual({ value, status: 400 });
      expect(reply.body.details[0].field).toBe('retention');
    }
    const unknown = await patch({ retention: { foreverMonths: 12 } });
    expect(unknown.status).toBe(400);
    expect((await api.request('GET', '/tenant/settings', { token: t.admin.accessToken })).body.retention).toEqual(RETENTION_DEFAULTS);
  });

  it('only admins see the preview or change the periods', async () => {
    for (const session of [t.advisor, t.student]) {
      expect((await api.request('GET', '/tenant/retention-preview', { token: session.accessToken })).status).toBe(403);
      expect((await patch({ retention: { auditMonths: 12 } }, session.accessToken)).status).toBe(403);
    }
    expect((await api.request('GET', '/tenant/retention-preview')).status).toBe(401);
  });

  it('the preview counts what the next run deletes (the run then deletes exactly that) and what is due 30 days later', async () => {
    // A cohort that ended 13 months before the next run, one that ends 12 months and 20 days before it: a 12-month policy.
    const empty = (await api.request('GET', '/tenant/retention-preview', { token: t.admin.accessToken })).body as RetentionPreview;
    const next = new Date(empty.nextRunAt);
    expect(next.getTime()).toBeGreaterThan(Date.now());
    expect(next.getTime() - Date.now()).toBeLessThanOrEqual(86_400_000);
    expect(new Date(empty.inThirtyDaysAt).getTime() - next.getTime()).toBe(30 * 86_400_000);
    const day = (monthsBefore: number, daysAfter = 0) => {
      const d = new Date(next);
      d.setUTCMonth(d.getUTCMonth() - monthsBefore);
      d.setUTCDate(d.getUTCDate() + daysAfter);
      return d.toISOString().slice(0, 10);
    };
    await patch({ retention: { reflectionsMonths: 12, accountsMonths: 60, auditMonths: 84 } });
    const long = randomUUID();
    const soon = randomUUID();
    await owner.query(`INSERT INTO cohorts (tenant_id, id, name, ends_on) VALUES ($1, $2, 'Ended long ago', $3), ($1, $4, 'Ends soon', $5)`, [
      t.tenantId,
      long,
      day(13),
      soon,
      day(12, 20),
    ]);
    const students: string[] = [];
    for (const [n, cohort] of [long, long, soon].entries()) {
      const id = randomUUID();
      students.push(id);
      await owner.query(`INSERT INTO users (tenant_id, id, email, name, role) VALUES ($1, $2, $3, $4, 'student')`, [t.tenantId, id, `kept${n}@${t.slug}.test`, `Kept ${n}`]);
      await owner.query(`INSERT INTO cohort_members (tenant_id, cohort_id, user_id, role) VALUES ($1, $2, $3, 'student')`, [t.tenantId, cohort, id]);
      const contact = randomUUID();
      await owner.query(`INSERT INTO contacts (tenant_id, id, owner_id, name) VALUES ($1, $2, $3, 'Someone')`, [t.tenantId, contact, id]);
      await owner.query(`INSERT INTO interactions (tenant_id, id, contact_id, owner_id, kind, occurred_at) VALUES ($1, gen_random_uuid(), $2, $3, 'event', now())`, [
        t.tenantId,
        contact,
        id,
      ]);
    }
    const preview = (await api.request('GET', '/tenant/retention-preview', { token: t.admin.accessToken })).body as RetentionPreview;
    expect(preview.policy).toEqual({ reflectionsMonths: 12, accountsMonths: 60, auditMonths: 84 });
    expect(preview.nextRun).toEqual({ accounts: 0, reflections: 0, contacts: 2, interactions: 2, auditEvents: 0 });
    expect(preview.inThirtyDays).toEqual({ accounts: 0, reflections: 0, contacts: 3, interactions: 3, auditEvents: 0 });

    const runner = new RetentionRunner(api.app.get(TenantDatabase), new AuditService());
    const run = await runner.apply(t.tenantId, new Date(preview.nextRunAt));
    expect(run.counts).toEqual(preview.nextRun);
    const { rows } = await owner.query(`SELECT owner_id FROM contacts WHERE tenant_id = $1 AND owner_id = ANY($2::uuid[])`, [t.tenantId, students]);
    expect(rows.map((r) => r.owner_id)).toEqual([students[2]]);
    const after = (await api.request('GET', '/tenant/retention-preview', { token: t.admin.accessToken })).body as RetentionPreview;
    expect(after.nextRun).toEqual({ accounts: 0, reflections: 0, contacts: 0, interactions: 0, auditEvents: 0 });
    expect(after.inThirtyDays).toEqual({ accounts: 0, reflections: 0, contacts: 1, interactions: 1, auditEvents: 0 });
    // The run is in the audit log with its counts.
    const log = await api.request('GET', '/audit-events?action=retention.applied', { token: t.admin.accessToken });
    expect(log.status).toBe(200);
    expect(log.body.items).toHaveLength(1);
  });

  it('the privacy page’s facts are public, from the career center’s settings; an unknown career center is a 404', async () => {
    await patch({ retention: { reflectionsMonths: 48, accountsMonths: 12, auditMonths: 120 } });
    const reply = await api.request('GET', `/privacy/${t.slug}`);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      careerCenter: `Career Center ${t.slug}`,
      slug: t.slug,
      timezone: 'America/New_York',
      retention: { reflectionsMonths: 48, accountsMonths: 12, auditMonths: 120 },
    });
    expect((await api.request('GET', `/privacy/${t.slug.toUpperCase()}`)).status).toBe(200);
    for (const slug of ['no-such-center', 'x'.repeat(80), '%E2%9C%93', 'a_b']) {
      const missing = await api.request('GET', `/privacy/${slug}`);
      expect({ slug, status: missing.status }).toEqual({ slug, status: 404 });
    }
  });
});
