/** Registration → activation email → activation; resending the link; closed registration; bad input. */
import { setTimeout } from 'node:timers/promises';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
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
  mailsTo,
  problemOf,
  registerActive,
  type TestApp,
} from '../testing/test-app.ts';

const valid = {
  email: 'marie@exemple.fr',
  password: PASSWORD,
  firstName: 'Marie',
  lastName: 'Curie',
  acceptTerms: true,
  ageConfirmation: true,
};

async function register(t: TestApp, body: Record<string, unknown>, lang = 'fr'): Promise<Response> {
  return new Browser(t, lang).request('POST', '/api/v1/accounts', body);
}

describe('registration and activation', () => {
  it('creates an inactive account, emails a link valid 3 days, and the link activates it', async () => {
    const t = await createTestApp();
    const res = await register(t, { ...valid, email: '  Marie@Exemple.FR ', pseudo: 'mc' });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ status: 'activation_sent' });

    const row = await accountRow(t, 'marie@exemple.fr'); // trimmed and lower-cased
    expect(row).toMatchObject({ status: 'inactive', first_name: 'Marie', last_name: 'Curie', pseudo: 'mc', language: 'fr' });
    expect(row.terms_accepted_at).not.toBeNull();
    expect(row.age_confirmed_at).not.toBeNull();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);

    const [mail] = await mailsTo(t, 'marie@exemple.fr');
    expect(mail?.subject).toContain('Activez votre compte');
    expect(mail?.text).toContain('Marie Curie (mc)');
    expect(mail?.text).toContain('3 jours');

    // Not active yet: login says so (right password only).
    const b = new Browser(t);
    const early = await b.login('marie@exemple.fr', PASSWORD);
    expect(early.status).toBe(403);
    expect((await problemOf(early)).code).toBe('account_inactive');

    const token = await lastLinkToken(t, 'marie@exemple.fr', '/activation');
    const act = await b.request('POST', '/api/v1/accounts/activation', { token });
    expect(act.status).toBe(200);
    expect(await act.json()).toEqual({ status: 'activated' });
    expect((await accountRow(t, 'marie@exemple.fr')).status).toBe('active');

    const login = await b.login('marie@exemple.fr', PASSWORD);
    expect(login.status).toBe(200);
    const me = await b.request('GET', '/api/v1/me');
    expect(await me.json()).toMatchObject({ email: 'marie@exemple.fr', displayName: 'Marie Curie (mc)', initials: 'MC', theme: 'auto' });
  });

  it('writes the activation email in the language chosen at registration', async () => {
    const t = await createTestApp();
    expect((await register(t, { ...valid, firstName: null, lastName: null, pseudo: 'Zed', language: 'en' })).status).toBe(202);
    const [mail] = await mailsTo(t, valid.email);
    expect(mail?.language).toBe('en');
    expect(mail?.subject).toContain('Activate your');
    expect(mail?.text).toContain('Hello Zed,');
  });

  it('refuses an expired activation link with 410 and leaves the account inactive', async () => {
    const t = await createTestApp();
    await register(t, valid);
    const token = await lastLinkToken(t, valid.email, '/activation');
    t.clock.advance(3 * DAY + 1000);
    const res = await new Browser(t).request('POST', '/api/v1/accounts/activation', { token });
    expect(res.status).toBe(410);
    const p = await problemOf(res);
    expect(p.code).toBe('token_expired');
    expect(errorOn(p, 'token').code).toBe('token_expired');
    expect((await accountRow(t, valid.email)).status).toBe('inactive');
  });

  it('accepts the link until the end of its 3 days', async () => {
    const t = await createTestApp();
    await register(t, valid);
    const token = await lastLinkToken(t, valid.email, '/activation');
    t.clock.advance(3 * DAY - 60_000);
    expect((await new Browser(t).request('POST', '/api/v1/accounts/activation', { token })).status).toBe(200);
  });

  it('refuses a link used twice, an unknown one and one of another purpose', async () => {
    const t = await createTestApp();
    const email = await registerActive(t);
    const used = await lastLinkToken(t, email, '/activation');
    const b = new Browser(t);
    const again = await b.request('POST', '/api/v1/accounts/activation', { token: used });
    expect(again.status).toBe(422);
    expect(errorOn(await problemOf(again), 'token').code).toBe('token_invalid');

    const unknown = await b.request('POST', '/api/v1/accounts/activation', { token: 'bvx_not-a-real-token' });
    expect(unknown.status).toBe(422);
    expect(fieldsOf(await problemOf(unknown))).toEqual(['token']);

    await b.request('POST', '/api/v1/password-reset', { email });
    const reset = await lastLinkToken(t, email, '/reinitialisation');
    const wrong = await b.request('POST', '/api/v1/accounts/activation', { token: reset });
    expect(wrong.status).toBe(422);
    expect(errorOn(await problemOf(wrong), 'token').code).toBe('token_invalid');
    // The reset link was not used up by the wrong attempt.
    const ok = await b.request('POST', '/api/v1/password-reset/confirm', { token: reset, password: 'un autre mot de passe' });
    expect(ok.status).toBe(200);
  });
});

