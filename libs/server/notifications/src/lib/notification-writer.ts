import type { EntityManager } from 'typeorm';
import type { Sql } from '@fieldwork/server-core';
import type { PreferenceKind } from '@fieldwork/contracts';
import { insertNotifications, withdrawNotifications } from './notifications.queries';

export interface FanOutResult {
  inApp: number;
  emailsNow: number;
  emailsForDigest: number;
}

/**
 * Turns the rows of a source query into notifications, in one statement however
 * many people they concern. The source selects (user_id, subject_id, period,
 * title, body, link) for the tenant (the sources are in notifications.queries.ts).
 *
 * Each recipient's preference for the kind decides: off sends nothing;
 * immediately adds an inbox item and an e-mail to send now; digest adds an
 * inbox item and an e-mail held for the 08:00 digest. Only active users get
 * anything, and only activated accounts get e-mail. Both channels carry a
 * unique key (tenant, user, kind, subject, period), so a repeated scan or job
 * adds nothing to either.
 */
export async function fanOut(db: EntityManager, tenantId: string, kind: PreferenceKind, source: Sql): Promise<FanOutResult> {
  const row = await insertNotifications(db, tenantId, kind, source);
  return { inApp: row.in_app, emailsNow: row.emails_now, emailsForDigest: row.emails_for_digest };
}

/**
 * Withdraws reminders that no longer apply (the homework was submitted, the
 * thank-you was logged): their inbox items are marked read and e-mails not yet
 * sent are dropped.
 */
export async function withdraw(db: EntityManager, tenantId: string, kinds: PreferenceKind[], subjectIds: string[]): Promise<void> {
  if (!subjectIds.length) return;
  await withdrawNotifications(db, tenantId, kinds, subjectIds);
}
