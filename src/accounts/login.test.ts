/** Login and logout: sessions rotated, revoked at logout, same answer for unknown emails and wrong passwords. */
import { describe, expect, it } from 'vitest';
import { DAY } from '../lib/clock.ts';
import {
  Browser,
  PASSWORD,
  comparable,
  countRows,
  createTestApp,
  errorOn,
  fieldsOf,
  problemOf,
  registerActive,
  type TestApp,
} from '../testing/test-app.ts';

async function sessionCount(t: TestApp): Promise<number> {
  return countRows(t, 'sessions');
}

describe('login', () => {
  it('sets an HttpOnly SameSite=Lax session cookie, returns the account and a CSRF token', async () => {
    const t = await createTestApp();
    const email = await registerActive(t);
    const b = new Browser(t);
    const res = await b.login(' MARIE@exemple.fr ', PASSWORD);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { account: { email: string; displayName: string }; csrfToken: string };
    expect(body.account).toMatchObject({ email, displayName: 'Marie Curie' });
    expect(body.csrfToken.length).toBeGreaterThan(20);
    const cookie = res.headers.get('Set-Cookie') ?? '';
    expect(cookie).toMatch(/^bv_session=bvs_/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/i); // plain http origin in this test
    // The database keeps only a hash of the cookie value.
    const stored = await t.db.selectFrom('sessions').select('token_hash').executeTakeFirstOrThrow();
    expect(b.cookie).toContain('bvs_');
    expect(b.cookie).not.toContain(stored.token_hash);

    const session = await b.request('GET', '/api/v1/session');
    expect(session.status).toBe(200);
    expect(await session.json()).toMatchObject({ account: { email }, csrfToken: body.csrfToken });
  });

  it('answers the same for an unknown email and a wrong password, and opens no session', async () => {
    const t = await createTestApp();
    await registerActive(t);
    const b = new Browser(t);
    const unknown = await b.login('personne@exemple.fr', PASSWORD);
    const wrong = await b.login('marie@exemple.fr', 'pas le bon mot de passe');
    expect(unknown.status).toBe(401);
    const a = await comparable(unknown);
    expect(await comparable(wrong)).toEqual(a);
    expect(JSON.parse(a.body)).toMatchObject({ code: 'invalid_credentials', title: 'Adresse e-mail ou mot de passe incorrect.' });
    expect(unknown.headers.get('Set-Cookie')).toBeNull();
    expect(await sessionCount(t)).toBe(0);
  });

  it('names the fields of a bad login body', async () => {
    const t = await createTestApp();
    const b = new Browser(t, 'en');
    const res = await b.request('POST', '/api/v1/session', { email: 'nope', password: '' });
    expect(res.status).toBe(422);
    const p = await problemOf(res);
    expect(fieldsOf(p).sort()).toEqual(['email', 'password']);
    expect(errorOn(p, 'email').message).toBe('Invalid email address.');
    expect(errorOn(p, 'password').code).toBe('required');
    const long = await b.request('POST', '/api/v1/session', { email: 'a@b.fr', password: 'x'.repeat(257) });
    expect(errorOn(await problemOf(long), 'password').code).toBe('too_long');
    const typed = await b.request('POST', '/api/v1/session', { email: ['a@b.fr'], password: 1 });
    expect(fieldsOf(await problemOf(typed)).sort()).toEqual(['email', 'password']);
  });

  it('rotates the session at each login: the previous cookie stops working', async () => {
    const t = await createTestApp();
    const email = await registerActive(t);
    const b = new Browser(t);
    await b.login(email, PASSWORD);
    const first = b.cookie;
    const again = await b.login(email, PASSWORD);
    expect(again.status).toBe(200);
    expect(b.cookie).not.toBe(first);
    expect(await sessionCount(t)).toBe(1);

    const old = new Browser(t);
    old.cookie = first;
    expect((await old.request('GET', '/api/v1/me')).status).toBe(401);
    expect((await b.request('GET', '/api/v1/me')).status).toBe(200);
  });

  it('keeps sessions of other browsers at login', async () => {
    const t = await createTestApp();
    const email = await registerActive(t);
    const phone = new Browser(t);
    const laptop = new Browser(t);
    await phone.login(email, PASSWORD);
    await laptop.login(email, PASSWORD);
    expect((await phone.request('GET', '/api/v1/me')).status).toBe(200);
    expect(await sessionCount(t)).toBe(2);
  });

  it('refuses a deleted-looking cookie value and an expired session', async () => {
    const t = await createTestApp();
    const email = await registerActive(t);
    const b = new Browser(t);
    await b.login(email, PASSWORD);
    const forged = new Browser(t);
    forged.cookie = 'bv_session=bvs_forged';
    expect((await forged.request('GET', '/api/v1/me')).status).toBe(401);

    // Used regularly the session slides forward; left alone 30 days it ends.
    t.clock.advance(20 * DAY);
    expect((await b.request('GET', '/api/v1/me')).status).toBe(200);
    t.clock.advance(20 * DAY);
    expect((await b.request('GET', '/api/v1/me')).status).toBe(200);
    t.clock.advance(31 * DAY);
    const late = await b.request('GET', '/api/v1/me');
    expect(late.status).toBe(401);
    expect((await problemOf(late)).code).toBe('unauthenticated');
  });
});

