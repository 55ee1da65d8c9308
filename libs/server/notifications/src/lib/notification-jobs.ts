import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig, QueueService, ScheduledJob, TenantDatabase, scheduledSlot } from '@fieldwork/server-core';
import { QUEUES, type JobOf } from '@fieldwork/contracts';
import { FanOutResult, fanOut, withdraw } from './notification-writer';
import { Reminders } from './reminders';
import { epochText, localTime, useTenantZone } from './zone-text';
import { EmailSender } from './mail/email-sender';
import { OPEN_STATUSES } from '@fieldwork/server-homework';

const localDue = localTime('t.due_at');

/** The schedule of the reminder scan: every few minutes, each tenant's scan is one job. */
export const REMINDER_SCAN_SCHEDULE_ID = 'reminder-scan';

/**
 * The notification worker: domain events relayed from the outbox become
 * notifications (one set-based statement per event), a scheduled scan sends
 * reminders and 08:00 digests, and the mail queue sends what is pending.
 */
@Injectable()
export class NotificationJobs implements OnApplicationBootstrap {
  private readonly logger = new Logger(NotificationJobs.name);

  constructor(
    private readonly config: AppConfig,
    private readonly queues: QueueService,
    private readonly tenantDb: TenantDatabase,
    private readonly reminders: Reminders,
    private readonly sender: EmailSender,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.queues.process(
      QUEUES.notifications,
      {
        'assignment-created': (payload) => this.afterFanOut(payload.tenantId, this.assignmentCreated(payload)),
        'due-date-changed': (payload) => this.afterFanOut(payload.tenantId, this.dueDateChanged(payload)),
        'submission-submitted': (payload) => this.submissionSubmitted(payload),
        'review-decided': (payload) => this.afterFanOut(payload.tenantId, this.reviewDecided(payload)),
        'nudge-sent': (payload) => this.afterFanOut(payload.tenantId, this.nudgeSent(payload)),
        'tasks-extended': (payload) => this.afterFanOut(payload.tenantId, this.tasksExtended(payload)),
        'interaction-logged': (payload) => this.interactionLogged(payload),
        'user-invited': (payload) => this.queues.add('send-emails', { tenantId: payload.tenantId }),
        'scan-reminders': (_payload, job) => this.scanAllTenants(job),
        'remind-tenant': (payload) => this.remindTenant(payload),
      },
      { concurrency: 4 },
    );
    this.queues.process(
      QUEUES.mail,
      {
        'send-emails': async ({ tenantId }) => {
          const result = await this.sender.sendPending(tenantId);
          await this.sendAgainAfterLease(tenantId);
          if (result.failed) throw new Error(`${result.failed} e-mail(s) could not be sent; they are retried with backoff`);
          if (result.interrupted) throw new Error('The worker is stopping; the remaining e-mails are sent on the next attempt');
          return result;
        },
      },
      { concurrency: 2 },
    );
    const every = this.config.env.REMINDER_SCAN_MINUTES;
    await this.queues
      .queue(QUEUES.notifications)
      .upsertJobScheduler(REMINDER_SCAN_SCHEDULE_ID, { pattern: `*/${every} * * * *` }, { name: 'scan-reminders', data: {} });
  }

  assignmentCreated({ tenantId, assignmentId }: JobOf<'assignment-created'>): Promise<FanOutResult> {
    return this.tenantDb.transaction(tenantId, async (db) => {
      await useTenantZone(db, tenantId);
      return fanOut(
        db,
        tenantId,
        'new_assignment',
        `SELECT t.student_id AS user_id, t.id AS subject_id, '' AS period,
                'New homework: ' || a.title AS title,
                'Due ' || ${localDue} || '. About ' || a.estimated_minutes || ' minutes of work.' AS body,
                '/tasks/' || t.id AS link
           FROM tasks t
           JOIN assignments a ON a.tenant_id = t.tenant_id AND a.id = t.assignment_id
           JOIN tenants tn ON tn.id = t.tenant_id
          WHERE t.tenant_id = $1 AND t.assignment_id = $3`,
        [assignmentId],
      );
    });
  }

  /** Students with open tasks hear the new date; the keys of due-soon and overdue reminders carry the date, so they re-arm. */
  dueDateChanged({ tenantId, assignmentId }: JobOf<'due-date-changed'>): Promise<FanOutResult> {
    return this.tenantDb.transaction(tenantId, async (db) => {
      await useTenantZone(db, tenantId);
      await db.query(
        `UPDATE email_deliveries e SET status = 'dropped'
           FROM tasks t
          WHERE e.tenant_id = $1 AND t.tenant_id = $1 AND t.assignment_id = $2 AND e.subject_id = t.id
            AND e.kind IN ('due_soon', 'overdue', 'nonstarter_nudge') AND e.status IN ('pending', 'digest')`,
        [tenantId, assignmentId],
      );
      return fanOut(
        db,
        tenantId,
        'due_date_changed',
        `SELECT t.student_id AS user_id, t.id AS subject_id, ${epochText('t.due_at')} AS period,
                'New due date: ' || a.title AS title,
                'It is now due ' || ${localDue} || '.' AS body,
                '/tasks/' || t.id AS link
           FROM tasks t
           JOIN assignments a ON a.tenant_id = t.tenant_id AND a.id = t.assignment_id AND a.archived_at IS NULL
           JOIN tenants tn ON tn.id = t.tenant_id
          WHERE t.tenant_id = $1 AND t.assignment_id = $3 AND t.status IN ${OPEN_STATUSES}`,
        [assignmentId],
      );
    });
  }

