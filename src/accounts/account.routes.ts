/** Public account flows: registration, activation, login/logout, password reset. Thin: rules live in the services. */
import { createRoute } from '@hono/zod-openapi';
import { json, jsonBody, newRouter, noContent, problems } from '../http/openapi.ts';
import { clearSessionCookie, currentAuth, setSessionCookie } from '../http/auth.middleware.ts';
import { throttle, type ThrottleRules } from '../http/throttle.ts';
import type { RateLimiter } from '../lib/rate-limiter.ts';
import type { AccountService } from './account.service.ts';
import type { SessionService } from './session.service.ts';
import { toAccountView } from './account.view.ts';
import { EmailBody, LoginBody, RegisterBody, ResetConfirmBody, SessionInfo, Status, TokenBody } from './account.schema.ts';

export interface AccountRoutesDeps {
  accounts: AccountService;
  sessions: SessionService;
  limiter: RateLimiter;
  rules: ThrottleRules;
  secure: boolean;
}

const tags = ['Comptes / Accounts'];

export function accountRoutes(deps: AccountRoutesDeps) {
  const { accounts, sessions, limiter, rules } = deps;
  const app = newRouter();

  app.openapi(
    createRoute({
      method: 'post', path: '/accounts', tags, summary: 'Register (creates an inactive account and emails an activation link)',
      request: jsonBody(RegisterBody),
      responses: { 202: json(Status, 'Activation email sent (same answer for known emails)'), ...problems },
    }),
    async (c) => {
      throttle(limiter, [[`register:ip:${c.get('clientIp')}`, rules.registerPerIp]]);
      await accounts.register(c.req.valid('json'));
      return c.json({ status: 'activation_sent' }, 202);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/accounts/activation', tags, summary: 'Activate an account with the emailed token',
      request: jsonBody(TokenBody), responses: { 200: json(Status, 'Activated'), ...problems },
    }),
    async (c) => {
      await accounts.activate(c.req.valid('json').token);
      return c.json({ status: 'activated' }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/accounts/activation/resend', tags, summary: 'Send the activation link again',
      request: jsonBody(EmailBody), responses: { 202: json(Status, 'Sent if the account awaits activation'), ...problems },
    }),
    async (c) => {
      const { email } = c.req.valid('json');
      throttle(limiter, [[`link:ip:${c.get('clientIp')}`, rules.emailLinkPerIp], [`link:account:${email}`, rules.emailLinkPerAccount]]);
      await accounts.resendActivation(email);
      return c.json({ status: 'sent_if_pending' }, 202);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/session', tags, summary: 'Log in (sets the session cookie)',
      request: jsonBody(LoginBody), responses: { 200: json(SessionInfo, 'Logged in'), ...problems },
    }),
    async (c) => {
      const { email, password } = c.req.valid('json');
      const accountKey = `login:account:${email}`;
      throttle(limiter, [[`login:ip:${c.get('clientIp')}`, rules.loginPerIp], [accountKey, rules.loginPerAccount]]);
      const account = await accounts.authenticate(email, password);
      limiter.reset(accountKey);
      // A previous session on this browser ends: the session id always changes at login.
      const previous = c.get('auth');
      if (previous?.sessionId) await sessions.revoke(previous.account.id, previous.sessionId).catch(() => undefined);
      const { token, session } = await sessions.open(account.id, c.req.header('User-Agent') ?? null);
      setSessionCookie(c, deps.secure, token);
      const view = toAccountView(account, await accounts.avatarUpdatedAt(account.id));
      return c.json({ account: view, csrfToken: sessions.csrfTokenFor(session.id) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/session', tags, summary: 'The current session (and its CSRF token)',
      responses: { 200: json(SessionInfo, 'Logged in'), 401: problems[401] },
    }),
    async (c) => {
      const auth = currentAuth(c);
      const view = toAccountView(auth.account, await accounts.avatarUpdatedAt(auth.account.id));
      return c.json({ account: view, csrfToken: auth.csrfToken ?? '' }, 200);
    },
  );

  app.openapi(
    createRoute({ method: 'delete', path: '/session', tags, summary: 'Log out', responses: { ...noContent, ...problems } }),
    async (c) => {
      const auth = c.get('auth');
      if (auth?.sessionId) await sessions.revoke(auth.account.id, auth.sessionId).catch(() => undefined);
      clearSessionCookie(c, deps.secure);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/password-reset', tags, summary: 'Email a password reset link (same answer for every email)',
      request: jsonBody(EmailBody), responses: { 202: json(Status, 'Sent if the account exists'), ...problems },
    }),
    async (c) => {
      const { email } = c.req.valid('json');
      throttle(limiter, [[`link:ip:${c.get('clientIp')}`, rules.emailLinkPerIp], [`link:account:${email}`, rules.emailLinkPerAccount]]);
      await accounts.requestPasswordReset(email);
      return c.json({ status: 'sent_if_known' }, 202);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/password-reset/confirm', tags, summary: 'Choose a new password with the emailed token',
      request: jsonBody(ResetConfirmBody), responses: { 200: json(Status, 'Password changed; every session ended'), ...problems },
    }),
    async (c) => {
      throttle(limiter, [[`link:ip:${c.get('clientIp')}`, rules.emailLinkPerIp]]);
      const { token, password } = c.req.valid('json');
      await accounts.confirmPasswordReset(token, password);
      return c.json({ status: 'password_changed' }, 200);
    },
  );

  return app;
}
