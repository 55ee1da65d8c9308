import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { parse } from 'csv-parse/sync';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { QueueService } from '@fieldwork/server-core';
import { eventually, ownerClient } from '@fieldwork/server-core/testing';
import { QUEUES, type DataExportSummary, type TaskSummary } from '@fieldwork/contracts';
import { Session, TenantFixture, TestApi } from './support/test-api';
import { PrivacyWorkerModule, readZip } from './support/privacy';
import { CohortFixture, INTERVIEW_ANSWERS, cohortWithPeople, inDays } from './support/homework-fixture';

const csvRows = (text: string): Record<string, string>[] => parse(text, { bom: true, columns: true });
const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

/**
 * "Download my data" end to end: requested through the API, built by the real
 * worker (outbox relay → BullMQ → streaming ZIP) on real PostgreSQL as the app
 * role, downloaded through the API and read back with yauzl.
 */
describe('download my data (API + worker)', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let owner: Client;
  let t: TenantFixture;
  let otherStudent: Session;
  let cohort: CohortFixture;
  let exportDir: string;

  beforeAll(async () => {
    exportDir = await mkdtemp(join(tmpdir(), 'fieldwork-my-data-'));
    api = await TestApi.start({ EXPORT_DIR: exportDir, QUEUE_PREFIX: `mydata-${randomBytes(4).toString('hex')}` });
    worker = await NestFactory.createApplicationContext(PrivacyWorkerModule, { logger: false });
    await worker.init();
    owner = await ownerClient(api.config);
    t = await api.tenantWithPeople('America/New_York');
    otherStudent = await api.accept((await api.invite(t.admin, `zed.other@${t.slug}.test`, 'student')).token, 'Zed Otherstudent');
    cohort = await cohortWithPeople(api, t, 'Spring Cohort');
    const members = await api.request('POST', `/cohorts/${cohort.cohortId}/members`, { token: t.admin.accessToken, body: { userIds: [otherStudent.userId], role: 'student' } });
    expect(members.status).toBe(200);
    for (const dueAt of [inDays(5), inDays(12)]) {
      const assigned = await api.request('POST', '/assignments', {
        token: t.advisor.accessToken,
        body: { templateId: cohort.template.id, cohortId: cohort.cohortId, opensAt: inDays(-2), dueAt, allowDuplicate: true },
      });
      expect(assigned.status).toBe(201);
    }
    // Both students build a network and do the homework; only one of them asks for their data.
    for (const [student, who] of [
      [t.student, 'Mine'],
      [otherStudent, 'Theirs'],
    ] as const) {
      const contact = await api.request('POST', '/contacts', {
        token: student.accessToken,
        body: { name: `${who} Contact Person`, organization: `${who} Org`, email: `${who.toLowerCase()}.contact@example.test`, notes: `${who} private notes` },
      });
      expect(contact.status).toBe(201);
      await api.request('POST', `/contacts/${contact.body.id}/interactions`, {
        token: student.accessToken,
        body: { kind: 'event', occurredAt: inDays(-1), notes: `${who} met at a meetup` },
      });
      const tasks = (await api.request('GET', '/tasks', { token: student.accessToken })).body.items as TaskSummary[];
      const [first] = tasks;
      const answers = { ...INTERVIEW_ANSWERS, surprise: `${who}: how much writing the job takes.` };
      expect((await api.request('POST', `/tasks/${first.id}/submissions`, { token: student.accessToken, body: { answers, contactId: contact.body.id } })).status).toBe(201);
      expect((await api.request('POST', `/tasks/${first.id}/reviews`, { token: t.advisor.accessToken, body: { decision: 'revise', comment: `${who}: say more about the culture.` } })).status).toBe(201);
      expect((await api.request('POST', `/tasks/${first.id}/submissions`, { token: student.accessToken, body: { answers, contactId: contact.body.id } })).status).toBe(201);
      const rubricScores = Object.fromEntries((cohort.template.rubric ?? []).map((criterion) => [criterion.key, criterion.levels[criterion.levels.length - 1].points]));
      expect((await api.request('POST', `/tasks/${first.id}/reviews`, { token: t.advisor.accessToken, body: { decision: 'approve', rubricScores, comment: `${who}: great work.` } })).status).toBe(201);
    }
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

  async function requestAndWait(session: Session): Promise<{ id: string; final: DataExportSummary; seen: number[] }> {
    const requested = await api.request('POST', '/me/data-export', { token: session.accessToken });
    expect(requested.status).toBe(202);
    const id: string = requested.body.id;
    const seen: number[] = [];
    const final = await eventually(async () => {
      const reply = await api.request<DataExportSummary>('GET', `/me/data-export/${id}`, { token: session.accessToken });
      expect(reply.status).toBe(200);
      seen.push(reply.body.percent);
      if (reply.body.status === 'failed') throw new Error(`data export failed: ${reply.body.error}`);
      return reply.body.status === 'done' ? reply.body : null;
    }, 60_000);
    return { id, final, seen };
  }

  async function download(session: Session, id: string): Promise<{ status: number; headers: Headers; body: Buffer }> {
    const response = await fetch(`${api.url}/api/me/data-export/${id}/download`, { headers: { authorization: `Bearer ${session.accessToken}` } });
    return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
  }

  it('builds a ZIP holding exactly the student’s rows — every file’s ids equal SQL’s — and nothing of another student', async () => {
    const { id, final, seen } = await requestAndWait(t.student);
    expect(final).toMatchObject({ id, status: 'done', percent: 100, error: null });
    expect(final.fileSize).toBeGreaterThan(1_000);
    expect(new Date(final.expiresAt ?? 0).getTime() - Date.now()).toBeGreaterThan(7 * 86_400_000 - 120_000);
    expect(seen.every((percent, index) => index === 0 || percent >= seen[index - 1])).toBe(true);

    const file = await download(t.student, id);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/zip');
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="fieldwork-my-data-\d{4}-\d{2}-\d{2}\.zip"$/);
    expect(file.body.length).toBe(final.fileSize);
    const zip = await readZip(file.body);
    expect([...zip.keys()]).toEqual(['README.txt', 'profile.json', 'tasks.json', 'tasks.csv', 'contacts.json', 'contacts.csv', 'interactions.json', 'interactions.csv']);

    // The reference, straight from SQL.
    const me = t.student.userId;
    const ids = async (sql: string) => sorted((await owner.query(sql, [t.tenantId, me])).rows.map((row) => row.id));
    const taskIds = await ids(`SELECT id FROM tasks WHERE tenant_id = $1 AND student_id = $2`);
    const submissionIds = await ids(`SELECT s.id FROM submissions s JOIN tasks t ON t.tenant_id = s.tenant_id AND t.id = s.task_id WHERE t.tenant_id = $1 AND t.student_id = $2`);
    const reviewIds = await ids(
      `SELECT r.id FROM reviews r JOIN tasks t ON t.tenant_id = r.tenant_id AND t.id = r.task_id WHERE t.tenant_id = $1 AND t.student_id = $2`,
    );
    const contactIds = await ids(`SELECT id FROM contacts WHERE tenant_id = $1 AND owner_id = $2`);
    const interactionIds = await ids(`SELECT id FROM interactions WHERE tenant_id = $1 AND owner_id = $2`);
    expect(taskIds).toHaveLength(2);
    expect(submissionIds).toHaveLength(2);
    expect(reviewIds).toHaveLength(2);
    expect(interactionIds.length).toBeGreaterThanOrEqual(2); // the one logged and the one the reflection recorded

    const tasks = JSON.parse(zip.get('tasks.json') ?? '');
    const contacts = JSON.parse(zip.get('contacts.json') ?? '');
    const interactions = JSON.parse(zip.get('interactions.json') ?? '');
    expect(sorted(tasks.map((x: { id: string }) => x.id))).toEqual(taskIds);
    expect(sorted(tasks.flatMap((x: { submissions: { id: string }[] }) => x.submissions.map((s) => s.id)))).toEqual(submissionIds);
    expect(sorted(tasks.flatMap((x: { submissions: { review: { id: string } | null }[] }) => x.submissions.flatMap((s) => (s.review ? [s.review.id] : []))))).toEqual(reviewIds);
    expect(sorted(contacts.map((x: { id: string }) => x.id))).toEqual(contactIds);
    expect(sorted(interactions.map((x: { id: string }) => x.id))).toEqual(interactionIds);

    const taskRows = csvRows(zip.get('tasks.csv') ?? '');
    expect(sorted(taskRows.map((row) => row['task id']))).toEqual(taskIds);
    expect(sorted(taskRows.map((row) => row['submission id']).filter(Boolean))).toEqual(submissionIds);
    expect(taskRows).toHaveLength(3); // two versions of one task, and the task not yet started
    expect(sorted(csvRows(zip.get('contacts.csv') ?? '').map((row) => row['contact id']))).toEqual(contactIds);
    expect(sorted(csvRows(zip.get('interactions.csv') ?? '').map((row) => row['interaction id']))).toEqual(interactionIds);

    // Nothing of the other student: no id of theirs, no name, no e-mail, no words of theirs.
    const everything = [...zip.values()].join('\n');
    const theirs = await owner.query(
      `SELECT id::text FROM tasks WHERE tenant_id = $1 AND student_id = $2
       UNION ALL SELECT s.id::text FROM submissions s JOIN tasks t ON t.tenant_id = s.tenant_id AND t.id = s.task_id WHERE t.tenant_id = $1 AND t.student_id = $2
       UNION ALL SELECT r.id::text FROM reviews r JOIN tasks t ON t.tenant_id = r.tenant_id AND t.id = r.task_id WHERE t.tenant_id = $1 AND t.student_id = $2
       UNION ALL SELECT id::text FROM contacts WHERE tenant_id = $1 AND owner_id = $2
       UNION ALL SELECT id::text FROM interactions WHERE tenant_id = $1 AND owner_id = $2
       UNION ALL SELECT $2::text`,
      [t.tenantId, otherStudent.userId],
    );
    expect(theirs.rows.length).toBeGreaterThanOrEqual(8);
    for (const needle of [...theirs.rows.map((row) => row.id), 'Zed Otherstudent', `zed.other@${t.slug}.test`, 'Theirs', 'theirs.contact@example.test']) {
      expect({ needle, found: everything.includes(needle) }).toEqual({ needle, found: false });
    }
    expect(everything).toContain('Mine Contact Person');
    expect(everything).toContain('Mine private notes');

    // The reflection's two versions, each with its review; scores and total on the approval.
    const submitted = tasks.find((x: { submissions: unknown[] }) => x.submissions.length > 0);
    expect(submitted.status).toBe('approved');
    expect(submitted.homework.title).toBe(cohort.template.title);
    expect(submitted.homework.prompts.map((p: { key: string }) => p.key)).toEqual(cohort.template.prompts.map((p) => p.key));
    expect(submitted.dueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // In the career center's zone (New York), with its offset; the local day is the due day.
    expect(submitted.dueAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}-0[45]:00$/);
    expect(submitted.dueAt.slice(0, 10)).toBe(submitted.dueOn);
    const [v1, v2] = submitted.submissions;
    expect([v1.version, v2.version]).toEqual([1, 2]);
    expect(v1.answers).toEqual({ ...INTERVIEW_ANSWERS, surprise: 'Mine: how much writing the job takes.' });
    expect(v1.contact).toMatchObject({ name: 'Mine Contact Person', organization: 'Mine Org' });
    expect(v1.late).toBe(false);
    expect(v1.review).toMatchObject({ decision: 'revise', comment: 'Mine: say more about the culture.', reviewer: 'Avi Advisor' });
    const maxPoints = (cohort.template.rubric ?? []).reduce((sum, criterion) => sum + criterion.levels[criterion.levels.length - 1].points, 0);
    expect(v2.review).toMatchObject({ decision: 'approve', comment: 'Mine: great work.', totalPoints: maxPoints });
    expect(Object.keys(v2.review.rubricScores).sort()).toEqual((cohort.template.rubric ?? []).map((criterion) => criterion.key).sort());
    const approvedRow = taskRows.find((row) => row['version'] === '2');
    expect(approvedRow).toMatchObject({ review: 'approve', 'total points': String(maxPoints), late: 'no', contact: 'Mine Contact Person' });
    expect(approvedRow?.['answers']).toContain('Mine: how much writing the job takes.');

    const profile = JSON.parse(zip.get('profile.json') ?? '');
    expect(profile).toMatchObject({ id: me, name: 'Stu Student', email: `student@${t.slug}.test`, role: 'student', careerCenter: { name: `Career Center ${t.slug}`, timeZone: 'America/New_York' } });
    expect(profile.cohorts).toEqual([expect.objectContaining({ id: cohort.cohortId, name: 'Spring Cohort', as: 'student' })]);
    expect(profile.notificationPreferences.length).toBeGreaterThan(5);
    const readme = zip.get('README.txt') ?? '';
    expect(readme).toContain(`Career Center ${t.slug}`);
    expect(readme).toContain('America/New_York');
    expect(readme).toMatch(/made on \w+ \d+, \d{4} at .* (EST|EDT)/);

    const audit = await owner.query(`SELECT action, actor_id, details FROM audit_events WHERE tenant_id = $1 AND subject_id = $2 ORDER BY occurred_at`, [t.tenantId, id]);
    expect(audit.rows).toEqual([
      { action: 'data_export.requested', actor_id: me, details: {} },
      { action: 'data_export.downloaded', actor_id: me, details: { bytes: final.fileSize } },
    ]);

    // A re-run of a done copy leaves it alone (the job is idempotent).
    const [{ file_path: before }] = (await owner.query(`SELECT file_path FROM data_exports WHERE tenant_id = $1 AND id = $2`, [t.tenantId, id])).rows;
    await worker.get(QueueService).queue(QUEUES.dataExports).add('build-data-export', { tenantId: t.tenantId, exportId: id });
    const list = await api.request('GET', '/me/data-exports', { token: t.student.accessToken });
    expect(list.status).toBe(200);
    expect(list.body.items[0]).toMatchObject({ id, status: 'done' });
    expect((await owner.query(`SELECT file_path FROM data_exports WHERE tenant_id = $1 AND id = $2`, [t.tenantId, id])).rows[0].file_path).toBe(before);
  }, 90_000);

  it('only the requester reaches a copy: another student, an advisor, an admin and another career center get 404', async () => {
    const { id } = await requestAndWait(t.student);
    const other = await api.tenantWithPeople();
    for (const session of [otherStudent, t.advisor, t.admin, other.admin]) {
      expect((await api.request('GET', `/me/data-export/${id}`, { token: session.accessToken })).status).toBe(404);
      expect((await download(session, id)).status).toBe(404);
      const mine = await api.request('GET', '/me/data-exports', { token: session.accessToken });
      expect(mine.body.items.map((x: DataExportSummary) => x.id)).not.toContain(id);
    }
    expect((await api.request('GET', '/me/data-export/not-a-uuid', { token: t.student.accessToken })).status).toBe(404);
    expect((await api.request('POST', '/me/data-export', {})).status).toBe(401);
    expect((await api.request('POST', '/me/data-export', { token: (await api.operatorSession()).accessToken })).status).toBe(403);
    // Staff get a copy of their own data too (no tasks, their cohorts as advisor).
    const staff = await requestAndWait(t.advisor);
    const zip = await readZip((await download(t.advisor, staff.id)).body);
    expect(JSON.parse(zip.get('tasks.json') ?? '')).toEqual([]);
    expect(JSON.parse(zip.get('profile.json') ?? '').cohorts).toEqual([expect.objectContaining({ id: cohort.cohortId, as: 'advisor' })]);
  }, 90_000);

  it('answers 410 after its 7 days; the daily sweep deletes the file and marks it expired', async () => {
    const { id } = await requestAndWait(t.student);
    const path = join(exportDir, t.tenantId, 'my-data', `${id}.zip`);
    expect(existsSync(path)).toBe(true);
    await owner.query(`UPDATE data_exports SET expires_at = now() - interval '1 second' WHERE tenant_id = $1 AND id = $2`, [t.tenantId, id]);
    const gone = await api.request('GET', `/me/data-export/${id}/download`, { token: t.student.accessToken });
    expect(gone.status).toBe(410);
    expect(gone.body.message).toMatch(/expired on \d{4}-\d{2}-\d{2}; ask for a new one/);

    await worker.get(QueueService).queue(QUEUES.dataExports).add('sweep-data-exports', {});
    const expired = await eventually(async () => {
      const reply = await api.request<DataExportSummary>('GET', `/me/data-export/${id}`, { token: t.student.accessToken });
      return reply.body.status === 'expired' ? reply.body : null;
    }, 30_000);
    expect(expired.percent).toBe(100);
    expect(existsSync(path)).toBe(false);
    expect((await api.request('GET', `/me/data-export/${id}/download`, { token: t.student.accessToken })).status).toBe(410);
    // Not ready yet: 409 with words, not a broken file.
    const running = randomUUID();
    await owner.query(`INSERT INTO data_exports (tenant_id, id, user_id, status) VALUES ($1, $2, $3, 'running')`, [t.tenantId, running, otherStudent.userId]);
    const early = await api.request('GET', `/me/data-export/${running}/download`, { token: otherStudent.accessToken });
    expect(early.status).toBe(409);
    expect(early.body.message).toMatch(/not ready yet/);
  }, 60_000);
});
