/** Security headers, cookie hardening over https, and the CSRF rules of the API. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Browser, ORIGIN, PASSWORD, accountRow, countRows, createTestApp, loggedIn, problemOf, registerActive } from '../testing/test-app.ts';

const HTTPS = 'https://benevoles.example.org';

function expectCommonHeaders(res: Response): void {
  const csp = res.headers.get('Content-Security-Policy') ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('unsafe-eval');
  expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/]+=*'/);
  expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
  expect(res.headers.get('Referrer-Policy')).toBe('same-origin');
  expect(res.headers.get('X-Frame-Options')).toBe('DENY');
}

describe('security headers', () => {
  it('guard the HTML pages; the CSP hash is the one of the inline import map', async () => {
    const t = await createTestApp();
    const res = await t.app.request('/connexion', { headers: { Accept: 'text/html' } });
    expect(res.status).toBe(200);
    expectCommonHeaders(res);
    const html = await res.text();
    const inline = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)].filter(([, attrs]) => !/\bsrc=/.test(attrs!));
    expect(inline).toHaveLength(1); // the import map, nothing else inline
    const hash = createHash('sha256').update(inline[0]![2]!).digest('base64');
    expect(res.headers.get('Content-Security-Policy')).toContain(`'sha256-${hash}'`);
    expect(html).not.toMatch(/\sstyle=|<style/);
    expect(res.headers.get('Strict-Transport-Security')).toBeNull(); // plain http here
  });

  it('guard the API answers, errors included', async () => {
    const t = await createTestApp();
    expectCommonHeaders(await t.app.request('/api/v1/instance'));
    expectCommonHeaders(await t.app.request('/api/v1/me'));
    expectCommonHeaders(await t.app.request('/api/v1/nowhere'));
    expectCommonHeaders(await t.app.request('/health'));
  });

  it('add HSTS and a __Host- Secure cookie only when the site is served over https', async () => {
    const t = await createTestApp({ env: { BV_ORIGIN: HTTPS } });
    const email = await registerActive(t);
    const res = await t.app.request('/api/v1/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: HTTPS },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('Strict-Transport-Security')).toMatch(/^max-age=\d{8,}; includeSubDomains/);
    const cookie = res.headers.get('Set-Cookie') ?? '';
    expect(cookie).toMatch(/^__Host-bv_session=bvs_/);
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/Domain=/i);

    const pair = cookie.split(';')[0]!;
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    const me = await t.app.request('/api/v1/me', { headers: { Cookie: pair } });
    expect(me.status).toBe(200);
    // The plain name is not accepted over https: only the __Host- bound cookie counts.
    const plain = await t.app.request('/api/v1/me', { headers: { Cookie: pair.replace('__Host-', '') } });
    expect(plain.status).toBe(401);

    // Logout clears the very cookie that was set.
    const out = await t.app.request('/api/v1/session', { method: 'DELETE', headers: { Cookie: pair, 'X-CSRF-Token': csrfToken } });
    expect(out.status).toBe(204);
    const cleared = out.headers.get('Set-Cookie') ?? '';
    expect(cleared).toMatch(/^__Host-bv_session=;/);
    expect(cleared).toMatch(/Max-Age=0/i);
    expect(cleared).toMatch(/; Secure/i);
    expect((await t.app.request('/api/v1/me', { headers: { Cookie: pair } })).status).toBe(401);
  });
});

describe('CSRF protection of cookie sessions', () => {
  const changes: [string, string, unknown][] = [
    ['PATCH', '/api/v1/me', { pseudo: 'pirate' }],
    ['POST', '/api/v1/me/deletion', { currentPassword: PASSWORD }],
    ['POST', '/api/v1/me/password', { currentPassword: PASSWORD, newPassword: 'pirate pirate pirate' }],
    ['POST', '/api/v1/me/email', { newEmail: 'pirate@exemple.fr', currentPassword: PASSWORD }],
    ['POST', '/api/v1/me/tokens', { name: 'pirate', scope: 'write' }],
    ['DELETE', '/api/v1/me/avatar', undefined],
    ['POST', '/api/v1/sessions/revoke-others', undefined],
  ];

  it.each(['missing', 'wrong', 'of another session'] as const)('refuses every change with a %s token (403) and changes nothing', async (kind) => {
    const t = await createTestApp();
    const b = await loggedIn(t);
    const other = new Browser(t);
    await other.login('marie@exemple.fr', PASSWORD);
    const before = await accountRow(t, 'marie@exemple.fr');
    for (const [method, path, body] of changes) {
      const headers: Record<string, string> = { Cookie: b.cookie, Origin: ORIGIN, 'Content-Type': 'application/json' };
      if (kind === 'wrong') headers['X-CSRF-Token'] = `${b.csrfToken.slice(0, -2)}xx`;
      if (kind === 'of another session') headers['X-CSRF-Token'] = other.csrfToken;
      const res = await t.app.request(path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
      expect(res.status, `${method} ${path}`).toBe(403);
      const p = await problemOf(res);
      expect(p.code).toBe('csrf_failed');
      expect(p.title).toBe('La page a expiré. Rechargez-la puis recommencez.');
    }
    expect(await accountRow(t, 'marie@exemple.fr')).toEqual(before);
    expect(await countRows(t, 'sessions')).toBe(2);
    expect(await countRows(t, 'api_tokens')).toBe(0);
    expect(t.mailer.sent.filter((m) => m.to === 'pirate@exemple.fr')).toHaveLength(0);
  });

  it('lets reads through without a token', async () => {
    const t = await createTestApp();
    const b = await loggedIn(t);
    const res = await t.app.request('/api/v1/me', { headers: { Cookie: b.cookie } });
    expect(res.status).toBe(200);
  });

  it('refuses unauthenticated posts from another site (foreign Origin or Sec-Fetch-Site)', async () => {
    const t = await createTestApp();
    const email = await registerActive(t);
    const post = (path: string, body: unknown, headers: Record<string, string>) =>
      t.app.request(path, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });

    const foreignLogin = await post('/api/v1/session', { email, password: PASSWORD }, { Origin: 'https://evil.example' });
    expect(foreignLogin.status).toBe(403);
    expect(foreignLogin.headers.get('Set-Cookie')).toBeNull();
    const crossSite = await post('/api/v1/session', { email, password: PASSWORD }, { 'Sec-Fetch-Site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    const lookalike = await post('/api/v1/session', { email, password: PASSWORD }, { Origin: `${ORIGIN}.evil.example` });
    expect(lookalike.status).toBe(403);
    const register = await post(
      '/api/v1/accounts',
      { email: 'spam@exemple.fr', password: PASSWORD, pseudo: 'spam', acceptTerms: true, ageConfirmation: true },
      { Origin: 'null' },
    );
    expect(register.status).toBe(403);
    expect((await problemOf(register)).code).toBe('csrf_failed');
    expect(await countRows(t, 'sessions')).toBe(0);
    expect(await countRows(t, 'accounts')).toBe(1);

    // Same site, or a client that is no browser at all (no Origin), is fine.
    expect((await post('/api/v1/session', { email, password: PASSWORD }, { Origin: ORIGIN, 'Sec-Fetch-Site': 'same-origin' })).status).toBe(200);
    expect((await post('/api/v1/session', { email, password: PASSWORD }, {})).status).toBe(200);
  });

  it('needs no CSRF token for Bearer requests, even alongside a cookie', async () => {
    const t = await createTestApp();
    const b = await loggedIn(t);
    const created = await b.request('POST', '/api/v1/me/tokens', { name: 'script', scope: 'write' });
    const { secret } = (await created.json()) as { secret: string };
    const res = await t.app.request('/api/v1/me', {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json', Origin: 'https://ailleurs.example' },
      body: JSON.stringify({ pseudo: 'script' }),
    });
    expect(res.status).toBe(200);
    expect((await accountRow(t, 'marie@exemple.fr')).pseudo).toBe('script');
  });
});
