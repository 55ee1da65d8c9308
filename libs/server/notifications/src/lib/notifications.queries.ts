import type { EntityManager } from 'typeorm';
import { execute, queryOne, queryRows, raw, sql, type Sql } from '@fieldwork/server-core';
import { NOTIFICATION_KIND_INFO, OPEN_TASK_STATUSES, type DeliveryMode, type NotificationKind, type PreferenceKind } from '@fieldwork/contracts';
import { OPEN_STATUSES } from '@fieldwork/server-homework';
import { epochText, localTime } from './zone-text';

/**
 * Every SQL statement of the notifications library (the mail sender's are in
 * mail/mail.queries.ts): the inbox, preferences, the fan-out of events and
 * scheduled reminders into notifications and e-mails, and the reads the jobs make.
 */

// --- the inbox ----------------------------------------------------------------

/** One row of `notificationPage`. */
export interface NotificationRow {
  id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  link: string | null;
  created_at: Date;
  read_at: Date | null;
}

/** A user's inbox items, newest first, after the (created_at, id) of `before` when given. */
export function notificationPage(
  db: EntityManager,
  tenantId: string,
  userId: string,
  page: { unreadOnly: boolean; before: string[] | null; limit: number },
): Promise<NotificationRow[]> {
  const unread = page.unreadOnly ? raw(' AND read_at IS NULL') : raw('');
  const before = page.before ? sql` AND (created_at, id) < (${page.before[0]}::timestamptz, ${page.before[1]}::uuid)` : raw('');
  return queryRows<NotificationRow>(
    db,
    sql`SELECT id, kind, title, body, link, created_at, read_at FROM notifications
         WHERE tenant_id = ${tenantId} AND user_id = ${userId} ${unread}${before} ORDER BY created_at DESC, id DESC LIMIT ${page.limit}`,
  );
}

export async function unreadCount(db: EntityManager, tenantId: string, userId: string): Promise<number> {
  const row = await queryOne<{ unread: number }>(
    db,
    sql`SELECT count(*)::int AS unread FROM notifications WHERE tenant_id = ${tenantId} AND user_id = ${userId} AND read_at IS NULL`,
  );
  return row?.unread ?? 0;
}

/** Marks one of the user's items read (kept as first read); answers 0 when it is not theirs. */
export function markNotificationRead(db: EntityManager, tenantId: string, userId: string, id: string): Promise<number> {
  return execute(db, sql`UPDATE notifications SET read_at = COALESCE(read_at, now()) WHERE tenant_id = ${tenantId} AND user_id = ${userId} AND id = ${id}`);
}

export function markAllNotificationsRead(db: EntityManager, tenantId: string, userId: string): Promise<number> {
  return execute(db, sql`UPDATE notifications SET read_at = now() WHERE tenant_id = ${tenantId} AND user_id = ${userId} AND read_at IS NULL`);
}

// --- preferences --------------------------------------------------------------

/** One row of `preferencesOf`: a kind the user chose a mode for. */
export interface PreferenceRow {
  kind: PreferenceKind;
  mode: DeliveryMode;
}

/** The modes a user chose (kinds they never set are absent: they mean 'immediately'). */
export function preferencesOf(db: EntityManager, tenantId: string, userId: string): Promise<PreferenceRow[]> {
  return queryRows<PreferenceRow>(db, sql`SELECT kind, mode FROM notification_preferences WHERE tenant_id = ${tenantId} AND user_id = ${userId}`);
}

export async function tenantTimezone(db: EntityManager, tenantId: string): Promise<string> {
  const row = await queryOne<{ timezone: string }>(db, sql`SELECT timezone FROM tenants WHERE id = ${tenantId}`);
  if (!row) throw new Error(`No tenant ${tenantId}`);
  return row.timezone;
}

/** Sets the given kinds' modes; other kinds keep theirs. */
export function savePreferences(db: EntityManager, tenantId: string, userId: string, preferences: PreferenceRow[]): Promise<number> {
  return execute(
    db,
    sql`INSERT INTO notification_preferences (tenant_id, user_id, kind, mode)
        SELECT ${tenantId}, ${userId}, kind, mode FROM unnest(${preferences.map((p) => p.kind)}::text[], ${preferences.map((p) => p.mode)}::text[]) AS p(kind, mode)
        ON CONFLICT (tenant_id, user_id, kind) DO UPDATE SET mode = excluded.mode, updated_at = now()`,
  );
}

// --- fan-out ------------------------------------------------------------------

