import { Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  AuditService,
  Passwords,
  Principal,
  TenantDatabase,
  parseOpaqueToken,
  validationFailed,
} from '@fieldwork/server-core';
import { TENANT_CLOSING_MESSAGE, type AcceptInvitationRequest, type AccessTokenResponse, type LoginRequest, type Me, type Role } from '@fieldwork/contracts';
import { AccessTokensService } from './access-tokens.service';
import { IssuedSession, SessionsService } from './sessions.service';
import { InvitationsService } from '../invitations/invitations.service';

export interface SignedIn {
  response: AccessTokenResponse;
  session: IssuedSession;
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
  ) {}

  /** One generic answer for every failure: unknown tenant, unknown e-mail, wrong password, deactivated. */
  async login(request: LoginRequest, ip?: string): Promise<SignedIn> {
    if (!request.tenant) return this.loginOperator(request);
    const [tenant] = await this.tenantDb.platform((db) => db.query(`SELECT id, state FROM tenants WHERE slug = $1`, [request.tenant]));
    if (!tenant) {
      await this.passwords.verify(null, request.password);
      throw new UnauthorizedException(INVALID_CREDENTIALS);
    }
    // A career center being closed (offboarding) refuses everyone, in plain words.
    if (tenant.state !== 'active') throw new UnauthorizedException(TENANT_CLOSING_MESSAGE);
    const tenantId: string = tenant.id;
    const [user] = await this.tenantDb.transaction(tenantId, (db) =>
      db.query<{ id: string; role: Role; active: boolean; password_hash: string | null }[]>(
        `SELECT id, role, active, password_hash FROM users WHERE tenant_id = $1 AND email = $2`,
        [tenantId, request.email],
      ),
    );
    const valid = (await this.passwords.verify(user?.password_hash, request.password)) && user?.active === true;
    const signedIn = await this.tenantDb.transaction(tenantId, async (db) => {
      if (!valid) {
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
      await this.audit.record(db, { tenantId, action: 'auth.sign_in', actorId: user.id, subjectType: 'user', subjectId: user.id, ip });
      return this.signIn(db, { kind: 'user', userId: user.id, tenantId, role: user.role });
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
      response: { accessToken: this.accessTokens.sign(result.principal), expiresIn: this.accessTokens.ttlSeconds, user },
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
    const problems = this.passwords.problems(request.password, [preview.email, request.name, preview.tenant.name]);
    if (problems.length) throw validationFailed([{ field: 'password', problems: problems.map((p) => `password ${p}`) }]);
    const passwordHash = await this.passwords.hash(request.password);

    return this.tenantDb.transaction(parsed.realm, async (db) => {
      const invitation = await this.invitations.lockUsable(db, parsed.realm, parsed.hash);
      await db.query(`UPDATE users SET name = $3, password_hash = $4, updated_at = now() WHERE tenant_id = $1 AND id = $2`, [
        parsed.realm,
        invitation.userId,
        request.name,
        passwordHash,
      ]);
      await db.query(`UPDATE invitations SET accepted_at = now() WHERE tenant_id = $1 AND id = $2`, [parsed.realm, invitation.id]);
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
    const [tenant] = await this.tenantDb.platform((db) => db.query(`SELECT state FROM tenants WHERE id = $1`, [tenantId]));
    if (tenant && tenant.state !== 'active') throw new UnauthorizedException(TENANT_CLOSING_MESSAGE);
  }

  private async loginOperator(request: LoginRequest): Promise<SignedIn> {
    const signedIn = await this.tenantDb.platform(async (db) => {
      const [operator] = await db.query(`SELECT id, password_hash FROM operators WHERE email = $1`, [request.email]);
      if (!(await this.passwords.verify(operator?.password_hash, request.password))) return null;
      return this.signIn(db, { kind: 'operator', operatorId: operator.id });
    });
    if (!signedIn) throw new UnauthorizedException(INVALID_CREDENTIALS);
    return signedIn;
  }

  private async signIn(db: EntityManager, principal: Principal): Promise<SignedIn> {
    const session = await this.sessions.start(db, principal);
    const user = await this.me(db, principal);
    return { response: { accessToken: this.accessTokens.sign(principal), expiresIn: this.accessTokens.ttlSeconds, user }, session };
  }

  private async me(db: EntityManager, principal: Principal): Promise<Me> {
    if (principal.kind === 'operator') {
      const [operator] = await db.query(`SELECT id, email, name FROM operators WHERE id = $1`, [principal.operatorId]);
      return { id: operator.id, email: operator.email, name: operator.name, role: 'operator', tenant: null };
    }
    const [row] = await db.query(
      `SELECT u.id, u.email, u.name, u.role, t.id AS tenant_id, t.slug, t.name AS tenant_name, t.timezone
         FROM users u JOIN tenants t ON t.id = u.tenant_id
        WHERE u.tenant_id = $1 AND u.id = $2`,
      [principal.tenantId, principal.userId],
    );
    return {
      id: row.id,
      email: row.email,
      name: row.name,
      role: row.role,
      tenant: { id: row.tenant_id, slug: row.slug, name: row.tenant_name, timezone: row.timezone },
    };
  }
}

/** "s…t@demo.test": enough to tell attempts apart, not the address itself. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  const local = at > 0 ? email.slice(0, at) : email;
  const domain = at > 0 ? email.slice(at) : '';
  return local.length <= 2 ? `${local.charAt(0)}…${domain}` : `${local.charAt(0)}…${local.charAt(local.length - 1)}${domain}`;
}
