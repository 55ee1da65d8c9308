import { randomInt } from 'node:crypto';
import { UnauthorizedException } from '@nestjs/common';
import { queryRows, sql } from '@fieldwork/server-core';
import { TEST_PASSWORD, inTenant, newAdmin, newStudent, newTenant, testModule, type TestApp, type TestTenant, type TestUser } from '@fieldwork/server-core/testing';
import { IdentityModule } from './identity.module';
import { AuthService, INVALID_CREDENTIALS, isChallenge, type LoginOutcome, type SignedIn } from './auth/auth.service';
import { InvitationsService } from './invitations/invitations.service';

/** Password sign-in, sessions and invitations, through the services on real PostgreSQL (no HTTP). */
describe('identity services', () => {
  let app: TestApp;
  let auth: AuthService;
  let tenant: TestTenant;
  let student: TestUser;
  let ip = 0;
  /** Each sign-in from its own address (random per run): the attempt limits count per address, in a store every run shares. */
  const network = `10.${randomInt(256)}.${randomInt(256)}`;
  const nextIp = () => `${network}.${++ip}`;

  const signedIn = (outcome: LoginOutcome): SignedIn => {
    if (isChallenge(outcome)) throw new Error('expected a session, got a second-step challenge');
    return outcome;
  };
  const sessionsOf = (user: TestUser) =>
    inTenant(tenant, async (db) => (await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM refresh_tokens WHERE tenant_id = ${tenant.id} AND user_id = ${user.id}`))[0].n);

  beforeAll(async () => {
    app = await testModule([IdentityModule]);
    auth = app.get(AuthService);
    tenant = await newTenant(app);
    student = await newStudent(tenant, { password: TEST_PASSWORD });
  });

  afterAll(() => app?.close());

  it('a right password issues a session for the person; a wrong one issues none and is audited', async () => {
    const outcome = signedIn(await auth.login({ tenant: tenant.slug, email: student.email, password: TEST_PASSWORD }, nextIp()));
    expect(outcome.response.user).toMatchObject({ id: student.id, email: student.email, role: 'student' });
    expect(outcome.response.accessToken.split('.')).toHaveLength(3);
    expect(outcome.session.refreshToken).toBeTruthy();
    expect(await sessionsOf(student)).toBe(1);

    const wrong = auth.login({ tenant: tenant.slug, email: student.email, password: 'Not-The-Password-99' }, nextIp());
    await expect(wrong).rejects.toThrow(new UnauthorizedException(INVALID_CREDENTIALS));
    expect(await sessionsOf(student)).toBe(1);
    const failures = await inTenant(tenant, (db) =>
      queryRows<{ details: { reason: string } }>(db, sql`SELECT details FROM audit_events WHERE tenant_id = ${tenant.id} AND action = 'auth.sign_in_failed' AND subject_id = ${student.id}`),
    );
    expect(failures.map((event) => event.details.reason)).toEqual(['bad_password']);
  });

  it('the same answer for an unknown e-mail or an unknown career center', async () => {
    await expect(auth.login({ tenant: tenant.slug, email: `nobody@${tenant.slug}.test`, password: TEST_PASSWORD }, nextIp())).rejects.toThrow(INVALID_CREDENTIALS);
    await expect(auth.login({ tenant: 'no-such-center', email: student.email, password: TEST_PASSWORD }, nextIp())).rejects.toThrow(INVALID_CREDENTIALS);
  });

  it('a refresh token works once: used again, it ends the whole session', async () => {
    const first = signedIn(await auth.login({ tenant: tenant.slug, email: student.email, password: TEST_PASSWORD }, nextIp()));
    const second = await auth.refresh(first.session.refreshToken);
    expect(second.session.sessionId).toBe(first.session.sessionId);
    await expect(auth.refresh(first.session.refreshToken)).rejects.toBeInstanceOf(UnauthorizedException);
    await expect(auth.refresh(second.session.refreshToken)).rejects.toBeInstanceOf(UnauthorizedException);
  });

  it('an invited person accepts with a password of their own and is signed in', async () => {
    const admin = await newAdmin(tenant);
    const invitation = await app.get(InvitationsService).invite(admin.auth, { email: `ines@${tenant.slug}.test`, name: 'Ines Invited', role: 'advisor' });
    const accepted = await auth.acceptInvitation({ token: invitation.token, name: 'Ines Invited', password: 'Quiet-Harbor-Lanterns-7' });
    expect(accepted.response.user).toMatchObject({ email: `ines@${tenant.slug}.test`, role: 'advisor' });
    const again = signedIn(await auth.login({ tenant: tenant.slug, email: `ines@${tenant.slug}.test`, password: 'Quiet-Harbor-Lanterns-7' }, nextIp()));
    expect(again.response.user.id).toBe(accepted.response.user.id);
  });
});