/** The transaction's TimeZone becomes the tenant's, until it ends (a pooled connection keeps nothing); see zone-text.ts. */
export async function useTenantZone(db: EntityManager, tenantId: string): Promise<void> {
  await queryRows(db, sql`SELECT set_config('TimeZone', timezone, true) FROM tenants WHERE id = ${tenantId}`);
}

/** The one row of `insertNotifications`: what the fan-out added. */
export interface FanOutRow {
  in_app: number;
  emails_now: number;
  emails_for_digest: number;
}

/**
 * Inbox items and e-mails for the rows of `source` (user_id, subject_id, period,
 * title, body, link), by each recipient's preference for `kind`; keyed (tenant,
 * user, kind, subject, period), so a repeat adds nothing. See `fanOut`.
 */
export async function insertNotifications(db: EntityManager, tenantId: string, kind: PreferenceKind, source: Sql): Promise<FanOutRow> {
  const digestible = raw(String(NOTIFICATION_KIND_INFO[kind].digestible));
  const row = await queryOne<FanOutRow>(
    db,
    sql`WITH source AS (${source}),
     recipients AS MATERIALIZED (
       SELECT s.user_id, s.subject_id, s.period, s.title, s.body, s.link, u.password_hash IS NOT NULL AS activated,
              COALESCE(p.mode, 'immediately') AS mode
         FROM source s
         JOIN users u ON u.tenant_id = ${tenantId} AND u.id = s.user_id AND u.active
         LEFT JOIN notification_preferences p ON p.tenant_id = ${tenantId} AND p.user_id = s.user_id AND p.kind = ${kind}),
     in_app AS (
       INSERT INTO notifications (tenant_id, id, user_id, kind, subject_id, period, title, body, link)
       SELECT ${tenantId}::uuid, gen_random_uuid(), user_id, ${kind}::text, subject_id, period, title, body, link FROM recipients WHERE mode <> 'off'
       ON CONFLICT (tenant_id, user_id, kind, subject_id, period) DO NOTHING
       RETURNING 1),
     email AS (
       INSERT INTO email_deliveries (tenant_id, id, user_id, kind, subject_id, period, status, title, body, link)
       SELECT ${tenantId}::uuid, gen_random_uuid(), user_id, ${kind}::text, subject_id, period,
              CASE WHEN mode = 'digest' AND ${digestible} THEN 'digest' ELSE 'pending' END,
              title, body, link
         FROM recipients WHERE mode <> 'off' AND activated
       ON CONFLICT (tenant_id, user_id, kind, subject_id, period) DO NOTHING
       RETURNING status)
     SELECT (SELECT count(*) FROM in_app)::int AS in_app,
            count(*) FILTER (WHERE status = 'pending')::int AS emails_now,
            count(*) FILTER (WHERE status = 'digest')::int AS emails_for_digest
       FROM email`,
  );
  return row ?? { in_app: 0, emails_now: 0, emails_for_digest: 0 };
}

/** Inbox items about these subjects are marked read, and their unsent e-mails dropped. */
export async function withdrawNotifications(db: EntityManager, tenantId: string, kinds: PreferenceKind[], subjectIds: string[]): Promise<void> {
  await execute(
    db,
    sql`UPDATE notifications SET read_at = COALESCE(read_at, now())
         WHERE tenant_id = ${tenantId} AND kind = ANY(${kinds}) AND subject_id = ANY(${subjectIds}::uuid[]) AND read_at IS NULL`,
  );
  await execute(
    db,
    sql`UPDATE email_deliveries SET status = 'dropped'
         WHERE tenant_id = ${tenantId} AND kind = ANY(${kinds}) AND subject_id = ANY(${subjectIds}::uuid[]) AND status IN ('pending', 'digest')`,
  );
}

// --- sources of the fan-out: events -------------------------------------------

/** A task with its homework and career center (`tn`: dates print in its zone); `archived` says whether archived homework counts. */
const tasksWithHomework = (archived: 'with archived' | 'unarchived') =>
  raw(`FROM tasks t
           JOIN assignments a ON a.tenant_id = t.tenant_id AND a.id = t.assignment_id${archived === 'unarchived' ? ' AND a.archived_at IS NULL' : ''}
           JOIN tenants tn ON tn.id = t.tenant_id`);

/** The fan-out columns of a notice to a task's student, linking to the task. */
const toTaskStudent = (period: Sql, title: Sql, body: Sql) =>
  sql`SELECT t.student_id AS user_id, t.id AS subject_id, ${period} AS period,
                ${title} AS title,
                ${body} AS body,
                '/tasks/' || t.id AS link`;

