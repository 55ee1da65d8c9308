import { HttpException, Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  AuditService,
  Passwords,
  Principal,
  TenantDatabase,
  UserAuth,
  parseOpaqueToken,
  validationFailed,
} from '@fieldwork/server-core';
import {
  TENANT_CLOSING_MESSAGE,
  type AcceptInvitationRequest,
  type AccessTokenResponse,
  type ChangePasswordRequest,
  type LoginRequest,
  type Me,
  type MfaCodeRequest,
  type MfaEnrollmentRequiredResponse,
  type MfaRequiredResponse,
  type RecoveryCodes,
  type Role,
  type TotpEnrollment,
} from '@fieldwork/contracts';
import { AccessTokensService } from './access-tokens.service';
import { AttemptLimits, accountName } from './attempt-limits';
import { IssuedSession, SessionsService } from './sessions.service';
import { InvitationsService } from '../invitations/invitations.service';
import { MfaOwner, MfaService, WRONG_CODE } from '../mfa/mfa.service';
import { passwordSignInRefusal } from '../sso/sso-policy';
import { operatorByEmail, operatorExists, operatorProfile } from '../operators/operators.queries';
import { markInvitationAccepted } from '../invitations/invitations.queries';
import {
  activateUser,
  activeUser,
  passwordOwner,
  revokeUserSessions,
  setUserPassword,
  tenantBySlug,
  tenantState,
  userForSignIn,
  userProfile,
  userTokenFamily,
} from './auth.queries';

export interface SignedIn {
  response: AccessTokenResponse;
  session: IssuedSession;
}

/** A password sign-in either signs in, or asks for the second step (or, where it is required, for enrolment first). */
export type LoginOutcome = SignedIn | { challenge: MfaRequiredResponse | MfaEnrollmentRequiredResponse };

export function isChallenge(outcome: LoginOutcome): outcome is { challenge: MfaRequiredResponse | MfaEnrollmentRequiredResponse } {
  return 'challenge' in outcome;
}

/** One answer for every failure, in plain words (the sign-in screen shows it as it is). */
export const INVALID_CREDENTIALS = "We couldn't sign you in. Check the career center, e-mail and password.";

@Injectable()
export class AuthService {
  constructor(
    private readonly tenantDb: TenantDatabase,
    private readonly passwords: Passwords,
    private readonly sessions: SessionsService,
    private readonly accessTokens: AccessTokensService,
    private readonly invitations: InvitationsService,
    private readonly audit: AuditService,
    private readonly limits: AttemptLimits,
    private readonly mfa: MfaService,
  ) {}

  /**
   * Throttled per address and per account-from-this-address (a bad password counts, a good one
   * clears the count), so someone else's failures elsewhere never lock the owner out.
   */
  async login(request: LoginRequest, ip = 'unknown'): Promise<LoginOutcome> {
    const account = accountName(request.tenant, request.email);
    await this.limits.signIns.before(ip, account);
    let outcome: LoginOutcome;
    try {
      outcome = await this.checkPassword(request, ip);
    } catch (error) {
      if (error instanceof UnauthorizedException && error.message === INVALID_CREDENTIALS) await this.limits.signIns.failed(ip, account);
      throw error;
    }
    await this.limits.signIns.succeeded(ip, account);
    return outcome;
  }