describe('link confirmation input', () => {
  it.each([
    ['/api/v1/accounts/activation', {}, 'required'],
    ['/api/v1/accounts/activation', { token: '' }, 'required'],
    ['/api/v1/accounts/activation', { token: 42 }, 'invalid'],
    ['/api/v1/accounts/activation', { token: 't'.repeat(201) }, 'too_long'],
    ['/api/v1/me/email/confirm', { token: null }, 'required'],
    ['/api/v1/me/email/confirm', { token: ['a'] }, 'invalid'],
  ])('POST %s %j names the token field', async (path, body, code) => {
    const t = await createTestApp();
    const res = await new Browser(t, 'en').request('POST', path, body);
    expect(res.status).toBe(422);
    const p = await problemOf(res);
    expect(fieldsOf(p)).toEqual(['token']);
    expect(errorOn(p, 'token').code).toBe(code);
  });
});

describe('resending the activation link', () => {
  it('sends a new link to an inactive account and cancels the old one', async () => {
    const t = await createTestApp();
    await register(t, valid);
    const first = await lastLinkToken(t, valid.email, '/activation');
    const b = new Browser(t);
    const res = await b.request('POST', '/api/v1/accounts/activation/resend', { email: ' MARIE@exemple.fr' });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ status: 'sent_if_pending' });
    expect(await mailsTo(t, valid.email)).toHaveLength(2);
    const second = await lastLinkToken(t, valid.email, '/activation');
    expect(second).not.toBe(first);

    const old = await b.request('POST', '/api/v1/accounts/activation', { token: first });
    expect(old.status).toBe(422);
    expect((await b.request('POST', '/api/v1/accounts/activation', { token: second })).status).toBe(200);
  });

  it('answers byte for byte the same for unknown, active and inactive emails', async () => {
    const t = await createTestApp();
    await registerActive(t, 'active@exemple.fr');
    await register(t, { ...valid, email: 'waiting@exemple.fr' });
    const b = new Browser(t);
    const answers = [];
    for (const email of ['nobody@exemple.fr', 'active@exemple.fr', 'waiting@exemple.fr']) {
      answers.push(await comparable(await b.request('POST', '/api/v1/accounts/activation/resend', { email })));
    }
    expect(answers[0]?.status).toBe(202);
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    // Only the account awaiting activation got something.
    expect(await mailsTo(t, 'nobody@exemple.fr')).toHaveLength(0);
    expect(await mailsTo(t, 'active@exemple.fr')).toHaveLength(1); // the first activation only
    expect(await mailsTo(t, 'waiting@exemple.fr')).toHaveLength(2);
  });

  it('names the email field when it is missing or malformed', async () => {
    const t = await createTestApp();
    const b = new Browser(t);
    for (const body of [{}, { email: 'pas-une-adresse' }, { email: 42 }]) {
      const res = await b.request('POST', '/api/v1/accounts/activation/resend', body);
      expect(res.status).toBe(422);
      expect(fieldsOf(await problemOf(res))).toEqual(['email']);
    }
    expect(t.mailer.sent).toHaveLength(0);
  });
});

