/** Active sessions ("log out elsewhere") and personal API tokens. Browser session only. */
import { createRoute } from '@hono/zod-openapi';
import { json, jsonBody, newRouter, noContent, problems } from '../http/openapi.ts';
import { currentAuth, requireSession } from '../http/auth.middleware.ts';
import type { AccountRoutesDeps } from './account.routes.ts';
import { ApiTokenList, CreatedToken, CreateTokenBody, IdParam, SessionList } from './account.schema.ts';

const tags = ['Sessions et jetons / Sessions and tokens'];
const middleware = [requireSession];

export function accessRoutes(deps: AccountRoutesDeps) {
  const { sessions } = deps;
  const app = newRouter();

  app.openapi(
    createRoute({ method: 'get', path: '/sessions', tags, summary: 'My active sessions', middleware, responses: { 200: json(SessionList, 'Sessions'), ...problems } }),
    async (c) => {
      const auth = currentAuth(c);
      return c.json({ items: await sessions.list(auth.account.id, auth.sessionId) }, 200);
    },
  );

  app.openapi(
    createRoute({ method: 'delete', path: '/sessions/{id}', tags, summary: 'End one session', middleware, request: { params: IdParam }, responses: { ...noContent, ...problems } }),
    async (c) => {
      await sessions.revoke(currentAuth(c).account.id, c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({ method: 'post', path: '/sessions/revoke-others', tags, summary: 'Log out everywhere else', middleware, responses: { ...noContent, ...problems } }),
    async (c) => {
      const auth = currentAuth(c);
      await sessions.revokeOthers(auth.account.id, auth.sessionId!);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/me/tokens', tags, summary: 'My API tokens', middleware, responses: { 200: json(ApiTokenList, 'Tokens'), ...problems } }),
    async (c) => c.json({ items: await sessions.listTokens(currentAuth(c).account.id) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/me/tokens', tags, summary: 'Create an API token (the secret is shown once)', middleware,
      request: jsonBody(CreateTokenBody), responses: { 201: json(CreatedToken, 'Created'), ...problems },
    }),
    async (c) => c.json(await sessions.createToken(currentAuth(c).account.id, c.req.valid('json')), 201),
  );

  app.openapi(
    createRoute({ method: 'delete', path: '/me/tokens/{id}', tags, summary: 'Revoke an API token', middleware, request: { params: IdParam }, responses: { ...noContent, ...problems } }),
    async (c) => {
      await sessions.revokeToken(currentAuth(c).account.id, c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

  return app;
}