const localDue = localTime('t.due_at');
const dueKey = epochText('t.due_at');

/** The students of a new homework. */
export function newAssignmentNotices(tenantId: string, assignmentId: string): Sql {
  return sql`${toTaskStudent(raw(`''`), raw(`'New homework: ' || a.title`), sql`'Due ' || ${localDue} || '. About ' || a.estimated_minutes || ' minutes of work.'`)}
           ${tasksWithHomework('with archived')}
          WHERE t.tenant_id = ${tenantId} AND t.assignment_id = ${assignmentId}`;
}

/**
 * Students with open tasks of a homework whose due date moved, keyed by the new date. Filters on
 * open tasks keep the literal status list (OPEN_STATUSES) that the partial index tasks_open_by_due
 * matches; a computed flag takes the statuses as a parameter.
 */
export function dueDateChangeNotices(tenantId: string, assignmentId: string): Sql {
  return sql`${toTaskStudent(dueKey, raw(`'New due date: ' || a.title`), sql`'It is now due ' || ${localDue} || '.'`)}
           ${tasksWithHomework('unarchived')}
          WHERE t.tenant_id = ${tenantId} AND t.assignment_id = ${assignmentId} AND t.status IN ${raw(OPEN_STATUSES)}`;
}

/** Students whose due date was extended, keyed by the new date, with the reason when one was given. */
export function extensionNotices(tenantId: string, taskIds: string[]): Sql {
  return sql`${toTaskStudent(
    dueKey,
    raw(`'New due date: ' || a.title`),
    sql`'Your due date for ' || a.title || ' was extended to ' || ${localDue} || '.' ||
                COALESCE(' Reason: ' || NULLIF(btrim(t.extension_reason), ''), '')`,
  )}
           ${tasksWithHomework('unarchived')}
          WHERE t.tenant_id = ${tenantId} AND t.id = ANY(${taskIds}::uuid[]) AND t.extended_at IS NOT NULL AND t.status <> 'excused'`;
}

/** The student of a reviewed reflection, keyed by the review: approved, or asked to revise by the new due date. */
export function reviewNotices(tenantId: string, reviewId: string, approved: boolean): Sql {
  const title = approved ? raw(`'Approved: ' || a.title`) : raw(`'Please revise: ' || a.title`);
  const body = approved
    ? raw(`adv.name || ' approved your reflection.' || COALESCE(' "' || r.comment || '"', '') || ' Well done; keep the conversation going.'`)
    : sql`adv.name || ' asked you to revise your reflection.' || COALESCE(' "' || r.comment || '"', '') || ' Due ' || ${localDue} || '.'`;
  return sql`${toTaskStudent(raw('r.id::text'), title, body)}
           FROM reviews r
           JOIN tasks t ON t.tenant_id = r.tenant_id AND t.id = r.task_id
           JOIN assignments a ON a.tenant_id = t.tenant_id AND a.id = t.assignment_id
           JOIN users adv ON adv.tenant_id = r.tenant_id AND adv.id = r.reviewer_id
           JOIN tenants tn ON tn.id = r.tenant_id
          WHERE r.tenant_id = ${tenantId} AND r.id = ${reviewId}`;
}

/** An advisor's note to each recipient, keyed by the nudge; an open task's note carries its due date. */
export function nudgeNotices(tenantId: string, nudgeId: string): Sql {
  return sql`SELECT r.student_id AS user_id, r.task_id AS subject_id, n.id::text AS period,
                'A note from ' || sender.name || ' about ' || a.title AS title,
                n.message || CASE WHEN t.status = ANY(${OPEN_TASK_STATUSES}::text[]) THEN E'\n\nDue ' || ${localDue} || '.' ELSE '' END AS body,
                '/tasks/' || r.task_id AS link
           FROM nudge_recipients r
           JOIN nudges n ON n.tenant_id = r.tenant_id AND n.id = r.nudge_id
           JOIN users sender ON sender.tenant_id = n.tenant_id AND sender.id = n.sender_id
           JOIN tasks t ON t.tenant_id = r.tenant_id AND t.id = r.task_id
           JOIN assignments a ON a.tenant_id = t.tenant_id AND a.id = t.assignment_id
           JOIN tenants tn ON tn.id = r.tenant_id
          WHERE r.tenant_id = ${tenantId} AND r.nudge_id = ${nudgeId}`;
}