  /** One generic answer for every failure: unknown tenant, unknown e-mail, wrong password, deactivated. */
  private async checkPassword(request: LoginRequest, ip?: string): Promise<LoginOutcome> {
    if (!request.tenant) return this.loginOperator(request);
    const slug = request.tenant;
    const tenant = await this.tenantDb.platform((db) => tenantBySlug(db, slug));
    if (!tenant) {
      await this.passwords.verify(null, request.password);
      throw new UnauthorizedException(INVALID_CREDENTIALS);
    }
    // A career center being closed (offboarding) refuses everyone, in plain words.
    if (tenant.state !== 'active') throw new UnauthorizedException(TENANT_CLOSING_MESSAGE);
    const tenantId: string = tenant.id;
    const user = await this.tenantDb.transaction(tenantId, (db) => userForSignIn(db, tenantId, request.email));
    const valid = (await this.passwords.verify(user?.password_hash, request.password)) && user?.active === true;
    const signedIn = await this.tenantDb.transaction(tenantId, async (db): Promise<LoginOutcome | null> => {
      if (!valid || !user) {
        await this.audit.record(db, {
          tenantId,
          action: 'auth.sign_in_failed',
          actorId: user?.id ?? null,
          subjectType: 'user',
          subjectId: user?.id,
          ip,
          // A known account is the event's subject; an unknown address is kept masked, so an erased person's
          // address typed again is not written back into the log.
          details: user ? { reason: !user.active ? 'deactivated' : 'bad_password' } : { reason: 'unknown_email', email: maskEmail(request.email) },
        });
        return null;
      }
      const principal: Principal = { kind: 'user', userId: user.id, tenantId, role: user.role };
      // Students of a career center that signs them in through the campus only: a pointer to the SSO button.
      const ssoOnly = await passwordSignInRefusal(db, tenantId, user.role);
      if (ssoOnly) throw new UnauthorizedException(ssoOnly);
      const challenge = await this.secondStep(db, principal, user.role);
      if (challenge) return challenge;
      await this.audit.record(db, { tenantId, action: 'auth.sign_in', actorId: user.id, subjectType: 'user', subjectId: user.id, ip });
      return this.signIn(db, principal);
    });
    if (!signedIn) throw new UnauthorizedException(INVALID_CREDENTIALS);
    return signedIn;
  }

  /** The second step of a sign-in: a code from the authenticator app or a recovery code (throttled). */
  async completeMfa(request: MfaCodeRequest, ip = 'unknown'): Promise<SignedIn> {
    const owner = this.accessTokens.verifyChallenge(request.mfaToken, 'mfa');
    const subject = subjectOf(owner);
    await this.limits.codes.before(ip, subject);
    const accepted = await this.mfa.verify(owner, request.code);
    if (!accepted) {
      await this.limits.codes.failed(ip, subject);
      if (owner.kind === 'user') {
        await this.tenantDb.transaction(owner.tenantId, (db) =>
          this.audit.record(db, {
            tenantId: owner.tenantId,
            action: 'auth.sign_in_failed',
            actorId: owner.userId,
            subjectType: 'user',
            subjectId: owner.userId,
            ip,
            details: { reason: 'bad_code' },
          }),
        );
      }
      throw new UnauthorizedException(WRONG_CODE);
    }
    await this.limits.codes.succeeded(ip, subject);
    return this.signInAfterSecondStep(owner, ip, { secondStep: accepted });
  }

  /**
   * A new password while signed in: the current one proves it is the owner (a wrong one counts
   * like a bad sign-in), the new one is checked for strength, and every other session ends at once
   * (the one whose refresh cookie came with the request stays).
   */
  async changePassword(auth: UserAuth, request: ChangePasswordRequest, refreshToken: unknown, ip = 'unknown'): Promise<void> {
    const user = await this.tenantDb.transaction(auth.tenantId, (db) => passwordOwner(db, auth.tenantId, auth.userId));
    const account = accountName(user?.slug, user?.email ?? '');
    await this.limits.signIns.before(ip, account);
    if (!user || !(await this.passwords.verify(user.password_hash, request.currentPassword))) {
      await this.limits.signIns.failed(ip, account);
      throw validationFailed([{ field: 'currentPassword', problems: ['that is not your current password'] }]);
    }
    const problems = this.passwords.problems(request.newPassword, [user.email, user.name, user.tenant_name, user.slug]);
    if (problems.length) throw validationFailed([{ field: 'newPassword', problems: problems.map((p) => `the new password ${p}`) }]);
    const passwordHash = await this.passwords.hash(request.newPassword);
    const parsed = parseOpaqueToken(refreshToken);
    await this.tenantDb.transaction(auth.tenantId, async (db) => {
      await setUserPassword(db, auth.tenantId, auth.userId, passwordHash);
      const kept = parsed && parsed.realm === auth.tenantId ? await userTokenFamily(db, auth.tenantId, auth.userId, parsed.hash) : undefined;
      await revokeUserSessions(db, auth.tenantId, auth.userId, kept ?? null);
      await this.audit.record(db, { tenantId: auth.tenantId, action: 'auth.password_changed', actorId: auth.userId, subjectType: 'user', subjectId: auth.userId, ip });
    });
    await this.limits.signIns.succeeded(ip, account);
  }

