import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { parse } from 'csv-parse/sync';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { CoreModule, OutboxRelayModule } from '@fieldwork/server-core';
import { eventually, ownerClient } from '@fieldwork/server-core/testing';
import { ExportJobs, ExportJobsModule } from '@fieldwork/server-exports';
import type { ExportSummary } from '@fieldwork/contracts';
import { Session, TenantFixture, TestApi } from './support/test-api';
import { CohortFixture, cohortWithPeople, inDays } from './support/homework-fixture';

/** The worker's export side, as apps/worker composes it: core, the outbox relay and the export jobs. */
@Module({ imports: [CoreModule, OutboxRelayModule, ExportJobsModule] })
class ExportWorkerModule {}

const backends: [string, string][] = [['postgres', '']];
if (process.env['REDIS_URL']) backends.push(['redis', process.env['REDIS_URL']]);

const STUDENTS = 2_000;
const PROGRESS_HEADER = [
  'student name',
  'student email',
  'student id',
  'cohort',
  'assignment',
  'category',
  'status',
  'opens',
  'due',
  'due on',
  'original due',
  'extension reason',
  'first submitted',
  'submitted',
  'approved',
  'late',
  'excused reason',
];

/** An instant as the export writes it, formatted by PostgreSQL in the tenant's zone (the transaction's TimeZone): "2026-12-10T23:59:59-06:00". */
const isoSql = (column: string) => `COALESCE(to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'), '')`;

/**
 * A cohort-progress export of a 2,000-student cohort through the real worker
 * (outbox relay → BullMQ → streaming job) on real PostgreSQL as the app role,
 * downloaded through the real API.
 */
