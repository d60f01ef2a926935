/**
 * Builds an isolated instance for HTTP tests: a fresh migrated in-memory database, a
 * memory mailer, a manual clock, and a small helper that keeps cookies and the CSRF
 * token like a browser does. Only imported by *.test.ts files.
 */
import { loadConfig, type Config } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrator.ts';
import { ManualClock } from '../lib/clock.ts';
import { memoryRateLimiter } from '../lib/rate-limiter.ts';
import { MemoryMailer, linkIn, type Mailer } from '../mail/mailer.ts';
import { createApp } from '../app.ts';
import type { ThrottleRules } from '../http/throttle.ts';
import { defaultThrottleRules } from '../http/throttle.ts';

export const ORIGIN = 'http://localhost:3000';

export async function createTestApp(
  options: { env?: Record<string, string>; throttleRules?: Partial<ThrottleRules>; mailer?: Mailer } = {},
) {
  const config: Config = loadConfig({ BV_ENV: 'test', BV_ORIGIN: ORIGIN, BV_DATA_DIR: '/nonexistent', ...options.env });
  const database = openDatabase(':memory:');
  await migrateToLatest(database.db);
  const clock = new ManualClock();
  const mailer = new MemoryMailer();
  const limiter = memoryRateLimiter(() => clock.now().getTime());
  const built = createApp({
    config: { ...config, secret: 'test-secret-test-secret-test-secret-0123' },
    db: database.db,
    mailer: options.mailer ?? mailer,
    clock,
    limiter,
    throttleRules: { ...defaultThrottleRules, ...options.throttleRules },
  });
  return { ...built, db: database.db, database, clock, mailer, config };
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** A browser-like client: keeps the session cookie and sends the CSRF token on changes. */
export class Browser {
  cookie = '';
  csrfToken = '';
  private readonly t: TestApp;
  lang: string;
  constructor(t: TestApp, lang = 'fr') {
    this.t = t;
    this.lang = lang;
  }

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const h: Record<string, string> = { 'Accept-Language': this.lang, Origin: ORIGIN, ...headers };
    if (this.cookie) h.Cookie = this.cookie;
    if (this.csrfToken && method !== 'GET') h['X-CSRF-Token'] = this.csrfToken;
    let payload: BodyInit | undefined;
    if (body instanceof Uint8Array) payload = body as BodyInit;
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      h['Content-Type'] ??= 'application/json';
    }
    const res = await this.t.app.request(path, { method, headers: h, ...(payload !== undefined ? { body: payload } : {}) });
    const setCookie = res.headers.get('Set-Cookie');
    if (setCookie) {
      const [pair] = setCookie.split(';');
      this.cookie = /=$/.test(pair!) || /Max-Age=0/i.test(setCookie) ? '' : pair!;
    }
    return res;
  }

  async login(email: string, password: string): Promise<Response> {
    const res = await this.request('POST', '/api/v1/session', { email, password });
    if (res.status === 200) this.csrfToken = ((await res.clone().json()) as { csrfToken: string }).csrfToken;
    return res;
  }
}

export const PASSWORD = 'une longue phrase de passe';

/** Registers and activates an account through the real flow; returns its email. */
export async function registerActive(t: TestApp, email = 'marie@exemple.fr', extra: Record<string, unknown> = {}): Promise<string> {
  const b = new Browser(t);
  const res = await b.request('POST', '/api/v1/accounts', {
    email,
    password: PASSWORD,
    firstName: 'Marie',
    lastName: 'Curie',
    acceptTerms: true,
    ageConfirmation: true,
    ...extra,
  });
  if (res.status !== 202) throw new Error(`register failed: ${res.status} ${await res.text()}`);
  const mail = await t.mailer.waitFor(email, (m) => m.text.includes('/activation?token='));
  const token = new URL(linkIn(mail.text, `${ORIGIN}/activation`)).searchParams.get('token');
  const act = await b.request('POST', '/api/v1/accounts/activation', { token });
  if (act.status !== 200) throw new Error(`activation failed: ${act.status} ${await act.text()}`);
  return email;
}

export async function loggedIn(t: TestApp, email?: string): Promise<Browser> {
  const e = await registerActive(t, email);
  const b = new Browser(t);
  const res = await b.login(e, PASSWORD);
  if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
  return b;
}
