/** Password reset by email link and password change: tokens, wrong passwords, sessions ended. */
import { describe, expect, it } from 'vitest';
import { DAY } from '../lib/clock.ts';
import {
  Browser,
  PASSWORD,
  accountRow,
  comparable,
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

const NEW_PASSWORD = 'une toute nouvelle phrase';

describe('password reset', () => {
  it('emails a link that sets a new password and ends every session', async () => {
    const t = await createTestApp();
    const email = await registerActive(t);
    const phone = new Browser(t);
    await phone.login(email, PASSWORD);
    const b = new Browser(t);
    const res = await b.request('POST', '/api/v1/password-reset', { email: 'Marie@Exemple.fr' });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ status: 'sent_if_known' });
    const mail = (await mailsTo(t, email)).pop();
    expect(mail?.subject).toContain('Nouveau mot de passe');
    const token = await lastLinkToken(t, email, '/reinitialisation');

    const confirm = await b.request('POST', '/api/v1/password-reset/confirm', { token, password: NEW_PASSWORD });
    expect(confirm.status).toBe(200);
    expect(await confirm.json()).toEqual({ status: 'password_changed' });
    expect(await countRows(t, 'sessions')).toBe(0);
    expect((await phone.request('GET', '/api/v1/me')).status).toBe(401);
    expect((await new Browser(t).login(email, PASSWORD)).status).toBe(401);
    expect((await new Browser(t).login(email, NEW_PASSWORD)).status).toBe(200);
  });

  it('answers byte for byte the same for a known and an unknown email', async () => {
    const t = await createTestApp();
    const email = await registerActive(t);
    const b = new Browser(t);
    const known = await comparable(await b.request('POST', '/api/v1/password-reset', { email }));
    const unknown = await comparable(await b.request('POST', '/api/v1/password-reset', { email: 'personne@exemple.fr' }));
    expect(known.status).toBe(202);
    expect(unknown).toEqual(known);
    expect(await mailsTo(t, 'personne@exemple.fr')).toHaveLength(0);
    expect((await mailsTo(t, email)).filter((m) => m.text.includes('/reinitialisation?token='))).toHaveLength(1);
  });

  it('activates an account that never was: opening the link proves the address', async () => {
    const t = await createTestApp();
    const b = new Browser(t);
    await b.request('POST', '/api/v1/accounts', {
      email: 'lea@exemple.fr', password: PASSWORD, pseudo: 'Léa', acceptTerms: true, ageConfirmation: true,
    });
    await b.request('POST', '/api/v1/password-reset', { email: 'lea@exemple.fr' });
    const token = await lastLinkToken(t, 'lea@exemple.fr', '/reinitialisation');
    expect((await b.request('POST', '/api/v1/password-reset/confirm', { token, password: NEW_PASSWORD })).status).toBe(200);
    expect((await accountRow(t, 'lea@exemple.fr')).status).toBe('active');
    expect((await b.login('lea@exemple.fr', NEW_PASSWORD)).status).toBe(200);
  });

  it('refuses an expired link with 410 and keeps the old password', async () => {
    const t = await createTestApp();
    const email = await registerActive(t);
    const b = new Browser(t);
    await b.request('POST', '/api/v1/password-reset', { email });
    const token = await lastLinkToken(t, email, '/reinitialisation');
    const before = (await accountRow(t, email)).password_hash;
    t.clock.advance(3 * DAY + 1);
    const res = await b.request('POST', '/api/v1/password-reset/confirm', { token, password: NEW_PASSWORD });
    expect(res.status).toBe(410);
    expect(errorOn(await problemOf(res), 'token').code).toBe('token_expired');
    expect((await accountRow(t, email)).password_hash).toBe(before);
  });

  it('refuses a link used twice, one replaced by a newer one, and one of another purpose', async () => {
    const t = await createTestApp();
    const email = await registerActive(t);
    const b = new Browser(t);
    await b.request('POST', '/api/v1/password-reset', { email });
    const older = await lastLinkToken(t, email, '/reinitialisation');
    await b.request('POST', '/api/v1/password-reset', { email });
    const newer = await lastLinkToken(t, email, '/reinitialisation');

    const replaced = await b.request('POST', '/api/v1/password-reset/confirm', { token: older, password: NEW_PASSWORD });
    expect(replaced.status).toBe(422);
    expect(errorOn(await problemOf(replaced), 'token').code).toBe('token_invalid');

    expect((await b.request('POST', '/api/v1/password-reset/confirm', { token: newer, password: NEW_PASSWORD })).status).toBe(200);
    const reused = await b.request('POST', '/api/v1/password-reset/confirm', { token: newer, password: 'encore une autre phrase' });
    expect(reused.status).toBe(422);
    expect(fieldsOf(await problemOf(reused))).toEqual(['token']);
    expect((await b.login(email, NEW_PASSWORD)).status).toBe(200);

    const activation = await lastLinkToken(t, email, '/activation'); // used at registration, and of another purpose
    const wrong = await b.request('POST', '/api/v1/password-reset/confirm', { token: activation, password: 'encore une autre phrase' });
    expect(wrong.status).toBe(422);
    expect(fieldsOf(await problemOf(wrong))).toEqual(['token']);
  });

  it('lets only one of two simultaneous uses of a link through', async () => {
    const t = await createTestApp();
    const email = await registerActive(t);
    const b = new Browser(t);
    await b.request('POST', '/api/v1/password-reset', { email });
    const token = await lastLinkToken(t, email, '/reinitialisation');
    const answers = await Promise.all(
      ['première phrase de passe', 'seconde phrase de passe'].map((password) =>
        b.request('POST', '/api/v1/password-reset/confirm', { token, password }),
      ),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([200, 422]);
    const winner = answers[0]!.status === 200 ? 'première phrase de passe' : 'seconde phrase de passe';
    expect((await new Browser(t).login(email, winner)).status).toBe(200);
  });

  it('refuses a weak new password without using the link up', async () => {
    const t = await createTestApp();
    const email = await registerActive(t);
    const b = new Browser(t);
    await b.request('POST', '/api/v1/password-reset', { email });
    const token = await lastLinkToken(t, email, '/reinitialisation');
    for (const [password, code] of [['password', 'password_common'], ['azerty123', 'password_common'], ['court', 'password_too_short'], ['x'.repeat(257), 'password_too_long']] as const) {
      const res = await b.request('POST', '/api/v1/password-reset/confirm', { token, password });
      expect(res.status).toBe(422);
      const p = await problemOf(res);
      expect(fieldsOf(p)).toEqual(['password']);
      expect(errorOn(p, 'password').code).toBe(code);
    }
    const bad = await b.request('POST', '/api/v1/password-reset/confirm', { password: NEW_PASSWORD, token: '' });
    expect(errorOn(await problemOf(bad), 'token').code).toBe('required');
    const long = await b.request('POST', '/api/v1/password-reset/confirm', { password: NEW_PASSWORD, token: 'x'.repeat(201) });
    expect(errorOn(await problemOf(long), 'token').code).toBe('too_long');
    expect((await b.request('POST', '/api/v1/password-reset/confirm', { token, password: NEW_PASSWORD })).status).toBe(200);
  });

  it('names the email field of a bad request', async () => {
    const t = await createTestApp();
    const res = await new Browser(t).request('POST', '/api/v1/password-reset', { email: 'arobase-absente' });
    expect(res.status).toBe(422);
    expect(errorOn(await problemOf(res), 'email').code).toBe('invalid_email');
    expect(t.mailer.sent).toHaveLength(0);
  });
});

