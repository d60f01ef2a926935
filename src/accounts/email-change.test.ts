/** Email change: a link goes to the new address; the change happens only when it is opened; the old address is told. */
import { describe, expect, it } from 'vitest';
import { DAY } from '../lib/clock.ts';
import {
  Browser,
  PASSWORD,
  accountRow,
  countRows,
  createTestApp,
  errorOn,
  fieldsOf,
  lastLinkToken,
  loggedIn,
  mailsTo,
  problemOf,
  registerActive,
} from '../testing/test-app.ts';

const OLD = 'marie@exemple.fr';
const NEW = 'marie.curie@exemple.org';

describe('email change', () => {
  it('sends a link to the new address; opening it switches the login email and notifies the old one', async () => {
    const t = await createTestApp();
    const b = await loggedIn(t, OLD);
    const res = await b.request('POST', '/api/v1/me/email', { newEmail: ' Marie.Curie@Exemple.ORG', currentPassword: PASSWORD });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ status: 'confirmation_sent' });

    // Nothing changes until the link is opened.
    expect((await accountRow(t, OLD)).email).toBe(OLD);
    const [confirmMail] = await mailsTo(t, NEW);
    expect(confirmMail?.subject).toContain('Confirmez votre nouvelle adresse');
    const token = await lastLinkToken(t, NEW, '/confirmation-email');

    // The link works from any browser, logged in or not.
    const elsewhere = new Browser(t);
    const confirm = await elsewhere.request('POST', '/api/v1/me/email/confirm', { token });
    expect(confirm.status).toBe(200);
    expect(await confirm.json()).toMatchObject({ email: NEW, displayName: 'Marie Curie' });
    expect(await t.db.selectFrom('accounts').select('email').execute()).toEqual([{ email: NEW }]);

    const notice = (await mailsTo(t, OLD)).pop();
    expect(notice?.subject).toContain('a changé');
    expect(notice?.text).toContain(NEW);

    expect((await b.request('GET', '/api/v1/me')).status).toBe(200); // the session survives
    expect((await new Browser(t).login(OLD, PASSWORD)).status).toBe(401);
    expect((await new Browser(t).login(NEW, PASSWORD)).status).toBe(200);
  });

  it('refuses a wrong current password with 422 naming currentPassword and sends nothing', async () => {
    const t = await createTestApp();
    const b = await loggedIn(t, OLD);
    const res = await b.request('POST', '/api/v1/me/email', { newEmail: NEW, currentPassword: 'pas le bon' });
    expect(res.status).toBe(422);
    const p = await problemOf(res);
    expect(fieldsOf(p)).toEqual(['currentPassword']);
    expect(errorOn(p, 'currentPassword').code).toBe('password_wrong');
    expect(await mailsTo(t, NEW)).toHaveLength(0);
    expect(await countRows(t, 'email_tokens')).toBe(1); // the used activation link only
  });

  it('refuses the current address and one used by another account', async () => {
    const t = await createTestApp();
    await registerActive(t, 'pierre@exemple.fr');
    const b = await loggedIn(t, OLD);
    const same = await b.request('POST', '/api/v1/me/email', { newEmail: 'MARIE@exemple.fr', currentPassword: PASSWORD });
    expect(same.status).toBe(422);
    expect(errorOn(await problemOf(same), 'newEmail').code).toBe('same_email');
    const taken = await b.request('POST', '/api/v1/me/email', { newEmail: 'pierre@exemple.fr', currentPassword: PASSWORD }, { 'Accept-Language': 'en' });
    expect(taken.status).toBe(422);
    expect(errorOn(await problemOf(taken), 'newEmail')).toMatchObject({ code: 'email_taken', message: 'This email address is already in use.' });
    expect((await mailsTo(t, 'pierre@exemple.fr')).filter((m) => m.text.includes('/confirmation-email'))).toHaveLength(0);
  });

  it('refuses the link if the address was taken in the meantime', async () => {
    const t = await createTestApp();
    const b = await loggedIn(t, OLD);
    await b.request('POST', '/api/v1/me/email', { newEmail: NEW, currentPassword: PASSWORD });
    const token = await lastLinkToken(t, NEW, '/confirmation-email');
    await registerActive(t, NEW);
    const res = await b.request('POST', '/api/v1/me/email/confirm', { token });
    expect(res.status).toBe(422);
    expect(errorOn(await problemOf(res), 'token').code).toBe('email_taken');
    expect((await accountRow(t, OLD)).email).toBe(OLD);
  });

  it('names each bad field of the request', async () => {
    const t = await createTestApp();
    const b = await loggedIn(t, OLD);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ currentPassword: PASSWORD }, 'newEmail', 'required'],
      [{ newEmail: 'nouvelle-adresse', currentPassword: PASSWORD }, 'newEmail', 'invalid_email'],
      [{ newEmail: `${'n'.repeat(250)}@exemple.org`, currentPassword: PASSWORD }, 'newEmail', 'too_long'],
      [{ newEmail: NEW }, 'currentPassword', 'required'],
      [{ newEmail: NEW, currentPassword: '' }, 'currentPassword', 'required'],
      [{ newEmail: NEW, currentPassword: 'p'.repeat(257) }, 'currentPassword', 'too_long'],
    ];
    for (const [body, field, code] of cases) {
      const res = await b.request('POST', '/api/v1/me/email', body);
      expect(res.status).toBe(422);
      const p = await problemOf(res);
      expect(fieldsOf(p)).toEqual([field]);
      expect(errorOn(p, field).code).toBe(code);
    }
    expect(t.mailer.sent.filter((m) => m.text.includes('/confirmation-email'))).toHaveLength(0);
  });

  it('refuses an expired link with 410 and keeps the old address', async () => {
    const t = await createTestApp();
    const b = await loggedIn(t, OLD);
    await b.request('POST', '/api/v1/me/email', { newEmail: NEW, currentPassword: PASSWORD });
    const token = await lastLinkToken(t, NEW, '/confirmation-email');
    t.clock.advance(3 * DAY + 1);
    const res = await new Browser(t).request('POST', '/api/v1/me/email/confirm', { token });
    expect(res.status).toBe(410);
    expect(errorOn(await problemOf(res), 'token').code).toBe('token_expired');
    expect((await accountRow(t, OLD)).email).toBe(OLD);
    expect(await mailsTo(t, OLD)).toHaveLength(1); // the activation only: no change notice
  });

  it('refuses a link used twice, one replaced by a newer request, and one of another purpose', async () => {
    const t = await createTestApp();
    const b = await loggedIn(t, OLD);
    await b.request('POST', '/api/v1/me/email', { newEmail: 'premiere@exemple.org', currentPassword: PASSWORD });
    const first = await lastLinkToken(t, 'premiere@exemple.org', '/confirmation-email');
    await b.request('POST', '/api/v1/me/email', { newEmail: NEW, currentPassword: PASSWORD });
    const second = await lastLinkToken(t, NEW, '/confirmation-email');

    const replaced = await b.request('POST', '/api/v1/me/email/confirm', { token: first });
    expect(replaced.status).toBe(422);
    expect(fieldsOf(await problemOf(replaced))).toEqual(['token']);

    expect((await b.request('POST', '/api/v1/me/email/confirm', { token: second })).status).toBe(200);
    const reused = await b.request('POST', '/api/v1/me/email/confirm', { token: second });
    expect(reused.status).toBe(422);
    expect(errorOn(await problemOf(reused), 'token').code).toBe('token_invalid');

    await b.request('POST', '/api/v1/password-reset', { email: NEW });
    const reset = await lastLinkToken(t, NEW, '/reinitialisation');
    const wrong = await b.request('POST', '/api/v1/me/email/confirm', { token: reset });
    expect(wrong.status).toBe(422);
    expect(errorOn(await problemOf(wrong), 'token').code).toBe('token_invalid');
    expect(await t.db.selectFrom('accounts').select('email').execute()).toEqual([{ email: NEW }]);
  });

  it('needs a logged-in browser session to ask', async () => {
    const t = await createTestApp();
    const res = await new Browser(t).request('POST', '/api/v1/me/email', { newEmail: NEW, currentPassword: PASSWORD });
    expect(res.status).toBe(401);
    expect((await problemOf(res)).code).toBe('unauthenticated');
  });
});
