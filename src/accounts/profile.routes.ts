/** The logged-in person's own account: profile, avatar, password, email, deletion. */
import { createRoute, z } from '@hono/zod-openapi';
import { json, jsonBody, newRouter, noContent, problems } from '../http/openapi.ts';
import { clearSessionCookie, currentAuth, requireAuth, requireSession, setSessionCookie } from '../http/auth.middleware.ts';
import { throttle } from '../http/throttle.ts';
import { AppError } from '../lib/errors.ts';
import type { AccountRoutesDeps } from './account.routes.ts';
import { toAccountView } from './account.view.ts';
import { Account, ChangeEmailBody, ChangePasswordBody, CsrfOnly, CurrentPasswordBody, IdParam, ProfileBody, Status, TokenBody } from './account.schema.ts';

const tags = ['Profil / Profile'];
const image = { schema: z.string().openapi({ format: 'binary' }) };

export function profileRoutes(deps: AccountRoutesDeps) {
  const { accounts, sessions, limiter, rules } = deps;
  const app = newRouter();
  const view = async (id: string) => toAccountView(await accounts.get(id), await accounts.avatarUpdatedAt(id));

  app.openapi(
    createRoute({
      method: 'get', path: '/me', tags, summary: 'My account', middleware: [requireAuth],
      responses: { 200: json(Account, 'The account'), ...problems },
    }),
    async (c) => c.json(await view(currentAuth(c).account.id), 200),
  );

  app.openapi(
    createRoute({
      method: 'patch', path: '/me', tags, summary: 'Edit names, theme, language (null clears a name)',
      middleware: [requireAuth], request: jsonBody(ProfileBody), responses: { 200: json(Account, 'Updated'), ...problems },
    }),
    async (c) => {
      const id = currentAuth(c).account.id;
      await accounts.updateProfile(id, c.req.valid('json'));
      return c.json(await view(id), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put', path: '/me/avatar', tags, summary: 'Set the avatar (PNG, JPEG or WebP, resized by the browser, ≤ 512 KB)',
      middleware: [requireAuth],
      request: { body: { content: { 'image/png': image, 'image/jpeg': image, 'image/webp': image }, required: true } },
      responses: { 200: json(Account, 'Updated'), 413: problems[422], ...problems },
    }),
    async (c) => {
      const id = currentAuth(c).account.id;
      await accounts.setAvatar(id, new Uint8Array(await c.req.arrayBuffer()));
      return c.json(await view(id), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete', path: '/me/avatar', tags, summary: 'Remove the avatar (initials are shown instead)',
      middleware: [requireAuth], responses: { 200: json(Account, 'Updated'), ...problems },
    }),
    async (c) => {
      const id = currentAuth(c).account.id;
      await accounts.removeAvatar(id);
      return c.json(await view(id), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/accounts/{id}/avatar', tags, summary: 'An account’s avatar image', request: { params: IdParam },
      responses: { 200: { content: { 'image/webp': image }, description: 'The image' }, 404: problems[422] },
    }),
    async (c) => {
      const avatar = await accounts.findAvatar(c.req.valid('param').id);
      if (!avatar) throw new AppError('not_found', 'not_found');
      return c.body(new Uint8Array(avatar.data), 200, {
        'Content-Type': avatar.mime,
        'Cache-Control': 'public, max-age=31536000, immutable',
      });
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/me/password', tags, summary: 'Change password (all sessions end; this one is renewed)',
      middleware: [requireSession], request: jsonBody(ChangePasswordBody),
      responses: { 200: json(CsrfOnly, 'Changed; use the new CSRF token'), ...problems },
    }),
    async (c) => {
      const auth = currentAuth(c);
      throttle(limiter, [[`login:account:${auth.account.email}`, rules.loginPerAccount]]);
      const { currentPassword, newPassword } = c.req.valid('json');
      await accounts.changePassword(auth.account.id, currentPassword, newPassword);
      const { token, session } = await sessions.open(auth.account.id, c.req.header('User-Agent') ?? null);
      setSessionCookie(c, deps.secure, token);
      return c.json({ csrfToken: sessions.csrfTokenFor(session.id) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/me/email', tags, summary: 'Ask to change the email (a link goes to the new address)',
      middleware: [requireSession], request: jsonBody(ChangeEmailBody),
      responses: { 202: json(Status, 'Confirmation link sent'), ...problems },
    }),
    async (c) => {
      const auth = currentAuth(c);
      throttle(limiter, [[`link:account:${auth.account.email}`, rules.emailLinkPerAccount]]);
      const { newEmail, currentPassword } = c.req.valid('json');
      await accounts.requestEmailChange(auth.account.id, newEmail, currentPassword);
      return c.json({ status: 'confirmation_sent' }, 202);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/me/email/confirm', tags, summary: 'Confirm the new email with the emailed token (works logged out)',
      request: jsonBody(TokenBody), responses: { 200: json(Account, 'Email changed'), ...problems },
    }),
    async (c) => {
      throttle(limiter, [[`link:ip:${c.get('clientIp')}`, rules.emailLinkPerIp]]);
      const account = await accounts.confirmEmailChange(c.req.valid('json').token);
      return c.json(toAccountView(account, await accounts.avatarUpdatedAt(account.id)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/me/deletion', tags, summary: 'Delete my account (needs the current password)',
      middleware: [requireSession], request: jsonBody(CurrentPasswordBody), responses: { ...noContent, ...problems },
    }),
    async (c) => {
      const auth = currentAuth(c);
      throttle(limiter, [[`login:account:${auth.account.email}`, rules.loginPerAccount]]);
      await accounts.deleteAccount(auth.account.id, c.req.valid('json').currentPassword);
      clearSessionCookie(c, deps.secure);
      return c.body(null, 204);
    },
  );

  return app;
}