  /** Staff whose career center requires two-step sign-in set it up right after their password. */
  startRequiredEnrollment(mfaToken: unknown): Promise<TotpEnrollment> {
    return this.mfa.startEnrollment(this.accessTokens.verifyChallenge(mfaToken, 'mfa-enroll'));
  }

  async confirmRequiredEnrollment(request: MfaCodeRequest, ip = 'unknown'): Promise<{ codes: RecoveryCodes; signedIn: SignedIn }> {
    const owner = this.accessTokens.verifyChallenge(request.mfaToken, 'mfa-enroll');
    const subject = subjectOf(owner);
    await this.limits.codes.before(ip, subject);
    let recoveryCodes: string[];
    try {
      recoveryCodes = await this.mfa.confirmEnrollment(owner, request.code, ip);
    } catch (error) {
      if (error instanceof HttpException && error.getStatus() === 400) await this.limits.codes.failed(ip, subject);
      throw error;
    }
    await this.limits.codes.succeeded(ip, subject);
    return { codes: { recoveryCodes }, signedIn: await this.signInAfterSecondStep(owner, ip, { secondStep: 'enrolled' }) };
  }

  /** After a password: null to sign in now, or the challenge the person must answer first. */
  private async secondStep(db: EntityManager, principal: Principal, role?: Role): Promise<LoginOutcome | null> {
    const owner: MfaOwner =
      principal.kind === 'user' ? { kind: 'user', userId: principal.userId, tenantId: principal.tenantId } : { kind: 'operator', operatorId: principal.operatorId };
    if (await this.mfa.isEnabled(db, owner)) {
      return { challenge: { mfaRequired: true, mfaToken: this.accessTokens.signChallenge(principal, 'mfa') } };
    }
    if (await this.mfa.requiredIn(db, owner, role)) {
      return { challenge: { mfaEnrollmentRequired: true, mfaToken: this.accessTokens.signChallenge(principal, 'mfa-enroll') } };
    }
    return null;
  }

  /** The account is read again (still active, its role now, its career center open) before the session starts. */
  private async signInAfterSecondStep(owner: MfaOwner, ip: string, details: Record<string, unknown>): Promise<SignedIn> {
    if (owner.kind === 'operator') {
      const signedIn = await this.tenantDb.platform(async (db) => {
        return (await operatorExists(db, owner.operatorId)) ? this.signIn(db, { kind: 'operator', operatorId: owner.operatorId }) : null;
      });
      if (!signedIn) throw new UnauthorizedException(INVALID_CREDENTIALS);
      return signedIn;
    }
    await this.requireOpenTenant(owner.tenantId);
    const signedIn = await this.tenantDb.transaction(owner.tenantId, async (db) => {
      const user = await activeUser(db, owner.tenantId, owner.userId);
      if (!user) return null;
      await this.audit.record(db, { tenantId: owner.tenantId, action: 'auth.sign_in', actorId: owner.userId, subjectType: 'user', subjectId: owner.userId, ip, details });
      return this.signIn(db, { kind: 'user', userId: owner.userId, tenantId: owner.tenantId, role: user.role });
    });
    if (!signedIn) throw new UnauthorizedException(INVALID_CREDENTIALS);
    return signedIn;
  }

  async refresh(refreshToken: unknown): Promise<SignedIn> {
    // Before the rotation, so a refused refresh leaves the session as it was (a restored career center's people carry on).
    const realm = parseOpaqueToken(refreshToken)?.realm;
    if (realm) await this.requireOpenTenant(realm);
    const result = await this.sessions.rotate(refreshToken);
    if (result.outcome !== 'rotated') {
      throw new UnauthorizedException(
        result.outcome === 'reused' ? 'This session was ended for your safety; sign in again' : 'Your session has ended; sign in again',
      );
    }
    const run = <T>(work: (db: EntityManager) => Promise<T>) =>
      result.principal.kind === 'user' ? this.tenantDb.transaction(result.principal.tenantId, work) : this.tenantDb.platform(work);
    const user = await run((db) => this.me(db, result.principal));
    return {
      response: { accessToken: this.accessTokens.sign(result.principal, result.session.sessionId), expiresIn: this.accessTokens.ttlSeconds, user },
      session: result.session,
    };
  }

  logout(refreshToken: unknown): Promise<void> {
    return this.sessions.revoke(refreshToken);
  }

