/**
 * /federation/following (flow 6, the local side): a logged-in account follows
 * associations of other sites and reads their news. Thin: the Fedify part is in
 * following.ts, the rules in following.service.ts.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from '@fedify/fedify';
import { json, jsonBody, newRouter, noContent, problems } from '../http/openapi.ts';
import { currentAuth, requireAuth } from '../http/auth.middleware.ts';
import type { DomainDeps } from '../http/domain-deps.ts';
import { throttle } from '../http/throttle.ts';
import type { FederationData } from './federation.ts';
import { followRemote, unfollowRemote } from './following.ts';
import { NEWS_PAGE_MAX, followingService } from './following.service.ts';
import { LOOKUP_LIMIT } from './lookup.routes.ts';

const tags = ['Sites reliés / Linked sites'];

const Following = z
  .object({
    id: z.string(),
    actor: z.string().openapi({ description: 'The association’s actor id' }),
    name: z.string(),
    handle: z.string().nullable().openapi({ description: 'name@site.org' }),
    url: z.string().nullable().openapi({ description: 'Its web page' }),
    status: z.enum(['pending', 'accepted']).openapi({ description: 'pending until the association’s site accepts' }),
    createdAt: z.string(),
    acceptedAt: z.string().nullable(),
  })
  .openapi('Following');
const ReceivedNews = z
  .object({
    id: z.string().openapi({ description: 'The Note’s id' }),
    actor: z.string(),
    associationName: z.string(),
    associationHandle: z.string().nullable(),
    title: z.string(),
    text: z.string().openapi({ description: 'Plain text; a blank line separates paragraphs' }),
    url: z.string().nullable().openapi({ description: 'Its page on the association’s site' }),
    published: z.string(),
    updated: z.string().nullable(),
  })
  .openapi('ReceivedNews');

const FollowBody = z.object({ actor: z.string().trim().min(1).max(2000).openapi({ description: 'The actor id returned by GET /federation/lookup' }) });
const FollowingParam = z.object({ id: z.string().min(1).max(64) });
const NewsPageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(NEWS_PAGE_MAX).optional(),
  before: z.string().datetime({ offset: true }).optional().openapi({ description: '`published` of the last item of the previous page' }),
});
const notFound = { 404: { ...problems[422], description: 'following_not_found' } };

/** The /federation/following routes; `federationContext` gives the Fedify context that sends. */
export function followingRoutes(deps: DomainDeps & { federationContext: () => Context<FederationData> }) {
  const app = newRouter();
  const service = followingService(deps);

  app.openapi(
    createRoute({
      method: 'get', path: '/federation/following', tags, summary: 'The associations of other sites I follow',
      middleware: [requireAuth], responses: { 200: json(z.object({ items: z.array(Following) }), 'Newest first'), ...problems },
    }),
    async (c) => c.json({ items: await service.list(currentAuth(c).account.id) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/federation/following', tags, summary: 'Follow the public news of an association of another site (sends a Follow)',
      middleware: [requireAuth], request: jsonBody(FollowBody), responses: { 201: json(Following, 'Pending until accepted'), ...problems },
    }),
    async (c) => {
      const accountId = currentAuth(c).account.id;
      // Each call fetches from another site for us, as a lookup does.
      throttle(deps.limiter, [[`lookup:${accountId}`, LOOKUP_LIMIT]]);
      return c.json(await followRemote(deps.federationContext(), accountId, c.req.valid('json').actor), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete', path: '/federation/following/{id}', tags, summary: 'Stop following (sends Undo{Follow})',
      middleware: [requireAuth], request: { params: FollowingParam }, responses: { ...noContent, ...notFound, ...problems },
    }),
    async (c) => {
      await unfollowRemote(deps.federationContext(), currentAuth(c).account.id, c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/federation/following/news', tags, summary: 'Public news of the associations I follow, newest first',
      middleware: [requireAuth], request: { query: NewsPageQuery }, responses: { 200: json(z.object({ items: z.array(ReceivedNews) }), 'Newest first'), ...problems },
    }),
    async (c) => c.json({ items: await service.news(currentAuth(c).account.id, c.req.valid('query')) }, 200),
  );
  return app;
}