// --- sources of the fan-out: scheduled reminders ------------------------------

/** Reminders look back this far, so a worker that was down catches up without nagging about old history. */
const LOOKBACK = raw(`interval '14 days'`);

/** The advisors of a task (`t`, with its homework `a`): its cohort's, or whoever assigned homework given outside a cohort. */
const TASK_ADVISORS = raw(`
         SELECT m.user_id AS id FROM cohort_members m WHERE m.tenant_id = t.tenant_id AND m.cohort_id = t.cohort_id AND m.role = 'advisor'
         UNION SELECT a.created_by WHERE t.cohort_id IS NULL`);

/**
 * Each kind of reminder and the rows it concerns as of `at` (the scan's time), in the tenant:
 * (user_id, subject_id, period, title, body, link) for the fan-out.
 */
export function reminderSources(tenantId: string, at: Date): [PreferenceKind, Sql][] {
  // Open, visible tasks (the literal status list matches the partial index tasks_open_by_due).
  const openTasks = sql`${tasksWithHomework('unarchived')}
 WHERE t.tenant_id = ${tenantId} AND t.status IN ${raw(OPEN_STATUSES)} AND t.opens_at <= ${at}::timestamptz`;
  // Not started: nothing saved yet, and `share` of the time between opening and due date is gone.
  const notStarted = (share: number) => sql`t.status = 'assigned' AND t.draft_saved_at IS NULL AND t.due_at > ${at}::timestamptz
   AND ${at}::timestamptz >= t.opens_at + (t.due_at - t.opens_at) * ${raw(String(share))}`;
  const due = localTime('t.due_at');
  return [
    [
      'due_soon',
      sql`${toTaskStudent(
        dueKey,
        raw(`'Due soon: ' || a.title`),
        sql`'Due ' || ${due} || '. ' ||
            CASE t.status WHEN 'assigned' THEN 'You have not started yet; it takes about ' || a.estimated_minutes || ' minutes.'
                          WHEN 'revision_requested' THEN 'Your advisor asked for a revision; revise and submit again.'
                          ELSE 'Your draft is saved; finish and submit it.' END`,
      )}
     ${openTasks} AND t.due_at > ${at}::timestamptz AND t.due_at <= ${at}::timestamptz + make_interval(hours => tn.due_soon_hours)`,
    ],
    [
      'overdue',
      sql`${toTaskStudent(
        dueKey,
        raw(`'Overdue: ' || a.title`),
        sql`'It was due ' || ${due} || '. Submit it as soon as you can, or tell your advisor what is in the way.'`,
      )}
     ${openTasks} AND t.due_at <= ${at}::timestamptz AND t.due_at > ${at}::timestamptz - ${LOOKBACK}`,
    ],
    [
      'nonstarter_nudge',
      sql`${toTaskStudent(
        sql`CASE WHEN ${notStarted(0.75)} THEN '2:' ELSE '1:' END || ${dueKey}`,
        sql`CASE WHEN ${notStarted(0.75)} THEN 'Still not started: ' ELSE 'Not started yet: ' END || a.title`,
        sql`'It is due ' || ${due} || ' and takes about ' || a.estimated_minutes || ' minutes. Start with the first question; your draft saves as you go.' ||
            CASE WHEN ${notStarted(0.75)} THEN ' Your advisor will hear that you have not started, so tell them if something is in the way.' ELSE '' END`,
      )}
     ${openTasks} AND ${notStarted(0.5)}`,
    ],
    [
      'nonstarter_escalation',
      sql`SELECT advisor.id AS user_id, t.id AS subject_id, ${dueKey} AS period,
            s.name || ' has not started ' || a.title AS title,
            'It is due ' || ${due} || ' and ' || s.name || ' has had two reminders. A short note from you often gets them going.' AS body,
            COALESCE('/cohorts/' || t.cohort_id, '/reviews') AS link
       ${tasksWithHomework('unarchived')}
       JOIN users s ON s.tenant_id = t.tenant_id AND s.id = t.student_id
       CROSS JOIN LATERAL (${TASK_ADVISORS}) advisor
      WHERE t.tenant_id = ${tenantId} AND t.opens_at <= ${at}::timestamptz AND ${notStarted(0.75)}`,
    ],
    [
      'follow_up_due',
      sql`SELECT c.owner_id AS user_id, c.id AS subject_id, ${epochText('c.next_follow_up_at')} AS period,
            'Time to follow up with ' || c.name AS title,
            'You planned to get in touch every ' || c.follow_up_every_days || ' days' ||
            COALESCE('; the last time was ' || to_char(c.last_interaction_at AT TIME ZONE tn.timezone, 'FMMonth FMDD'), '') ||
            '. Share an article, ask a question or say thanks, then log it.' AS body,
            '/network/' || c.id AS link
       FROM contacts c JOIN tenants tn ON tn.id = c.tenant_id
      WHERE c.tenant_id = ${tenantId} AND c.next_follow_up_at <= ${at}::timestamptz AND c.next_follow_up_at > ${at}::timestamptz - ${LOOKBACK}`,
    ],
    [
      'thank_you_due',
      sql`SELECT i.owner_id AS user_id, i.id AS subject_id, '' AS period,
            'Send a thank-you to ' || c.name AS title,
            'You had an informational interview with ' || c.name || ' on ' || to_char(i.occurred_at AT TIME ZONE tn.timezone, 'FMMonth FMDD') ||
            '. A short thank-you keeps the door open; log it once it is sent.' AS body,
            '/network/' || c.id AS link
       FROM interactions i
       JOIN contacts c ON c.tenant_id = i.tenant_id AND c.id = i.contact_id
       JOIN tenants tn ON tn.id = i.tenant_id
      WHERE i.tenant_id = ${tenantId} AND i.kind = 'informational_interview'
        AND i.created_at <= ${at}::timestamptz - interval '48 hours' AND i.created_at > ${at}::timestamptz - ${LOOKBACK}
        AND NOT EXISTS (SELECT 1 FROM interactions ty
                         WHERE ty.tenant_id = i.tenant_id AND ty.contact_id = i.contact_id AND ty.kind = 'thank_you'
                           AND (ty.occurred_at >= i.occurred_at OR ty.created_at >= i.created_at))`,
    ],
  ];
}

