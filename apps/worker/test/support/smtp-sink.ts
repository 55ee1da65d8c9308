import { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server in the test process: it receives and parses whatever the worker sends. */
export class SmtpSink {
  readonly messages: ParsedMail[] = [];
  private rejections = 0;
  private rejectSuffix = '';

  private constructor(
    private readonly server: SMTPServer,
    readonly url: string,
  ) {}

  static async start(): Promise<SmtpSink> {
    const holder: { sink?: SmtpSink } = {};
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, _session, callback) {
        simpleParser(stream).then(
          (mail) => {
            const sink = holder.sink;
            if (sink && sink.rejections > 0 && addresses(mail).some((address) => address.endsWith(sink.rejectSuffix))) {
              sink.rejections -= 1;
              const error = new Error('Mailbox busy, try again later') as Error & { responseCode: number };
              error.responseCode = 451;
              return callback(error);
            }
            sink?.messages.push(mail);
            callback();
          },
          (error: Error) => callback(error),
        );
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.server.address() as AddressInfo;
    holder.sink = new SmtpSink(server, `smtp://127.0.0.1:${port}`);
    return holder.sink;
  }

  /** The next `count` messages (to addresses ending with `suffix`, when given) are refused with a temporary error (451). */
  rejectNext(count: number, suffix = ''): void {
    this.rejections = count;
    this.rejectSuffix = suffix;
  }

  /** Messages sent to addresses ending with `suffix` (a test tenant's domain). */
  to(suffix: string): ParsedMail[] {
    return this.messages.filter((mail) => addresses(mail).some((address) => address.endsWith(suffix)));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

export function addresses(mail: ParsedMail): string[] {
  const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
  return to.flatMap((group) => group.value.map((entry) => entry.address ?? ''));
}
