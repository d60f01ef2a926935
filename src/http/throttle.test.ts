/** Throttling: per IP and per account, 429 with Retry-After, and never a permanent lockout. */
import { describe, expect, it } from 'vitest';
import { MINUTE, HOUR } from '../lib/clock.ts';
import { memoryRateLimiter } from '../lib/rate-limiter.ts';
import { Browser, PASSWORD, comparable, createTestApp, loggedIn, mailsTo, problemOf, registerActive, type TestApp } from '../testing/test-app.ts';

const proxied = { BV_TRUST_PROXY: 'true' };
const from = (ip: string) => ({ 'X-Forwarded-For': `10.0.0.1, ${ip}` }); // the proxy appends the client last

function login(t: TestApp, email: string, password: string, headers: Record<string, string> = {}) {
  return new Browser(t).request('POST', '/api/v1/session', { email, password }, headers);
}

async function expect429(res: Response, seconds: number): Promise<void> {
  expect(res.status).toBe(429);
  expect(res.headers.get('Retry-After')).toBe(String(seconds));
  const p = await problemOf(res);
  expect(p.code).toBe('rate_limited');
  expect(p.title).toBe(`Trop de tentatives. Réessayez dans ${seconds} secondes.`);
}

describe('login throttling', () => {
  it('limits attempts per account, from any address, until the window ends', async () => {
    const t = await createTestApp({ env: proxied, throttleRules: { loginPerAccount: { limit: 3, windowMs: 15 * MINUTE } } });
    const email = await registerActive(t);
    for (let i = 0; i < 3; i++) expect((await login(t, email, 'mauvais mot de passe', from(`203.0.113.${i}`))).status).toBe(401);
    // Even the right password waits now, from a new address too, and whatever the case of the email.
    await expect429(await login(t, 'Marie@Exemple.fr', PASSWORD, from('198.51.100.7')), 900);
    t.clock.advance(10 * MINUTE);
    await expect429(await login(t, email, PASSWORD), 300);
    // Another account is not affected.
    const other = await registerActive(t, 'pierre@exemple.fr');
    expect((await login(t, other, PASSWORD)).status).toBe(200);

    t.clock.advance(5 * MINUTE);
    expect((await login(t, email, PASSWORD)).status).toBe(200);
  });

  it('forgets failed attempts after a successful login', async () => {
    const t = await createTestApp({ throttleRules: { loginPerAccount: { limit: 2, windowMs: 15 * MINUTE } } });
    const email = await registerActive(t);
    expect((await login(t, email, 'mauvais mot de passe')).status).toBe(401);
    expect((await login(t, email, PASSWORD)).status).toBe(200);
    expect((await login(t, email, 'mauvais mot de passe')).status).toBe(401);
    expect((await login(t, email, PASSWORD)).status).toBe(200);
  });

  it('limits attempts per IP across accounts; other addresses go on', async () => {
    const t = await createTestApp({ env: proxied, throttleRules: { loginPerIp: { limit: 2, windowMs: 15 * MINUTE } } });
    const email = await registerActive(t);
    expect((await login(t, 'a@exemple.fr', PASSWORD, from('203.0.113.9'))).status).toBe(401);
    expect((await login(t, 'b@exemple.fr', PASSWORD, from('203.0.113.9'))).status).toBe(401);
    await expect429(await login(t, email, PASSWORD, from('203.0.113.9')), 900);
    expect((await login(t, email, PASSWORD, from('198.51.100.1'))).status).toBe(200);
    t.clock.advance(15 * MINUTE);
    expect((await login(t, email, PASSWORD, from('203.0.113.9'))).status).toBe(200);
  });

  it('ignores X-Forwarded-For unless the proxy is trusted (no bypass by a forged header)', async () => {
    const t = await createTestApp({ throttleRules: { loginPerIp: { limit: 2, windowMs: 15 * MINUTE } } });
    expect((await login(t, 'a@exemple.fr', PASSWORD, from('203.0.113.1'))).status).toBe(401);
    expect((await login(t, 'b@exemple.fr', PASSWORD, from('203.0.113.2'))).status).toBe(401);
    const res = await login(t, 'c@exemple.fr', PASSWORD, from('203.0.113.3'));
    expect(res.status).toBe(429);
    expect(res.headers.get('Retry-After')).toBe('900');
  });

  it('answers in English with Accept-Language: en', async () => {
    const t = await createTestApp({ throttleRules: { loginPerIp: { limit: 1, windowMs: MINUTE } } });
    await login(t, 'a@exemple.fr', PASSWORD);
    const res = await new Browser(t, 'en').request('POST', '/api/v1/session', { email: 'a@exemple.fr', password: PASSWORD });
    expect(res.status).toBe(429);
    expect((await problemOf(res)).title).toBe('Too many attempts. Try again in 60 seconds.');
  });
});