describe('registration with a known email (no enumeration)', () => {
  it('gives the same answer and mails the owner instead of creating an account', async () => {
    const t = await createTestApp();
    await registerActive(t, 'marie@exemple.fr');
    const fresh = await comparable(await register(t, { ...valid, email: 'new@exemple.fr' }));
    const known = await comparable(await register(t, { ...valid, email: 'Marie@exemple.fr', firstName: 'Intrus' }));
    expect(fresh.status).toBe(202);
    expect(known).toEqual(fresh);
    expect(await countRows(t, 'accounts')).toBe(2);
    const row = await accountRow(t, 'marie@exemple.fr');
    expect(row.first_name).toBe('Marie');

    const mails = await mailsTo(t, 'marie@exemple.fr');
    expect(mails).toHaveLength(2);
    expect(mails[1]?.subject).toContain('déjà un compte');
    expect(mails[1]?.text).toContain('/mot-de-passe-oublie');
    expect(mails[1]?.text).not.toContain('/activation?token=');
  });

  it('sends a new activation link when the known account is still inactive', async () => {
    const t = await createTestApp();
    await register(t, valid);
    const again = await register(t, valid);
    expect(again.status).toBe(202);
    expect(await countRows(t, 'accounts')).toBe(1);
    const mails = await mailsTo(t, valid.email);
    expect(mails).toHaveLength(2);
    expect(mails[1]?.text).toContain('/activation?token=');
  });
});

describe('double submission', () => {
  it('creates one account and answers 202 to both when the same form arrives twice at once', async () => {
    const t = await createTestApp();
    let answers: Response[] = [];
    // Keep the database busy while both requests hash their password, so that both look the
    // email up before either inserts: the interleaving of a double click on a loaded server.
    await t.db.connection().execute(async () => {
      const both = Promise.all([register(t, valid), register(t, valid)]);
      await setTimeout(300);
      void both.then((r) => (answers = r));
    });
    await vi.waitFor(() => expect(answers).toHaveLength(2));
    expect(answers.map((r) => r.status)).toEqual([202, 202]);
    expect(await countRows(t, 'accounts')).toBe(1);
    const mails = await mailsTo(t, valid.email);
    expect(mails).toHaveLength(2);
    expect(mails.every((m) => m.text.includes('/activation?token='))).toBe(true);
    // The later link replaced the earlier one, and it activates the account.
    const token = await lastLinkToken(t, valid.email, '/activation');
    expect((await new Browser(t).request('POST', '/api/v1/accounts/activation', { token })).status).toBe(200);
  });
});

describe('closed registration', () => {
  it('refuses registration with 403 and says so on /instance', async () => {
    const t = await createTestApp({ env: { BV_REGISTRATION_OPEN: 'false', BV_INSTANCE_NAME: 'Bénévoles du Doubs' } });
    const info = await t.app.request('/api/v1/instance');
    expect(await info.json()).toMatchObject({ name: 'Bénévoles du Doubs', registrationOpen: false });
    const res = await register(t, valid);
    expect(res.status).toBe(403);
    expect((await problemOf(res)).code).toBe('registration_closed');
    expect(await countRows(t, 'accounts')).toBe(0);
    expect(t.mailer.sent).toHaveLength(0);
  });

  it('says registration is open by default', async () => {
    const t = await createTestApp();
    expect(await (await t.app.request('/api/v1/instance')).json()).toMatchObject({ name: 'Bénévalibre', registrationOpen: true });
  });
});

