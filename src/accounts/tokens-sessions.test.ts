/** Personal API tokens (scopes, expiry, revocation, stored hashed) and the list of active sessions. */
import { beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../lib/clock.ts';
import { Browser, PASSWORD, countRows, createTestApp, errorOn, fieldsOf, loggedIn, problemOf, type TestApp } from '../testing/test-app.ts';

interface TokenJson {
  id: string;
  name: string;
  scope: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
}

async function createToken(b: Browser, body: Record<string, unknown>): Promise<{ token: TokenJson; secret: string }> {
  const res = await b.request('POST', '/api/v1/me/tokens', body);
  if (res.status !== 201) throw new Error(`token creation failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as { token: TokenJson; secret: string };
}

async function bearer(t: TestApp, secret: string, method: string, path: string, body?: unknown): Promise<Response> {
  return t.app.request(path, {
    method,
    headers: { Authorization: `Bearer ${secret}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

describe('API tokens', () => {
  it('shows the secret once, stores only its hash, and lists tokens without it', async () => {
    const t = await createTestApp();
    const b = await loggedIn(t);
    const { token, secret } = await createToken(b, { name: '  Tableur ', scope: 'read' });
    expect(secret).toMatch(/^bvt_[A-Za-z0-9_-]{40,}$/);
    expect(token).toMatchObject({ name: 'Tableur', scope: 'read', lastUsedAt: null });
    expect(new Date(token.expiresAt!).getTime() - new Date(token.createdAt).getTime()).toBe(90 * DAY); // default

    const stored = await t.db.selectFrom('api_tokens').selectAll().executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toBe(secret);
    expect(stored.token_hash).not.toContain(secret.slice(4));

    const list = await b.request('GET', '/api/v1/me/tokens');
    expect(list.status).toBe(200);
    const text = await list.text();
    expect(text).not.toContain(secret);
    expect(text).not.toContain(stored.token_hash);
    expect(JSON.parse(text)).toEqual({ items: [token] });
  });

  it('lets a read token read but not change (403), and a write token change without CSRF', async () => {
    const t = await createTestApp();
    const b = await loggedIn(t);
    const read = await createToken(b, { name: 'lecture', scope: 'read', expiresInDays: 30 });
    const write = await createToken(b, { name: 'écriture', scope: 'write', expiresInDays: null });
    expect(write.token.expiresAt).toBeNull();

    const me = await bearer(t, read.secret, 'GET', '/api/v1/me');
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ email: 'marie@exemple.fr' });

    const refused = await bearer(t, read.secret, 'PATCH', '/api/v1/me', { pseudo: 'lecture' });
    expect(refused.status).toBe(403);
    expect((await problemOf(refused)).code).toBe('token_scope_read');
    expect((await t.db.selectFrom('accounts').select('pseudo').executeTakeFirstOrThrow()).pseudo).toBeNull();

    const changed = await bearer(t, write.secret, 'PATCH', '/api/v1/me', { pseudo: 'script' });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ pseudo: 'script' });

    const listed = (await (await b.request('GET', '/api/v1/me/tokens')).json()) as { items: TokenJson[] };
    expect(listed.items.find((x) => x.id === read.token.id)?.lastUsedAt).not.toBeNull();
  });

  it('refuses a revoked token, an expired one and a made-up one with 401', async () => {
    const t = await createTestApp();
    const b = await loggedIn(t);
    const revoked = await createToken(b, { name: 'révoqué', scope: 'write' });
    const short = await createToken(b, { name: 'court', scope: 'read', expiresInDays: 30 });
    const long = await createToken(b, { name: 'long', scope: 'read', expiresInDays: 365 });

    expect((await b.request('DELETE', `/api/v1/me/tokens/${revoked.token.id}`)).status).toBe(204);
    const gone = await bearer(t, revoked.secret, 'GET', '/api/v1/me');
    expect(gone.status).toBe(401);
    expect((await problemOf(gone)).code).toBe('unauthenticated');
    expect((await b.request('DELETE', `/api/v1/me/tokens/${revoked.token.id}`)).status).toBe(404);

    t.clock.advance(30 * DAY + 1000);
    expect((await bearer(t, short.secret, 'GET', '/api/v1/me')).status).toBe(401);
    expect((await bearer(t, long.secret, 'GET', '/api/v1/me')).status).toBe(200);
    expect((await bearer(t, 'bvt_invente', 'GET', '/api/v1/me')).status).toBe(401);
    // A bad token is refused even on public routes: the client should learn its token is dead.
    expect((await bearer(t, 'bvt_invente', 'GET', '/api/v1/instance')).status).toBe(401);
  });

  it('cannot manage tokens, sessions, password or email (browser session only)', async () => {
    const t = await createTestApp();
    const b = await loggedIn(t);
    const { secret, token } = await createToken(b, { name: 'écriture', scope: 'write' });
    const attempts: [string, string, unknown][] = [
      ['GET', '/api/v1/me/tokens', undefined],
      ['POST', '/api/v1/me/tokens', { name: 'encore', scope: 'write' }],
      ['DELETE', `/api/v1/me/tokens/${token.id}`, undefined],
      ['GET', '/api/v1/sessions', undefined],
      ['POST', '/api/v1/sessions/revoke-others', undefined],
      ['POST', '/api/v1/me/password', { currentPassword: PASSWORD, newPassword: 'une autre phrase de passe' }],
      ['POST', '/api/v1/me/email', { newEmail: 'pirate@exemple.fr', currentPassword: PASSWORD }],
    ];
    for (const [method, path, body] of attempts) {
      const res = await bearer(t, secret, method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect((await problemOf(res)).code).toBe('forbidden');
    }
    expect(await countRows(t, 'api_tokens')).toBe(1);
    expect(await countRows(t, 'sessions')).toBe(1);
    expect((await new Browser(t).login('marie@exemple.fr', PASSWORD)).status).toBe(200);
  });

  it('cannot revoke a token of someone else', async () => {
    const t = await createTestApp();
    const marie = await loggedIn(t, 'marie@exemple.fr');
    const pierre = await loggedIn(t, 'pierre@exemple.fr');
    const { token, secret } = await createToken(marie, { name: 'à moi', scope: 'read' });
    expect((await pierre.request('DELETE', `/api/v1/me/tokens/${token.id}`)).status).toBe(404);
    expect((await bearer(t, secret, 'GET', '/api/v1/me')).status).toBe(200);
    expect((await (await pierre.request('GET', '/api/v1/me/tokens')).json())).toEqual({ items: [] });
  });

  const bad: [Record<string, unknown>, string, string][] = [
    [{ scope: 'read' }, 'name', 'required'],
    [{ name: '   ', scope: 'read' }, 'name', 'required'],
    [{ name: 'x'.repeat(61), scope: 'read' }, 'name', 'too_long'],
    [{ name: 'jeton' }, 'scope', 'invalid_choice'],
    [{ name: 'jeton', scope: 'admin' }, 'scope', 'invalid_choice'],
    [{ name: 'jeton', scope: 'read', expiresInDays: 7 }, 'expiresInDays', 'invalid'],
    [{ name: 'jeton', scope: 'read', expiresInDays: '30' }, 'expiresInDays', 'invalid'],
  ];
  describe('bad input', () => {
    let t: TestApp;
    let b: Browser;
    beforeAll(async () => {
      t = await createTestApp();
      b = await loggedIn(t);
    });
    it.each(bad)('refuses %j naming the field', async (body, field, code) => {
    const res = await b.request('POST', '/api/v1/me/tokens', body);
    expect(res.status).toBe(422);
    const p = await problemOf(res);
    expect(fieldsOf(p)).toEqual([field]);
    expect(errorOn(p, field).code).toBe(code);
    expect(await countRows(t, 'api_tokens')).toBe(0);
    });
  });
});

