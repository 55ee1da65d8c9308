import type { EntityManager } from 'typeorm';
import { execute, queryOne, queryRows, raw, sql } from '@fieldwork/server-core';

/** The mail sender's statements over `email_deliveries`. */

/** E-mails claimed per batch. */
export const EMAIL_BATCH = 20;

/** One row of `claimEmails`: a claimed e-mail with its recipient and career center. */
export interface ClaimedEmailRow {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  attempts: number;
  email: string;
  name: string;
  tenant_name: string;
}

/**
 * Claims the next batch of pending e-mails (and any whose claim is older than the
 * lease: their sender died), oldest first, skipping rows another sender holds.
 */
export function claimEmails(db: EntityManager, tenantId: string, leaseSeconds: number): Promise<ClaimedEmailRow[]> {
  return queryRows<ClaimedEmailRow>(
    db,
    sql`WITH claimed AS (
           UPDATE email_deliveries e SET status = 'sending', claimed_at = now(), attempts = e.attempts + 1
            WHERE (e.tenant_id, e.id) IN (
                   SELECT tenant_id, id FROM email_deliveries
                    WHERE tenant_id = ${tenantId} AND (status = 'pending' OR (status = 'sending' AND claimed_at < now() - make_interval(secs => ${leaseSeconds})))
                    ORDER BY created_at LIMIT ${raw(String(EMAIL_BATCH))} FOR UPDATE SKIP LOCKED)
            RETURNING e.id, e.kind, e.title, e.body, e.link, e.attempts, e.user_id, e.created_at)
         SELECT c.id, c.kind, c.title, c.body, c.link, c.attempts, u.email, u.name, t.name AS tenant_name
           FROM claimed c
           JOIN users u ON u.tenant_id = ${tenantId} AND u.id = c.user_id
           JOIN tenants t ON t.id = ${tenantId}
          ORDER BY c.created_at`,
  );
}

/** When the oldest claim still out ends its lease; null when nothing is claimed. */
export async function leaseEndOfClaimed(db: EntityManager, tenantId: string, leaseSeconds: number): Promise<Date | null> {
  const row = await queryOne<{ ends: Date | null }>(
    db,
    sql`SELECT min(claimed_at) + make_interval(secs => ${leaseSeconds}) AS ends FROM email_deliveries WHERE tenant_id = ${tenantId} AND status = 'sending'`,
  );
  return row?.ends ?? null;
}

/** Sent: an account e-mail's link (it holds a token) is dropped. */
export function markEmailSent(db: EntityManager, tenantId: string, id: string): Promise<number> {
  return execute(
    db,
    sql`UPDATE email_deliveries SET status = 'sent', sent_at = now(), last_error = NULL,
               link = CASE WHEN kind IN ('invitation', 'password_reset') THEN NULL ELSE link END
         WHERE tenant_id = ${tenantId} AND id = ${id}`,
  );
}

/** Failed: back to pending for the job's next attempt, or failed for good. */
export function markEmailFailed(db: EntityManager, tenantId: string, id: string, error: string, giveUp: boolean): Promise<number> {
  return execute(
    db,
    sql`UPDATE email_deliveries SET status = ${giveUp ? 'failed' : 'pending'}, last_error = ${error.slice(0, 1000)} WHERE tenant_id = ${tenantId} AND id = ${id}`,
  );
}

/** One row of `digestItems`. */
export interface DigestItemRow {
  title: string;
  body: string;
  link: string | null;
}

/** The e-mails a digest gathered, in the order they came. */
export function digestItems(db: EntityManager, tenantId: string, digestId: string): Promise<DigestItemRow[]> {
  return queryRows<DigestItemRow>(
    db,
    sql`SELECT title, body, link FROM email_deliveries WHERE tenant_id = ${tenantId} AND digest_id = ${digestId} ORDER BY created_at`,
  );
}