  async acceptInvitation(request: AcceptInvitationRequest, ip?: string): Promise<SignedIn> {
    const parsed = parseOpaqueToken(request.token);
    if (!parsed) throw new NotFoundException('This invitation link is not valid. Ask your career center administrator for a new one.');
    await this.requireOpenTenant(parsed.realm);
    const preview = await this.invitations.preview(request.token);
    const problems = this.passwords.problems(request.password, [preview.email, request.name, preview.name, preview.tenant.name, preview.tenant.slug]);
    if (problems.length) throw validationFailed([{ field: 'password', problems: problems.map((p) => `password ${p}`) }]);
    const passwordHash = await this.passwords.hash(request.password);

    return this.tenantDb.transaction(parsed.realm, async (db) => {
      const invitation = await this.invitations.lockUsable(db, parsed.realm, parsed.hash);
      await activateUser(db, parsed.realm, invitation.userId, request.name, passwordHash);
      await markInvitationAccepted(db, parsed.realm, invitation.id);
      await this.audit.record(db, {
        tenantId: parsed.realm,
        action: 'invitation.accepted',
        actorId: invitation.userId,
        subjectType: 'user',
        subjectId: invitation.userId,
        ip,
      });
      return this.signIn(db, { kind: 'user', userId: invitation.userId, tenantId: parsed.realm, role: invitation.role });
    });
  }

  async currentUser(principal: Principal): Promise<Me> {
    const me =
      principal.kind === 'user'
        ? await this.tenantDb.transaction(principal.tenantId, (db) => this.me(db, principal))
        : await this.tenantDb.platform((db) => this.me(db, principal));
    return me;
  }

  /** A career center being closed refuses a refresh or an invitation as it refuses a sign-in (the operators' realm is no tenant: passes). */
  private async requireOpenTenant(tenantId: string): Promise<void> {
    const state = await this.tenantDb.platform((db) => tenantState(db, tenantId));
    if (state && state !== 'active') throw new UnauthorizedException(TENANT_CLOSING_MESSAGE);
  }

  private async loginOperator(request: LoginRequest): Promise<LoginOutcome> {
    const signedIn = await this.tenantDb.platform(async (db): Promise<LoginOutcome | null> => {
      const operator = await operatorByEmail(db, request.email);
      if (!(await this.passwords.verify(operator?.password_hash, request.password)) || !operator) return null;
      const principal: Principal = { kind: 'operator', operatorId: operator.id };
      // Operators always need two-step sign-in in production.
      return (await this.secondStep(db, principal)) ?? this.signIn(db, principal);
    });
    if (!signedIn) throw new UnauthorizedException(INVALID_CREDENTIALS);
    return signedIn;
  }

  private async signIn(db: EntityManager, principal: Principal): Promise<SignedIn> {
    const session = await this.sessions.start(db, principal);
    const user = await this.me(db, principal);
    return { response: { accessToken: this.accessTokens.sign(principal, session.sessionId), expiresIn: this.accessTokens.ttlSeconds, user }, session };
  }

  private async me(db: EntityManager, principal: Principal): Promise<Me> {
    if (principal.kind === 'operator') {
      const operator = await operatorProfile(db, principal.operatorId);
      if (!operator) throw new UnauthorizedException(INVALID_CREDENTIALS);
      return { id: operator.id, email: operator.email, name: operator.name, role: 'operator', tenant: null };
    }
    const row = await userProfile(db, principal.tenantId, principal.userId);
    if (!row) throw new UnauthorizedException(INVALID_CREDENTIALS);
    return {
      id: row.id,
      email: row.email,
      name: row.name,
      role: row.role,
      tenant: { id: row.tenant_id, slug: row.slug, name: row.tenant_name, timezone: row.timezone },
    };
  }
}

function subjectOf(owner: MfaOwner): string {
  return owner.kind === 'user' ? `user:${owner.tenantId}:${owner.userId}` : `operator:${owner.operatorId}`;
}

/** "s…t@demo.test": enough to tell attempts apart, not the address itself. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  const local = at > 0 ? email.slice(0, at) : email;
  const domain = at > 0 ? email.slice(at) : '';
  return local.length <= 2 ? `${local.charAt(0)}…${domain}` : `${local.charAt(0)}…${local.charAt(local.length - 1)}${domain}`;
}
