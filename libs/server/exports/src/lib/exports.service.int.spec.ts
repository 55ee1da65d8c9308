import { NotFoundException } from '@nestjs/common';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newAdmin, newAssignment, newCohortWithPeople, newTemplate, newTenant, readAll, testModule, type TestApp, type TestCohort, type TestTenant, type TestUser } from '@fieldwork/server-core/testing';
import { ExportJobsModule, ExportsModule } from './exports.module';
import { ExportJobs } from './export-jobs';
import { ExportsService } from './exports.service';

/**
 * A small export from request to download through the services (the worker's job called
 * directly, no worker started), on real PostgreSQL and a throw-away export folder.
 */
describe('exports services', () => {
  let app: TestApp;
  let dir: string;
  let exports: ExportsService;
  let jobs: ExportJobs;
  let tenant: TestTenant;
  let admin: TestUser;
  let advisor: TestUser;
  let cohorts: TestCohort[];
  let students: TestUser[];

  /** One cohort, a student or two and one assignment. */
  const cohortWithHomework = async (at: TestTenant, names: string[]) => {
    const scene = await newCohortWithPeople(at, { students: names.map((name) => ({ name })) });
    await newAssignment(at, { cohort: scene.cohort, template: await newTemplate(at), by: scene.advisor });
    return scene;
  };

  /** Requests an export, runs its job and reads the CSV. */
  const exportCsv = async (who: TestUser, cohortId?: string) => {
    const { id } = await exports.request(who.auth, { kind: 'cohort-progress', cohortId });
    expect(await jobs.runExport({ tenantId: tenant.id, exportId: id })).toMatchObject({ status: 'done' });
    const download = await exports.download(who.auth, id);
    return (await readAll(download.stream)).toString('utf8').trim().split(/\r?\n/);
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fieldwork-exports-int-'));
    app = await testModule([ExportsModule, ExportJobsModule], { env: { EXPORT_DIR: dir }, startWorkers: false });
    exports = app.get(ExportsService);
    jobs = app.get(ExportJobs);
    tenant = await newTenant(app);
    admin = await newAdmin(tenant);
    const first = await cohortWithHomework(tenant, ['Ada First', 'Ben First']);
    const second = await cohortWithHomework(tenant, ['Cy Second']);
    advisor = first.advisor;
    cohorts = [first.cohort, second.cohort];
    students = [...first.students, ...second.students];
    // Another career center's work must never appear.
    await cohortWithHomework(await newTenant(app), ['Zed Elsewhere']);
  });

  afterAll(async () => {
    await app?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('the admin’s export holds exactly the career center’s rows: one per student and assignment', async () => {
    const [header, ...rows] = await exportCsv(admin);
    expect(header.split(',').slice(0, 4)).toEqual(['student name', 'student email', 'student id', 'cohort']);
    expect(rows.map((row) => row.split(',')[0]).sort()).toEqual(students.map((s) => s.name).sort());
    expect(rows.join('\n')).not.toContain('Zed Elsewhere');
  });

  it('an advisor exports one cohort they advise, and gets 404 for another', async () => {
    const [, ...rows] = await exportCsv(advisor, cohorts[0].id);
    expect(rows.map((row) => row.split(',')[0]).sort()).toEqual(['Ada First', 'Ben First']);
    await expect(exports.request(advisor.auth, { kind: 'cohort-progress', cohortId: cohorts[1].id })).rejects.toBeInstanceOf(NotFoundException);
  });

  it('people see their own exports; the admin sees every export of the career center', async () => {
    const mine = await exports.list(advisor.auth, {});
    expect(mine.items.map((e) => e.requestedBy.id)).toEqual([advisor.id]);
    const all = await exports.list(admin.auth, {});
    expect(new Set(all.items.map((e) => e.requestedBy.id))).toEqual(new Set([admin.id, advisor.id]));
    await expect(exports.get(advisor.auth, all.items.find((e) => e.requestedBy.id === admin.id)?.id ?? '')).rejects.toBeInstanceOf(NotFoundException);
  });
});
