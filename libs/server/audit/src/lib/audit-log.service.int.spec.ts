import { AuditService, execute, sql } from '@fieldwork/server-core';
import { inTenant, newAdmin, newStudent, newTenant, testModule, type TestApp, type TestTenant, type TestUser } from '@fieldwork/server-core/testing';
import { AuditLogModule } from './audit-log.module';
import { AuditLogService } from './audit-log.service';

/** Audited writes and the admin's audit log, through the services on real PostgreSQL (no HTTP). */
describe('audit log service', () => {
  let app: TestApp;
  let log: AuditLogService;
  let audit: AuditService;
  let auckland: TestTenant;
  let other: TestTenant;
  let admin: TestUser;
  let otherAdmin: TestUser;
  let student: TestUser;

  /** An audited change: the event is written in the change's own transaction. */
  const auditedWrite = (tenant: TestTenant, actor: TestUser, fail = false) =>
    inTenant(tenant, async (db) => {
      await execute(db, sql`UPDATE users SET active = NOT active WHERE tenant_id = ${tenant.id} AND id = ${actor.id}`);
      await audit.record(db, { tenantId: tenant.id, action: 'user.status_changed', actorId: actor.id, subjectType: 'user', subjectId: actor.id, details: { changed: 1 } });
      if (fail) throw new Error('the change fails after its event was written');
    });

  beforeAll(async () => {
    app = await testModule([AuditLogModule]);
    log = app.get(AuditLogService);
    audit = app.get(AuditService);
    auckland = await newTenant(app, { timezone: 'Pacific/Auckland' });
    other = await newTenant(app);
    admin = await newAdmin(auckland);
    student = await newStudent(auckland);
    otherAdmin = await newAdmin(other);
  });

  afterAll(() => app?.close());

  it('an audited write appears in its own career center’s log, with its actor, and in no other', async () => {
    await auditedWrite(auckland, student);
    const page = await log.list(admin.auth, { action: 'user.status_changed' });
    expect(page.items).toEqual([
      expect.objectContaining({ action: 'user.status_changed', actor: { id: student.id, name: student.name, email: student.email }, subjectId: student.id, details: { changed: 1 } }),
    ]);
    expect((await log.list(otherAdmin.auth, {})).items).toEqual([]);
  });

  it('a change that rolls back leaves no event', async () => {
    const before = (await log.list(admin.auth, { actorId: admin.id })).items.length;
    await expect(auditedWrite(auckland, admin, true)).rejects.toThrow('the change fails');
    expect((await log.list(admin.auth, { actorId: admin.id })).items).toHaveLength(before);
  });

  it('a day filter is a whole local day in the career center’s zone', async () => {
    await auditedWrite(auckland, admin);
    // 20:00 UTC on June 30 is 08:00 on July 1 in Auckland (UTC+12 in winter).
    await inTenant(auckland, (db) => execute(db, sql`UPDATE audit_events SET occurred_at = '2026-06-30T20:00:00Z' WHERE tenant_id = ${auckland.id} AND actor_id = ${admin.id}`));
    const onDay = (day: string) => log.list(admin.auth, { actorId: admin.id, from: day, to: day });
    expect((await onDay('2026-07-01')).items.map((event) => event.occurredAt)).toEqual(['2026-06-30T20:00:00.000Z']);
    expect((await onDay('2026-06-30')).items).toEqual([]);
  });
});
