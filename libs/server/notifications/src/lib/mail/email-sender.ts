import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { AppConfig, TenantDatabase, faultTuning } from '@fieldwork/server-core';
import { Mailer } from './mailer';

/** E-mails about the account itself (their link holds a one-time token): no preferences, no unsubscribe, the link dropped once sent. */
const ACCOUNT_EMAILS: readonly string[] = ['invitation', 'password_reset'];
import { EmailView, renderEmail } from './templates';

const BATCH = 20;
export const MAX_EMAIL_ATTEMPTS = 5;

interface ClaimedEmail {
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
  /** A claim older than this belongs to a worker that died mid-batch; the row is sent again (EMAIL_LEASE_SECONDS, 5 minutes). */
  private readonly leaseSeconds = faultTuning().emailLeaseSeconds;

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
  async leaseEndOfClaimed(tenantId: string): Promise<Date | null> {
    const [row] = await this.tenantDb.transaction(tenantId, (db) =>
      db.query(
        `SELECT min(claimed_at) + make_interval(secs => $2) AS ends FROM email_deliveries WHERE tenant_id = $1 AND status = 'sending'`,
        [tenantId, this.leaseSeconds],
      ),
    );
    return row?.ends ? new Date(row.ends) : null;
  }

  private async sendOne(tenantId: string, email: ClaimedEmail, result: SendResult): Promise<void> {
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

  private claim(tenantId: string): Promise<ClaimedEmail[]> {
    return this.tenantDb.transaction(tenantId, (db) =>
      db.query(
        `WITH claimed AS (
           UPDATE email_deliveries e SET status = 'sending', claimed_at = now(), attempts = e.attempts + 1
            WHERE (e.tenant_id, e.id) IN (
                   SELECT tenant_id, id FROM email_deliveries
                    WHERE tenant_id = $1 AND (status = 'pending' OR (status = 'sending' AND claimed_at < now() - make_interval(secs => $2)))
                    ORDER BY created_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
            RETURNING e.id, e.kind, e.title, e.body, e.link, e.attempts, e.user_id, e.created_at)
         SELECT c.id, c.kind, c.title, c.body, c.link, c.attempts, u.email, u.name, t.name AS tenant_name
           FROM claimed c
           JOIN users u ON u.tenant_id = $1 AND u.id = c.user_id
           JOIN tenants t ON t.id = $1
          ORDER BY c.created_at`,
        [tenantId, this.leaseSeconds],
      ),
    );
  }

  /** Sent rows keep no invitation link (it holds a token); failed rows go back for a retry or are given up. */
  private mark(tenantId: string, id: string, error: string | null, giveUp = false): Promise<unknown> {
    return this.tenantDb.transaction(tenantId, (db) =>
      error === null
        ? db.query(
            `UPDATE email_deliveries SET status = 'sent', sent_at = now(), last_error = NULL,
                    link = CASE WHEN kind IN ('invitation', 'password_reset') THEN NULL ELSE link END
              WHERE tenant_id = $1 AND id = $2`,
            [tenantId, id],
          )
        : db.query(`UPDATE email_deliveries SET status = $3, last_error = $4 WHERE tenant_id = $1 AND id = $2`, [
            tenantId,
            id,
            giveUp ? 'failed' : 'pending',
            error.slice(0, 1000),
          ]),
    );
  }

  private async view(tenantId: string, email: ClaimedEmail): Promise<EmailView> {
    const base = this.config.publicUrl;
    const absolute = (link: string | null) => (link === null ? null : /^https?:\/\//.test(link) ? link : `${base}${link}`);
    const items =
      email.kind === 'digest'
        ? await this.tenantDb.transaction(tenantId, (db) =>
            db.query(`SELECT title, body, link FROM email_deliveries WHERE tenant_id = $1 AND digest_id = $2 ORDER BY created_at`, [tenantId, email.id]),
          )
        : [];
    return {
      tenantName: email.tenant_name,
      recipientName: email.name,
      title: email.title,
      body: email.body,
      actionUrl: absolute(email.kind === 'digest' ? '/notifications' : email.link),
      actionLabel: email.kind === 'invitation' ? 'Accept the invitation' : email.kind === 'password_reset' ? 'Choose a new password' : email.kind === 'digest' ? 'Open your inbox' : 'Open in Fieldwork',
      preferencesUrl: ACCOUNT_EMAILS.includes(email.kind) ? null : `${base}/settings`,
      items: items.map((item: { title: string; body: string; link: string | null }) => ({ title: item.title, body: item.body, url: absolute(item.link) })),
    };
  }
}
