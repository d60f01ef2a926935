/** GET /federation/lookup (flow 1): a logged-in person finds an association of another site. Thin: the work is in lookup.ts. */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from '@fedify/fedify';
import { json, newRouter, problems } from '../http/openapi.ts';
import { currentAuth, requireAuth } from '../http/auth.middleware.ts';
import type { DomainDeps } from '../http/domain-deps.ts';
import { throttle, type Limit } from '../http/throttle.ts';
import { MINUTE } from '../lib/clock.ts';
import { AppError, fieldError } from '../lib/errors.ts';
import type { FederationData } from './federation.ts';
import { lookupAssociation } from './lookup.ts';

const tags = ['Sites reliés / Linked sites'];

/** Each lookup makes requests to other sites for us: a person gets a few a minute. */
export const LOOKUP_LIMIT: Limit = { limit: 20, windowMs: MINUTE };

const LookupQuery = z.object({
  q: z.string().trim().min(1).max(500).openapi({ description: '@name@site.org, name@site.org, or the URL of its page or actor' }),
});
const RemoteNews = z.object({ id: z.string(), title: z.string(), text: z.string(), url: z.string().nullable(), published: z.string().nullable() });
const LookupResult = z
  .object({
    id: z.string().openapi({ description: 'Actor id' }),
    kind: z.enum(['association', 'federation', 'group']).openapi({ description: 'From its « Type » profile field: Association or Fédération' }),
    name: z.string(),
    handle: z.string().nullable(),
    summary: z.string().openapi({ description: 'Plain text' }),
    icon: z.string().nullable(),
    url: z.string().nullable().openapi({ description: 'Its web page' }),
    localPath: z.string().nullable().openapi({ description: 'Set when the association is on this site: its page here' }),
    news: z.array(RemoteNews).openapi({ description: 'Latest public news from its outbox (first page), best effort' }),
  })
  .openapi('LookupResult');

const notFound = { 404: { ...problems[422], description: 'lookup_not_found: nothing usable at this address, or the site did not answer in time' } };

export function lookupRoutes(deps: DomainDeps & { federationContext: () => Context<FederationData> }) {
  const app = newRouter();

  app.openapi(
    createRoute({
      method: 'get', path: '/federation/lookup', tags, summary: 'Find an association of another site by its address (logged-in; a few a minute)',
      middleware: [requireAuth], request: { query: LookupQuery }, responses: { 200: json(LookupResult, 'Found'), ...notFound, ...problems },
    }),
    async (c) => {
      throttle(deps.limiter, [[`lookup:${currentAuth(c).account.id}`, LOOKUP_LIMIT]]);
      const outcome = await lookupAssociation(deps.federationContext(), c.req.valid('query').q);
      if (outcome.ok) return c.json(outcome.result, 200);
      if (outcome.reason === 'invalid') throw fieldError('q', 'lookup_invalid');
      if (outcome.reason === 'blocked') throw fieldError('q', 'lookup_blocked');
      throw new AppError('not_found', 'lookup_not_found');
    },
  );
  return app;
}