/** Advisors' daily "needs review": one per advisor with reflections waiting, keyed by the local date of `at`. */
export function reviewDigestSource(tenantId: string, at: Date): Sql {
  return sql`SELECT w.advisor_id AS user_id, w.advisor_id AS subject_id, to_char((${at}::timestamptz AT TIME ZONE tn.timezone)::date, 'YYYY-MM-DD') AS period,
              count(*) || CASE WHEN count(*) = 1 THEN ' reflection waits' ELSE ' reflections wait' END || ' for your review' AS title,
              'The oldest was submitted ' || to_char(min(w.submitted_at) AT TIME ZONE tn.timezone, 'FMDay, FMMonth FMDD') || '. Oldest first is the fairest order.' AS body,
              '/reviews' AS link
         FROM (SELECT DISTINCT t.id, t.submitted_at, advisor.id AS advisor_id
                 FROM tasks t
                 JOIN assignments a ON a.tenant_id = t.tenant_id AND a.id = t.assignment_id AND a.archived_at IS NULL
                 CROSS JOIN LATERAL (${TASK_ADVISORS}) advisor
                WHERE t.tenant_id = ${tenantId} AND t.status = 'submitted') w
         JOIN users adv ON adv.tenant_id = ${tenantId} AND adv.id = w.advisor_id AND adv.role = 'advisor'
         JOIN tenants tn ON tn.id = ${tenantId}
        GROUP BY w.advisor_id, tn.timezone`;
}

/** The hour of `at` in the tenant's zone (digests go out from 08:00). */
export async function localHour(db: EntityManager, tenantId: string, at: Date): Promise<number> {
  const row = await queryOne<{ hour: number }>(
    db,
    sql`SELECT extract(hour FROM ${at}::timestamptz AT TIME ZONE timezone)::int AS hour FROM tenants WHERE id = ${tenantId}`,
  );
  return row?.hour ?? 0;
}

/**
 * Gathers each user's e-mails held for the digest into one digest e-mail keyed by
 * the local date of `at`; answers how many digests it made.
 */
