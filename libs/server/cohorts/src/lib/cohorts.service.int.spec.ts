import { BadRequestException } from '@nestjs/common';
import { newAdmin, newAssignment, newCohort, newCohortWithPeople, newStudent, newTemplate, newTenant, testModule, useScene } from '@fieldwork/server-core/testing';
import { CohortsModule } from './cohorts.module';
import { CohortsService } from './cohorts.service';
import { RosterImportService } from './roster/roster-import.service';
import { rosterActor } from './roster/roster-actor';

/** A career center with its admin. */
async function cohortsScene() {
  const app = await testModule([CohortsModule]);
  const tenant = await newTenant(app);
  const admin = await newAdmin(tenant);
  return { app, tenant, admin, cohorts: app.get(CohortsService), roster: app.get(RosterImportService) };
}

/** Cohort membership and roster sync, through the services on real PostgreSQL (no HTTP). */
describe('cohorts services', () => {
  const scene = useScene(cohortsScene);

  it('a roster dry run reports exactly what the import then does, and writes nothing itself', async () => {
    const { cohorts, roster, tenant, admin } = scene();
    const existing = await newCohort(tenant, { name: 'Spring Policy' });
    const known = await newStudent(tenant, { cohort: existing, name: 'Kim Known' });
    const csv = Buffer.from(
      [
        'email,name,student_id,cohort',
        `${known.email},Kim Known,,Spring Policy`,
        `new.one@${tenant.slug}.test,New One,S-1,Spring Policy`,
        `new.two@${tenant.slug}.test,New Two,S-2,Fall Design`,
      ].join('\n'),
    );
    const options = { dryRun: true, removeMissing: false };
    const dry = await roster.import(rosterActor(admin.auth), csv, options);
    expect(dry).toMatchObject({ ok: true, rows: 3, created: { students: 2, cohorts: 1, memberships: 2 }, counts: { added: 2, unchanged: 1, updated: 0, error: 0 } });
    expect((await cohorts.get(admin.auth, existing.id)).members.map((m) => m.userId)).toEqual([known.id]);

    const done = await roster.import(rosterActor(admin.auth), csv, { ...options, dryRun: false });
    expect({ ...done, dryRun: true }).toEqual(dry);
    expect((await cohorts.get(admin.auth, existing.id)).members.map((m) => m.email).sort()).toEqual([known.email, `new.one@${tenant.slug}.test`].sort());

    const again = await roster.import(rosterActor(admin.auth), csv, options);
    expect(again.counts).toMatchObject({ added: 0, unchanged: 3 });
    expect((await roster.history(tenant.id, 10)).map((run) => run.dryRun)).toEqual([true, false, true]);
  });

  it('a file with one bad row writes nothing and names the row’s problem', async () => {
    const { cohorts, roster, tenant, admin } = scene();
    const csv = Buffer.from(['email,name,student_id,cohort', `fine@${tenant.slug}.test,Fine Person,,Winter Lab`, 'not-an-email,Bad Row,,Winter Lab'].join('\n'));
    const report = await roster.import(rosterActor(admin.auth), csv, { dryRun: false, removeMissing: false });
    expect(report.ok).toBe(false);
    expect(report.created).toEqual({ students: 0, cohorts: 0, memberships: 0 });
    expect(report.errors).toEqual([expect.objectContaining({ line: 3 })]);
    expect((await cohorts.list(admin.auth, {})).items.map((c) => c.name)).not.toContain('Winter Lab');
  });

  it('a student added to a cohort gets its live homework; an advisor may not take a student of another cohort', async () => {
    const { cohorts, tenant, admin } = scene();
    const { cohort, advisor } = await newCohortWithPeople(tenant);
    await newAssignment(tenant, { cohort, template: await newTemplate(tenant), by: advisor });
    const joiner = await newStudent(tenant);
    expect(await cohorts.addMembers(advisor.auth, cohort.id, { userIds: [joiner.id], role: 'student' })).toEqual({ added: 1, tasksCreated: 1 });

    const [elsewhere] = (await newCohortWithPeople(tenant)).students;
    await expect(cohorts.addMembers(advisor.auth, cohort.id, { userIds: [elsewhere.id], role: 'student' })).rejects.toBeInstanceOf(BadRequestException);
    await expect(cohorts.addMembers(admin.auth, cohort.id, { userIds: [elsewhere.id], role: 'student' })).resolves.toEqual({ added: 1, tasksCreated: 1 });
  });
});
