import { ConflictException, GoneException, Injectable, Logger, NotFoundException, OnApplicationShutdown } from '@nestjs/common';
import { isUuid } from '@fieldwork/contracts';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import {
  AppConfig,
  AuditService,
  Outbox,
  Passwords,
  TenantDatabase,
  UserAuth,
  issueOpaqueToken,
  parseOpaqueToken,
  queueEmail,
  validationFailed,
} from '@fieldwork/server-core';
import type { PasswordResetConfirm, PasswordResetRequest, PasswordResetSent } from '@fieldwork/contracts';
import { SessionsService } from '../auth/sessions.service';
import { setUserPassword, tenantState } from '../auth/auth.queries';
import {
  activeTenantBySlug,
  forgetResetLinks,
  insertPasswordReset,
  passwordReset,
  resetAccount,
  resetTarget,
  resettableUserId,
  useUpPasswordResets,
} from './password-reset.queries';

/** A reset link works for 30 minutes, once. */
export const RESET_TTL_MINUTES = 30;
const INVALID_LINK = 'This password-reset link is not valid. Ask for a new one from the sign-in page.';

interface Account {
  id: string;
  email: string;
  name: string;
  tenantName: string;
  tenantSlug: string;
  timezone: string;
}

/**
 * "Forgot password": a single-use link (only its hash is stored) e-mailed through the outbox,
 * good for 30 minutes. Asking answers the same, at once, whether or not the account exists (the
 * lookup and the e-mail happen after the answer). Setting the new password ends every session.
 */
