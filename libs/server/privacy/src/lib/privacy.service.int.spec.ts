import { ConflictException, ForbiddenException, NotFoundException } from '@nestjs/common';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execute, sql } from '@fieldwork/server-core';
import {
  inTenant,
  newAdmin,
  newContact,
  newStudent,
  newTenant,
  readAll,
  readZip,
  testModule,
  type TestApp,
  type TestTenant,
  type TestUser,
} from '@fieldwork/server-core/testing';
import { DataExportJobsModule, DataExportModule } from './data-export/data-export.module';
import { ErasureModule } from './erasure/erasure.module';
import { DataExportJobs } from './data-export/data-export-jobs';
import { DataExportService } from './data-export/data-export.service';
import { DeletionRequestsService } from './erasure/deletion-requests.service';

/**
 * Data rights through the services (the worker's job called directly, no worker started),
 * on real PostgreSQL and a throw-away export folder: the copy of one's data, deletion requests.
 */
describe('privacy services', () => {
  let app: TestApp;
  let dir: string;
  let copies: DataExportService;
  let deletions: DeletionRequestsService;
  let tenant: TestTenant;
  let admin: TestUser;
  let student: TestUser;
  let classmate: TestUser;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fieldwork-privacy-int-'));
    app = await testModule([DataExportModule, DataExportJobsModule, ErasureModule], { env: { EXPORT_DIR: dir }, startWorkers: false });
    copies = app.get(DataExportService);
    deletions = app.get(DeletionRequestsService);
    tenant = await newTenant(app, { timezone: 'Europe/London' });
    admin = await newAdmin(tenant);
    student = await newStudent(tenant, { name: 'Mia Mine' });
    classmate = await newStudent(tenant, { name: 'Theo Theirs' });
  });

  afterAll(async () => {
    await app?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('a copy of my data holds exactly my rows, and only I may download it', async () => {
    const mine = [await newContact(tenant, student, { name: 'Mentor Mine' }), await newContact(tenant, student, { name: 'Recruiter Mine' })];
    await newContact(tenant, classmate, { name: 'Somebody Else' });
    await inTenant(tenant, (db) =>
      execute(
        db,
        sql`INSERT INTO interactions (tenant_id, id, contact_id, owner_id, kind, occurred_at) VALUES (${tenant.id}, gen_random_uuid(), ${mine[0].id}, ${student.id}, 'event', now())`,
      ),
    );

    const { id } = await copies.request(student.auth);
    expect(await app.get(DataExportJobs).build({ tenantId: tenant.id, exportId: id })).toMatchObject({ status: 'done' });
    expect(await copies.get(student.auth, id)).toMatchObject({ status: 'done', percent: 100 });

    const zip = await readZip(await readAll((await copies.download(student.auth, id)).stream));
    const contacts: { name: string }[] = JSON.parse(zip.get('contacts.json') ?? '[]');
    expect(contacts.map((c) => c.name).sort()).toEqual(['Mentor Mine', 'Recruiter Mine']);
    expect(JSON.parse(zip.get('interactions.json') ?? '[]')).toHaveLength(1);
    expect([...zip.values()].join('\n')).not.toContain('Somebody Else');

    await expect(copies.download(classmate.auth, id)).rejects.toBeInstanceOf(NotFoundException);
    await expect(copies.download(admin.auth, id)).rejects.toBeInstanceOf(NotFoundException);
  });

  it('a deletion request waits for an admin; one open request at a time; never approved by its subject', async () => {
    const { id } = await deletions.requestOwn(classmate.auth, { reason: 'Leaving the program' });
    await expect(deletions.requestOwn(classmate.auth, {})).rejects.toBeInstanceOf(ConflictException);
    expect(await deletions.mine(classmate.auth)).toMatchObject({ request: { id, status: 'pending' } });
    await expect(deletions.approve(classmate.auth, id)).rejects.toBeInstanceOf(ForbiddenException);
    await expect(deletions.get(student.auth, id)).rejects.toBeInstanceOf(NotFoundException);

    expect(await deletions.approve(admin.auth, id)).toMatchObject({ id, status: 'approved' });
    await expect(deletions.approve(admin.auth, id)).rejects.toBeInstanceOf(ConflictException);
  });
});
