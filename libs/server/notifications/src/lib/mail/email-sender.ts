import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { AppConfig, TenantDatabase } from '@fieldwork/server-core';
import { Mailer } from './mailer';
import { EmailView, renderEmail } from './templates';
import { claimEmails, digestItems, leaseEndOfClaimed, markEmailFailed, markEmailSent, type ClaimedEmailRow } from './mail.queries';

/** E-mails about the account itself (their link holds a one-time token): no preferences, no unsubscribe, the link dropped once sent. */
const ACCOUNT_EMAILS: readonly string[] = ['invitation', 'password_reset'];

export const MAX_EMAIL_ATTEMPTS = 5;

export interface SendResult {
  sent: number;
  failed: number;
  /** True when the worker is shutting down and left e-mails for the next run. */
  interrupted: boolean;
}

/**
 * Sends a tenant's pending e-mails. Rows are claimed in small batches (the
 * claim commits before anything is sent, with a lease), each is marked sent
 * right after the SMTP server accepts it, and a failure puts the row back for
 * the job's next attempt (exponential backoff) until MAX_EMAIL_ATTEMPTS.
 */
@Injectable()
export class EmailSender implements BeforeApplicationShutdown {
  private readonly logger = new Logger(EmailSender.name);
  private stopping = false;

  constructor(
    private readonly config: AppConfig,
    private readonly tenantDb: TenantDatabase,
    private readonly mailer: Mailer,
  ) {}

  /** Runs before the queue's workers close: the current batch finishes, no new one starts. */
  beforeApplicationShutdown(): void {
    this.stopping = true;
  }

  async sendPending(tenantId: string): Promise<SendResult> {
    const result: SendResult = { sent: 0, failed: 0, interrupted: false };
    for (;;) {
      if (this.stopping) return { ...result, interrupted: true };
      const batch = await this.claim(tenantId);
      if (!batch.length) return result;
      // The batch goes out over the mailer's connection pool; each e-mail is marked the moment it is accepted.
      await Promise.all(batch.map((email) => this.sendOne(tenantId, email, result)));
      // On failure stop here: the job fails and BullMQ retries it later, rather than spinning on a broken mail server.
      if (result.failed) return result;
    }
  }

  /**
   * When rows claimed by another sender are still out (maybe a worker killed
   * mid-batch), the moment their lease ends, so a later run can take them back;
   * null when nothing is claimed.
   */
  leaseEndOfClaimed(tenantId: string): Promise<Date | null> {
    return this.tenantDb.transaction(tenantId, (db) => leaseEndOfClaimed(db, tenantId, this.config.env.EMAIL_LEASE_SECONDS));
  }

  private async sendOne(tenantId: string, email: ClaimedEmailRow, result: SendResult): Promise<void> {
    try {
      await this.mailer.send({
        to: { name: email.name, address: email.email },
        fromName: `${email.tenant_name} via Fieldwork`,
        subject: email.title,
        ...renderEmail(await this.view(tenantId, email)),
        messageId: `<${email.id}@fieldwork>`,
        listUnsubscribe: ACCOUNT_EMAILS.includes(email.kind) ? undefined : `${this.config.publicUrl}/settings`,
      });
      await this.mark(tenantId, email.id, null);
      result.sent += 1;
    } catch (error) {
      const message = (error as Error).message;
      await this.mark(tenantId, email.id, message, email.attempts >= MAX_EMAIL_ATTEMPTS);
      this.logger.warn(`e-mail ${email.id} to ${email.email} failed (attempt ${email.attempts}): ${message}`);
      result.failed += 1;
    }
  }

  private claim(tenantId: string): Promise<ClaimedEmailRow[]> {
    return this.tenantDb.transaction(tenantId, (db) => claimEmails(db, tenantId, this.config.env.EMAIL_LEASE_SECONDS));
  }

  /** Sent rows keep no invitation link (it holds a token); failed rows go back for a retry or are given up. */
  private mark(tenantId: string, id: string, error: string | null, giveUp = false): Promise<number> {
    return this.tenantDb.transaction(tenantId, (db) =>
      error === null ? markEmailSent(db, tenantId, id) : markEmailFailed(db, tenantId, id, error, giveUp),
    );
  }

  private async view(tenantId: string, email: ClaimedEmailRow): Promise<EmailView> {
    const base = this.config.publicUrl;
    const absolute = (link: string | null) => (link === null ? null : /^https?:\/\//.test(link) ? link : `${base}${link}`);
    const items =
      email.kind === 'digest'
        ? await this.tenantDb.transaction(tenantId, (db) => digestItems(db, tenantId, email.id))
        : [];
    return {
      tenantName: email.tenant_name,
      recipientName: email.name,
      title: email.title,
      body: email.body,
      actionUrl: absolute(email.kind === 'digest' ? '/notifications' : email.link),
      actionLabel: email.kind === 'invitation' ? 'Accept the invitation' : email.kind === 'password_reset' ? 'Choose a new password' : email.kind === 'digest' ? 'Open your inbox' : 'Open in Fieldwork',
      preferencesUrl: ACCOUNT_EMAILS.includes(email.kind) ? null : `${base}/settings`,
      items: items.map((item) => ({ title: item.title, body: item.body, url: absolute(item.link) })),
    };
  }
}
