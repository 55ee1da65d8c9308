import { ForbiddenException, NotFoundException } from '@nestjs/common';
import { queryRows, sql } from '@fieldwork/server-core';
import { inTenant, newAdmin, newAdvisor, newCohort, newContact, newStudent, newTenant, testModule, type TestApp, type TestTenant, type TestUser } from '@fieldwork/server-core/testing';
import { requireAccess, visibility } from './access';

/** Who reaches which student and contact inside one career center, checked in PostgreSQL (no HTTP). */
describe('access rules on real PostgreSQL', () => {
  let app: TestApp;
  let tenant: TestTenant;
  let admin: TestUser;
  let advisor: TestUser;
  let ownStudent: TestUser;
  let otherStudent: TestUser;
  let unplaced: TestUser;

  /** The students `who` sees, by the list condition the services use. */
  const visibleStudents = (who: TestUser) =>
    inTenant(tenant, async (db) =>
      (await queryRows<{ id: string }>(db, sql`SELECT u.id FROM users u WHERE u.tenant_id = ${tenant.id} AND u.role = 'student' AND ${visibility(who.auth, 'student')}`))
        .map((row) => row.id)
        .sort(),
    );
  const check = (who: TestUser, action: Parameters<typeof requireAccess>[2], ids: string | string[]) => inTenant(tenant, (db) => requireAccess(db, who.auth, action, ids));

  beforeAll(async () => {
    app = await testModule([]);
    tenant = await newTenant(app);
    const advised = await newCohort(tenant);
    const other = await newCohort(tenant);
    admin = await newAdmin(tenant);
    advisor = await newAdvisor(tenant, { cohort: advised });
    await newAdvisor(tenant, { cohort: other });
    ownStudent = await newStudent(tenant, { cohort: advised });
    otherStudent = await newStudent(tenant, { cohort: other });
    unplaced = await newStudent(tenant);
  });

  afterAll(() => app?.close());

  it('an advisor sees only the students of the cohorts they advise; an admin sees all; a student sees themself', async () => {
    expect(await visibleStudents(advisor)).toEqual([ownStudent.id]);
    expect(await visibleStudents(admin)).toEqual([ownStudent.id, otherStudent.id, unplaced.id].sort());
    expect(await visibleStudents(otherStudent)).toEqual([otherStudent.id]);
  });

  it('an object out of reach is 404 (never 403, which would say it exists); a role that never may is 403', async () => {
    await expect(check(advisor, 'student.read', ownStudent.id)).resolves.toBeUndefined();
    await expect(check(advisor, 'student.read', otherStudent.id)).rejects.toBeInstanceOf(NotFoundException);
    // One id out of reach among several refuses them all.
    await expect(check(advisor, 'student.read', [ownStudent.id, unplaced.id])).rejects.toBeInstanceOf(NotFoundException);
    await expect(check(advisor, 'student.read', 'not-a-uuid')).rejects.toBeInstanceOf(NotFoundException);
    await expect(check(ownStudent, 'student.read', ownStudent.id)).rejects.toBeInstanceOf(ForbiddenException);
  });

  it('staff reach a student’s contact only when the student shared it, and only while they may see the student', async () => {
    const shared = await newContact(tenant, ownStudent, { shared: true });
    const kept = await newContact(tenant, ownStudent);
    const sharedElsewhere = await newContact(tenant, otherStudent, { shared: true });
    await expect(check(advisor, 'contact.read', shared.id)).resolves.toBeUndefined();
    await expect(check(advisor, 'contact.read', kept.id)).rejects.toBeInstanceOf(NotFoundException);
    await expect(check(advisor, 'contact.read', sharedElsewhere.id)).rejects.toBeInstanceOf(NotFoundException);
    await expect(check(ownStudent, 'contact.read', kept.id)).resolves.toBeUndefined();
    await expect(check(otherStudent, 'contact.read', kept.id)).rejects.toBeInstanceOf(NotFoundException);
  });
});