describe('registration and email link throttling', () => {
  it('limits registrations per IP', async () => {
    const t = await createTestApp({ env: proxied, throttleRules: { registerPerIp: { limit: 1, windowMs: HOUR } } });
    const body = (email: string) => ({ email, password: PASSWORD, pseudo: 'x', acceptTerms: true, ageConfirmation: true });
    const b = new Browser(t);
    expect((await b.request('POST', '/api/v1/accounts', body('a@exemple.fr'), from('203.0.113.5'))).status).toBe(202);
    await expect429(await b.request('POST', '/api/v1/accounts', body('b@exemple.fr'), from('203.0.113.5')), 3600);
    expect((await b.request('POST', '/api/v1/accounts', body('c@exemple.fr'), from('203.0.113.6'))).status).toBe(202);
    t.clock.advance(HOUR);
    expect((await b.request('POST', '/api/v1/accounts', body('b@exemple.fr'), from('203.0.113.5'))).status).toBe(202);
    expect(await mailsTo(t, 'b@exemple.fr')).toHaveLength(1);
  });

  it('limits reset emails per address the same way for known and unknown addresses', async () => {
    const t = await createTestApp({ env: proxied, throttleRules: { emailLinkPerAccount: { limit: 2, windowMs: HOUR } } });
    const email = await registerActive(t);
    const b = new Browser(t);
    const answers: Record<string, Awaited<ReturnType<typeof comparable>>[]> = {};
    for (const address of [email, 'personne@exemple.fr']) {
      answers[address] = [];
      for (let i = 0; i < 3; i++) {
        answers[address]!.push(await comparable(await b.request('POST', '/api/v1/password-reset', { email: address }, from(`203.0.113.${i}`))));
      }
    }
    expect(answers[email]!.map((a) => a.status)).toEqual([202, 202, 429]);
    expect(answers['personne@exemple.fr']).toEqual(answers[email]);
    expect((await mailsTo(t, email)).filter((m) => m.text.includes('/reinitialisation'))).toHaveLength(2);

    // Activation resend shares the same per-address budget.
    expect((await b.request('POST', '/api/v1/accounts/activation/resend', { email })).status).toBe(429);
    t.clock.advance(HOUR);
    expect((await b.request('POST', '/api/v1/password-reset', { email })).status).toBe(202);
  });

  it('limits email links per IP, and link confirmations too', async () => {
    const t = await createTestApp({ throttleRules: { emailLinkPerIp: { limit: 2, windowMs: HOUR } } });
    const b = new Browser(t);
    expect((await b.request('POST', '/api/v1/password-reset', { email: 'a@exemple.fr' })).status).toBe(202);
    expect((await b.request('POST', '/api/v1/accounts/activation/resend', { email: 'b@exemple.fr' })).status).toBe(202);
    await expect429(await b.request('POST', '/api/v1/password-reset', { email: 'c@exemple.fr' }), 3600);
    // Guessing reset tokens is throttled by the same budget.
    const guess = await b.request('POST', '/api/v1/password-reset/confirm', { token: 'devine', password: 'une phrase de passe' });
    expect(guess.status).toBe(429);
    t.clock.advance(HOUR);
    expect((await b.request('POST', '/api/v1/password-reset', { email: 'c@exemple.fr' })).status).toBe(202);
  });
});

describe('throttling of logged-in account changes', () => {
  it('limits password guesses through password change, then lets the owner in again', async () => {
    const t = await createTestApp({ throttleRules: { loginPerAccount: { limit: 2, windowMs: 15 * MINUTE } } });
    const b = await loggedIn(t);
    const body = { currentPassword: 'devinette', newPassword: 'une nouvelle phrase' };
    expect((await b.request('POST', '/api/v1/me/password', body)).status).toBe(422);
    expect((await b.request('POST', '/api/v1/me/password', body)).status).toBe(422);
    await expect429(await b.request('POST', '/api/v1/me/password', { ...body, currentPassword: PASSWORD }), 900);
    await expect429(await b.request('POST', '/api/v1/me/deletion', { currentPassword: PASSWORD }), 900);
    t.clock.advance(15 * MINUTE);
    expect((await b.request('POST', '/api/v1/me/password', { ...body, currentPassword: PASSWORD })).status).toBe(200);
  });

  it('limits API token use per IP', async () => {
    const t = await createTestApp({ throttleRules: { tokenPerIp: { limit: 2, windowMs: MINUTE } } });
    const b = await loggedIn(t);
    const { secret } = (await (await b.request('POST', '/api/v1/me/tokens', { name: 'script', scope: 'read' })).json()) as { secret: string };
    const call = () => t.app.request('/api/v1/me', { headers: { Authorization: `Bearer ${secret}` } });
    expect((await call()).status).toBe(200);
    expect((await call()).status).toBe(200);
    await expect429(await call(), 60);
    t.clock.advance(MINUTE);
    expect((await call()).status).toBe(200);
  });
});

describe('memory rate limiter', () => {
  it('counts within a fixed window, then starts afresh', () => {
    let now = 0;
    const limiter = memoryRateLimiter(() => now);
    expect(limiter.hit('k', 2, 1000)).toEqual({ allowed: true, retryAfterSeconds: 0 });
    expect(limiter.hit('k', 2, 1000).allowed).toBe(true);
    now = 400;
    expect(limiter.hit('k', 2, 1000)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.hit('other', 2, 1000).allowed).toBe(true);
    now = 1000;
    expect(limiter.hit('k', 2, 1000).allowed).toBe(true);
    limiter.hit('k', 2, 1000);
    limiter.reset('k');
    expect(limiter.hit('k', 2, 1000).allowed).toBe(true);
  });
});
