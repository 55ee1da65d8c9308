import { Injectable } from '@nestjs/common';
import { AppConfig, JobHandlers, QueueJobs, QueueService, QueueWork, ScheduledJob, TenantDatabase, scheduledSlot } from '@fieldwork/server-core';
import { QUEUES, type JobOf } from '@fieldwork/contracts';
import type { EntityManager } from 'typeorm';
import { FanOutResult, fanOut, withdraw } from './notification-writer';
import { Reminders } from './reminders';
import { EmailSender } from './mail/email-sender';
import {
  dropDatedRemindersOfAssignment,
  dropDatedRemindersOfTasks,
  dueDateChangeNotices,
  extensionNotices,
  hasWaitingEmail,
  informationalInterviewIds,
  loggedInteraction,
  markOverdueReadOnceAhead,
  newAssignmentNotices,
  nudgeNotices,
  reviewDecision,
  reviewNotices,
  useTenantZone,
} from './notifications.queries';

/** The schedule of the reminder scan: every few minutes, each tenant's scan is one job. */
export const REMINDER_SCAN_SCHEDULE_ID = 'reminder-scan';

/**
 * The notification worker: domain events relayed from the outbox become
 * notifications (one set-based statement per event), a scheduled scan sends
 * reminders and 08:00 digests, and the mail queue sends what is pending.
 */
@Injectable()
export class NotificationJobs extends QueueJobs {
  /** Four jobs at once; the reminder scan every REMINDER_SCAN_MINUTES. */
  protected readonly work: QueueWork;

  constructor(
    config: AppConfig,
    queues: QueueService,
    tenantDb: TenantDatabase,
    private readonly reminders: Reminders,
    private readonly sender: EmailSender,
  ) {
    super(queues, tenantDb);
    const schedule = { id: REMINDER_SCAN_SCHEDULE_ID, pattern: `*/${config.env.REMINDER_SCAN_MINUTES} * * * *`, job: 'scan-reminders' };
    this.work = { queue: QUEUES.notifications, concurrency: 4, schedule };
  }

  /** The mail queue's worker too (it has no schedule of its own). */
  override async onApplicationBootstrap(): Promise<void> {
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
    await super.onApplicationBootstrap();
  }

  protected handlers(): JobHandlers {
    return {
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
    };
  }

  assignmentCreated({ tenantId, assignmentId }: JobOf<'assignment-created'>): Promise<FanOutResult> {
    return this.inTenantZone(tenantId, (db) => fanOut(db, tenantId, 'new_assignment', newAssignmentNotices(tenantId, assignmentId)));
  }

  /** Students with open tasks hear the new date; the keys of due-soon and overdue reminders carry the date, so they re-arm. */
  dueDateChanged({ tenantId, assignmentId }: JobOf<'due-date-changed'>): Promise<FanOutResult> {
    return this.inTenantZone(tenantId, async (db) => {
      await dropDatedRemindersOfAssignment(db, tenantId, assignmentId);
      return fanOut(db, tenantId, 'due_date_changed', dueDateChangeNotices(tenantId, assignmentId));
    });
  }

  /** Submitted homework needs no more reminders. */
  submissionSubmitted({ tenantId, taskId }: JobOf<'submission-submitted'>): Promise<void> {
    return this.tenantDb.transaction(tenantId, (db) =>
      withdraw(db, tenantId, ['due_soon', 'overdue', 'nonstarter_nudge', 'nonstarter_escalation', 'revision_requested'], [taskId]),
    );
  }

  reviewDecided({ tenantId, reviewId }: JobOf<'review-decided'>): Promise<FanOutResult> {
    return this.inTenantZone(tenantId, async (db) => {
      const decision = await reviewDecision(db, tenantId, reviewId);
      if (!decision) return { inApp: 0, emailsNow: 0, emailsForDigest: 0 };
      const approved = decision === 'approve';
      return fanOut(db, tenantId, approved ? 'submission_approved' : 'revision_requested', reviewNotices(tenantId, reviewId, approved));
    });
  }

  /**
   * An advisor's note to chosen students about one homework: one inbox item and
   * one e-mail per recipient row, keyed by the nudge (period = nudge id), so a
   * re-delivered or re-run job adds nothing. The note carries the task's due date.
   */
  nudgeSent({ tenantId, nudgeId }: JobOf<'nudge-sent'>): Promise<FanOutResult> {
    return this.inTenantZone(tenantId, (db) => fanOut(db, tenantId, 'advisor_nudge', nudgeNotices(tenantId, nudgeId)));
  }

  /**
   * Per-student extensions: the old date's pending reminder e-mails are dropped
   * (an overdue item in the inbox is marked read once the new date is ahead),
   * and each student hears the new date, keyed by it (period = its epoch), so
   * a re-run adds nothing and a later extension is news again. The reminder
   * scan reads tasks.due_at and keys its rows by that date, so it re-arms.
   */
  tasksExtended({ tenantId, taskIds }: JobOf<'tasks-extended'>): Promise<FanOutResult> {
    return this.inTenantZone(tenantId, async (db) => {
      await dropDatedRemindersOfTasks(db, tenantId, taskIds);
      await markOverdueReadOnceAhead(db, tenantId, taskIds);
      return fanOut(db, tenantId, 'due_date_changed', extensionNotices(tenantId, taskIds));
    });
  }

  /** A thank-you clears the thank-you reminders for that contact; any interaction clears its follow-up reminder. */
  interactionLogged({ tenantId, interactionId }: JobOf<'interaction-logged'>): Promise<void> {
    return this.tenantDb.transaction(tenantId, async (db) => {
      const interaction = await loggedInteraction(db, tenantId, interactionId);
      if (!interaction) return;
      await withdraw(db, tenantId, ['follow_up_due'], [interaction.contact_id]);
      if (interaction.kind === 'thank_you') {
        await withdraw(db, tenantId, ['thank_you_due'], await informationalInterviewIds(db, tenantId, interaction.contact_id));
      }
    });
  }

  /** One reminder job per open career center and slot (a closing one gets no more reminders); the job id makes a repeated scan of the same slot a no-op. */
  async scanAllTenants(job: ScheduledJob): Promise<number> {
    // The slot the scheduler planned (not when its job was made): its key dedupes the tenant jobs across workers and retries.
    const at = scheduledSlot(job);
    const slot = at.toISOString().slice(0, 16).replace(/[^0-9]/g, '');
    return this.addPerTenant(await this.tenantIds('active'), 'remind-tenant', (tenantId) => ({
      data: { tenantId, at: at.toISOString() },
      jobId: `remind-${tenantId}-${slot}`,
    }));
  }

  /** The tenant's reminders and digests, then whatever e-mail is waiting (including any a crashed sender left). */
  async remindTenant({ tenantId, at }: JobOf<'remind-tenant'>): Promise<unknown> {
    const result = await this.reminders.scan(tenantId, new Date(at));
    if (await this.tenantDb.transaction(tenantId, (db) => hasWaitingEmail(db, tenantId))) await this.queues.add('send-emails', { tenantId });
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

  /** Work in the tenant's transaction with its TimeZone, so dates in notification text read in its zone. */
  private inTenantZone<T>(tenantId: string, work: (db: EntityManager) => Promise<T>): Promise<T> {
    return this.tenantDb.transaction(tenantId, async (db) => {
      await useTenantZone(db, tenantId);
      return work(db);
    });
  }

  private async afterFanOut(tenantId: string, work: Promise<FanOutResult>): Promise<FanOutResult> {
    const result = await work;
    if (result.emailsNow) await this.queues.add('send-emails', { tenantId });
    return result;
  }
}