describe.each(backends)('exports through the worker on the %s queue backend', (_backend, redisUrl) => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let owner: Client;
  let t: TenantFixture;
  let other: TenantFixture;
  let advisorB: Session;
  let cohort: CohortFixture;
  let exportDir: string;

  beforeAll(async () => {
    exportDir = await mkdtemp(join(tmpdir(), 'fieldwork-exports-'));
    api = await TestApi.start({ REDIS_URL: redisUrl, EXPORT_DIR: exportDir, QUEUE_PREFIX: `exp-${randomBytes(4).toString('hex')}` });
    worker = await NestFactory.createApplicationContext(ExportWorkerModule, { logger: false });
    await worker.init();
    owner = await ownerClient(api.config);
    t = await api.tenantWithPeople();
    other = await api.tenantWithPeople();
    advisorB = await api.accept((await api.invite(t.admin, `advisor.b@${t.slug}.test`, 'advisor')).token, 'Advisor B');
    cohort = await cohortWithPeople(api, t, 'Big Cohort');
    // 2,000 more students in the cohort, written set-based (users, then memberships).
    await owner.query(
      `WITH s AS (INSERT INTO users (tenant_id, id, email, name, role, student_id)
                  SELECT $1, gen_random_uuid(), 'bulk' || n || '@${t.slug}.test', 'Bulk Student ' || lpad(n::text, 4, '0'), 'student', 'S' || n
                    FROM generate_series(1, $3::int) n RETURNING id)
       INSERT INTO cohort_members (tenant_id, cohort_id, user_id, role) SELECT $1, $2, id, 'student' FROM s`,
      [t.tenantId, cohort.cohortId, STUDENTS - 1],
    );
    // A name a spreadsheet would run as a formula.
    await owner.query(`UPDATE users SET name = '=HYPERLINK("http://evil.test")' WHERE tenant_id = $1 AND email = 'bulk1@${t.slug}.test'`, [t.tenantId]);
    for (const dueAt of [inDays(-2), inDays(7)]) {
      const reply = await api.request('POST', '/assignments', {
        token: t.advisor.accessToken,
        body: { templateId: cohort.template.id, cohortId: cohort.cohortId, opensAt: inDays(-10), dueAt, allowDuplicate: true },
      });
      expect(reply.body.taskCount).toBe(STUDENTS);
    }
    // Varied progress: submitted late, approved on time, excused.
    await owner.query(
      `UPDATE tasks SET status = 'submitted', first_submitted_at = due_at + interval '1 hour', submitted_at = due_at + interval '1 hour'
        WHERE tenant_id = $1 AND id IN (SELECT id FROM tasks WHERE tenant_id = $1 ORDER BY id LIMIT 300)`,
      [t.tenantId],
    );
    await owner.query(
      `UPDATE tasks SET status = 'approved', first_submitted_at = opens_at + interval '1 day', submitted_at = opens_at + interval '1 day',
              approved_at = opens_at + interval '2 days'
        WHERE tenant_id = $1 AND id IN (SELECT id FROM tasks WHERE tenant_id = $1 AND status = 'assigned' ORDER BY id DESC LIMIT 200)`,
      [t.tenantId],
    );
    await owner.query(
      `UPDATE tasks SET status = 'excused', excused_reason = '+ medical leave'
        WHERE tenant_id = $1 AND id IN (SELECT id FROM tasks WHERE tenant_id = $1 AND status = 'assigned' ORDER BY student_id LIMIT 50)`,
      [t.tenantId],
    );
    // One extended task: its original due date and reason have their columns.
    await owner.query(
      `UPDATE tasks SET extended_from = due_at, due_at = due_at + interval '3 days', extended_at = now(), extension_reason = 'Family emergency'
        WHERE tenant_id = $1 AND id = (SELECT id FROM tasks WHERE tenant_id = $1 AND status = 'assigned' ORDER BY id LIMIT 1)`,
      [t.tenantId],
    );
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

  async function waitUntilDone(session: Session, id: string): Promise<{ final: ExportSummary; seen: number[] }> {
    const seen: number[] = [];
    const final = await eventually(async () => {
      const reply = await api.request<ExportSummary>('GET', `/exports/${id}`, { token: session.accessToken });
      expect(reply.status).toBe(200);
      seen.push(reply.body.percent);
      if (reply.body.status === 'failed') throw new Error(`export failed: ${reply.body.error}`);
      return reply.body.status === 'done' ? reply.body : null;
    }, 60_000);
    return { final, seen };
  }

  it('writes one row per task of the 2,000-student cohort, reports progress to 100, and downloads for the requester and admins only', async () => {
    const requested = await api.request('POST', '/exports', { token: t.advisor.accessToken, body: { kind: 'cohort-progress', cohortId: cohort.cohortId } });
    expect(requested.status).toBe(202);
    const id: string = requested.body.id;

    const { final, seen } = await waitUntilDone(t.advisor, id);
    // The reference: PostgreSQL formats each instant in the tenant's zone (America/Chicago), with its offset then.
    await owner.query('BEGIN');
    await owner.query(`SELECT set_config('TimeZone', timezone, true) FROM tenants WHERE id = $1`, [t.tenantId]);
    const expected = await owner.query(
      `SELECT u.name, u.email, u.student_id, c.name AS cohort, a.title, a.category, t.status, ${isoSql('t.opens_at')} AS opens_at,
              ${isoSql('t.due_at')} AS due_at, to_char(t.due_at, 'YYYY-MM-DD') AS due_on, ${isoSql('t.extended_from')} AS extended_from,
              COALESCE(t.extension_reason, '') AS extension_reason, ${isoSql('t.first_submitted_at')} AS first_submitted_at,
              ${isoSql('t.submitted_at')} AS submitted_at, ${isoSql('t.approved_at')} AS approved_at, t.excused_reason,
              (t.first_submitted_at > t.due_at OR (t.first_submitted_at IS NULL AND t.status NOT IN ('excused', 'approved', 'submitted') AND t.due_at < now())) AS late
         FROM tasks t JOIN users u ON u.tenant_id = t.tenant_id AND u.id = t.student_id
         JOIN assignments a ON a.tenant_id = t.tenant_id AND a.id = t.assignment_id
         JOIN cohorts c ON c.tenant_id = t.tenant_id AND c.id = t.cohort_id
        WHERE t.tenant_id = $1 AND t.cohort_id = $2`,
      [t.tenantId, cohort.cohortId],
    );
    await owner.query('COMMIT');
    expect(expected.rows).toHaveLength(2 * STUDENTS);
    expect(expected.rows.filter((row) => row.extended_from !== '')).toHaveLength(1);
    expect(expected.rows[0].due_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}-0[56]:00$/);
    expect(final).toMatchObject({ status: 'done', percent: 100, totalRows: 2 * STUDENTS, doneRows: 2 * STUDENTS, kind: 'cohort-progress' });
    expect(final.cohort).toEqual({ id: cohort.cohortId, name: 'Big Cohort' });
    expect(final.fileSize).toBeGreaterThan(100_000);
    expect(new Date(final.expiresAt ?? 0).getTime() - new Date(final.finishedAt ?? 0).getTime()).toBe(7 * 86_400_000);
    expect(seen.every((percent, index) => index === 0 || percent >= seen[index - 1])).toBe(true);

    const download = await api.request('GET', `/exports/${id}/download`, { token: t.advisor.accessToken });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="cohort-progress-big-cohort-\d{4}-\d{2}-\d{2}\.csv"$/);
    const text: string = download.body;
    // A UTF-8 byte-order mark, so spreadsheets read accents right (fetch's text() drops it).
    expect((await readFile(join(exportDir, t.tenantId, `${id}.csv`))).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const [header, ...rows]: string[][] = parse(text);
    expect(header).toEqual(PROGRESS_HEADER);
    expect(rows).toHaveLength(2 * STUDENTS);

    const want = expected.rows.map((row) =>
      [
        row.name.startsWith('=') ? `'${row.name}` : row.name,
        row.email,
        row.student_id ?? '',
        row.cohort,
        row.title,
        row.category,
        row.status,
        row.opens_at,
        row.due_at,
        row.due_on,
        row.extended_from,
        row.extension_reason,
        row.first_submitted_at,
        row.submitted_at,
        row.approved_at,
        row.late ? 'yes' : 'no',
        row.excused_reason ? `'${row.excused_reason}` : '',
      ].join('\u0001'),
    );
    expect(rows.map((row) => row.join('\u0001')).sort()).toEqual(want.sort());
    // Grouped by student (sorted by name): both tasks of a student are adjacent.
    const emails = rows.map((row) => row[1]);
    expect(emails.filter((email, index) => index > 0 && email !== emails[index - 1]).length).toBe(STUDENTS - 1);
    expect(rows.filter((row) => row[15] === 'yes').length).toBeGreaterThanOrEqual(300);
    expect(rows.filter((row) => row[6] === 'excused').every((row) => row[16] === "'+ medical leave")).toBe(true);
    const extended = rows.filter((row) => row[10] !== '');
    expect(extended).toHaveLength(1);
    expect(extended[0][11]).toBe('Family emergency');
    expect(new Date(extended[0][8]).getTime() - new Date(extended[0][10]).getTime()).toBe(3 * 86_400_000);

    const asAdmin = await api.request('GET', `/exports/${id}/download`, { token: t.admin.accessToken });
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body).toBe(text);
    expect((await api.request('GET', `/exports/${id}/download`, { token: advisorB.accessToken })).status).toBe(404);
    expect((await api.request('GET', `/exports/${id}`, { token: advisorB.accessToken })).status).toBe(404);
    expect((await api.request('GET', `/exports/${id}/download`, { token: other.admin.accessToken })).status).toBe(404);
    expect((await api.request('GET', `/exports/${id}/download`, { token: t.student.accessToken })).status).toBe(403);

    const audit = await owner.query(`SELECT action, actor_id FROM audit_events WHERE tenant_id = $1 AND subject_id = $2 ORDER BY occurred_at`, [t.tenantId, id]);
    expect(audit.rows).toEqual([
      { action: 'export.requested', actor_id: t.advisor.userId },
      { action: 'export.downloaded', actor_id: t.advisor.userId },
      { action: 'export.downloaded', actor_id: t.admin.userId },
    ]);

    // Idempotent: a done export is not redone; a re-run of an unfinished one rewrites the file from scratch.
    const jobs = worker.get(ExportJobs);
    expect(await jobs.runExport({ tenantId: t.tenantId, exportId: id })).toEqual({ status: 'skipped', reason: 'already done' });
    await owner.query(`UPDATE exports SET status = 'running', done_rows = 17 WHERE tenant_id = $1 AND id = $2`, [t.tenantId, id]);
    expect(await jobs.runExport({ tenantId: t.tenantId, exportId: id })).toMatchObject({ status: 'done', rows: 2 * STUDENTS });
    const again = await api.request('GET', `/exports/${id}/download`, { token: t.admin.accessToken });
    expect(again.body).toBe(text);
    expect((await readdir(join(exportDir, t.tenantId))).filter((name) => name.endsWith('.part'))).toEqual([]);

    // Expiry: the daily sweep deletes the file and marks the export; a download then answers 410.
    await owner.query(`UPDATE exports SET expires_at = now() - interval '1 minute' WHERE tenant_id = $1 AND id = $2`, [t.tenantId, id]);
    expect((await api.request('GET', `/exports/${id}/download`, { token: t.admin.accessToken })).status).toBe(410);
    expect(await jobs.expireExports({ tenantId: t.tenantId })).toBe(1);
    expect(existsSync(join(exportDir, t.tenantId, `${id}.csv`))).toBe(false);
    const expired = await api.request('GET', `/exports/${id}/download`, { token: t.advisor.accessToken });
    expect(expired.status).toBe(410);
    expect(expired.body.message).toMatch(/expired on \d{4}-\d{2}-\d{2}; request a new one/);
    expect((await api.request('GET', `/exports/${id}`, { token: t.advisor.accessToken })).body.status).toBe('expired');
  }, 120_000);

  it('exports the network summary and the reflections through the worker', async () => {
    const contact = await api.request('POST', '/contacts', { token: t.student.accessToken, body: { name: 'Grace', organization: 'City Hall' } });
    for (const kind of ['informational_interview', 'thank_you', 'thank_you']) {
      await api.request('POST', `/contacts/${contact.body.id}/interactions`, { token: t.student.accessToken, body: { kind, occurredAt: inDays(-1) } });
    }
    const summary = await api.request('POST', '/exports', { token: t.admin.accessToken, body: { kind: 'network-summary', cohortId: cohort.cohortId } });
    expect(summary.status).toBe(202);
    const done = await waitUntilDone(t.admin, summary.body.id);
    expect(done.final.totalRows).toBe(STUDENTS);
    const [header, ...rows]: string[][] = parse((await api.request('GET', `/exports/${summary.body.id}/download`, { token: t.admin.accessToken })).body);
    expect(header.slice(0, 9)).toEqual(['student name', 'student email', 'student id', 'cohorts', 'contacts', 'contacts shared with advisors', 'interactions', 'informational interviews', 'thank-yous']);
    expect(rows).toHaveLength(STUDENTS);
    const stu = rows.find((row) => row[1] === t.student.email);
    expect(stu?.slice(3, 9)).toEqual(['Big Cohort', '1', '0', '3', '1', '2']);

    // Reflections: the latest version of each submitted task, answers flattened as `question: answer` lines.
    await owner.query(
      `INSERT INTO submissions (tenant_id, id, task_id, version, answers, contact_name, contact_organization, late, submitted_at)
       SELECT t.tenant_id, gen_random_uuid(), t.id, v, jsonb_build_object('organization', '=Org v' || v, 'role', 'Planner'), 'Grace', 'City Hall', true, t.submitted_at
         FROM tasks t CROSS JOIN generate_series(1, 2) v WHERE t.tenant_id = $1 AND t.status = 'submitted'`,
      [t.tenantId],
    );
    const reflections = await api.request('POST', '/exports', { token: t.admin.accessToken, body: { kind: 'reflections' } });
    expect(reflections.status).toBe(202);
    expect((await waitUntilDone(t.admin, reflections.body.id)).final.totalRows).toBe(300);
    const [rHeader, ...rRows]: string[][] = parse((await api.request('GET', `/exports/${reflections.body.id}/download`, { token: t.admin.accessToken })).body);
    expect(rHeader).toContain('answers');
    expect(rRows).toHaveLength(300);
    const answers = rRows[0][rHeader.indexOf('answers')];
    expect(answers.split('\n')).toEqual(expect.arrayContaining([expect.stringMatching(/: =Org v2$/), expect.stringMatching(/: Planner$/)]));
    expect(rRows.every((row) => row[rHeader.indexOf('version')] === '2' && row[rHeader.indexOf('review decision')] === 'not reviewed')).toBe(true);
    const events = await owner.query(`SELECT action FROM audit_events WHERE tenant_id = $1 AND subject_id = $2 ORDER BY action`, [t.tenantId, reflections.body.id]);
    expect(events.rows.map((row) => row.action)).toEqual(['export.downloaded', 'export.requested', 'reflections.exported']);
  }, 120_000);
});
