/** Anonymous members (managed by member managers) and the anonymous link session. Thin. */
import { createRoute } from '@hono/zod-openapi';
import { getCookie } from 'hono/cookie';
import { json, jsonBody, newRouter, noContent, problems } from '../http/openapi.ts';
import type { DomainDeps } from '../http/domain-deps.ts';
import { anonymousCookieName, clearAnonymousCookie, setAnonymousCookie } from '../http/auth.middleware.ts';
import { throttle } from '../http/throttle.ts';
import { AppError } from '../lib/errors.ts';
import { anonymousMemberService } from './anonymous-member.service.ts';
import { anonymousSessionService } from './anonymous-session.service.ts';
import {
  AnonymousMember,
  AnonymousMemberBody,
  AnonymousMemberList,
  AnonymousMemberParam,
  AnonymousMemberPatchBody,
  AnonymousSession,
  AnonymousSessionBody,
  AssociationParam,
  CreatedAnonymousMember,
  Link,
} from './membership.schema.ts';
import { askerOf, moreProblems } from './route-helpers.ts';

const tags = ['Membres anonymes / Anonymous members'];
const errors = { ...problems, ...moreProblems };

export function anonymousRoutes(deps: DomainDeps) {
  const app = newRouter();
  const members = anonymousMemberService(deps);
  const sessions = anonymousSessionService(deps.db, deps.clock);
  const base = '/associations/{id}/anonymous-members';

  app.openapi(
    createRoute({
      method: 'get', path: base, tags, summary: 'Anonymous members (manageMembers)',
      request: { params: AssociationParam }, responses: { 200: json(AnonymousMemberList, 'Anonymous members'), ...errors },
    }),
    async (c) => c.json({ items: await members.list(askerOf(c), c.req.valid('param').id) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post', path: base, tags, summary: 'Create an anonymous member; the link is shown this once',
      request: { params: AssociationParam, ...jsonBody(AnonymousMemberBody) }, responses: { 201: json(CreatedAnonymousMember, 'Created'), ...errors },
    }),
    async (c) => c.json(await members.create(askerOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
  );

  app.openapi(
    createRoute({
      method: 'patch', path: `${base}/{amId}`, tags, summary: 'Edit name, expiry date or active flag',
      request: { params: AnonymousMemberParam, ...jsonBody(AnonymousMemberPatchBody) }, responses: { 200: json(AnonymousMember, 'Updated'), ...errors },
    }),
    async (c) => {
      const { id, amId } = c.req.valid('param');
      return c.json(await members.update(askerOf(c), id, amId, c.req.valid('json')), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: `${base}/{amId}/link`, tags, summary: 'A new link (the old one stops working)',
      request: { params: AnonymousMemberParam }, responses: { 200: json(Link, 'The new link, shown this once'), ...errors },
    }),
    async (c) => {
      const { id, amId } = c.req.valid('param');
      return c.json(await members.newLink(askerOf(c), id, amId), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete', path: `${base}/{amId}`, tags, summary: 'Delete an anonymous member',
      request: { params: AnonymousMemberParam }, responses: { ...noContent, ...errors },
    }),
    async (c) => {
      const { id, amId } = c.req.valid('param');
      await members.remove(askerOf(c), id, amId);
      return c.body(null, 204);
    },
  );

  // The link session ---------------------------------------------------------------------

  app.openapi(
    createRoute({
      method: 'post', path: '/anonymous-session', tags, summary: 'Open an anonymous link (sets a cookie that ends with the browser)',
      request: jsonBody(AnonymousSessionBody), responses: { 200: json(AnonymousSession, 'Opened'), ...errors },
    }),
    async (c) => {
      // One browser, one identity: a logged-in person would otherwise act under two.
      if (c.get('auth')) throw new AppError('conflict', 'logout_first');
      // Keys are 256-bit random values: this limit is against floods, not guessing. A class of
      // children behind one school address opens its links at once, hence the token rule.
      throttle(deps.limiter, [[`anonymous:ip:${c.get('clientIp')}`, deps.rules.tokenPerIp]]);
      const previous = getCookie(c, anonymousCookieName(deps.secure));
      const { token, info } = await sessions.open(c.req.valid('json').key);
      if (previous) await sessions.close(previous);
      setAnonymousCookie(c, deps.secure, token);
      return c.json({ ...(await sessions.describe(info)), csrfToken: deps.sessions.csrfTokenFor(info.sessionId) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/anonymous-session', tags, summary: 'The anonymous session (its member, its association, its CSRF token)',
      responses: { 200: json(AnonymousSession, 'Open'), 401: problems[401] },
    }),
    async (c) => {
      const anonymous = c.get('anonymous');
      if (!anonymous) throw new AppError('unauthenticated', 'unauthenticated');
      return c.json({ ...(await sessions.describe(anonymous)), csrfToken: anonymous.csrfToken }, 200);
    },
  );

  app.openapi(
    createRoute({ method: 'delete', path: '/anonymous-session', tags, summary: 'Close the anonymous session', responses: { ...noContent, ...problems } }),
    async (c) => {
      const token = getCookie(c, anonymousCookieName(deps.secure));
      if (token) await sessions.close(token);
      clearAnonymousCookie(c, deps.secure);
      return c.body(null, 204);
    },
  );

  return app;
}