  /** Submitted homework needs no more reminders. */
  submissionSubmitted({ tenantId, taskId }: JobOf<'submission-submitted'>): Promise<void> {
    return this.tenantDb.transaction(tenantId, (db) =>
      withdraw(db, tenantId, ['due_soon', 'overdue', 'nonstarter_nudge', 'nonstarter_escalation', 'revision_requested'], [taskId]),
    );
  }

  reviewDecided({ tenantId, reviewId }: JobOf<'review-decided'>): Promise<FanOutResult> {
    return this.tenantDb.transaction(tenantId, async (db) => {
      await useTenantZone(db, tenantId);
      const [review] = await db.query(`SELECT decision FROM reviews WHERE tenant_id = $1 AND id = $2`, [tenantId, reviewId]);
      if (!review) return { inApp: 0, emailsNow: 0, emailsForDigest: 0 };
      const approved = review.decision === 'approve';
      return fanOut(
        db,
        tenantId,
        approved ? 'submission_approved' : 'revision_requested',
        `SELECT t.student_id AS user_id, t.id AS subject_id, r.id::text AS period,
                ${approved ? `'Approved: '` : `'Please revise: '`} || a.title AS title,
                ${
                  approved
                    ? `adv.name || ' approved your reflection.' || COALESCE(' "' || r.comment || '"', '') || ' Well done; keep the conversation going.'`
                    : `adv.name || ' asked you to revise your reflection.' || COALESCE(' "' || r.comment || '"', '') || ' Due ' || ${localDue} || '.'`
                } AS body,
                '/tasks/' || t.id AS link
           FROM reviews r
           JOIN tasks t ON t.tenant_id = r.tenant_id AND t.id = r.task_id
           JOIN assignments a ON a.tenant_id = t.tenant_id AND a.id = t.assignment_id
           JOIN users adv ON adv.tenant_id = r.tenant_id AND adv.id = r.reviewer_id
           JOIN tenants tn ON tn.id = r.tenant_id
          WHERE r.tenant_id = $1 AND r.id = $3`,
        [reviewId],
      );
    });
  }

  /**
   * An advisor's note to chosen students about one homework: one inbox item and
   * one e-mail per recipient row, keyed by the nudge (period = nudge id), so a
   * re-delivered or re-run job adds nothing. The note carries the task's due date.
   */
  nudgeSent({ tenantId, nudgeId }: JobOf<'nudge-sent'>): Promise<FanOutResult> {
    return this.tenantDb.transaction(tenantId, async (db) => {
      await useTenantZone(db, tenantId);
      return fanOut(
        db,
        tenantId,
        'advisor_nudge',
        `SELECT r.student_id AS user_id, r.task_id AS subject_id, n.id::text AS period,
                'A note from ' || sender.name || ' about ' || a.title AS title,
                n.message || CASE WHEN t.status IN ${OPEN_STATUSES} THEN E'\n\nDue ' || ${localDue} || '.' ELSE '' END AS body,
                '/tasks/' || r.task_id AS link
           FROM nudge_recipients r
           JOIN nudges n ON n.tenant_id = r.tenant_id AND n.id = r.nudge_id
           JOIN users sender ON sender.tenant_id = n.tenant_id AND sender.id = n.sender_id
           JOIN tasks t ON t.tenant_id = r.tenant_id AND t.id = r.task_id
           JOIN assignments a ON a.tenant_id = t.tenant_id AND a.id = t.assignment_id
           JOIN tenants tn ON tn.id = r.tenant_id
          WHERE r.tenant_id = $1 AND r.nudge_id = $3`,
        [nudgeId],
      );
    });
  }

