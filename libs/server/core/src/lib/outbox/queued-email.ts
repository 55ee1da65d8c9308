import { EntityManager } from 'typeorm';
import { insertEmailDelivery } from './outbox.queries';

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
export function queueEmail(db: EntityManager, tenantId: string, email: QueuedEmail): Promise<boolean> {
  return insertEmailDelivery(db, tenantId, { ...email, period: email.period ?? '' });
}
