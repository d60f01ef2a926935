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
  // Notification emails leave through the job queue, as in production.
  await built.services.jobs.start();
  // Fedify's queue is not polled in tests: drainFederation() runs what it holds at once.
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
    const h: Record<string, string> = { 'Accept-Language': this.lang, Origin: this.t.config.origin, ...headers };
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
  const token = await lastLinkToken(t, email.trim().toLowerCase(), '/activation');
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

/** The body of an application/problem+json answer (RFC 9457). */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  errors?: { field: string; code: string; message: string }[];
}

/** Reads a problem answer, checking its media type first. */
export async function problemOf(res: Response): Promise<ProblemBody> {
  const type = res.headers.get('Content-Type') ?? '';
  if (!type.startsWith('application/problem+json')) throw new Error(`not a problem (${res.status} ${type}): ${await res.text()}`);
  return (await res.json()) as ProblemBody;
}

/** The fields a problem names, in order. */
export const fieldsOf = (p: ProblemBody): string[] => (p.errors ?? []).map((e) => e.field);

/** The error a problem gives for one field. */
export function errorOn(p: ProblemBody, field: string): { field: string; code: string; message: string } {
  const e = p.errors?.find((x) => x.field === field);
  if (!e) throw new Error(`no error on ${field} in ${JSON.stringify(p)}`);
  return e;
}

/** Status and body of an answer without the per-request `instance` id, for byte-for-byte comparisons. */
export async function comparable(res: Response): Promise<{ status: number; type: string | null; body: string }> {
  const text = await res.text();
  let body = text;
  if (text.startsWith('{')) {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    delete parsed.instance;
    body = JSON.stringify(parsed);
  }
  return { status: res.status, type: res.headers.get('Content-Type'), body };
}

/**
 * Runs the jobs and Fedify's queued messages until both are empty (an outbox job may
 * call sendActivity, whose fan-out enqueues deliveries); returns how many ran.
 */
export async function drainFederation(t: TestApp): Promise<number> {
  let total = 0;
  for (;;) {
    const ran = (await t.services.jobs.drain()) + (await t.services.federationQueue.drain());
    if (ran === 0) return total;
    total += ran;
  }
}

/**
 * Runs the jobs and Fedify's queue until nothing is left to send: no delivery waiting (a
 * delivered row goes once the remote inbox answered) and no outbox job held (a background
 * worker may hold one whose publisher then queues for Fedify).
 */
export async function settleFederation(t: TestApp): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const ran = await drainFederation(t);
    const waiting = await t.db.selectFrom('deliveries').select('id').where('status', '!=', 'dead').execute();
    const outbox = await t.db.selectFrom('jobs').select('id').where('queue', '=', 'outbox').where('failed_at', 'is', null).execute();
    if (ran === 0 && waiting.length === 0 && outbox.length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('deliveries still waiting');
}

/** Every message sent to `to` so far (after pending deliveries). */
export async function mailsTo(t: TestApp, to: string) {
  await t.services.accounts.flush();
  await t.services.jobs.drain();
  return t.mailer.sent.filter((m) => m.to === to);
}

/** The token of the last link to `<origin><pagePath>?token=` emailed to `to`. */
export async function lastLinkToken(t: TestApp, to: string, pagePath: string): Promise<string> {
  const prefix = `${t.config.origin}${pagePath}?token=`;
  const mail = (await mailsTo(t, to)).filter((m) => m.text.includes(prefix)).pop();
  if (!mail) throw new Error(`no ${pagePath} link emailed to ${to}`);
  const token = new URL(linkIn(mail.text, prefix)).searchParams.get('token');
  if (!token) throw new Error(`empty token in ${pagePath} link`);
  return token;
}

/** Number of rows of a table (optionally of one account). */
export async function countRows(
  t: TestApp,
  table: 'accounts' | 'sessions' | 'api_tokens' | 'email_tokens' | 'avatars',
  accountId?: string,
): Promise<number> {
  let q = t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
  if (accountId) q = q.where(table === 'accounts' ? 'id' : 'account_id', '=', accountId);
  const row = await q.executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The stored row of an account, by email. */
export function accountRow(t: TestApp, email: string) {
  return t.db.selectFrom('accounts').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
}
