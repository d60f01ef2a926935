/**
 * Who is asking: a browser session (cookie) or a personal API token (Bearer), else an
 * anonymous member's link session (cookie `bv_anon`, spec §A3). Requests
 * made with the cookie and changing state must carry the session's CSRF token; requests
 * without any session must at least come from our own origin (login CSRF). Bearer
 * requests need no CSRF token: browsers never attach them by themselves.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { AppError } from '../lib/errors.ts';
import { safeEqual } from '../lib/secrets.ts';
import type { RateLimiter } from '../lib/rate-limiter.ts';
import type { SessionService } from '../accounts/session.service.ts';
import { SESSION_LIFETIME_MS } from '../accounts/session.service.ts';
import type { AnonymousAccess, AppEnv, Authentication } from './context.ts';
import { throttle, type ThrottleRules } from './throttle.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface AuthOptions {
  sessions: SessionService;
  origin: string;
  secure: boolean;
  limiter: RateLimiter;
  rules: ThrottleRules;
  /** Resolves an anonymous member's link session (cookie `bv_anon`), when no account is logged in. */
  anonymous?: { resolve(token: string): Promise<Omit<AnonymousAccess, 'csrfToken'> | undefined> };
}

/** `__Host-` binds the cookie to this exact origin; browsers only accept it over https. */
export const sessionCookieName = (secure: boolean) => (secure ? '__Host-bv_session' : 'bv_session');

export function setSessionCookie(c: Context<AppEnv>, secure: boolean, token: string): void {
  setCookie(c, sessionCookieName(secure), token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure,
    path: '/',
    maxAge: Math.floor(SESSION_LIFETIME_MS / 1000),
  });
}

export function clearSessionCookie(c: Context<AppEnv>, secure: boolean): void {
  // The name already carries `__Host-`: hono's `prefix: 'host'` option would add it a second
  // time and clear a cookie that does not exist, leaving the real one in the browser.
  deleteCookie(c, sessionCookieName(secure), { path: '/', secure });
}

export const anonymousCookieName = (secure: boolean) => (secure ? '__Host-bv_anon' : 'bv_anon');

/** No Max-Age nor Expires: the anonymous member's session ends with the browser (spec §A3). */
export function setAnonymousCookie(c: Context<AppEnv>, secure: boolean, token: string): void {
  setCookie(c, anonymousCookieName(secure), token, { httpOnly: true, sameSite: 'Lax', secure, path: '/' });
}

export function clearAnonymousCookie(c: Context<AppEnv>, secure: boolean): void {
  deleteCookie(c, anonymousCookieName(secure), { path: '/', secure });
}

export function authenticate(options: AuthOptions): MiddlewareHandler<AppEnv> {
  const { sessions, limiter, rules } = options;
  return async (c, next) => {
    let auth: Authentication | undefined;
    const header = c.req.header('Authorization');
    if (header && /^Bearer\s+/i.test(header)) {
      throttle(limiter, [[`token:ip:${c.get('clientIp')}`, rules.tokenPerIp]]);
      const found = await sessions.resolveToken(header.replace(/^Bearer\s+/i, '').trim());
      if (!found) throw new AppError('unauthenticated', 'unauthenticated');
      throttle(limiter, [[`token:account:${found.account.id}`, rules.tokenPerAccount]]);
      auth = { account: found.account, via: 'token', scope: found.token.scope };
    } else {
      const cookie = getCookie(c, sessionCookieName(options.secure));
      const found = cookie ? await sessions.resolve(cookie) : undefined;
      if (found) {
        auth = {
          account: found.account,
          via: 'session',
          sessionId: found.session.id,
          csrfToken: sessions.csrfTokenFor(found.session.id),
          scope: 'write',
        };
      }
    }
    c.set('auth', auth);
    let anonymous: AnonymousAccess | undefined;
    const anonymousCookie = auth ? undefined : getCookie(c, anonymousCookieName(options.secure));
    if (anonymousCookie && options.anonymous) {
      const found = await options.anonymous.resolve(anonymousCookie);
      // Same CSRF scheme as account sessions: an HMAC of the session id.
      if (found) anonymous = { ...found, csrfToken: sessions.csrfTokenFor(found.sessionId) };
    }
    c.set('anonymous', anonymous);

    if (!SAFE.has(c.req.method)) {
      if (auth?.via === 'token' && auth.scope !== 'write') throw new AppError('forbidden', 'token_scope_read');
      const csrfToken = auth?.via === 'session' ? auth.csrfToken! : anonymous?.csrfToken;
      if (csrfToken !== undefined) {
        const sent = c.req.header('X-CSRF-Token') ?? '';
        if (!safeEqual(sent, csrfToken)) throw new AppError('forbidden', 'csrf_failed');
      } else if (!auth) {
        // No session: refuse forms posted from other sites (login CSRF, spam registrations).
        const origin = c.req.header('Origin');
        const site = c.req.header('Sec-Fetch-Site');
        if ((origin && origin !== options.origin) || site === 'cross-site') throw new AppError('forbidden', 'csrf_failed');
      }
    }
    await next();
  };
}

export const requireAuth: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.get('auth')) throw new AppError('unauthenticated', 'unauthenticated');
  await next();
};

/** Account management (password, email, tokens, sessions, deletion) needs the browser session:
 * a leaked API token must not be able to lock its owner out. */
export const requireSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  const auth = c.get('auth');
  if (!auth) throw new AppError('unauthenticated', 'unauthenticated');
  if (auth.via !== 'session') throw new AppError('forbidden', 'forbidden');
  await next();
};

export function currentAuth(c: Context<AppEnv>): Authentication {
  const auth = c.get('auth');
  if (!auth) throw new AppError('unauthenticated', 'unauthenticated');
  return auth;
}
