import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Client } from 'pg';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { eventually, ownerClient } from '@fieldwork/server-core/testing';
import type { AuditEvent, DeletionRequestSummary, Submission, TaskSummary } from '@fieldwork/contracts';
import { CONTACT_REMOVED_LABEL } from '@fieldwork/contracts';
import { STRONG_PASSWORD, Session, TenantFixture, TestApi } from './support/test-api';
import { PrivacyWorkerModule } from './support/privacy';
import { INTERVIEW_ANSWERS, addMembers, cohortWithPeople, inDays } from './support/homework-fixture';
import { comparable, referenceDashboard } from './support/dashboard-reference';

const NAME = 'Zelda Quixote-Erasure';
const STUDENT_ID = 'ZQX-900217';

const COUNT_ROWS = `SELECT (SELECT count(*) FROM tasks WHERE tenant_id = $1) AS tasks, (SELECT count(*) FROM submissions WHERE tenant_id = $1) AS submissions,
                           (SELECT count(*) FROM audit_events WHERE tenant_id = $1) AS audit`;

/** Every text, varchar, jsonb (and text[]) column of every table of the public schema, from the catalog. */
async function textColumns(owner: Client): Promise<{ table: string; column: string; tenant: boolean }[]> {
  const { rows } = await owner.query(
    `SELECT c.table_name AS table, c.column_name AS column,
            EXISTS (SELECT 1 FROM information_schema.columns k WHERE k.table_schema = 'public' AND k.table_name = c.table_name AND k.column_name = 'tenant_id') AS tenant
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
      WHERE c.table_schema = 'public'
        AND (c.data_type IN ('text', 'character varying', 'jsonb', 'json') OR (c.data_type = 'ARRAY' AND c.udt_name IN ('_text', '_varchar')))
      ORDER BY 1, 2`,
  );
  return rows;
}

/** Every (table.column, needle) where a needle still appears, case-insensitively: in the given tenants' rows, and in every row of platform tables. */
async function traces(owner: Client, tenantIds: string[], needles: string[]): Promise<string[]> {
  const found: string[] = [];
  const columns = await textColumns(owner);
  expect(columns.length).toBeGreaterThan(40);
  for (const { table, column, tenant } of columns) {
    for (const needle of needles) {
      const where = tenant ? `tenant_id = ANY($2::uuid[]) AND ` : '';
      const { rows } = await owner.query(`SELECT count(*)::int AS n FROM "${table}" WHERE ${where}"${column}"::text ILIKE '%' || $1 || '%'`, tenant ? [needle, tenantIds] : [needle]);
      if (rows[0].n) found.push(`${table}.${column} ∋ ${needle} (${rows[0].n})`);
    }
  }
  return found;
}

