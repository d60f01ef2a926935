/**
 * A real SMTP server (smtp-server) for tests, keeping what it receives parsed by
 * mailparser. Its built-in certificate has expired, hence no STARTTLS and optional auth.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface ReceivedMail {
  to: string;
  mail: ParsedMail;
}

export class SmtpInbox {
  readonly received: ReceivedMail[] = [];
  private server: SMTPServer;
  port = 0;

  constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData: (stream, session, callback) => {
        simpleParser(stream).then(
          (mail) => {
            for (const rcpt of session.envelope.rcptTo) this.received.push({ to: rcpt.address, mail });
            callback();
          },
          (error: Error) => callback(error),
        );
      },
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Waits for a message to `to` whose text contains `contains`. */
  async waitFor(to: string, contains: string, timeoutMs = 10_000): Promise<ReceivedMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.find((m) => m.to === to && (m.mail.text ?? '').includes(contains));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`No email to ${to} containing ${contains} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
