import { randomBytes } from 'node:crypto';
import { ConflictException, NotFoundException } from '@nestjs/common';
import { CURRICULUM, queryRows, sql } from '@fieldwork/server-core';
import { InvitationsService } from '@fieldwork/server-identity';
import { inTenant, newOperator, testModule, type TestApp, type TestOperator } from '@fieldwork/server-core/testing';
import { TenantsModule } from './tenants.module';
import { TenantsService } from './tenants.service';

/** Creating career centers, as operators do, through the service on real PostgreSQL (no HTTP). */
describe('tenants service', () => {
  let app: TestApp;
  let tenants: TenantsService;
  let operator: TestOperator;
  const slug = () => `t-${randomBytes(5).toString('hex')}`;

  beforeAll(async () => {
    app = await testModule([TenantsModule]);
    tenants = app.get(TenantsService);
    operator = await newOperator(app);
  });

  afterAll(() => app?.close());

  it('creating a career center seeds its curriculum and invites its first admin', async () => {
    const request = { slug: slug(), name: 'Lakeside Career Center', timezone: 'America/Denver', adminEmail: 'dana@lakeside.test', adminName: 'Dana Admin' };
    const created = await tenants.create(operator.auth, request);
    expect(created.tenant).toMatchObject({ slug: request.slug, name: request.name, timezone: 'America/Denver', state: 'active', latestExport: null });

    const tenant = { ...created.tenant, db: app.db };
    const titles = await inTenant(tenant, (db) => queryRows<{ title: string }>(db, sql`SELECT title FROM templates WHERE tenant_id = ${tenant.id}`));
    expect(titles.map((t) => t.title).sort()).toEqual(CURRICULUM.map((t) => t.title).sort());

    const invitation = await app.get(InvitationsService).preview(created.adminInvitationToken);
    expect(invitation).toMatchObject({ email: 'dana@lakeside.test', name: 'Dana Admin', role: 'admin', tenant: { slug: request.slug } });
  });

  it('a taken slug is a conflict and creates nothing', async () => {
    const taken = slug();
    await tenants.create(operator.auth, { slug: taken, name: 'First', timezone: 'UTC', adminEmail: 'a@first.test', adminName: 'A First' });
    await expect(tenants.create(operator.auth, { slug: taken, name: 'Second', timezone: 'UTC', adminEmail: 'b@second.test', adminName: 'B Second' })).rejects.toBeInstanceOf(
      ConflictException,
    );
    expect((await tenants.list(operator.auth)).filter((t) => t.slug === taken).map((t) => t.name)).toEqual(['First']);
  });

  it('an operator reads one career center by id; an unknown or malformed id is 404', async () => {
    const created = await tenants.create(operator.auth, { slug: slug(), name: 'Hilltop', timezone: 'Asia/Tokyo', adminEmail: 'h@hilltop.test', adminName: 'H Admin' });
    expect(await tenants.get(operator.auth, created.tenant.id)).toEqual(created.tenant);
    await expect(tenants.get(operator.auth, '00000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(NotFoundException);
    await expect(tenants.get(operator.auth, 'hilltop')).rejects.toBeInstanceOf(NotFoundException);
  });
});
