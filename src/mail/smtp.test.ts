/**
 * Emails through a real SMTP server (smtp-server) to the real server's mailer:
 * the activation and reset links received are followed through the API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { smtpMailer, linkIn } from './mailer.ts';
import { createTestApp, Browser, ORIGIN, PASSWORD } from '../testing/test-app.ts';

interface Received {
  to: string;
  mail: ParsedMail;
}

let server: SMTPServer;
let port = 0;
const inbox: Received[] = [];

async function waitForMail(to: string, contains: string): Promise<Received> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const found = inbox.find((m) => m.to === to && (m.mail.text ?? '').includes(contains));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no email to ${to} containing ${contains}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  // The built-in certificate of smtp-server has expired: plain SMTP, no STARTTLS.
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          for (const rcpt of session.envelope.rcptTo) inbox.push({ to: rcpt.address, mail });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('email over real SMTP', () => {
  it('activation and password reset links arrive and work', async () => {
    const mailer = smtpMailer(`smtp://127.0.0.1:${port}`, 'Bénévalibre <no-reply@localhost>');
    const real = await createTestApp({ mailer });
    const b = new Browser(real, 'fr');

    const reg = await b.request('POST', '/api/v1/accounts', {
      email: 'jeanne@exemple.fr', password: PASSWORD, pseudo: 'Jeanne', acceptTerms: true, ageConfirmation: true,
    });
    expect(reg.status).toBe(202);
    const activation = await waitForMail('jeanne@exemple.fr', '/activation?token=');
    expect(activation.mail.subject).toBe('Activez votre compte Bénévalibre');
    expect(activation.mail.headers.get('content-language')).toBe('fr');
    expect(activation.mail.from?.text).toContain('no-reply@localhost');
    expect(activation.mail.html).toContain('Activer mon compte');
    const link = linkIn(activation.mail.text ?? '', `${ORIGIN}/activation?token=`);
    const token = new URL(link).searchParams.get('token');
    expect((await b.request('POST', '/api/v1/accounts/activation', { token })).status).toBe(200);
    expect((await b.login('jeanne@exemple.fr', PASSWORD)).status).toBe(200);

    expect((await new Browser(real).request('POST', '/api/v1/password-reset', { email: 'jeanne@exemple.fr' })).status).toBe(202);
    const reset = await waitForMail('jeanne@exemple.fr', '/reinitialisation?token=');
    expect(reset.mail.subject).toBe('Nouveau mot de passe pour Bénévalibre');
    const resetToken = new URL(linkIn(reset.mail.text ?? '', `${ORIGIN}/reinitialisation?token=`)).searchParams.get('token');
    const confirm = await new Browser(real).request('POST', '/api/v1/password-reset/confirm', { token: resetToken, password: 'un tout nouveau mot de passe' });
    expect(confirm.status).toBe(200);
    expect((await new Browser(real).login('jeanne@exemple.fr', 'un tout nouveau mot de passe')).status).toBe(200);
    // The reset ended the earlier session.
    expect((await b.request('GET', '/api/v1/me')).status).toBe(401);
  });
});