describe('logout', () => {
  it('revokes the session on the server and clears the cookie', async () => {
    const t = await createTestApp();
    const email = await registerActive(t);
    const b = new Browser(t);
    await b.login(email, PASSWORD);
    const cookie = b.cookie;
    const res = await b.request('DELETE', '/api/v1/session');
    expect(res.status).toBe(204);
    expect(res.headers.get('Set-Cookie')).toMatch(/^bv_session=;.*Max-Age=0/i);
    expect(await sessionCount(t)).toBe(0);

    const replay = new Browser(t);
    replay.cookie = cookie;
    const me = await replay.request('GET', '/api/v1/me');
    expect(me.status).toBe(401);
    expect((await replay.request('GET', '/api/v1/session')).status).toBe(401);
  });

  it('is harmless without a session', async () => {
    const t = await createTestApp();
    const res = await new Browser(t).request('DELETE', '/api/v1/session');
    expect(res.status).toBe(204);
  });

  it('needs the CSRF token when a session cookie is sent', async () => {
    const t = await createTestApp();
    const email = await registerActive(t);
    const b = new Browser(t);
    await b.login(email, PASSWORD);
    const forged = await t.app.request('/api/v1/session', { method: 'DELETE', headers: { Cookie: b.cookie } });
    expect(forged.status).toBe(403);
    expect((await problemOf(forged)).code).toBe('csrf_failed');
    expect(await sessionCount(t)).toBe(1);
    expect((await b.request('GET', '/api/v1/me')).status).toBe(200);
  });
});

describe('accounts that may not log in', () => {
  it('tells an inactive account to activate only when the password is right', async () => {
    const t = await createTestApp();
    const b = new Browser(t);
    await b.request('POST', '/api/v1/accounts', {
      email: 'lea@exemple.fr', password: PASSWORD, pseudo: 'Léa', acceptTerms: true, ageConfirmation: true,
    });
    const right = await b.login('lea@exemple.fr', PASSWORD);
    expect(right.status).toBe(403);
    expect((await problemOf(right)).code).toBe('account_inactive');
    const wrong = await b.login('lea@exemple.fr', 'un mauvais mot de passe');
    expect(wrong.status).toBe(401);
    expect(await sessionCount(t)).toBe(0);
  });

  it('refuses a disabled account, and its existing sessions stop working', async () => {
    const t = await createTestApp();
    const email = await registerActive(t);
    const b = new Browser(t);
    await b.login(email, PASSWORD);
    await t.db.updateTable('accounts').set({ status: 'disabled' }).where('email', '=', email).execute();
    expect((await b.request('GET', '/api/v1/me')).status).toBe(401);
    const res = await new Browser(t).login(email, PASSWORD);
    expect(res.status).toBe(403);
    expect((await problemOf(res)).code).toBe('account_disabled');
  });
});
