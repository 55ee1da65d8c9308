import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TenantDatabase } from '@fieldwork/server-core';
import { fanOut } from './notification-writer';
import { OPEN_STATUSES } from '@fieldwork/server-homework';
import type { PreferenceKind } from '@fieldwork/contracts';
import { epochText, localTime, useTenantZone } from './zone-text';

export { epochText, localTime } from './zone-text';
/** Reminders look back this far, so a worker that was down catches up without nagging about old history. */
const LOOKBACK = `interval '14 days'`;

/** Open, visible tasks with their assignment and tenant; $1 tenant, $3::timestamptz the scan's time. */
const OPEN_TASKS = `
  FROM tasks t
  JOIN assignments a ON a.tenant_id = t.tenant_id AND a.id = t.assignment_id AND a.archived_at IS NULL
  JOIN tenants tn ON tn.id = t.tenant_id
 WHERE t.tenant_id = $1 AND t.status IN ${OPEN_STATUSES} AND t.opens_at <= $3::timestamptz`;

/** Not started: nothing saved yet, and `share` of the time between opening and due date is gone. */
const notStarted = (share: number) => `t.status = 'assigned' AND t.draft_saved_at IS NULL AND t.due_at > $3::timestamptz
   AND $3::timestamptz >= t.opens_at + (t.due_at - t.opens_at) * ${share}`;

/**
 * Each kind of reminder and the rows it concerns as of $3 (the scan's time), in $1's tenant:
 * (user_id, subject_id, period, title, body, link) for the fan-out.
 */