describe('password change', () => {
  it('changes the password, ends every other session and renews this one', async () => {
    const t = await createTestApp();
    const b = await loggedIn(t);
    const other = new Browser(t);
    await other.login('marie@exemple.fr', PASSWORD);
    const oldCookie = b.cookie;
    const oldCsrf = b.csrfToken;

    const res = await b.request('POST', '/api/v1/me/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    expect(res.status).toBe(200);
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    expect(csrfToken).not.toBe(oldCsrf);
    expect(b.cookie).not.toBe(oldCookie);
    expect(await countRows(t, 'sessions')).toBe(1);

    // The old cookies are dead, on this browser and the other one.
    const replay = new Browser(t);
    replay.cookie = oldCookie;
    expect((await replay.request('GET', '/api/v1/me')).status).toBe(401);
    expect((await other.request('GET', '/api/v1/me')).status).toBe(401);

    // The renewed session works, with the new CSRF token only.
    b.csrfToken = oldCsrf;
    expect((await b.request('PATCH', '/api/v1/me', { pseudo: 'mc' })).status).toBe(403);
    b.csrfToken = csrfToken;
    expect((await b.request('PATCH', '/api/v1/me', { pseudo: 'mc' })).status).toBe(200);
    expect((await new Browser(t).login('marie@exemple.fr', NEW_PASSWORD)).status).toBe(200);
    expect((await new Browser(t).login('marie@exemple.fr', PASSWORD)).status).toBe(401);
  });

  it('refuses a wrong current password with 422 naming currentPassword, and changes nothing', async () => {
    const t = await createTestApp();
    const b = await loggedIn(t);
    const before = await accountRow(t, 'marie@exemple.fr');
    const res = await b.request('POST', '/api/v1/me/password', { currentPassword: 'pas le bon', newPassword: NEW_PASSWORD });
    expect(res.status).toBe(422);
    const p = await problemOf(res);
    expect(fieldsOf(p)).toEqual(['currentPassword']);
    expect(errorOn(p, 'currentPassword')).toMatchObject({ code: 'password_wrong', message: 'Mot de passe incorrect.' });
    expect((await accountRow(t, 'marie@exemple.fr')).password_hash).toBe(before.password_hash);
    expect(res.headers.get('Set-Cookie')).toBeNull();
    expect((await b.request('GET', '/api/v1/me')).status).toBe(200);
  });

  it('names each bad field of the body', async () => {
    const t = await createTestApp();
    const b = await loggedIn(t);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ newPassword: NEW_PASSWORD }, 'currentPassword', 'required'],
      [{ currentPassword: PASSWORD }, 'newPassword', 'required'],
      [{ currentPassword: PASSWORD, newPassword: 'court' }, 'newPassword', 'password_too_short'],
      [{ currentPassword: PASSWORD, newPassword: 'y'.repeat(257) }, 'newPassword', 'password_too_long'],
      [{ currentPassword: PASSWORD, newPassword: 'motdepasse' }, 'newPassword', 'password_common'],
      [{ currentPassword: 5, newPassword: NEW_PASSWORD }, 'currentPassword', 'invalid'],
    ];
    for (const [body, field, code] of cases) {
      const res = await b.request('POST', '/api/v1/me/password', body);
      expect(res.status).toBe(422);
      const p = await problemOf(res);
      expect(fieldsOf(p)).toEqual([field]);
      expect(errorOn(p, field).code).toBe(code);
    }
    expect((await new Browser(t).login('marie@exemple.fr', PASSWORD)).status).toBe(200);
  });

  it('needs a browser session and its CSRF token', async () => {
    const t = await createTestApp();
    const anonymous = await new Browser(t).request('POST', '/api/v1/me/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    expect(anonymous.status).toBe(401);
    const b = await loggedIn(t);
    b.csrfToken = 'pas-le-bon-jeton';
    const forged = await b.request('POST', '/api/v1/me/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    expect(forged.status).toBe(403);
    expect((await new Browser(t).login('marie@exemple.fr', PASSWORD)).status).toBe(200);
  });
});

describe('older reset links after a change', () => {
  it('stop working once the password was changed', async () => {
    const t = await createTestApp();
    const b = await loggedIn(t);
    expect((await new Browser(t).request('POST', '/api/v1/password-reset', { email: 'marie@exemple.fr' })).status).toBe(202);
    const token = await lastLinkToken(t, 'marie@exemple.fr', '/reinitialisation');
    const change = await b.request('POST', '/api/v1/me/password', { currentPassword: PASSWORD, newPassword: 'encore une autre phrase' });
    expect(change.status).toBe(200);
    const reset = await new Browser(t).request('POST', '/api/v1/password-reset/confirm', { token, password: 'la phrase du voleur' });
    expect(reset.status).toBe(422);
    expect((await new Browser(t).login('marie@exemple.fr', 'encore une autre phrase')).status).toBe(200);
  });
});
