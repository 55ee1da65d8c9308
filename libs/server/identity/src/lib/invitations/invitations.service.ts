import { ConflictException, GoneException, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AppConfig, AuditService, Outbox, TenantDatabase, UserAuth, issueOpaqueToken, parseOpaqueToken, queueEmail } from '@fieldwork/server-core';
import type { InvitationPreview, InvitationRequest, InvitationResponse, Role } from '@fieldwork/contracts';
import {
  TenantNameRow,
  insertInvitationEmails,
  insertInvitations,
  insertInvitee,
  lockInvitation,
  lockUserByEmail,
  renameInvitee,
  revokePendingInvitations,
  tenantNameAndZone,
} from './invitations.queries';

export interface InvitationRow {
  id: string;
  userId: string;
  email: string;
  name: string;
  role: Role;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
  tenant: { id: string; slug: string; name: string; timezone: string };
}

/**
 * Who invites: a user of the career center (their id), a platform operator
 * creating a career center (named as the audit event's actor; the invitation
 * row's `invited_by` refers to users, so it stays empty), or nobody (the seed).
 */
export type InvitedBy = string | { operatorId: string } | null;

const INVALID_LINK = 'This invitation link is not valid. Ask your career center administrator for a new one.';

/**
 * Invitations: inviting creates the user (not yet activated) and a single-use,
 * expiring link whose token is stored only as a hash.
 */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly config: AppConfig,
    private readonly tenantDb: TenantDatabase,
    private readonly audit: AuditService,
    private readonly outbox: Outbox,
  ) {}

  invite(auth: UserAuth, request: InvitationRequest, ip?: string): Promise<InvitationResponse> {
    return this.tenantDb.transaction(auth.tenantId, (db) => this.create(db, auth.tenantId, request, auth.userId, ip));
  }

  /** Creates (or renews) the invitation in the caller's transaction; earlier links of that person stop working. */
  async create(
    db: EntityManager,
    tenantId: string,
    request: InvitationRequest,
    by: InvitedBy,
    ip?: string,
  ): Promise<InvitationResponse> {
    const invitedBy = typeof by === 'string' ? by : null;
    const actorId = typeof by === 'string' ? by : (by?.operatorId ?? null);
    const existing = await lockUserByEmail(db, tenantId, request.email);
    if (existing?.activated) {
      throw new ConflictException(`${request.email} already has an account in this career center`);
    }
    const userId = existing?.id ?? randomUUID();
    if (existing) {
      await renameInvitee(db, tenantId, userId, request.name, request.role);
      await revokePendingInvitations(db, tenantId, userId);
    } else {
      await insertInvitee(db, tenantId, { id: userId, email: request.email, name: request.name, role: request.role });
    }
    const id = randomUUID();
    const { token, hash } = issueOpaqueToken(tenantId);
    const expiresAt = new Date(Date.now() + this.config.env.INVITATION_TTL_DAYS * 86_400_000);
    await insertInvitations(db, tenantId, invitedBy, expiresAt, [{ invitationId: id, userId, hash }]);
    await this.queueInvitationEmail(db, tenantId, { userId, invitationId: id, name: request.name, role: request.role, token, expiresAt });
    await this.audit.record(db, {
      tenantId,
      action: 'invitation.sent',
      actorId,
      subjectType: 'user',
      subjectId: userId,
      ip,
      details: { email: request.email, role: request.role },
    });
    return {
      id,
      email: request.email,
      role: request.role,
      token,
      inviteUrl: this.inviteUrl(token),
      expiresAt: expiresAt.toISOString(),
    };
  }

  /**
   * The invitation e-mail, written in the inviting transaction. Its accept link
   * holds the only copy of the token outside the invitee's mailbox; the mail
   * worker removes it from the row once the message is sent.
   */
  async queueInvitationEmail(
    db: EntityManager,
    tenantId: string,
    invitation: { userId: string; invitationId: string; name: string; role: Role; token: string; expiresAt: Date },
  ): Promise<void> {
    const tenant = await this.tenantOf(db, tenantId);
    await queueEmail(db, tenantId, {
      userId: invitation.userId,
      kind: 'invitation',
      subjectId: invitation.invitationId,
      title: `You're invited to ${tenant.name} on Fieldwork`,
      body: invitationBody(tenant, invitation.role, invitation.expiresAt),
      link: this.inviteUrl(invitation.token),
    });
    await this.outbox.publish(db, tenantId, 'user.invited', { userIds: [invitation.userId] });
  }

  /**
   * Invites people who were just created without a link (a roster import): one
   * invitation and one e-mail each, written with two set-based statements.
   */
  async inviteCreated(db: EntityManager, tenantId: string, people: { id: string; name: string; role: Role }[], invitedBy: string): Promise<void> {
    if (!people.length) return;
    const tenant = await this.tenantOf(db, tenantId);
    const expiresAt = new Date(Date.now() + this.config.env.INVITATION_TTL_DAYS * 86_400_000);
    const invitations = people.map((person) => ({ ...person, invitationId: randomUUID(), ...issueOpaqueToken(tenantId) }));
    await insertInvitations(db, tenantId, invitedBy, expiresAt, invitations.map((i) => ({ invitationId: i.invitationId, userId: i.id, hash: i.hash })));
    await insertInvitationEmails(
      db,
      tenantId,
      `You're invited to ${tenant.name} on Fieldwork`,
      invitations.map((i) => ({ userId: i.id, invitationId: i.invitationId, body: invitationBody(tenant, i.role, expiresAt), link: this.inviteUrl(i.token) })),
    );
    await this.outbox.publish(db, tenantId, 'user.invited', { userIds: people.map((person) => person.id) });
  }

  private async tenantOf(db: EntityManager, tenantId: string): Promise<TenantNameRow> {
    const tenant = await tenantNameAndZone(db, tenantId);
    if (!tenant) throw new NotFoundException('No such career center');
    return tenant;
  }

  inviteUrl(token: string): string {
    return `${this.config.publicUrl}/accept-invitation?token=${encodeURIComponent(token)}`;
  }

  async preview(token: string): Promise<InvitationPreview> {
    const invitation = await this.findUsable(token);
    return {
      email: invitation.email,
      name: invitation.name,
      role: invitation.role,
      tenant: invitation.tenant,
      expiresAt: invitation.expiresAt.toISOString(),
    };
  }

  /** Loads a pending invitation for update in the caller's transaction, or explains why it can't be used. */
  async lockUsable(db: EntityManager, tenantId: string, tokenHash: Buffer): Promise<InvitationRow> {
    const row = await lockInvitation(db, tenantId, tokenHash);
    if (!row) throw new NotFoundException(INVALID_LINK);
    const invitation: InvitationRow = {
      id: row.id,
      userId: row.user_id,
      email: row.email,
      name: row.name,
      role: row.role,
      expiresAt: row.expires_at,
      acceptedAt: row.accepted_at,
      revokedAt: row.revoked_at,
      tenant: { id: row.tenant_id, slug: row.tenant_slug, name: row.tenant_name, timezone: row.tenant_timezone },
    };
    if (invitation.acceptedAt) throw new GoneException('This invitation was already accepted. Sign in with your e-mail and password.');
    if (invitation.revokedAt) throw new GoneException('This invitation was replaced by a newer one. Use the latest link you received.');
    if (invitation.expiresAt.getTime() <= Date.now()) {
      throw new GoneException('This invitation has expired. Ask your career center administrator for a new one.');
    }
    return invitation;
  }

  private async findUsable(token: string): Promise<InvitationRow> {
    const parsed = parseOpaqueToken(token);
    if (!parsed) throw new NotFoundException(INVALID_LINK);
    return this.tenantDb.transaction(parsed.realm, (db) => this.lockUsable(db, parsed.realm, parsed.hash));
  }
}

/**
 * The invitation e-mail's message. The e-mail template greets the person
 * ("Hi Ada,") above it, so the message itself does not greet again; the link's
 * expiry is said in the career center's zone.
 */
export function invitationBody(tenant: { name: string; timezone: string }, role: Role, expiresAt: Date): string {
  const what = role === 'student' ? 'to plan and log your networking homework' : `as ${role === 'admin' ? 'an administrator' : 'an advisor'}`;
  return `${tenant.name} invites you to Fieldwork ${what}. Choose a password to activate your account; the link works until ${whenInZone(expiresAt, tenant.timezone)}.`;
}

/** "Monday, December 14, 2026 at 3:04 PM EST" in `zone`. */
function whenInZone(at: Date, zone: string): string {
  const date = new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' }).format(at);
  const time = new Intl.DateTimeFormat('en-US', { timeZone: zone, hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }).format(at);
  return `${date} at ${time}`;
}