const REMINDERS: [PreferenceKind, string][] = [
  [
    'due_soon',
    `SELECT t.student_id AS user_id, t.id AS subject_id, ${epochText('t.due_at')} AS period,
            'Due soon: ' || a.title AS title,
            'Due ' || ${localTime('t.due_at')} || '. ' ||
            CASE t.status WHEN 'assigned' THEN 'You have not started yet; it takes about ' || a.estimated_minutes || ' minutes.'
                          WHEN 'revision_requested' THEN 'Your advisor asked for a revision; revise and submit again.'
                          ELSE 'Your draft is saved; finish and submit it.' END AS body,
            '/tasks/' || t.id AS link
     ${OPEN_TASKS} AND t.due_at > $3::timestamptz AND t.due_at <= $3::timestamptz + make_interval(hours => tn.due_soon_hours)`,
  ],
  [
    'overdue',
    `SELECT t.student_id AS user_id, t.id AS subject_id, ${epochText('t.due_at')} AS period,
            'Overdue: ' || a.title AS title,
            'It was due ' || ${localTime('t.due_at')} || '. Submit it as soon as you can, or tell your advisor what is in the way.' AS body,
            '/tasks/' || t.id AS link
     ${OPEN_TASKS} AND t.due_at <= $3::timestamptz AND t.due_at > $3::timestamptz - ${LOOKBACK}`,
  ],
  [
    'nonstarter_nudge',
    `SELECT t.student_id AS user_id, t.id AS subject_id,
            CASE WHEN ${notStarted(0.75)} THEN '2:' ELSE '1:' END || ${epochText('t.due_at')} AS period,
            CASE WHEN ${notStarted(0.75)} THEN 'Still not started: ' ELSE 'Not started yet: ' END || a.title AS title,
            'It is due ' || ${localTime('t.due_at')} || ' and takes about ' || a.estimated_minutes || ' minutes. Start with the first question; your draft saves as you go.' ||
            CASE WHEN ${notStarted(0.75)} THEN ' Your advisor will hear that you have not started, so tell them if something is in the way.' ELSE '' END AS body,
            '/tasks/' || t.id AS link
     ${OPEN_TASKS} AND ${notStarted(0.5)}`,
  ],
  [
    'nonstarter_escalation',
    `SELECT advisor.id AS user_id, t.id AS subject_id, ${epochText('t.due_at')} AS period,
            s.name || ' has not started ' || a.title AS title,
            'It is due ' || ${localTime('t.due_at')} || ' and ' || s.name || ' has had two reminders. A short note from you often gets them going.' AS body,
            COALESCE('/cohorts/' || t.cohort_id, '/reviews') AS link
       FROM tasks t
       JOIN assignments a ON a.tenant_id = t.tenant_id AND a.id = t.assignment_id AND a.archived_at IS NULL
       JOIN tenants tn ON tn.id = t.tenant_id
       JOIN users s ON s.tenant_id = t.tenant_id AND s.id = t.student_id
       CROSS JOIN LATERAL (
         SELECT m.user_id AS id FROM cohort_members m WHERE m.tenant_id = t.tenant_id AND m.cohort_id = t.cohort_id AND m.role = 'advisor'
         UNION SELECT a.created_by WHERE t.cohort_id IS NULL) advisor
      WHERE t.tenant_id = $1 AND t.opens_at <= $3::timestamptz AND ${notStarted(0.75)}`,
  ],
  [
    'follow_up_due',
    `SELECT c.owner_id AS user_id, c.id AS subject_id, ${epochText('c.next_follow_up_at')} AS period,
            'Time to follow up with ' || c.name AS title,
            'You planned to get in touch every ' || c.follow_up_every_days || ' days' ||
            COALESCE('; the last time was ' || to_char(c.last_interaction_at AT TIME ZONE tn.timezone, 'FMMonth FMDD'), '') ||
            '. Share an article, ask a question or say thanks, then log it.' AS body,
            '/network/' || c.id AS link
       FROM contacts c JOIN tenants tn ON tn.id = c.tenant_id
      WHERE c.tenant_id = $1 AND c.next_follow_up_at <= $3::timestamptz AND c.next_follow_up_at > $3::timestamptz - ${LOOKBACK}`,
  ],
  [
    'thank_you_due',
    `SELECT i.owner_id AS user_id, i.id AS subject_id, '' AS period,
            'Send a thank-you to ' || c.name AS title,
            'You had an informational interview with ' || c.name || ' on ' || to_char(i.occurred_at AT TIME ZONE tn.timezone, 'FMMonth FMDD') ||
            '. A short thank-you keeps the door open; log it once it is sent.' AS body,
            '/network/' || c.id AS link
       FROM interactions i
       JOIN contacts c ON c.tenant_id = i.tenant_id AND c.id = i.contact_id
       JOIN tenants tn ON tn.id = i.tenant_id
      WHERE i.tenant_id = $1 AND i.kind = 'informational_interview'
        AND i.created_at <= $3::timestamptz - interval '48 hours' AND i.created_at > $3::timestamptz - ${LOOKBACK}
        AND NOT EXISTS (SELECT 1 FROM interactions ty
                         WHERE ty.tenant_id = i.tenant_id AND ty.contact_id = i.contact_id AND ty.kind = 'thank_you'
                           AND (ty.occurred_at >= i.occurred_at OR ty.created_at >= i.created_at))`,
  ],
];

export interface ScanResult {
  inApp: number;
  emailsNow: number;
  digests: number;
}

/**
 * The scheduled reminders of one tenant as of a given time. Each kind is one
 * set-based statement (however many tasks are due), keyed so that running the
 * scan again, or late, sends nothing twice.
 */
@Injectable()
export class Reminders {
  constructor(private readonly tenantDb: TenantDatabase) {}

  scan(tenantId: string, at: Date): Promise<ScanResult> {
    return this.tenantDb.transaction(tenantId, async (db) => {
      await useTenantZone(db, tenantId);
      const total: ScanResult = { inApp: 0, emailsNow: 0, digests: 0 };
      const add = (result: { inApp: number; emailsNow: number }) => {
        total.inApp += result.inApp;
        total.emailsNow += result.emailsNow;
      };
      for (const [kind, source] of REMINDERS) add(await fanOut(db, tenantId, kind, source, [at]));
      if (await this.isDigestTime(db, tenantId, at)) {
        add(await this.reviewDigest(db, tenantId, at));
        total.digests = await this.collectDigests(db, tenantId, at);
        total.emailsNow += total.digests;
      }
      return total;
    });
  }

