/**
 * Emails through a real SMTP server (smtp-server): the activation and reset links
 * received are followed through the API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpMailer, linkIn } from './mailer.ts';
import { createTestApp, Browser, ORIGIN, PASSWORD } from '../testing/test-app.ts';
import { SmtpInbox } from '../testing/smtp-inbox.ts';

const inbox = new SmtpInbox();
beforeAll(() => inbox.start());
afterAll(() => inbox.stop());

describe('email over real SMTP', () => {
  it('activation and password reset links arrive and work', async () => {
    const t = await createTestApp({ mailer: smtpMailer(inbox.url, 'Bénévalibre <no-reply@localhost>') });
    const b = new Browser(t, 'fr');

    const reg = await b.request('POST', '/api/v1/accounts', {
      email: 'jeanne@exemple.fr', password: PASSWORD, pseudo: 'Jeanne', acceptTerms: true, ageConfirmation: true,
    });
    expect(reg.status).toBe(202);
    const activation = await inbox.waitFor('jeanne@exemple.fr', '/activation?token=');
    expect(activation.mail.subject).toBe('Activez votre compte Bénévalibre');
    expect(activation.mail.headers.get('content-language')).toBe('fr');
    expect(activation.mail.from?.text).toContain('no-reply@localhost');
    expect(activation.mail.html).toContain('Activer mon compte');
    const token = new URL(linkIn(activation.mail.text ?? '', `${ORIGIN}/activation?token=`)).searchParams.get('token');
    expect((await b.request('POST', '/api/v1/accounts/activation', { token })).status).toBe(200);
    expect((await b.login('jeanne@exemple.fr', PASSWORD)).status).toBe(200);

    expect((await new Browser(t).request('POST', '/api/v1/password-reset', { email: 'jeanne@exemple.fr' })).status).toBe(202);
    const reset = await inbox.waitFor('jeanne@exemple.fr', '/reinitialisation?token=');
    expect(reset.mail.subject).toBe('Nouveau mot de passe pour Bénévalibre');
    const resetToken = new URL(linkIn(reset.mail.text ?? '', `${ORIGIN}/reinitialisation?token=`)).searchParams.get('token');
    const confirm = await new Browser(t).request('POST', '/api/v1/password-reset/confirm', { token: resetToken, password: 'un tout nouveau mot de passe' });
    expect(confirm.status).toBe(200);
    expect((await new Browser(t).login('jeanne@exemple.fr', 'un tout nouveau mot de passe')).status).toBe(200);
    // The reset ended the earlier session.
    expect((await b.request('GET', '/api/v1/me')).status).toBe(401);
  });

  it('writes English emails for English speakers', async () => {
    const t = await createTestApp({ mailer: smtpMailer(inbox.url, 'Bénévalibre <no-reply@localhost>') });
    const res = await new Browser(t, 'en').request('POST', '/api/v1/accounts', {
      email: 'john@example.org', password: PASSWORD, firstName: 'John', language: 'en', acceptTerms: true, ageConfirmation: true,
    });
    expect(res.status).toBe(202);
    const mail = await inbox.waitFor('john@example.org', '/activation?token=');
    expect(mail.mail.subject).toBe('Activate your Bénévalibre account');
    expect(mail.mail.text).toContain('Hello John,');
  });
});
