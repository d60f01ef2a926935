/** Account deletion: needs the current password; personal data emptied, « Ancien membre n° N », access gone. */
import { describe, expect, it } from 'vitest';
import { displayName } from './account.view.ts';
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

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);

describe('account deletion', () => {
  it('empties the account, keeps a numbered pseudonym, ends sessions, tokens, links and avatar', async () => {
    const t = await createTestApp();
    const b = await loggedIn(t);
    const other = new Browser(t);
    await other.login('marie@exemple.fr', PASSWORD);
    const created = await b.request('POST', '/api/v1/me/tokens', { name: 'tableur', scope: 'read' });
    const { secret } = (await created.json()) as { secret: string };
    await b.request('PUT', '/api/v1/me/avatar', PNG, { 'Content-Type': 'image/png' });
    await b.request('POST', '/api/v1/password-reset', { email: 'marie@exemple.fr' });
    const resetToken = await lastLinkToken(t, 'marie@exemple.fr', '/reinitialisation');
    const { id } = await accountRow(t, 'marie@exemple.fr');

    const res = await b.request('POST', '/api/v1/me/deletion', { currentPassword: PASSWORD });
    expect(res.status).toBe(204);
    expect(res.headers.get('Set-Cookie')).toMatch(/^bv_session=;.*Max-Age=0/i);

    const row = await t.db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      email: null,
      password_hash: null,
      first_name: null,
      last_name: null,
      pseudo: null,
      status: 'deleted',
      is_admin: 0,
      former_member_number: 1,
    });
    expect(row.deleted_at).not.toBeNull();
    expect(displayName(row)).toBe('Ancien membre n° 1');
    for (const table of ['sessions', 'api_tokens', 'email_tokens', 'avatars'] as const) {
      expect(await countRows(t, table, id)).toBe(0);
    }

    expect((await other.request('GET', '/api/v1/me')).status).toBe(401);
    expect((await t.app.request('/api/v1/me', { headers: { Authorization: `Bearer ${secret}` } })).status).toBe(401);
    expect((await t.app.request(`/api/v1/accounts/${id}/avatar`)).status).toBe(404);
    const reset = await new Browser(t).request('POST', '/api/v1/password-reset/confirm', { token: resetToken, password: 'une autre phrase de passe' });
    expect(reset.status).toBe(422);
    expect((await new Browser(t).login('marie@exemple.fr', PASSWORD)).status).toBe(401);
  });

  it('numbers former members one after the other', async () => {
    const t = await createTestApp();
    for (const [n, email] of [[1, 'a@exemple.fr'], [2, 'b@exemple.fr']] as const) {
      const b = await loggedIn(t, email);
      const { id } = await accountRow(t, email);
      expect((await b.request('POST', '/api/v1/me/deletion', { currentPassword: PASSWORD })).status).toBe(204);
      const row = await t.db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(displayName(row)).toBe(`Ancien membre n° ${n}`);
    }
  });

  it('lets the email address be registered again afterwards', async () => {
    const t = await createTestApp();
    const b = await loggedIn(t);
    await b.request('POST', '/api/v1/me/deletion', { currentPassword: PASSWORD });
    const mailsBefore = (await mailsTo(t, 'marie@exemple.fr')).length;
    await registerActive(t, 'marie@exemple.fr');
    expect(await countRows(t, 'accounts')).toBe(2);
    expect((await mailsTo(t, 'marie@exemple.fr')).length).toBe(mailsBefore + 1); // a fresh activation link
    const again = new Browser(t);
    expect((await again.login('marie@exemple.fr', PASSWORD)).status).toBe(200);
    expect(await (await again.request('GET', '/api/v1/me')).json()).toMatchObject({ displayName: 'Marie Curie' });
  });

  it('refuses a wrong password with 422 naming currentPassword, and keeps everything', async () => {
    const t = await createTestApp();
    const b = await loggedIn(t);
    const before = await accountRow(t, 'marie@exemple.fr');
    const res = await b.request('POST', '/api/v1/me/deletion', { currentPassword: 'pas le bon' });
    expect(res.status).toBe(422);
    const p = await problemOf(res);
    expect(fieldsOf(p)).toEqual(['currentPassword']);
    expect(errorOn(p, 'currentPassword').code).toBe('password_wrong');
    expect(await accountRow(t, 'marie@exemple.fr')).toEqual(before);
    expect((await b.request('GET', '/api/v1/me')).status).toBe(200);
  });

  it('names a missing or malformed password and keeps everything', async () => {
    const t = await createTestApp();
    const b = await loggedIn(t);
    for (const [body, code] of [[{}, 'required'], [{ currentPassword: '' }, 'required'], [{ currentPassword: true }, 'invalid'], [{ currentPassword: 'z'.repeat(257) }, 'too_long']] as const) {
      const res = await b.request('POST', '/api/v1/me/deletion', body);
      expect(res.status).toBe(422);
      expect(errorOn(await problemOf(res), 'currentPassword').code).toBe(code);
    }
    expect((await accountRow(t, 'marie@exemple.fr')).status).toBe('active');
  });

  it('needs the CSRF token and a browser session (not an API token)', async () => {
    const t = await createTestApp();
    const b = await loggedIn(t);
    const created = await b.request('POST', '/api/v1/me/tokens', { name: 'script', scope: 'write' });
    const { secret } = (await created.json()) as { secret: string };
    const csrf = b.csrfToken;
    b.csrfToken = 'faux';
    expect((await b.request('POST', '/api/v1/me/deletion', { currentPassword: PASSWORD })).status).toBe(403);
    b.csrfToken = csrf;
    const viaToken = await t.app.request('/api/v1/me/deletion', {
      method: 'POST',
      headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ currentPassword: PASSWORD }),
    });
    expect(viaToken.status).toBe(403);
    expect((await accountRow(t, 'marie@exemple.fr')).status).toBe('active');
  });
});
