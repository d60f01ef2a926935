/**
 * /federation/memberships (flow 2, the volunteer's side): a logged-in account joins
 * associations of other sites, sees its requests and memberships there, and leaves.
 * Thin: the Fedify part is in remote-membership.ts, the rules in remote-membership.service.ts.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from '@fedify/fedify';
import { json, jsonBody, newRouter, noContent, problems } from '../http/openapi.ts';
import { currentAuth, requireAuth } from '../http/auth.middleware.ts';
import type { DomainDeps } from '../http/domain-deps.ts';
import { throttle } from '../http/throttle.ts';
import type { FederationData } from './federation.ts';
import { LOOKUP_LIMIT } from './lookup.routes.ts';
import { joinRemote, leaveRemote } from './remote-membership.ts';
import { remoteMembershipService } from './remote-membership.service.ts';

const tags = ['Sites reliés / Linked sites'];

const RemoteMembership = z
  .object({
    id: z.string(),
    actor: z.string().openapi({ description: 'The association’s actor id' }),
    name: z.string(),
    handle: z.string().nullable().openapi({ description: 'name@site.org' }),
    url: z.string().nullable().openapi({ description: 'Its web page, on its site' }),
    status: z.enum(['pending', 'active', 'rejected', 'removed']).openapi({ description: 'pending until the association’s site answers (or a manager there decides)' }),
    reason: z.string().nullable().openapi({ description: 'Why the association refused' }),
    function: z.string().nullable().openapi({ description: 'governance | supervision, from the Membership' }),
    associationDeletedAt: z.string().nullable().openapi({ description: 'When the association’s site said it was deleted (« association supprimée »): kept, nothing more is sent' }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('RemoteMembership');

const JoinBody = z.object({ actor: z.string().trim().min(1).max(2000).openapi({ description: 'The actor id returned by GET /federation/lookup' }) });
const MembershipParam = z.object({ id: z.string().min(1).max(64) });
const notFound = { 404: { ...problems[422], description: 'remote_membership_not_found' } };

export function remoteMembershipRoutes(deps: DomainDeps & { federationContext: () => Context<FederationData> }) {
  const app = newRouter();
  const service = remoteMembershipService(deps);

  app.openapi(
    createRoute({
      method: 'get', path: '/federation/memberships', tags, summary: 'My associations on other sites, with the state of each request',
      middleware: [requireAuth], responses: { 200: json(z.object({ items: z.array(RemoteMembership) }), 'Newest first'), ...problems },
    }),
    async (c) => c.json({ items: await service.list(currentAuth(c).account.id) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/federation/memberships', tags, summary: 'Join an association of another site (sends a Join)',
      middleware: [requireAuth], request: jsonBody(JoinBody), responses: { 201: json(RemoteMembership, 'Pending until the association answers'), ...problems },
    }),
    async (c) => {
      const accountId = currentAuth(c).account.id;
      // Each call fetches from another site for us, as a lookup does.
      throttle(deps.limiter, [[`lookup:${accountId}`, LOOKUP_LIMIT]]);
      return c.json(await joinRemote(deps.federationContext(), accountId, c.req.valid('json').actor), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete', path: '/federation/memberships/{id}', tags, summary: 'Leave, or withdraw a request (sends Leave)',
      middleware: [requireAuth], request: { params: MembershipParam }, responses: { ...noContent, ...notFound, ...problems },
    }),
    async (c) => {
      await leaveRemote(deps.federationContext(), currentAuth(c).account.id, c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  return app;
}
