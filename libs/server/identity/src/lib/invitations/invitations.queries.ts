import type { EntityManager } from 'typeorm';
import type { Role } from '@fieldwork/contracts';
import { execute, queryOne, sql } from '@fieldwork/server-core';

/** One row of `lockUserByEmail`. */
export interface InviteeRow {
  id: string;
  activated: boolean;
}

/** The person with this e-mail (and whether they chose a password), locked until the transaction ends. */
export function lockUserByEmail(db: EntityManager, tenantId: string, email: string): Promise<InviteeRow | undefined> {
  return queryOne<InviteeRow>(db, sql`SELECT id, password_hash IS NOT NULL AS activated FROM users WHERE tenant_id = ${tenantId} AND email = ${email} FOR UPDATE`);
}

export function renameInvitee(db: EntityManager, tenantId: string, userId: string, name: string, role: Role): Promise<number> {
  return execute(db, sql`UPDATE users SET name = ${name}, role = ${role}, updated_at = now() WHERE tenant_id = ${tenantId} AND id = ${userId}`);
}

/** A person not yet activated (no password). */
export function insertInvitee(db: EntityManager, tenantId: string, user: { id: string; email: string; name: string; role: Role }): Promise<number> {
  return execute(db, sql`INSERT INTO users (tenant_id, id, email, name, role) VALUES (${tenantId}, ${user.id}, ${user.email}, ${user.name}, ${user.role})`);
}

/** Earlier links of a person stop working. */
export function revokePendingInvitations(db: EntityManager, tenantId: string, userId: string): Promise<number> {
  return execute(
    db,
    sql`UPDATE invitations SET revoked_at = now() WHERE tenant_id = ${tenantId} AND user_id = ${userId} AND accepted_at IS NULL AND revoked_at IS NULL`,
  );
}

/** Invitations in one statement: one person's, or one per person a roster import created (`invitedBy` null: no user of the career center invited, e.g. an operator). */
export function insertInvitations(
  db: EntityManager,
  tenantId: string,
  invitedBy: string | null,
  expiresAt: Date,
  invitations: { invitationId: string; userId: string; hash: Buffer }[],
): Promise<number> {
  return execute(
    db,
    sql`INSERT INTO invitations (tenant_id, id, user_id, token_hash, invited_by, expires_at)
       SELECT ${tenantId}, id, user_id, token_hash, ${invitedBy}, ${expiresAt}
         FROM unnest(${invitations.map((i) => i.invitationId)}::uuid[], ${invitations.map((i) => i.userId)}::uuid[], ${invitations.map((i) => i.hash)}::bytea[]) AS i(id, user_id, token_hash)`,
  );
}

/** Invitation e-mails, one per person, all with the same title (an existing one for that invitation stays). */
export function insertInvitationEmails(
  db: EntityManager,
  tenantId: string,
  title: string,
  emails: { userId: string; invitationId: string; body: string; link: string }[],
): Promise<number> {
  return execute(
    db,
    sql`INSERT INTO email_deliveries (tenant_id, id, user_id, kind, subject_id, status, title, body, link)
       SELECT ${tenantId}, gen_random_uuid(), user_id, 'invitation', invitation_id, 'pending', ${title}, body, link
         FROM unnest(${emails.map((e) => e.userId)}::uuid[], ${emails.map((e) => e.invitationId)}::uuid[], ${emails.map((e) => e.body)}::text[], ${emails.map((e) => e.link)}::text[])
              AS e(user_id, invitation_id, body, link)
       ON CONFLICT DO NOTHING`,
  );
}

export function markInvitationAccepted(db: EntityManager, tenantId: string, invitationId: string): Promise<number> {
  return execute(db, sql`UPDATE invitations SET accepted_at = now() WHERE tenant_id = ${tenantId} AND id = ${invitationId}`);
}

/** One row of `tenantNameAndZone`. */
export interface TenantNameRow {
  name: string;
  timezone: string;
}

export function tenantNameAndZone(db: EntityManager, tenantId: string): Promise<TenantNameRow | undefined> {
  return queryOne<TenantNameRow>(db, sql`SELECT name, timezone FROM tenants WHERE id = ${tenantId}`);
}

/** One row of `lockInvitation`. */
export interface InvitationLookupRow {
  id: string;
  user_id: string;
  expires_at: Date;
  accepted_at: Date | null;
  revoked_at: Date | null;
  email: string;
  name: string;
  role: Role;
  tenant_id: string;
  tenant_slug: string;
  tenant_name: string;
  tenant_timezone: string;
}

/** The invitation with this token hash, its person and career center; the invitation locked until the transaction ends. */
export function lockInvitation(db: EntityManager, tenantId: string, tokenHash: Buffer): Promise<InvitationLookupRow | undefined> {
  return queryOne<InvitationLookupRow>(
    db,
    sql`SELECT i.id, i.user_id, i.expires_at, i.accepted_at, i.revoked_at, u.email, u.name, u.role,
              t.id AS tenant_id, t.slug AS tenant_slug, t.name AS tenant_name, t.timezone AS tenant_timezone
         FROM invitations i
         JOIN users u ON u.tenant_id = i.tenant_id AND u.id = i.user_id
         JOIN tenants t ON t.id = i.tenant_id
        WHERE i.tenant_id = ${tenantId} AND i.token_hash = ${tokenHash}
        FOR UPDATE OF i`,
  );
}