@Injectable()
export class PasswordResetService implements OnApplicationShutdown {
  private readonly logger = new Logger(PasswordResetService.name);
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly config: AppConfig,
    private readonly tenantDb: TenantDatabase,
    private readonly passwords: Passwords,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    private readonly outbox: Outbox,
  ) {}

  /**
   * Starts the lookup and e-mail without waiting for it: the caller answers 202 in the same time
   * for an unknown career center, an unknown address and a real account.
   */
  request(request: PasswordResetRequest, ip?: string): void {
    const work = this.send(request, ip).catch((error: Error) => this.logger.error(`password reset for ${request.tenant}: ${error.message}`));
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  /** Waits for requests still being handled (tests, and a graceful shutdown). */
  async settled(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.settled();
  }

  /** An administrator sends a reset link from People. */
  sendFor(auth: UserAuth, userId: string, ip?: string): Promise<PasswordResetSent> {
    if (!isUuid(userId)) throw new NotFoundException('No such person');
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      const user = await resetTarget(db, auth.tenantId, userId);
      if (!user) throw new NotFoundException('No such person');
      if (!user.active) throw new ConflictException('This account is deactivated. Reactivate it before sending a password reset.');
      if (!user.activated) throw new ConflictException('This person has not accepted their invitation yet. Send the invitation again instead.');
      const account = await this.account(db, auth.tenantId, userId);
      if (!account) throw new NotFoundException('No such person');
      const expiresAt = await this.issue(db, auth.tenantId, account, auth.userId);
      await this.audit.record(db, { tenantId: auth.tenantId, action: 'auth.password_reset_sent', actorId: auth.userId, subjectType: 'user', subjectId: userId, ip });
      return { email: account.email, expiresAt: expiresAt.toISOString() };
    });
  }

  /** Sets the new password from a link: checked for strength, single use, every session ended. */
  async confirm(request: PasswordResetConfirm, ip?: string): Promise<void> {
    const parsed = parseOpaqueToken(request.token);
    if (!parsed) throw new NotFoundException(INVALID_LINK);
    const state = await this.tenantDb.platform((db) => tenantState(db, parsed.realm));
    if (state !== 'active') throw new NotFoundException(INVALID_LINK);
    // First a look (no lock) to check the password against the person's details, then the hash, then the locked write.
    const preview = await this.tenantDb.transaction(parsed.realm, (db) => this.usable(db, parsed.realm, parsed.hash, false));
    const problems = this.passwords.problems(request.password, [preview.email, preview.name, preview.tenantName, preview.tenantSlug]);
    if (problems.length) throw validationFailed([{ field: 'password', problems: problems.map((p) => `password ${p}`) }]);
    const passwordHash = await this.passwords.hash(request.password);
    await this.tenantDb.transaction(parsed.realm, async (db) => {
      const reset = await this.usable(db, parsed.realm, parsed.hash, true);
      await setUserPassword(db, parsed.realm, reset.userId, passwordHash);
      // This link and any other pending one of the person stop working.
      await useUpPasswordResets(db, parsed.realm, reset.userId);
      await this.forgetLinks(db, parsed.realm, reset.userId);
      await this.sessions.revokeAllForUser(db, parsed.realm, reset.userId);
      await this.audit.record(db, { tenantId: parsed.realm, action: 'auth.password_reset', actorId: reset.userId, subjectType: 'user', subjectId: reset.userId, ip });
    });
  }

  private async send(request: PasswordResetRequest, ip?: string): Promise<void> {
    const tenantId = await this.tenantDb.platform((db) => activeTenantBySlug(db, request.tenant));
    if (!tenantId) return;
    await this.tenantDb.transaction(tenantId, async (db) => {
      const userId = await resettableUserId(db, tenantId, request.email);
      if (!userId) return;
      const account = await this.account(db, tenantId, userId);
      if (!account) return;
      await this.issue(db, tenantId, account, null);
      await this.audit.record(db, { tenantId, action: 'auth.password_reset_requested', actorId: userId, subjectType: 'user', subjectId: userId, ip });
    });
  }

  /** A new link (earlier unused ones stop working) and its e-mail, in the caller's transaction. */
  private async issue(db: EntityManager, tenantId: string, account: Account, requestedBy: string | null): Promise<Date> {
    await useUpPasswordResets(db, tenantId, account.id);
    await this.forgetLinks(db, tenantId, account.id);
    const id = randomUUID();
    const { token, hash } = issueOpaqueToken(tenantId);
    const expiresAt = new Date(Date.now() + RESET_TTL_MINUTES * 60_000);
    await insertPasswordReset(db, tenantId, { id, userId: account.id, hash, requestedBy, expiresAt });
    await queueEmail(db, tenantId, {
      userId: account.id,
      kind: 'password_reset',
      subjectId: id,
      title: `Choose a new password for ${account.tenantName} on Fieldwork`,
      body: resetBody(account, expiresAt, requestedBy !== null),
      link: this.resetUrl(token),
    });
    // The mail worker sends a tenant's pending e-mails on this topic's job.
    await this.outbox.publish(db, tenantId, 'user.invited', { userIds: [account.id] });
    return expiresAt;
  }

  /**
   * Earlier reset e-mails of the person lose their link (it holds a token, now useless): a copy of
   * the token stays in the database only while its link can still be used. One not sent yet is dropped.
   */
  private async forgetLinks(db: EntityManager, tenantId: string, userId: string): Promise<void> {
    await forgetResetLinks(db, tenantId, userId);
  }

  resetUrl(token: string): string {
    return `${this.config.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
  }

  private async account(db: EntityManager, tenantId: string, userId: string): Promise<Account | null> {
    const row = await resetAccount(db, tenantId, userId);
    return row ? { id: row.id, email: row.email, name: row.name, tenantName: row.tenant_name, tenantSlug: row.slug, timezone: row.timezone } : null;
  }

  private async usable(
    db: EntityManager,
    tenantId: string,
    hash: Buffer,
    lock: boolean,
  ): Promise<{ id: string; userId: string; email: string; name: string; tenantName: string; tenantSlug: string }> {
    const row = await passwordReset(db, tenantId, hash, lock);
    if (!row || !row.active) throw new NotFoundException(INVALID_LINK);
    if (row.used_at) throw new GoneException('This password-reset link was already used or replaced by a newer one. Ask for a new one from the sign-in page.');
    if (row.expires_at.getTime() <= Date.now()) {
      throw new GoneException(`This password-reset link has expired (links work for ${RESET_TTL_MINUTES} minutes). Ask for a new one from the sign-in page.`);
    }
    return { id: row.id, userId: row.user_id, email: row.email, name: row.name, tenantName: row.tenant_name, tenantSlug: row.slug };
  }
}

/** The e-mail's message (the template greets the person above it); the expiry is said in the career center's zone. */
export function resetBody(account: { tenantName: string; timezone: string }, expiresAt: Date, byAdmin: boolean): string {
  const why = byAdmin
    ? `An administrator of ${account.tenantName} sent you this link to choose a new password for Fieldwork.`
    : `Someone (we hope you) asked to reset your Fieldwork password at ${account.tenantName}.`;
  const when = new Intl.DateTimeFormat('en-US', { timeZone: account.timezone, hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }).format(expiresAt);
  return `${why} The link works once, until ${when}; choosing a new password signs you out everywhere. If you did not ask for this, ignore this e-mail: your password stays as it is.`;
}
