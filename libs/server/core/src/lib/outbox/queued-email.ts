import { EntityManager } from 'typeorm';

export interface QueuedEmail {
  userId: string;
  kind: string;
  subjectId: string;
  period?: string;
  title: string;
  body: string;
  /** A path inside the app, or an absolute link (an invitation's accept link). */
  link: string | null;
}

/**
 * Writes an e-mail the mail worker will send, in the caller's transaction: it
 * exists exactly when the change it reports does. The unique key (tenant, user,
 * kind, subject, period) makes writing it twice a no-op; answers whether it is new.
 */
export async function queueEmail(db: EntityManager, tenantId: string, email: QueuedEmail): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO email_deliveries (tenant_id, id, user_id, kind, subject_id, period, status, title, body, link)
     VALUES ($1, gen_random_uuid(), $2, $3, $4, $5, 'pending', $6, $7, $8)
     ON CONFLICT (tenant_id, user_id, kind, subject_id, period) DO NOTHING RETURNING id`,
    [tenantId, email.userId, email.kind, email.subjectId, email.period ?? '', email.title, email.body, email.link],
  );
  return rows.length > 0;
}