  /** From 08:00 in the tenant's time zone; each digest is keyed by the local date, so it goes out once a day. */
  private async isDigestTime(db: EntityManager, tenantId: string, at: Date): Promise<boolean> {
    const [row] = await db.query(`SELECT extract(hour FROM $2::timestamptz AT TIME ZONE timezone)::int AS hour FROM tenants WHERE id = $1`, [tenantId, at]);
    return row.hour >= 8;
  }

  /** Advisors' daily "needs review": one per advisor with reflections waiting in their cohorts (or on homework they assigned directly). */
  private reviewDigest(db: EntityManager, tenantId: string, at: Date) {
    return fanOut(
      db,
      tenantId,
      'review_digest',
      `SELECT w.advisor_id AS user_id, w.advisor_id AS subject_id, to_char(($3::timestamptz AT TIME ZONE tn.timezone)::date, 'YYYY-MM-DD') AS period,
              count(*) || CASE WHEN count(*) = 1 THEN ' reflection waits' ELSE ' reflections wait' END || ' for your review' AS title,
              'The oldest was submitted ' || to_char(min(w.submitted_at) AT TIME ZONE tn.timezone, 'FMDay, FMMonth FMDD') || '. Oldest first is the fairest order.' AS body,
              '/reviews' AS link
         FROM (SELECT DISTINCT t.id, t.submitted_at, advisor.id AS advisor_id
                 FROM tasks t
                 JOIN assignments a ON a.tenant_id = t.tenant_id AND a.id = t.assignment_id AND a.archived_at IS NULL
                 CROSS JOIN LATERAL (
                   SELECT m.user_id AS id FROM cohort_members m WHERE m.tenant_id = t.tenant_id AND m.cohort_id = t.cohort_id AND m.role = 'advisor'
                   UNION SELECT a.created_by WHERE t.cohort_id IS NULL) advisor
                WHERE t.tenant_id = $1 AND t.status = 'submitted') w
         JOIN users adv ON adv.tenant_id = $1 AND adv.id = w.advisor_id AND adv.role = 'advisor'
         JOIN tenants tn ON tn.id = $1
        GROUP BY w.advisor_id, tn.timezone`,
      [at],
    );
  }

  /**
   * Gathers each user's e-mails held for the digest into one digest e-mail
   * keyed by the local date; items arriving after today's digest wait for tomorrow's.
   */
  private async collectDigests(db: EntityManager, tenantId: string, at: Date): Promise<number> {
    const [row] = await db.query(
      `WITH day AS (SELECT ($2::timestamptz AT TIME ZONE timezone)::date AS local_date FROM tenants WHERE id = $1),
       waiting AS (
         SELECT user_id, count(*) AS items FROM email_deliveries WHERE tenant_id = $1 AND status = 'digest' GROUP BY user_id),
       digests AS (
         INSERT INTO email_deliveries (tenant_id, id, user_id, kind, subject_id, period, status, title, body, link)
         SELECT $1, gen_random_uuid(), w.user_id, 'digest', w.user_id, to_char(day.local_date, 'YYYY-MM-DD'), 'pending',
                'Your Fieldwork digest for ' || to_char(day.local_date, 'FMDay, FMMonth FMDD'),
                w.items || CASE WHEN w.items = 1 THEN ' update' ELSE ' updates' END || ' since your last digest:', '/notifications'
           FROM waiting w CROSS JOIN day
         ON CONFLICT (tenant_id, user_id, kind, subject_id, period) DO NOTHING
         RETURNING id, user_id),
       batched AS (
         UPDATE email_deliveries e SET status = 'batched', digest_id = d.id
           FROM digests d
          WHERE e.tenant_id = $1 AND e.user_id = d.user_id AND e.status = 'digest'
         RETURNING e.id)
       SELECT (SELECT count(*) FROM digests)::int AS digests`,
      [tenantId, at],
    );
    return row.digests;
  }
}
