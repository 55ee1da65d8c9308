import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ownerClient } from '@fieldwork/server-core/testing';
import type { TaskSummary, Template } from '@fieldwork/contracts';
import { RecordedExchange, STRONG_PASSWORD, TenantFixture, TestApi, responseRecorders } from './support/test-api';
import { INTERVIEW_ANSWERS, addMembers, cohortWithPeople } from './support/homework-fixture';
import { OpenApiDocument, Operation, SchemaChecker, matchOperation, operationsOf, responseSchema, validateOpenApi } from './support/openapi-document';

/**
 * The OpenAPI document is a contract: it is valid OpenAPI 3, every operation says
 * what it answers (a 2xx with a schema, or 204 / a file without one), and a real
 * answer of every operation — recorded from the admin, advisor, student and
 * operator flows below — matches its schema, with no field the contract does not name.
 */
describe('the OpenAPI document as a contract', () => {
  let api: TestApi;
  let doc: OpenApiDocument;
  let operations: Operation[];
  let checker: SchemaChecker;
  const exchanges: RecordedExchange[] = [];
  const listen = (exchange: RecordedExchange) => exchanges.push(exchange);

  beforeAll(async () => {
    api = await TestApi.start();
    const reply = await api.request<OpenApiDocument>('GET', '/docs-json');
    doc = reply.body;
    operations = operationsOf(doc);
    checker = new SchemaChecker(doc);
  });

  afterAll(async () => {
    responseRecorders.delete(listen);
    await api?.close();
  });

  it('is a valid OpenAPI 3 document', () => {
    const result = validateOpenApi(doc);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toMatch(/^3\./);
  });

  it('gives every operation a success answer with a schema (204 and files without one) and its errors the ApiError shape', () => {
    const missing: string[] = [];
    for (const { key, op } of operations) {
      const success = Object.entries(op.responses).filter(([status]) => /^2\d\d$/.test(status));
      if (!success.length) missing.push(`${key}: no 2xx answer`);
      for (const [status, response] of success) {
        if (status === '204') continue;
        const media = Object.entries(response.content ?? {});
        if (!media.length || media.some(([, m]) => !m.schema)) missing.push(`${key}: ${status} without a schema`);
      }
      for (const [status, response] of Object.entries(op.responses)) {
        if (!/^4\d\d$/.test(status)) continue;
        // Operations that produce a file (CSV, ICS) list their JSON errors under that media type.
        const schema = Object.values(response.content ?? {})[0]?.schema;
        if (schema?.['$ref'] !== '#/components/schemas/ApiError') missing.push(`${key}: ${status} is not an ApiError`);
      }
      // Every signed-in operation says what a missing session answers.
      const isPublic = ['/api/auth/', '/api/health', '/api/calendar/', '/api/docs', '/api/privacy/', '/api/sso/discover', '/saml/metadata'].some((p) => key.includes(p));
      if (!isPublic && !op.responses['401'] && !key.includes('/api/admin/queues')) missing.push(`${key}: no 401`);
    }
    expect(missing).toEqual([]);
    // The error shape names the bad fields.
    expect(doc.components?.schemas?.['ApiError']?.['properties']).toEqual(
      expect.objectContaining({ statusCode: expect.anything(), error: expect.anything(), message: expect.anything(), details: expect.anything() }),
    );
    expect(operations.length).toBeGreaterThan(60);
  });

  it('answers every operation, in the flows of every role, with a body its schema accepts', async () => {
    responseRecorders.add(listen);
    await exerciseEveryOperation(api);
    responseRecorders.delete(listen);

    const problems: string[] = [];
    const covered = new Set<string>();
    for (const exchange of exchanges) {
      const operation = matchOperation(operations, exchange.method, `/api${exchange.path}`);
      if (!operation) {
        if (exchange.path !== '/docs-json') problems.push(`${exchange.method} ${exchange.path}: not in the document`);
        continue;
      }
      if (exchange.status >= 500) problems.push(`${operation.key}: answered ${exchange.status} ${JSON.stringify(exchange.body).slice(0, 300)}`);
      if (exchange.status < 200 || exchange.status >= 300) {
        if (exchange.contentType.includes('json')) {
          const errors = checker.check({ $ref: '#/components/schemas/ApiError' }, exchange.body);
          if (errors.length) problems.push(`${operation.key} ${exchange.status} error body: ${errors.join('; ')}`);
        }
        continue;
      }
      if (!operation.op.responses[String(exchange.status)]) problems.push(`${operation.key}: answered ${exchange.status}, which the document does not list`);
      covered.add(operation.key);
      const schema = responseSchema(operation.op, exchange.status);
      if (!schema) continue;
      const errors = checker.check(schema, exchange.body);
      if (errors.length) problems.push(`${operation.key} ${exchange.status}: ${errors.join('; ')}`);
    }
    expect(problems).toEqual([]);
    const uncovered = operations.map((o) => o.key).filter((key) => !covered.has(key));
    expect(uncovered).toEqual([]);
  });
});

