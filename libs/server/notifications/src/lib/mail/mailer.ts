import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import nodemailer, { Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { AppConfig } from '@fieldwork/server-core';

export interface OutgoingEmail {
  to: { name: string; address: string };
  fromName: string;
  subject: string;
  html: string;
  text: string;
  /** Stable per delivery, so a receiving system can drop a duplicate after a crash between sending and marking. */
  messageId: string;
  listUnsubscribe?: string;
}

/**
 * Sends e-mail with nodemailer: over SMTP when SMTP_URL is set (Mailpit in
 * docker-compose, a provider in production), otherwise each message is written
 * as an .eml file under MAIL_DIR so a laptop needs no mail server.
 */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly logger = new Logger(Mailer.name);
  private readonly transport: Transporter;
  private readonly directory: string | null;
  private readonly fromAddress: string;

  constructor(config: AppConfig) {
    this.fromAddress = addressOf(config.env.MAIL_FROM);
    if (config.env.SMTP_URL) {
      this.directory = null;
      this.transport = nodemailer.createTransport({ url: config.env.SMTP_URL, pool: true, maxConnections: 2 } as SMTPTransport.Options);
    } else {
      this.directory = resolve(config.env.MAIL_DIR);
      this.transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
      this.logger.log(`No SMTP_URL: e-mail is written as .eml files to ${this.directory}`);
    }
  }

  async send(email: OutgoingEmail): Promise<void> {
    const info = await this.transport.sendMail({
      from: { name: email.fromName, address: this.fromAddress },
      to: email.to,
      subject: email.subject,
      html: email.html,
      text: email.text,
      messageId: email.messageId,
      list: email.listUnsubscribe ? { unsubscribe: email.listUnsubscribe } : undefined,
    });
    if (this.directory) {
      await mkdir(this.directory, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${email.messageId.replace(/[^a-z0-9-]/gi, '')}.eml`;
      await writeFile(join(this.directory, name), info.message as Buffer);
    }
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}

/** The address part of MAIL_FROM ("Name <address>" or a bare address). */
function addressOf(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1] ?? from.trim();
}
