import { EntityManager } from 'typeorm';
import { NOTIFICATION_KIND_INFO, type PreferenceKind } from '@fieldwork/contracts';

export interface FanOutResult {
  inApp: number;
  emailsNow: number;
  emailsForDigest: number;
}

/**
 * Turns the rows of a source query into notifications, in one statement however
 * many people they concern. The source selects (user_id, subject_id, period,
 * title, body, link) for the tenant in $1 and may use parameters from $3 on.
 *
 * Each recipient's preference for the kind decides: off sends nothing;
 * immediately adds an inbox item and an e-mail to send now; digest adds an
 * inbox item and an e-mail held for the 08:00 digest. Only active users get
 * anything, and only activated accounts get e-mail. Both channels carry a
 * unique key (tenant, user, kind, subject, period), so a repeated scan or job
 * adds nothing to either.
 */
export async function fanOut(db: EntityManager, tenantId: string, kind: PreferenceKind, source: string, params: unknown[] = []): Promise<FanOutResult> {
  const [row] = await db.query(
    `WITH source AS (${source}),
     recipients AS MATERIALIZED (
       SELECT s.user_id, s.subject_id, s.period, s.title, s.body, s.link, u.password_hash IS NOT NULL AS activated,
              COALESCE(p.mode, 'immediately') AS mode
         FROM source s
         JOIN users u ON u.tenant_id = $1 AND u.id = s.user_id AND u.active
         LEFT JOIN notification_preferences p ON p.tenant_id = $1 AND p.user_id = s.user_id AND p.kind = $2),
     in_app AS (
       INSERT INTO notifications (tenant_id, id, user_id, kind, subject_id, period, title, body, link)
       SELECT $1, gen_random_uuid(), user_id, $2, subject_id, period, title, body, link FROM recipients WHERE mode <> 'off'
       ON CONFLICT (tenant_id, user_id, kind, subject_id, period) DO NOTHING
       RETURNING 1),
     email AS (
       INSERT INTO email_deliveries (tenant_id, id, user_id, kind, subject_id, period, status, title, body, link)
       SELECT $1, gen_random_uuid(), user_id, $2, subject_id, period,
              CASE WHEN mode = 'digest' AND ${NOTIFICATION_KIND_INFO[kind].digestible} THEN 'digest' ELSE 'pending' END,
              title, body, link
         FROM recipients WHERE mode <> 'off' AND activated
       ON CONFLICT (tenant_id, user_id, kind, subject_id, period) DO NOTHING
       RETURNING status)
     SELECT (SELECT count(*) FROM in_app)::int AS in_app,
            count(*) FILTER (WHERE status = 'pending')::int AS emails_now,
            count(*) FILTER (WHERE status = 'digest')::int AS emails_for_digest
       FROM email`,
    [tenantId, kind, ...params],
  );
  return { inApp: row.in_app, emailsNow: row.emails_now, emailsForDigest: row.emails_for_digest };
}

/**
 * Withdraws reminders that no longer apply (the homework was submitted, the
 * thank-you was logged): their inbox items are marked read and e-mails not yet
 * sent are dropped.
 */
export async function withdraw(db: EntityManager, tenantId: string, kinds: PreferenceKind[], subjectIds: string[]): Promise<void> {
  if (!subjectIds.length) return;
  await db.query(
    `UPDATE notifications SET read_at = COALESCE(read_at, now())
      WHERE tenant_id = $1 AND kind = ANY($2) AND subject_id = ANY($3::uuid[]) AND read_at IS NULL`,
    [tenantId, kinds, subjectIds],
  );
  await db.query(
    `UPDATE email_deliveries SET status = 'dropped'
      WHERE tenant_id = $1 AND kind = ANY($2) AND subject_id = ANY($3::uuid[]) AND status IN ('pending', 'digest')`,
    [tenantId, kinds, subjectIds],
  );
}