export async function collectDigests(db: EntityManager, tenantId: string, at: Date): Promise<number> {
  const row = await queryOne<{ digests: number }>(
    db,
    sql`WITH day AS (SELECT (${at}::timestamptz AT TIME ZONE timezone)::date AS local_date FROM tenants WHERE id = ${tenantId}),
       waiting AS (
         SELECT user_id, count(*) AS items FROM email_deliveries WHERE tenant_id = ${tenantId} AND status = 'digest' GROUP BY user_id),
       digests AS (
         INSERT INTO email_deliveries (tenant_id, id, user_id, kind, subject_id, period, status, title, body, link)
         SELECT ${tenantId}::uuid, gen_random_uuid(), w.user_id, 'digest', w.user_id, to_char(day.local_date, 'YYYY-MM-DD'), 'pending',
                'Your Fieldwork digest for ' || to_char(day.local_date, 'FMDay, FMMonth FMDD'),
                w.items || CASE WHEN w.items = 1 THEN ' update' ELSE ' updates' END || ' since your last digest:', '/notifications'
           FROM waiting w CROSS JOIN day
         ON CONFLICT (tenant_id, user_id, kind, subject_id, period) DO NOTHING
         RETURNING id, user_id),
       batched AS (
         UPDATE email_deliveries e SET status = 'batched', digest_id = d.id
           FROM digests d
          WHERE e.tenant_id = ${tenantId} AND e.user_id = d.user_id AND e.status = 'digest'
         RETURNING e.id)
       SELECT (SELECT count(*) FROM digests)::int AS digests`,
  );
  return row?.digests ?? 0;
}

// --- what the jobs read and clear ---------------------------------------------

/** The reminder kinds whose unsent e-mails a new due date makes stale. */
const DATED_REMINDERS = raw(`('due_soon', 'overdue', 'nonstarter_nudge')`);

/** Drops the unsent reminder e-mails about an assignment's tasks. */
export function dropDatedRemindersOfAssignment(db: EntityManager, tenantId: string, assignmentId: string): Promise<number> {
  return execute(
    db,
    sql`UPDATE email_deliveries e SET status = 'dropped'
           FROM tasks t
          WHERE e.tenant_id = ${tenantId} AND t.tenant_id = ${tenantId} AND t.assignment_id = ${assignmentId} AND e.subject_id = t.id
            AND e.kind IN ${DATED_REMINDERS} AND e.status IN ('pending', 'digest')`,
  );
}

/** Drops the unsent reminder e-mails about these tasks. */
export function dropDatedRemindersOfTasks(db: EntityManager, tenantId: string, taskIds: string[]): Promise<number> {
  return execute(
    db,
    sql`UPDATE email_deliveries SET status = 'dropped'
          WHERE tenant_id = ${tenantId} AND subject_id = ANY(${taskIds}::uuid[])
            AND kind IN ${DATED_REMINDERS} AND status IN ('pending', 'digest')`,
  );
}

/** Marks read the overdue items of these tasks whose new due date is ahead. */
export function markOverdueReadOnceAhead(db: EntityManager, tenantId: string, taskIds: string[]): Promise<number> {
  return execute(
    db,
    sql`UPDATE notifications n SET read_at = now()
           FROM tasks t
          WHERE n.tenant_id = ${tenantId} AND t.tenant_id = ${tenantId} AND t.id = n.subject_id AND t.id = ANY(${taskIds}::uuid[])
            AND n.kind = 'overdue' AND n.read_at IS NULL AND t.due_at > now()`,
  );
}

export async function reviewDecision(db: EntityManager, tenantId: string, reviewId: string): Promise<string | undefined> {
  return (await queryOne<{ decision: string }>(db, sql`SELECT decision FROM reviews WHERE tenant_id = ${tenantId} AND id = ${reviewId}`))?.decision;
}

/** One row of `loggedInteraction`. */
export interface LoggedInteractionRow {
  contact_id: string;
  kind: string;
}

export function loggedInteraction(db: EntityManager, tenantId: string, interactionId: string): Promise<LoggedInteractionRow | undefined> {
  return queryOne<LoggedInteractionRow>(db, sql`SELECT contact_id, kind FROM interactions WHERE tenant_id = ${tenantId} AND id = ${interactionId}`);
}

/** The informational interviews with a contact (the subjects of its thank-you reminders). */
export async function informationalInterviewIds(db: EntityManager, tenantId: string, contactId: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`SELECT id FROM interactions WHERE tenant_id = ${tenantId} AND contact_id = ${contactId} AND kind = 'informational_interview'`,
  );
  return rows.map((row) => row.id);
}

/** Whether the tenant has e-mail to send, or claimed by a sender that may have died. */
export async function hasWaitingEmail(db: EntityManager, tenantId: string): Promise<boolean> {
  const row = await queryOne<{ any: boolean }>(
    db,
    sql`SELECT EXISTS (SELECT 1 FROM email_deliveries WHERE tenant_id = ${tenantId} AND status IN ('pending', 'sending')) AS any`,
  );
  return row?.any ?? false;
}