describe('registration input', () => {
  // Refused input saves nothing, so the cases share one instance (without a throttle in the way).
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ throttleRules: { registerPerIp: { limit: 1000, windowMs: 60_000 } } });
  });
  afterEach(() => {
    t.mailer.sent.length = 0;
  });

  const cases: [string, Record<string, unknown>, string, string][] = [
    ['missing email', { email: undefined }, 'email', 'required'],
    ['email of the wrong type', { email: 12 }, 'email', 'invalid'],
    ['malformed email', { email: 'marie.exemple.fr' }, 'email', 'invalid_email'],
    ['email too long', { email: `${'a'.repeat(250)}@exemple.fr` }, 'email', 'too_long'],
    ['missing password', { password: undefined }, 'password', 'required'],
    ['password of the wrong type', { password: 12345678 }, 'password', 'invalid'],
    ['password under 8 characters', { password: 'court' }, 'password', 'password_too_short'],
    ['password over 256 characters', { password: 'x'.repeat(257) }, 'password', 'password_too_long'],
    ['common password', { password: 'azerty123' }, 'password', 'password_common'],
    ['common English password', { password: 'Password' }, 'password', 'password_common'],
    ['first name too long', { firstName: 'x'.repeat(31) }, 'firstName', 'too_long'],
    ['last name too long', { lastName: 'x'.repeat(51) }, 'lastName', 'too_long'],
    ['pseudo too long', { pseudo: 'x'.repeat(31) }, 'pseudo', 'too_long'],
    ['first name of the wrong type', { firstName: 3 }, 'firstName', 'invalid'],
    ['unknown language', { language: 'de' }, 'language', 'invalid_choice'],
    ['terms not accepted', { acceptTerms: false }, 'acceptTerms', 'terms_required'],
    ['terms missing', { acceptTerms: undefined }, 'acceptTerms', 'terms_required'],
    ['terms as a string', { acceptTerms: 'oui' }, 'acceptTerms', 'invalid'],
    ['age not confirmed', { ageConfirmation: false }, 'ageConfirmation', 'age_required'],
  ];

  it.each(cases)('refuses a %s, naming the field, and saves nothing', async (_label, change, field, code) => {
    const res = await register(t, { ...valid, ...change });
    expect(res.status).toBe(422);
    const p = await problemOf(res);
    expect(p.code).toBe('validation_failed');
    expect(fieldsOf(p)).toEqual([field]);
    expect(errorOn(p, field).code).toBe(code);
    expect(errorOn(p, field).message).not.toBe('');
    expect(await countRows(t, 'accounts')).toBe(0);
    expect(t.mailer.sent).toHaveLength(0);
  });

  it('requires at least one of first name, last name and pseudo (blank counts as empty)', async () => {
    const res = await register(t, { ...valid, firstName: '   ', lastName: null, pseudo: '' });
    expect(res.status).toBe(422);
    const p = await problemOf(res);
    expect(fieldsOf(p)).toEqual(['firstName', 'lastName', 'pseudo']);
    expect(p.errors?.every((e) => e.code === 'name_required')).toBe(true);
    expect(errorOn(p, 'pseudo').message).toBe('Indiquez au moins un prénom, un nom ou un pseudonyme.');
    expect(await countRows(t, 'accounts')).toBe(0);
  });

  it('names both consents when neither is given, in English on request', async () => {
    const res = await register(t, { email: valid.email, password: PASSWORD, pseudo: 'mc' }, 'en');
    const p = await problemOf(res);
    expect(res.headers.get('Content-Language')).toBe('en');
    expect(p.title).toBe('Some fields need correcting.');
    expect(p.errors).toEqual([
      { field: 'acceptTerms', code: 'terms_required', message: 'Accept the terms of use and the privacy notice.' },
      { field: 'ageConfirmation', code: 'age_required', message: 'Confirm you are 15 or older, or have a parent’s consent.' },
    ]);
  });

  it('answers in French by default with the limit in the message', async () => {
    const res = await t.app.request('/api/v1/accounts', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...valid, lastName: 'x'.repeat(51) }),
    });
    const p = await problemOf(res);
    expect(res.headers.get('Content-Language')).toBe('fr');
    expect(p.title).toBe('Certains champs sont à corriger.');
    expect(errorOn(p, 'lastName').message).toBe('50 caractères au maximum.');
    expect(p.detail).toContain('lastName');
  });
});
