/**
 * Outgoing email. With an SMTP URL, nodemailer sends it; without one, each message is
 * written to `<data>/outbox/*.eml` and its links are logged, so a newcomer trying the
 * software can still activate an account.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { getLogger } from '@logtape/logtape';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  language: 'fr' | 'en';
  /** RFC 2369/8058 unsubscribe link, only for notifications a person may switch off. */
  listUnsubscribe?: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

const logger = getLogger(['benevalibre', 'mail']);

function headersOf(message: MailMessage): Record<string, string> {
  const headers: Record<string, string> = { 'Content-Language': message.language };
  if (message.listUnsubscribe) {
    headers['List-Unsubscribe'] = `<${message.listUnsubscribe}>`;
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  }
  return headers;
}

function optionsOf(from: string, message: MailMessage) {
  const { to, subject, text, html } = message;
  return { from, to, subject, text, html, headers: headersOf(message) };
}

export function smtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(message) {
      await transport.sendMail(optionsOf(from, message));
      logger.info('Email sent to {domain}: {subject}', { domain: message.to.split('@')[1], subject: message.subject });
    },
  };
}

export function fileMailer(dataDir: string, from: string): Mailer {
  const outbox = path.join(dataDir, 'outbox');
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(message) {
      const info = await transport.sendMail(optionsOf(from, message));
      await fs.mkdir(outbox, { recursive: true });
      const file = path.join(outbox, `${new Date().toISOString().replace(/[:.]/g, '-')}-${Math.random().toString(36).slice(2, 8)}.eml`);
      await fs.writeFile(file, info.message as Buffer);
      const links = message.text.match(/https?:\/\/\S+/g) ?? [];
      // No SMTP configured: this is a development convenience, so the link is logged.
      logger.info('No SMTP configured: email to {to} written to {file}; links: {links}', {
        to: message.to,
        file,
        links: links.join(' '),
      });
    },
  };
}

/** Keeps messages in memory: for service tests that read the link just sent. */
export class MemoryMailer implements Mailer {
  readonly sent: MailMessage[] = [];
  private waiters: (() => void)[] = [];
  async send(message: MailMessage): Promise<void> {
    this.sent.push(message);
    for (const w of this.waiters.splice(0)) w();
  }
  /** Resolves with the first message to `to` (waiting for it if needed). */
  async waitFor(to: string, predicate: (m: MailMessage) => boolean = () => true, timeoutMs = 5000): Promise<MailMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.sent.find((m) => m.to === to && predicate(m));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`No email to ${to} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }
}

/** Extracts the first link of a message that starts with the given URL prefix. */
export function linkIn(text: string, prefix: string): string {
  const link = text.match(/https?:\/\/\S+/g)?.find((l) => l.startsWith(prefix));
  if (!link) throw new Error(`No link starting with ${prefix} in:\n${text}`);
  return link;
}