describe('sessions', () => {
  it('lists active sessions, marking the current one', async () => {
    const t = await createTestApp();
    const b = await loggedIn(t);
    const phone = new Browser(t);
    await phone.request('POST', '/api/v1/session', { email: 'marie@exemple.fr', password: PASSWORD }, { 'User-Agent': 'Téléphone' });
    const res = await b.request('GET', '/api/v1/sessions');
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: { id: string; current: boolean; userAgent: string | null }[] };
    expect(items).toHaveLength(2);
    expect(items.filter((s) => s.current)).toHaveLength(1);
    expect(items.find((s) => !s.current)?.userAgent).toBe('Téléphone');
    expect(JSON.stringify(items)).not.toContain(b.cookie.split('=')[1]);
  });

  it('ends one chosen session', async () => {
    const t = await createTestApp();
    const b = await loggedIn(t);
    const phone = new Browser(t);
    await phone.login('marie@exemple.fr', PASSWORD);
    const { items } = (await (await b.request('GET', '/api/v1/sessions')).json()) as { items: { id: string; current: boolean }[] };
    const other = items.find((s) => !s.current)!;
    expect((await b.request('DELETE', `/api/v1/sessions/${other.id}`)).status).toBe(204);
    expect((await phone.request('GET', '/api/v1/me')).status).toBe(401);
    expect((await b.request('GET', '/api/v1/me')).status).toBe(200);
    expect((await b.request('DELETE', `/api/v1/sessions/${other.id}`)).status).toBe(404);
  });

  it('“log out everywhere else” keeps only the current session', async () => {
    const t = await createTestApp();
    const b = await loggedIn(t);
    const others = [new Browser(t), new Browser(t)];
    for (const o of others) await o.login('marie@exemple.fr', PASSWORD);
    expect((await b.request('POST', '/api/v1/sessions/revoke-others')).status).toBe(204);
    for (const o of others) expect((await o.request('GET', '/api/v1/me')).status).toBe(401);
    const { items } = (await (await b.request('GET', '/api/v1/sessions')).json()) as { items: { current: boolean }[] };
    expect(items).toEqual([expect.objectContaining({ current: true })]);
  });

  it('names a malformed session id', async () => {
    const t = await createTestApp();
    const b = await loggedIn(t);
    const res = await b.request('DELETE', `/api/v1/sessions/${'x'.repeat(65)}`);
    expect(res.status).toBe(422);
    expect(errorOn(await problemOf(res), 'id').code).toBe('too_long');
    const token = await b.request('DELETE', `/api/v1/me/tokens/${'x'.repeat(65)}`);
    expect(fieldsOf(await problemOf(token))).toEqual(['id']);
    expect(await countRows(t, 'sessions')).toBe(1);
  });

  it('cannot end a session of someone else', async () => {
    const t = await createTestApp();
    const marie = await loggedIn(t, 'marie@exemple.fr');
    const pierre = await loggedIn(t, 'pierre@exemple.fr');
    const { items } = (await (await marie.request('GET', '/api/v1/sessions')).json()) as { items: { id: string }[] };
    const res = await pierre.request('DELETE', `/api/v1/sessions/${items[0]!.id}`);
    expect(res.status).toBe(404);
    expect((await marie.request('GET', '/api/v1/me')).status).toBe(200);
  });

  it('needs the CSRF token to end sessions', async () => {
    const t = await createTestApp();
    const b = await loggedIn(t);
    const phone = new Browser(t);
    await phone.login('marie@exemple.fr', PASSWORD);
    b.csrfToken = 'x';
    expect((await b.request('POST', '/api/v1/sessions/revoke-others')).status).toBe(403);
    expect((await phone.request('GET', '/api/v1/me')).status).toBe(200);
  });
});