describe('erasure: deletion requests, the erased account, contact erasure', () => {
  let api: TestApi;
  let owner: Client;
  let t: TenantFixture;
  let other: TenantFixture;
  let zelda: Session;
  let zeldaEmail: string;
  let cohortId: string;
  let assignmentId: string;
  let worker: INestApplicationContext | undefined;

  async function dashboardsMatchReference(): Promise<void> {
    const overview = await api.request('GET', '/dashboards/overview', { token: t.admin.accessToken });
    expect(overview.status).toBe(200);
    expect(comparable(overview.body)).toEqual(await referenceDashboard(owner, t.tenantId, { cohortIds: null }));
    const cohort = await api.request('GET', `/dashboards/cohorts/${cohortId}`, { token: t.advisor.accessToken });
    expect(cohort.status).toBe(200);
    expect(comparable(cohort.body)).toEqual(await referenceDashboard(owner, t.tenantId, { cohortIds: [cohortId] }, { assignments: 200 }));
  }

  async function submitWithContact(student: Session, contactName: string, contactEmail: string): Promise<{ taskId: string; contactId: string }> {
    const contact = await api.request('POST', '/contacts', {
      token: student.accessToken,
      body: { name: contactName, email: contactEmail, organization: `${contactName} Org`, sector: 'Government', notes: `Met ${contactName} at a fair` },
    });
    expect(contact.status).toBe(201);
    const logged = await api.request('POST', `/contacts/${contact.body.id}/interactions`, {
      token: student.accessToken,
      body: { kind: 'event', occurredAt: inDays(-2), notes: `Talked with ${contactName}` },
    });
    expect(logged.status).toBe(201);
    const tasks = await api.request('GET', '/tasks', { token: student.accessToken });
    const task = (tasks.body.items as TaskSummary[]).find((x) => x.assignmentId === assignmentId);
    if (!task) throw new Error('no task');
    const submitted = await api.request('POST', `/tasks/${task.id}/submissions`, {
      token: student.accessToken,
      body: { answers: { ...INTERVIEW_ANSWERS, surprise: `How much writing ${contactName} does.` }, contactId: contact.body.id },
    });
    if (submitted.status !== 201) throw new Error(JSON.stringify(submitted.body));
    return { taskId: task.id, contactId: contact.body.id };
  }

  beforeAll(async () => {
    api = await TestApi.start();
    owner = await ownerClient(api.config);
    t = await api.tenantWithPeople();
    other = await api.tenantWithPeople();
    const c = await cohortWithPeople(api, t, 'Cohort A');
    cohortId = c.cohortId;
    zeldaEmail = `zelda.${randomUUID().slice(0, 6)}@erasure.test`;
    zelda = await api.accept((await api.invite(t.admin, zeldaEmail, 'student', NAME)).token, NAME);
    await owner.query('BEGIN');
    await owner.query(`SELECT set_config('app.tenant_id', $1, true)`, [t.tenantId]);
    await owner.query(`UPDATE users SET student_id = $3 WHERE tenant_id = $1 AND id = $2`, [t.tenantId, zelda.userId, STUDENT_ID]);
    await owner.query('COMMIT');
    await addMembers(api, t.admin, cohortId, [zelda.userId], 'student');
    const assignment = await api.request('POST', '/assignments', {
      token: t.advisor.accessToken,
      body: { templateId: c.template.id, cohortId, opensAt: inDays(-3), dueAt: inDays(6) },
    });
    expect(assignment.status).toBe(201);
    assignmentId = assignment.body.id;
    await api.request('PUT', '/me/notification-preferences', { token: zelda.accessToken, body: { preferences: [{ kind: 'advisor_nudge', mode: 'digest' }] } });
    await api.request('POST', '/me/calendar/rotate', { token: zelda.accessToken });

    // Zelda's work, reviewed with a comment that names her; a nudge, an inbox item and a failed sign-in that name her too.
    const mine = await submitWithContact(zelda, 'Mara Mentor', 'mara.mentor@erasure.test');
    const review = await api.request('POST', `/tasks/${mine.taskId}/reviews`, { token: t.advisor.accessToken, body: { decision: 'revise', comment: `${NAME}, say more about the culture.` } });
    expect(review.status).toBe(201);
    await submitWithContact(t.student, 'Olive Other', 'olive.other@erasure.test');
    const other2 = await api.request('POST', '/assignments', {
      token: t.advisor.accessToken,
      body: { templateId: c.template.id, cohortId, opensAt: inDays(-1), dueAt: inDays(9), allowDuplicate: true },
    });
    expect(other2.status).toBe(201);
    const nudge = await api.request('POST', `/cohorts/${cohortId}/nudges`, {
      token: t.advisor.accessToken,
      body: { assignmentId: other2.body.id, studentIds: [zelda.userId], message: `Hi ${NAME}, please start the interview homework.` },
    });
    expect(nudge.status).toBe(201);
    await owner.query('BEGIN');
    await owner.query(`SELECT set_config('app.tenant_id', $1, true)`, [t.tenantId]);
    await owner.query(
      `INSERT INTO notifications (tenant_id, id, user_id, kind, subject_id, title, body) VALUES ($1, gen_random_uuid(), $2, 'new_assignment', gen_random_uuid(), $3, $4)`,
      [t.tenantId, t.advisor.userId, `${NAME} has not started`, `${NAME} (${zeldaEmail}, ${STUDENT_ID}) has not started the interview.`],
    );
    await owner.query('COMMIT');
    expect((await api.request('POST', '/auth/login', { body: { tenant: t.slug, email: zeldaEmail, password: 'not-the-password-1' } })).status).toBe(401);
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await owner?.end();
    await api?.close();
  });

  /** Starts the worker (once the approval's outbox row is written) and waits until the request is done. */
  async function runWorkerUntilDone(requestId: string): Promise<DeletionRequestSummary> {
    if (!worker) {
      worker = await NestFactory.createApplicationContext(PrivacyWorkerModule, { logger: false });
      await worker.init();
    }
    return eventually(async () => {
      const reply = await api.request<DeletionRequestSummary>('GET', `/deletion-requests/${requestId}`, { token: t.admin.accessToken });
      return reply.body.status === 'done' ? reply.body : null;
    }, 30_000);
  }

  it('refuses what is not yours: another tenant, another student, an advisor (404 / 403)', async () => {
    const asked = await api.request('POST', '/me/deletion-request', { token: zelda.accessToken, body: { reason: `I am ${NAME} and I am leaving` } });
    expect(asked.status).toBe(202);
    const id = asked.body.id as string;
    expect((await api.request('POST', '/me/deletion-request', { token: zelda.accessToken, body: {} })).status).toBe(409);
    // Another career center's admin: the request and the person do not exist there.
    expect((await api.request('GET', `/deletion-requests/${id}`, { token: other.admin.accessToken })).status).toBe(404);
    expect((await api.request('POST', `/deletion-requests/${id}/approve`, { token: other.admin.accessToken })).status).toBe(404);
    expect((await api.request('POST', `/users/${zelda.userId}/deletion-request`, { token: other.admin.accessToken, body: {} })).status).toBe(404);
    expect((await api.request('GET', '/deletion-requests', { token: other.admin.accessToken })).body.items).toEqual([]);
    // Another student, the advisor.
    expect((await api.request('GET', `/deletion-requests/${id}`, { token: t.student.accessToken })).status).toBe(404);
    expect((await api.request('POST', `/deletion-requests/${id}/approve`, { token: t.student.accessToken })).status).toBe(403);
    expect((await api.request('POST', `/deletion-requests/${id}/approve`, { token: t.advisor.accessToken })).status).toBe(403);
    expect((await api.request('POST', `/users/${zelda.userId}/deletion-request`, { token: t.student.accessToken, body: {} })).status).toBe(403);
    expect((await api.request('GET', '/deletion-requests', { token: t.advisor.accessToken })).status).toBe(403);
    // The requester herself cannot approve; bad input names the field.
    expect((await api.request('POST', `/deletion-requests/${id}/approve`, { token: zelda.accessToken })).status).toBe(403);
    const bad = await api.request('POST', '/me/deletion-request', { token: t.student.accessToken, body: { reason: 'x'.repeat(2001) } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('reason');
    expect((await api.request('GET', `/deletion-requests/not-a-uuid`, { token: t.admin.accessToken })).status).toBe(404);
  });

  it('a student cancels a pending request; an admin cannot approve a cancelled one, nor their own', async () => {
    const asked = await api.request('POST', '/me/deletion-request', { token: t.student.accessToken, body: {} });
    expect(asked.status).toBe(202);
    expect((await api.request('GET', '/me/deletion-request', { token: t.student.accessToken })).body.request).toMatchObject({ id: asked.body.id, status: 'pending' });
    expect((await api.request('DELETE', '/me/deletion-request', { token: t.student.accessToken })).status).toBe(204);
    expect((await api.request('GET', `/deletion-requests/${asked.body.id}`, { token: t.student.accessToken })).body.status).toBe('cancelled');
    expect((await api.request('POST', `/deletion-requests/${asked.body.id}/approve`, { token: t.admin.accessToken })).status).toBe(409);
    const own = await api.request('POST', '/me/deletion-request', { token: t.admin.accessToken, body: {} });
    expect((await api.request('POST', `/deletion-requests/${own.body.id}/approve`, { token: t.admin.accessToken })).status).toBe(409);
    expect((await api.request('DELETE', '/me/deletion-request', { token: t.admin.accessToken })).status).toBe(204);
  });

  it('the admin sees what will happen, approves, and the worker erases every trace while the dashboards stay equal to the reference SQL', async () => {
    const list = await api.request('GET', '/deletion-requests', { token: t.admin.accessToken });
    expect(list.status).toBe(200);
    const items = list.body.items as DeletionRequestSummary[];
    expect(items[0].status).toBe('pending');
    const request = items.find((x) => x.user.id === zelda.userId && x.status === 'pending');
    if (!request) throw new Error('no pending request for Zelda');
    expect(request.user).toMatchObject({ name: NAME, email: zeldaEmail });
    expect(request.rule).toContain('Deleted user');
    // Counted inside the tenant (row-level security is forced, even for the owner).
    await owner.query('BEGIN');
    await owner.query(`SELECT set_config('app.tenant_id', $1, true)`, [t.tenantId]);
    const impact = (
      await owner.query(
        `SELECT (SELECT count(*)::int FROM tasks WHERE student_id = $1) AS tasks,
                (SELECT count(*)::int FROM submissions s JOIN tasks t ON t.tenant_id = s.tenant_id AND t.id = s.task_id WHERE t.student_id = $1) AS reflections,
                (SELECT count(*)::int FROM contacts WHERE owner_id = $1) AS contacts,
                (SELECT count(*)::int FROM interactions WHERE owner_id = $1) AS interactions`,
        [zelda.userId],
      )
    ).rows[0];
    const rowsBefore = (await owner.query(COUNT_ROWS, [t.tenantId])).rows[0];
    // A "download my data" copy she made earlier: a ZIP on disk with her name in it.
    const copyPath = join(t.tenantId, 'my-data', `${randomUUID()}.zip`);
    await mkdir(dirname(join(api.config.exportDir, copyPath)), { recursive: true });
    await writeFile(join(api.config.exportDir, copyPath), `profile: ${NAME}`);
    await owner.query(
      `INSERT INTO data_exports (tenant_id, id, user_id, status, file_path, finished_at, expires_at)
       VALUES ($1, gen_random_uuid(), $2, 'done', $3, now(), now() + interval '7 days')`,
      [t.tenantId, zelda.userId, copyPath],
    );
    await owner.query('COMMIT');
    expect(impact).toEqual({ tasks: 2, reflections: 1, contacts: 1, interactions: 2 });
    expect(request.impact).toEqual(impact);
    await dashboardsMatchReference();

    const approved = await api.request('POST', `/deletion-requests/${request.id}/approve`, { token: t.admin.accessToken });
    expect(approved.status).toBe(202);
    expect(approved.body.status).toBe('approved');
    expect((await api.request('POST', `/deletion-requests/${request.id}/approve`, { token: t.admin.accessToken })).status).toBe(409);
    await owner.query('BEGIN');
    await owner.query(`SELECT set_config('app.tenant_id', $1, true)`, [t.tenantId]);
    const outbox = (await owner.query(`SELECT payload FROM outbox WHERE tenant_id = $1 AND topic = 'deletion.approved'`, [t.tenantId])).rows;
    await owner.query('COMMIT');
    expect(outbox.map((r) => r.payload)).toEqual([{ requestId: request.id }]);

    // The worker: relay → erasure queue → erase-user.
    const done = await runWorkerUntilDone(request.id);
    expect(done).toMatchObject({ status: 'done', reason: null, impact, user: { id: zelda.userId, name: `Deleted user #${zelda.userId.slice(0, 8)}`, email: null } });

    const needles = [NAME, zeldaEmail, STUDENT_ID, 'Zelda', 'Quixote', 'Mara Mentor', 'mara.mentor@erasure.test'];
    expect(await traces(owner, [t.tenantId, other.tenantId], needles)).toEqual([]);
    // The other student's third parties are untouched.
    expect(await traces(owner, [t.tenantId], ['Olive Other'])).not.toEqual([]);
    await dashboardsMatchReference();

    // Rows stay (counts, audit), content goes.
    await owner.query('BEGIN');
    await owner.query(`SELECT set_config('app.tenant_id', $1, true)`, [t.tenantId]);
    const rowsAfter = (await owner.query(COUNT_ROWS, [t.tenantId])).rows[0];
    const zeldaRow = (await owner.query(`SELECT email, password_hash, calendar_token_hash, active, erased_at FROM users WHERE id = $1`, [zelda.userId])).rows[0];
    const left = (
      await owner.query(
        `SELECT (SELECT count(*)::int FROM refresh_tokens WHERE user_id = $1) AS tokens, (SELECT count(*)::int FROM invitations WHERE user_id = $1) AS invitations,
                (SELECT count(*)::int FROM notification_preferences WHERE user_id = $1) AS preferences, (SELECT count(*)::int FROM notifications WHERE user_id = $1) AS inbox,
                (SELECT count(*)::int FROM email_deliveries WHERE user_id = $1) AS emails,
                (SELECT count(*)::int FROM submissions s JOIN tasks t ON t.tenant_id = s.tenant_id AND t.id = s.task_id WHERE t.student_id = $1 AND s.answers <> '{}'::jsonb) AS answers`,
        [zelda.userId],
      )
    ).rows[0];
    const erasedEvent = (await owner.query(`SELECT actor_id, subject_id, details FROM audit_events WHERE tenant_id = $1 AND action = 'user.erased'`, [t.tenantId])).rows;
    await owner.query('COMMIT');
    expect(rowsAfter.tasks).toBe(rowsBefore.tasks);
    // Her "my data" copies went with the account, files included.
    expect(existsSync(join(api.config.exportDir, copyPath))).toBe(false);
    expect(rowsAfter.submissions).toBe(rowsBefore.submissions);
    expect(Number(rowsAfter.audit)).toBe(Number(rowsBefore.audit) + 2); // deletion.approved, user.erased
    expect(zeldaRow).toMatchObject({ email: `deleted-${zelda.userId}@erased.invalid`, password_hash: null, calendar_token_hash: null, active: false });
    expect(zeldaRow.erased_at).not.toBeNull();
    expect(left).toEqual({ tokens: 0, invitations: 0, preferences: 0, inbox: 0, emails: 0, answers: 0 });
    expect(erasedEvent).toEqual([{ actor_id: t.admin.userId, subject_id: zelda.userId, details: { requestId: request.id, ...impact } }]);

    // The audit log names her "Deleted user #…".
    const audit = await api.request('GET', '/audit-events?limit=100', { token: t.admin.accessToken });
    const hers = (audit.body.items as AuditEvent[]).filter((e) => e.actor?.id === zelda.userId);
    expect(hers.length).toBeGreaterThan(0);
    for (const event of hers) expect(event.actor?.name).toBe(`Deleted user #${zelda.userId.slice(0, 8)}`);

    // Idempotent: the approval relayed again (a retried outbox row) changes nothing.
    await owner.query(`INSERT INTO outbox (tenant_id, id, topic, payload) VALUES ($1, gen_random_uuid(), 'deletion.approved', $2)`, [
      t.tenantId,
      JSON.stringify({ requestId: request.id }),
    ]);
    await eventually(async () => (await owner.query(`SELECT 1 FROM outbox WHERE tenant_id = $1 AND relayed_at IS NULL`, [t.tenantId])).rows.length === 0, 15_000);
    await new Promise((r) => setTimeout(r, 1_000));
    const erasedEvents = (await owner.query(`SELECT count(*)::int AS n FROM audit_events WHERE tenant_id = $1 AND action = 'user.erased'`, [t.tenantId])).rows[0];
    expect(erasedEvents.n).toBe(1);
    expect(await traces(owner, [t.tenantId], needles)).toEqual([]);
    await dashboardsMatchReference();

    // She can no longer sign in: the usual plain-word refusal, and her old session cannot refresh.
    const wrong = await api.request('POST', '/auth/login', { body: { tenant: t.slug, email: 'nobody@erasure.test', password: STRONG_PASSWORD } });
    const refused = await api.request('POST', '/auth/login', { body: { tenant: t.slug, email: zeldaEmail, password: STRONG_PASSWORD } });
    expect(refused.status).toBe(401);
    expect(refused.body.message).toBe(wrong.body.message);
    expect((await api.request('POST', '/auth/refresh', { cookie: zelda.refreshCookie })).status).toBe(401);
  }, 120_000);

  it('a student erases a contact: the contact, its interactions and its snapshot go; the reflection reads "contact removed"', async () => {
    const second = await api.request('POST', '/assignments', {
      token: t.advisor.accessToken,
      body: { templateId: (await api.request('GET', `/assignments/${assignmentId}`, { token: t.advisor.accessToken })).body.templateId, cohortId, opensAt: inDays(-1), dueAt: inDays(12), allowDuplicate: true },
    });
    expect(second.status).toBe(201);
    const previous = assignmentId;
    assignmentId = second.body.id;
    const { taskId, contactId } = await submitWithContact(t.student, 'Quentin Thirdparty', 'quentin@erasure.test');
    assignmentId = previous;
    await dashboardsMatchReference();

    expect((await api.request('POST', `/contacts/${contactId}/erase`, { token: t.advisor.accessToken })).status).toBe(403);
    expect((await api.request('POST', `/contacts/${contactId}/erase`, { token: other.student.accessToken })).status).toBe(404);
    expect((await api.request('POST', `/contacts/${randomUUID()}/erase`, { token: t.student.accessToken })).status).toBe(404);
    expect((await api.request('POST', `/contacts/${contactId}/erase`, { token: t.student.accessToken })).status).toBe(204);
    expect((await api.request('POST', `/contacts/${contactId}/erase`, { token: t.student.accessToken })).status).toBe(404);

    const submissions = await api.request('GET', `/tasks/${taskId}/submissions`, { token: t.student.accessToken });
    expect(submissions.status).toBe(200);
    expect((submissions.body as Submission[]).map((s) => s.contact)).toEqual([{ id: null, name: CONTACT_REMOVED_LABEL, organization: null }]);
    expect((submissions.body as Submission[])[0].answers).toEqual({ ...INTERVIEW_ANSWERS, surprise: 'How much writing Quentin Thirdparty does.' });
    expect(await traces(owner, [t.tenantId], ['Quentin', 'quentin@erasure.test'])).toEqual([
      // The contact's name stays only where the student wrote it in her own answers (notes went with the contact).
      'submissions.answers ∋ Quentin (1)',
      'tasks.draft ∋ Quentin (1)',
    ]);
    await owner.query('BEGIN');
    await owner.query(`SELECT set_config('app.tenant_id', $1, true)`, [t.tenantId]);
    const left = (await owner.query(`SELECT (SELECT count(*)::int FROM interactions WHERE contact_id = $1) AS interactions, (SELECT count(*)::int FROM contacts WHERE id = $1) AS contacts`, [contactId])).rows[0];
    const event = (await owner.query(`SELECT details FROM audit_events WHERE action = 'contact.erased' AND subject_id = $1`, [contactId])).rows;
    await owner.query('COMMIT');
    expect(left).toEqual({ interactions: 0, contacts: 0 });
    expect(event).toEqual([{ details: { interactions: 2, reflections: 1 } }]);
    await dashboardsMatchReference();
  }, 60_000);
});