  /**
   * Per-student extensions: the old date's pending reminder e-mails are dropped
   * (an overdue item in the inbox is marked read once the new date is ahead),
   * and each student hears the new date, keyed by it (period = its epoch), so
   * a re-run adds nothing and a later extension is news again. The reminder
   * scan reads tasks.due_at and keys its rows by that date, so it re-arms.
   */
  tasksExtended({ tenantId, taskIds }: JobOf<'tasks-extended'>): Promise<FanOutResult> {
    return this.tenantDb.transaction(tenantId, async (db) => {
      await useTenantZone(db, tenantId);
      await db.query(
        `UPDATE email_deliveries SET status = 'dropped'
          WHERE tenant_id = $1 AND subject_id = ANY($2::uuid[])
            AND kind IN ('due_soon', 'overdue', 'nonstarter_nudge') AND status IN ('pending', 'digest')`,
        [tenantId, taskIds],
      );
      await db.query(
        `UPDATE notifications n SET read_at = now()
           FROM tasks t
          WHERE n.tenant_id = $1 AND t.tenant_id = $1 AND t.id = n.subject_id AND t.id = ANY($2::uuid[])
            AND n.kind = 'overdue' AND n.read_at IS NULL AND t.due_at > now()`,
        [tenantId, taskIds],
      );
      return fanOut(
        db,
        tenantId,
        'due_date_changed',
        `SELECT t.student_id AS user_id, t.id AS subject_id, ${epochText('t.due_at')} AS period,
                'New due date: ' || a.title AS title,
                'Your due date for ' || a.title || ' was extended to ' || ${localDue} || '.' ||
                COALESCE(' Reason: ' || NULLIF(btrim(t.extension_reason), ''), '') AS body,
                '/tasks/' || t.id AS link
           FROM tasks t
           JOIN assignments a ON a.tenant_id = t.tenant_id AND a.id = t.assignment_id AND a.archived_at IS NULL
           JOIN tenants tn ON tn.id = t.tenant_id
          WHERE t.tenant_id = $1 AND t.id = ANY($3::uuid[]) AND t.extended_at IS NOT NULL AND t.status <> 'excused'`,
        [taskIds],
      );
    });
  }

  /** A thank-you clears the thank-you reminders for that contact; any interaction clears its follow-up reminder. */
  interactionLogged({ tenantId, interactionId }: JobOf<'interaction-logged'>): Promise<void> {
    return this.tenantDb.transaction(tenantId, async (db) => {
      const [interaction] = await db.query(`SELECT contact_id, kind FROM interactions WHERE tenant_id = $1 AND id = $2`, [tenantId, interactionId]);
      if (!interaction) return;
      await withdraw(db, tenantId, ['follow_up_due'], [interaction.contact_id]);
      if (interaction.kind === 'thank_you') {
        const interviews: { id: string }[] = await db.query(
          `SELECT id FROM interactions WHERE tenant_id = $1 AND contact_id = $2 AND kind = 'informational_interview'`,
          [tenantId, interaction.contact_id],
        );
        await withdraw(db, tenantId, ['thank_you_due'], interviews.map((row) => row.id));
      }
    });
  }

  /** One reminder job per open career center and slot (a closing one gets no more reminders); the job id makes a repeated scan of the same slot a no-op. */
  async scanAllTenants(job: ScheduledJob): Promise<number> {
    // The slot the scheduler planned (not when its job was made): its key dedupes the tenant jobs across workers and retries.
    const at = scheduledSlot(job);
    const slot = at.toISOString().slice(0, 16).replace(/[^0-9]/g, '');
    const tenants: { id: string }[] = await this.tenantDb.platform((db) => db.query(`SELECT id FROM tenants WHERE state = 'active'`));
    await this.queues.queue(QUEUES.notifications).addBulk(
      tenants.map((tenant) => ({
        name: 'remind-tenant',
        data: { tenantId: tenant.id, at: at.toISOString() } satisfies JobOf<'remind-tenant'>,
        opts: { jobId: `remind-${tenant.id}-${slot}` },
      })),
    );
    return tenants.length;
  }

  /** The tenant's reminders and digests, then whatever e-mail is waiting (including any a crashed sender left). */
  async remindTenant({ tenantId, at }: JobOf<'remind-tenant'>): Promise<unknown> {
    const result = await this.reminders.scan(tenantId, new Date(at));
    const [waiting] = await this.tenantDb.transaction(tenantId, (db) =>
      db.query(`SELECT EXISTS (SELECT 1 FROM email_deliveries WHERE tenant_id = $1 AND status IN ('pending', 'sending')) AS any`, [tenantId]),
    );
    if (waiting.any) await this.queues.add('send-emails', { tenantId });
    return result;
  }

  /**
   * E-mails a dead sender claimed (SIGKILL mid-batch) come back when their lease
   * ends: a delayed send-emails job at that moment, one per tenant and moment.
   */
  private async sendAgainAfterLease(tenantId: string): Promise<void> {
    const ends = await this.sender.leaseEndOfClaimed(tenantId);
    if (!ends) return;
    const at = Math.ceil(ends.getTime() / 1_000) * 1_000 + 1_000;
    await this.queues.add('send-emails', { tenantId }, { jobId: `send-emails-after-lease-${tenantId}-${at}`, delay: Math.max(0, at - Date.now()) });
  }

  private async afterFanOut(tenantId: string, work: Promise<FanOutResult>): Promise<FanOutResult> {
    const result = await work;
    if (result.emailsNow) await this.queues.add('send-emails', { tenantId });
    return result;
  }
}