/** Admin, advisor, student and operator flows that reach every operation of the API with a success. */
async function exerciseEveryOperation(api: TestApi): Promise<void> {
  const call = async (method: string, path: string, token: string | undefined, body?: unknown, expected?: number) => {
    const reply = await api.request(method, path, { token, body });
    if (expected !== undefined && reply.status !== expected) throw new Error(`${method} ${path}: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply;
  };
  await call('GET', '/health', undefined, undefined, 200);

  // People: a tenant made by the operator, invitations previewed and accepted, sign-in, refresh, sign-out.
  const t: TenantFixture = await api.tenantWithPeople('America/New_York');
  const operator = await api.operatorSession();
  await call('GET', '/platform/tenants', operator.accessToken, undefined, 200);
  await call('POST', '/admin/queues/session', operator.accessToken, undefined, 204);
  const invitation = await api.invite(t.admin, `second@${t.slug}.test`, 'student', 'Second Student');
  await call('GET', `/auth/invitations/${invitation.token}`, undefined, undefined, 200);
  const second = await api.accept(invitation.token, 'Second Student');
  const login = await api.login(t.slug, t.student.email, STRONG_PASSWORD);
  const refreshed = await api.request('POST', '/auth/refresh', { cookie: login.refreshCookie });
  if (refreshed.status !== 200) throw new Error(`refresh: ${refreshed.status}`);
  await api.request('POST', '/auth/logout', { cookie: refreshed.refreshCookie });
  for (const who of [t.admin, t.advisor, t.student, operator]) await call('GET', '/me', who.accessToken, undefined, 200);
  await call('GET', '/users', t.admin.accessToken, undefined, 200);
  await call('GET', `/users/${second.userId}`, t.admin.accessToken, undefined, 200);
  await call('PATCH', `/users/${second.userId}`, t.admin.accessToken, { name: 'Second S. Student' }, 200);

  // Cohorts and the roster.
  const c = await cohortWithPeople(api, t);
  await addMembers(api, t.admin, c.cohortId, [second.userId], 'student');
  await call('GET', '/cohorts', t.advisor.accessToken, undefined, 200);
  await call('GET', `/cohorts/${c.cohortId}`, t.advisor.accessToken, undefined, 200);
  await call('PATCH', `/cohorts/${c.cohortId}`, t.admin.accessToken, { startsOn: '2026-09-01', endsOn: null }, 200);
  const roster = await uploadRoster(api, t.admin.accessToken, `email,name,student_id,cohort\nroster@${t.slug}.test,Rory Roster,S-1,Roster Cohort\n`);
  if (roster.status !== 200) throw new Error(`roster: ${roster.status} ${JSON.stringify(roster.body)}`);

  // Templates and assignments.
  await call('GET', '/templates', t.advisor.accessToken, undefined, 200);
  await call('GET', `/templates/${c.template.id}`, t.advisor.accessToken, undefined, 200);
  const { id: _id, archived: _archived, createdAt: _createdAt, updatedAt: _updatedAt, ...input } = c.template as Template;
  const template = await call('POST', '/templates', t.admin.accessToken, { ...input, title: 'Contract interview', interactionKind: 'informational_interview' }, 201);
  await call('PATCH', `/templates/${template.body.id}`, t.admin.accessToken, { estimatedMinutes: 45 }, 200);
  const assignment = await call('POST', '/assignments', t.advisor.accessToken, { templateId: c.template.id, cohortId: c.cohortId, dueOn: '2027-03-14' }, 201);
  const secondAssignment = await call('POST', '/assignments', t.advisor.accessToken, { templateId: template.body.id, cohortId: c.cohortId, dueDaysAfterJoin: 14 }, 201);
  await call('GET', `/assignments?cohortId=${c.cohortId}`, t.advisor.accessToken, undefined, 200);
  await call('GET', `/assignments/${assignment.body.id}`, t.advisor.accessToken, undefined, 200);
  await call('PATCH', `/assignments/${assignment.body.id}`, t.advisor.accessToken, { dueOn: '2027-03-21' }, 200);

  // The student's network and homework.
  const contact = await call('POST', '/contacts', t.student.accessToken, { name: 'Pat Planner', organization: 'City Planning', sharedWithAdvisors: true, followUpEveryDays: 30 }, 201);
  await call('GET', '/contacts', t.student.accessToken, undefined, 200);
  await call('GET', `/contacts?studentId=${t.student.userId}`, t.advisor.accessToken, undefined, 200);
  await call('GET', `/contacts/${contact.body.id}`, t.student.accessToken, undefined, 200);
  await call('PATCH', `/contacts/${contact.body.id}`, t.student.accessToken, { role: 'Senior planner', tags: ['gov'] }, 200);
  await call('POST', `/contacts/${contact.body.id}/interactions`, t.student.accessToken, { kind: 'event', occurredAt: '2026-11-02T15:00:00.000Z', notes: 'Met at a meetup' }, 201);
  const doomed = await call('POST', '/contacts', t.student.accessToken, { name: 'Short Lived' }, 201);
  await call('DELETE', `/contacts/${doomed.body.id}`, t.student.accessToken, undefined, 204);

  const tasks = await call('GET', '/tasks', t.student.accessToken, undefined, 200);
  const task = (tasks.body.items as TaskSummary[]).find((x) => x.assignmentId === assignment.body.id);
  const other = (tasks.body.items as TaskSummary[]).find((x) => x.assignmentId === secondAssignment.body.id);
  if (!task || !other) throw new Error('the student has no tasks');
  await call('GET', `/tasks/${task.id}`, t.student.accessToken, undefined, 200);
  await call('PUT', `/tasks/${task.id}/draft`, t.student.accessToken, { answers: { organization: 'City Planning' }, contactId: contact.body.id }, 200);
  await call('POST', `/tasks/${task.id}/submissions`, t.student.accessToken, { answers: INTERVIEW_ANSWERS, contactId: contact.body.id }, 201);
  await call('GET', `/contacts/${contact.body.id}/interactions`, t.student.accessToken, undefined, 200);
  await call('GET', '/reviews/queue', t.advisor.accessToken, undefined, 200);
  await call('POST', `/tasks/${task.id}/reviews`, t.advisor.accessToken, { decision: 'revise', comment: 'Say more about the culture.' }, 201);
  await call('POST', `/tasks/${task.id}/submissions`, t.student.accessToken, { answers: INTERVIEW_ANSWERS, contactId: contact.body.id }, 201);
  const rubricScores = Object.fromEntries((c.template.rubric ?? []).map((criterion) => [criterion.key, criterion.levels[criterion.levels.length - 1].points]));
  await call('POST', `/tasks/${task.id}/reviews`, t.advisor.accessToken, { decision: 'approve', rubricScores }, 201);
  await call('GET', `/tasks/${task.id}/submissions`, t.advisor.accessToken, undefined, 200);

  // The advisor's loop.
  await call('GET', `/cohorts/${c.cohortId}/gradebook`, t.advisor.accessToken, undefined, 200);
  await call('GET', `/cohorts/${c.cohortId}/gradebook?assignmentId=${secondAssignment.body.id}&status=not_started&limit=1`, t.advisor.accessToken, undefined, 200);
  await call('POST', `/cohorts/${c.cohortId}/nudges`, t.advisor.accessToken, { assignmentId: secondAssignment.body.id, status: 'not_started', message: 'A nudge about the interview.' }, 201);
  await call('POST', `/tasks/${other.id}/extension`, t.advisor.accessToken, { dueOn: '2027-08-01', reason: 'Family matters' }, 200);
  await call('POST', `/cohorts/${c.cohortId}/extensions`, t.advisor.accessToken, { assignmentId: secondAssignment.body.id, studentIds: [second.userId], dueOn: '2027-08-02' }, 200);
  await call('POST', `/cohorts/${c.cohortId}/excusals`, t.advisor.accessToken, { assignmentId: secondAssignment.body.id, studentIds: [second.userId], reason: 'Medical leave' }, 200);
  await call('POST', `/tasks/${other.id}/excuse`, t.admin.accessToken, { reason: 'Joined late' }, 200);
  await call('GET', '/me/attention', t.advisor.accessToken, undefined, 200);
  await call('GET', `/tasks?cohortId=${c.cohortId}`, t.advisor.accessToken, undefined, 200);

  // Calendar.
  await call('GET', '/me/calendar', t.student.accessToken, undefined, 200);
  const rotated = await call('POST', '/me/calendar/rotate', t.student.accessToken, undefined, 200);
  await call('GET', new URL(rotated.body.url).pathname.replace(/^\/api/, ''), undefined, undefined, 200);

  // Inbox and preferences.
  const owner = await ownerClient(api.config);
  const notificationId = randomUUID();
  await owner.query(
    `INSERT INTO notifications (tenant_id, id, user_id, kind, subject_id, title, body, link) VALUES ($1, $2, $3, 'new_assignment', gen_random_uuid(), 'New homework', 'Due soon', '/tasks')`,
    [t.tenantId, notificationId, t.student.userId],
  );
  await call('GET', '/notifications', t.student.accessToken, undefined, 200);
  await call('POST', `/notifications/${notificationId}/read`, t.student.accessToken, undefined, 204);
  await call('POST', '/notifications/read-all', t.student.accessToken, undefined, 204);
  const preferences = await call('GET', '/me/notification-preferences', t.advisor.accessToken, undefined, 200);
  await call('PUT', '/me/notification-preferences', t.advisor.accessToken, { preferences: [{ kind: preferences.body.items[0].kind, mode: 'digest' }] }, 200);

  // Dashboards, the student page, settings.
  await call('GET', '/dashboards/overview', t.admin.accessToken, undefined, 200);
  await call('GET', '/dashboards/overview?from=2026-01-01&to=2026-12-31', t.advisor.accessToken, undefined, 200);
  await call('GET', `/dashboards/cohorts/${c.cohortId}`, t.advisor.accessToken, undefined, 200);
  await call('GET', `/students/${t.student.userId}`, t.advisor.accessToken, undefined, 200);
  await call('GET', '/tenant/settings', t.admin.accessToken, undefined, 200);
  await call('PATCH', '/tenant/settings', t.admin.accessToken, { atRiskInactiveDays: 10 }, 200);

  // Exports: requested through the API, finished here as the worker would, downloaded.
  const requested = await call('POST', '/exports', t.admin.accessToken, { kind: 'cohort-progress', cohortId: c.cohortId }, 202);
  const relative = join(t.tenantId, `${requested.body.id}.csv`);
  mkdirSync(join(api.config.exportDir, t.tenantId), { recursive: true });
  writeFileSync(join(api.config.exportDir, relative), 'student,assignment\n');
  await owner.query(
    `UPDATE exports SET status = 'done', total_rows = 1, done_rows = 1, file_path = $3, file_size = 19, finished_at = now(), expires_at = now() + interval '7 days'
      WHERE tenant_id = $1 AND id = $2`,
    [t.tenantId, requested.body.id, relative],
  );
  await owner.end();
  await call('GET', '/exports', t.admin.accessToken, undefined, 200);
  await call('GET', `/exports/${requested.body.id}`, t.admin.accessToken, undefined, 200);
  await call('GET', `/exports/${requested.body.id}/download`, t.admin.accessToken, undefined, 200);

  // Audit log; a member leaves.
  await call('GET', '/audit-events', t.admin.accessToken, undefined, 200);
  await call('DELETE', `/cohorts/${c.cohortId}/members/${second.userId}`, t.admin.accessToken, undefined, 204);

  // Download my data: requested by the student, finished here as the worker would, followed, listed and downloaded.
  const myData = await call('POST', '/me/data-export', t.student.accessToken, undefined, 202);
  const myDataPath = join(t.tenantId, 'my-data', `${myData.body.id}.zip`);
  mkdirSync(join(api.config.exportDir, t.tenantId, 'my-data'), { recursive: true });
  writeFileSync(join(api.config.exportDir, myDataPath), 'PK');
  const myDataOwner = await ownerClient(api.config);
  await myDataOwner.query(
    `UPDATE data_exports SET status = 'done', total_items = 1, done_items = 1, file_path = $3, file_size = 2, finished_at = now(), expires_at = now() + interval '7 days'
      WHERE tenant_id = $1 AND id = $2`,
    [t.tenantId, myData.body.id, myDataPath],
  );
  await myDataOwner.end();
  await call('GET', `/me/data-export/${myData.body.id}`, t.student.accessToken, undefined, 200);
  await call('GET', '/me/data-exports', t.student.accessToken, undefined, 200);
  await call('GET', `/me/data-export/${myData.body.id}/download`, t.student.accessToken, undefined, 200);
  // Erasure: a contact erased by its owner; a deletion request asked, read, cancelled; one started by an admin and approved.
  const erasable = await call('POST', '/contacts', t.student.accessToken, { name: 'Erase Me' }, 201);
  await call('POST', `/contacts/${erasable.body.id}/erase`, t.student.accessToken, undefined, 204);
  const asked = await call('POST', '/me/deletion-request', t.student.accessToken, { reason: 'Leaving the program' }, 202);
  await call('GET', '/me/deletion-request', t.student.accessToken, undefined, 200);
  await call('GET', `/deletion-requests/${asked.body.id}`, t.student.accessToken, undefined, 200);
  await call('DELETE', '/me/deletion-request', t.student.accessToken, undefined, 204);
  const started = await call('POST', `/users/${second.userId}/deletion-request`, t.admin.accessToken, {}, 202);
  await call('GET', '/deletion-requests', t.admin.accessToken, undefined, 200);
  await call('POST', `/deletion-requests/${started.body.id}/approve`, t.admin.accessToken, undefined, 202);
  // Retention: the settings' periods, the next run's preview, the public privacy page.
  await call('PATCH', '/tenant/settings', t.admin.accessToken, { retention: { reflectionsMonths: 24, auditMonths: 96 } }, 200);
  await call('GET', '/tenant/retention-preview', t.admin.accessToken, undefined, 200);
  await call('GET', `/privacy/${t.slug}`, undefined, undefined, 200);
  // Offboarding: a whole-tenant export (finished here as the worker would), followed and downloaded; the career center closed and restored.
  const tenantExport = await call('POST', `/platform/tenants/${t.tenantId}/export`, operator.accessToken, undefined, 202);
  const zipPath = join(t.tenantId, 'tenant-exports', `${tenantExport.body.id}.zip`);
  mkdirSync(join(api.config.exportDir, t.tenantId, 'tenant-exports'), { recursive: true });
  writeFileSync(join(api.config.exportDir, zipPath), 'PK');
  const offboardingOwner = await ownerClient(api.config);
  await offboardingOwner.query(
    `UPDATE tenant_exports SET status = 'done', total_rows = 1, done_rows = 1, file_path = $2, file_size = 2, finished_at = now(), expires_at = now() + interval '7 days' WHERE id = $1`,
    [tenantExport.body.id, zipPath],
  );
  await offboardingOwner.end();
  await call('GET', `/platform/tenant-exports/${tenantExport.body.id}`, operator.accessToken, undefined, 200);
  await call('GET', `/platform/tenant-exports/${tenantExport.body.id}/download`, operator.accessToken, undefined, 200);
  await call('DELETE', `/platform/tenants/${t.tenantId}`, operator.accessToken, { confirmSlug: t.slug }, 202);
  await call('POST', `/platform/tenants/${t.tenantId}/restore`, operator.accessToken, undefined, 200);
  // Campus sign-in: SAML settings from pasted metadata (the test IdP's certificate), read back, a test-mode start,
  // the status panel, the sign-in page's discovery and the SP metadata.
  const idpCert = (await import('node:fs')).readFileSync(join(__dirname, 'support/idp/saml-idp.cert.pem'), 'utf8').replace(/-----[A-Z ]+-----|\s+/g, '');
  const samlIdpMetadata = `<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.edu/metadata">
    <IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
      <KeyDescriptor use="signing"><KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><X509Data><X509Certificate>${idpCert}</X509Certificate></X509Data></KeyInfo></KeyDescriptor>
      <SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.edu/sso"/>
    </IDPSSODescriptor></EntityDescriptor>`;
  const ssoSettings = { protocol: 'saml', metadataXml: samlIdpMetadata, matchBy: 'email', enabled: true, testMode: true, studentsSsoOnly: false, domains: [`${t.slug}.test`] };
  await call('PUT', '/tenant/sso', t.admin.accessToken, ssoSettings, 200);
  await call('GET', '/tenant/sso', t.admin.accessToken, undefined, 200);
  await call('POST', '/tenant/sso/test', t.admin.accessToken, undefined, 200);
  await call('GET', `/sso/${t.slug}/attempts`, t.admin.accessToken, undefined, 200);
  await call('GET', `/sso/discover?email=${encodeURIComponent(`someone@${t.slug}.test`)}`, undefined, undefined, 200);
  await call('GET', `/sso/${t.slug}/saml/metadata`, undefined, undefined, 200);
  // ↑ sso flows (issue 10): add yours above this line
  // Passwords and two-step sign-in: a reset asked for and set from its e-mailed link, one sent from People, an authenticator
  // enrolled and used at sign-in and turned off with a recovery code, the staff rule with enrolment after the password, an admin's reset.
  {
    const OTPAuth = await import('otpauth');
    const code = (secret: string, periods = 0) =>
      OTPAuth.TOTP.generate({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30, timestamp: Date.now() + periods * 30_000 });
    const password = 'Harbor-Lantern-Quilt-58';
    const person = await api.accept((await api.invite(t.admin, `two-step@${t.slug}.test`, 'advisor')).token, 'Tess Twostep');
    await call('POST', '/auth/password-reset', undefined, { tenant: t.slug, email: person.email }, 202);
    // The lookup and the e-mail happen after the 202: wait for the e-mail row.
    const mailOwner = await ownerClient(api.config);
    let mails: { link: string }[] = [];
    for (let tries = 0; !mails.length && tries < 100; tries++) {
      if (tries) await new Promise((done) => setTimeout(done, 100));
      mails = (
        await mailOwner.query(`SELECT link FROM email_deliveries WHERE tenant_id = $1 AND user_id = $2 AND kind = 'password_reset'`, [t.tenantId, person.userId])
      ).rows;
    }
    await mailOwner.end();
    await call('POST', '/auth/password-reset/confirm', undefined, { token: new URL(mails[0].link).searchParams.get('token'), password }, 204);
    await call('POST', `/users/${person.userId}/password-reset`, t.admin.accessToken, undefined, 202);
    const signedIn = await api.login(t.slug, person.email, password);
    const enrolment = await call('POST', '/me/mfa/totp', signedIn.accessToken, undefined, 201);
    const codes = await call('POST', '/me/mfa/totp/confirm', signedIn.accessToken, { code: code(enrolment.body.secret) }, 200);
    await call('GET', '/me/mfa', signedIn.accessToken, undefined, 200);
    const challenge = await call('POST', '/auth/login', undefined, { tenant: t.slug, email: person.email, password }, 200);
    const second = await call('POST', '/auth/mfa', undefined, { mfaToken: challenge.body.mfaToken, code: code(enrolment.body.secret, 1) }, 200);
    await call('DELETE', '/me/mfa', second.body.accessToken, { code: codes.body.recoveryCodes[0] }, 204);
    await call('GET', '/tenant/mfa-policy', t.admin.accessToken, undefined, 200);
    await call('PUT', '/tenant/mfa-policy', t.admin.accessToken, { requireForStaff: true }, 200);
    const required = await call('POST', '/auth/login', undefined, { tenant: t.slug, email: person.email, password }, 200);
    const required2 = await call('POST', '/auth/mfa/enroll', undefined, { mfaToken: required.body.mfaToken }, 200);
    await call('POST', '/auth/mfa/enroll/confirm', undefined, { mfaToken: required.body.mfaToken, code: code(required2.body.secret) }, 200);
    await call('DELETE', `/users/${person.userId}/mfa`, t.admin.accessToken, undefined, 204);
    await call('PUT', '/tenant/mfa-policy', t.admin.accessToken, { requireForStaff: false }, 200);
  }
  // ↑ passwords-mfa flows (issue 10): add yours above this line
  // Roster sync: an API token pushes the roster (a dry run here), the history lists it, the token is revoked.
  const apiToken = await call('POST', '/api-tokens', t.admin.accessToken, { name: 'Registrar nightly push', scope: 'roster:import' }, 201);
  await call('GET', '/api-tokens', t.admin.accessToken, undefined, 200);
  const pushed = await uploadRoster(api, apiToken.body.token, `email,name,student_id,cohort\nroster@${t.slug}.test,Rory R. Roster,S-1,Roster Cohort\n`);
  if (pushed.status !== 200) throw new Error(`roster by token: ${pushed.status} ${JSON.stringify(pushed.body)}`);
  await call('GET', '/rosters/imports', t.admin.accessToken, undefined, 200);
  await call('DELETE', `/api-tokens/${apiToken.body.id}`, t.admin.accessToken, undefined, 204);
  // ↑ roster-sync flows (issue 10): add yours above this line
  // ↑ scale flows (issue 12): add yours above this line
}

/** The roster import is multipart: sent with fetch, recorded like the JSON requests. */
async function uploadRoster(api: TestApi, token: string, csv: string): Promise<{ status: number; body: unknown }> {
  const form = new FormData();
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'roster.csv');
  const response = await fetch(`${api.url}/api/rosters/import?dryRun=true`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  const body = await response.json();
  const exchange: RecordedExchange = { method: 'POST', path: '/rosters/import', query: 'dryRun=true', status: response.status, contentType: response.headers.get('content-type') ?? '', body };
  for (const listener of responseRecorders) listener(exchange);
  return { status: response.status, body };
}
