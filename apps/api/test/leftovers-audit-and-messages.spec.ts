import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { TENANT_SETTING } from '@fieldwork/server-core';
import { ownerClient } from '@fieldwork/server-core/testing';
import { InvitationsService } from '@fieldwork/server-identity';
import { TenantDatabase } from '@fieldwork/server-core';
import { renderEmail } from '@fieldwork/server-notifications';
import type { AuditEvent, Template } from '@fieldwork/contracts';
import { TenantFixture, TestApi } from './support/test-api';

describe('audit details, operators as actors, plain-word errors, the invitation e-mail', () => {
  let api: TestApi;
  let t: TenantFixture;
  let owner: Client;

  beforeAll(async () => {
    api = await TestApi.start();
    t = await api.tenantWithPeople('America/New_York');
    owner = await ownerClient(api.config);
  });
  afterAll(async () => {
    await owner.end();
    await api.close();
  });

  const audit = async (query: string) => (await api.request('GET', `/audit-events${query}`, { token: t.admin.accessToken })).body.items as AuditEvent[];
  const inTenant = async <T>(work: () => Promise<T>): Promise<T> => {
    await owner.query('BEGIN');
    try {
      await owner.query(`SELECT set_config('${TENANT_SETTING}', $1, true)`, [t.tenantId]);
      return await work();
    } finally {
      await owner.query('COMMIT');
    }
  };

  it('a template edit of 2 fields records those 2: before → after for short ones, names only for long text', async () => {
    const templates = await api.request('GET', '/templates', { token: t.admin.accessToken });
    const template: Template = templates.body.items[0];
    // The editor sends the whole template back: only what differs is recorded.
    const sent = {
      ...template,
      id: undefined,
      archived: undefined,
      createdAt: undefined,
      updatedAt: undefined,
      title: 'Talk to three alumni',
      instructions: `${template.instructions}\n\nBring a question about their first year.`,
    };
    const edit = await api.request('PATCH', `/templates/${template.id}`, { token: t.advisor.accessToken, body: sent });
    expect(edit.status).toBe(200);
    const [event] = await audit('?action=template.changed');
    expect(event.subjectId).toBe(template.id);
    expect(event.actor).toMatchObject({ id: t.advisor.userId, name: 'Avi Advisor' });
    expect(event.details).toEqual({
      title: 'Talk to three alumni',
      changed: ['instructions', 'title'],
      changes: { title: { from: template.title, to: 'Talk to three alumni' } },
    });
    expect(JSON.stringify(event.details)).not.toContain('Bring a question');

    // Sending the same values again changes nothing, and the log says so.
    await api.request('PATCH', `/templates/${template.id}`, { token: t.advisor.accessToken, body: { estimatedMinutes: template.estimatedMinutes, rubric: template.rubric } });
    const [again] = await audit('?action=template.changed');
    expect(again.details).toEqual({ title: 'Talk to three alumni', changed: [], changes: {} });

    await api.request('PATCH', `/templates/${template.id}`, { token: t.admin.accessToken, body: { archived: true, estimatedMinutes: template.estimatedMinutes + 15 } });
    const [archived] = await audit('?action=template.changed');
    expect(archived.details).toMatchObject({
      changed: ['archived', 'estimatedMinutes'],
      changes: { archived: { from: false, to: true }, estimatedMinutes: { from: template.estimatedMinutes, to: template.estimatedMinutes + 15 } },
    });
  });

  it('names a platform operator as the actor of what they did (the first admin invitation of a career center)', async () => {
    const operator = await api.operatorSession();
    const { rows } = await owner.query(`SELECT id, name, email FROM operators WHERE email = $1`, [operator.email]);
    const tenantDb = api.app.get(TenantDatabase);
    // InvitationsService.create with the operator as inviter, as creating a career center does.
    await tenantDb.transaction(t.tenantId, (db) =>
      api.app.get(InvitationsService).create(db, t.tenantId, { email: 'second.admin@x.test', name: 'Second Admin', role: 'admin' }, { operatorId: rows[0].id }),
    );
    const [event] = await audit('?action=invitation.sent');
    expect(event.details).toMatchObject({ email: 'second.admin@x.test' });
    expect(event.actor).toEqual({ id: rows[0].id, name: `${rows[0].name} (platform operator)`, email: rows[0].email });
    // The invitation row refers to users only: no operator id in invited_by.
    const invited = await inTenant(() => owner.query(`SELECT invited_by FROM invitations i JOIN users u ON u.tenant_id = i.tenant_id AND u.id = i.user_id WHERE i.tenant_id = $1 AND u.email = 'second.admin@x.test'`, [t.tenantId]));
    expect(invited.rows[0].invited_by).toBeNull();

    // Any event whose actor is an operator reads with the operator's name, never "unknown".
    await inTenant(() =>
      owner.query(`INSERT INTO audit_events (tenant_id, id, actor_id, action, details) VALUES ($1, $2, $3, 'tenant.timezone_changed', '{}')`, [t.tenantId, randomUUID(), rows[0].id]),
    );
    const [zone] = await audit('?action=tenant.timezone_changed');
    expect(zone.actor?.name).toBe(`${rows[0].name} (platform operator)`);
    // A user's id still names the user.
    const [accepted] = await audit(`?action=invitation.accepted&actorId=${t.student.userId}`);
    expect(accepted.actor).toEqual({ id: t.student.userId, name: 'Stu Student', email: t.student.email });
  });

  it('says why sign-in failed in plain words', async () => {
    const reply = await api.request('POST', '/auth/login', { body: { tenant: t.slug, email: t.student.email, password: 'not-the-password-1' } });
    expect(reply.status).toBe(401);
    expect(reply.body.message).toBe("We couldn't sign you in. Check the career center, e-mail and password.");
  });

  it('says a backwards date range in plain words, naming the end date', async () => {
    const reply = await api.request('GET', '/audit-events?from=2026-03-02&to=2026-03-01', { token: t.admin.accessToken });
    expect(reply.status).toBe(400);
    expect(reply.body.details).toEqual([{ field: 'to', problems: ['The end date is before the start date'] }]);
  });

  it('the invitation e-mail greets the person once, and gives the expiry in the career center zone', async () => {
    const invitation = await api.invite(t.admin, 'greeted.once@x.test', 'student', 'Gia Greeted');
    const { rows } = await inTenant(() =>
      owner.query(
        `SELECT d.title, d.body, d.link FROM email_deliveries d JOIN users u ON u.tenant_id = d.tenant_id AND u.id = d.user_id
          WHERE d.tenant_id = $1 AND u.email = 'greeted.once@x.test' AND d.kind = 'invitation'`,
        [t.tenantId],
      ),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].body).not.toMatch(/^Hi\b/);
    expect(rows[0].body).toMatch(/ (EST|EDT)\.$/);
    const mail = renderEmail({
      tenantName: `Career Center ${t.slug}`,
      recipientName: 'Gia Greeted',
      title: rows[0].title,
      body: rows[0].body,
      actionUrl: rows[0].link,
      actionLabel: 'Accept the invitation',
      preferencesUrl: null,
      items: [],
    });
    expect(mail.text.match(/Hi Gia Greeted/g)).toHaveLength(1);
    expect(mail.html.match(/Hi Gia Greeted/g)).toHaveLength(1);
    expect(mail.text).toContain(invitation.inviteUrl);
  });
});
