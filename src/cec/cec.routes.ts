/** CEC helper routes (product §B3). Thin: rules live in the CEC service. */
import { createRoute } from '@hono/zod-openapi';
import type { Context } from '@fedify/fedify';
import type { FederationData } from '../federation/federation.ts';
import { json, newRouter, noContent, problems } from '../http/openapi.ts';
import type { DomainDeps } from '../http/domain-deps.ts';
import { AssociationParam } from '../memberships/membership.schema.ts';
import { askerOf, moreProblems } from '../memberships/route-helpers.ts';
import { AssociationCec, CecValidatorParam, CecYearQuery, MyCec } from './cec.schema.ts';
import { cecService } from './cec.service.ts';
import { refreshStaleGroupsLater } from './remote-refresh.ts';

const tags = ['CEC'];
const errors = { ...problems, ...moreProblems };

/** `federationContext`: to refresh old copies of other sites' associations after answering (remote-refresh.ts). */
export function cecRoutes(deps: DomainDeps & { federationContext?: () => Context<FederationData> }) {
  const app = newRouter();
  const cec = cecService(deps);

  app.openapi(
    createRoute({
      method: 'get', path: '/me/cec', tags, summary: 'My hours for the compte d’engagement citoyen in a year: per association (this site and others), hints, deadlines, summary',
      request: { query: CecYearQuery }, responses: { 200: json(MyCec, 'The year'), ...errors },
    }),
    async (c) => {
      const view = await cec.mine(askerOf(c), c.req.valid('query').year);
      const remote = view.associations.filter((a) => a.kind === 'remote').map((a) => a.id);
      if (deps.federationContext && remote.length > 0) refreshStaleGroupsLater(deps.federationContext, remote);
      return c.json(view, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/associations/{id}/cec', tags, summary: 'Volunteers who may be eligible for the CEC in a year (valideurs CEC and managers)',
      request: { params: AssociationParam, query: CecYearQuery }, responses: { 200: json(AssociationCec, 'The list'), ...errors },
    }),
    async (c) => c.json(await cec.association(askerOf(c), c.req.valid('param').id, c.req.valid('query').year), 200),
  );

  app.openapi(
    createRoute({
      method: 'put', path: '/associations/{id}/cec/validators/{membershipId}', tags, summary: 'Name a member valideur CEC (manage association)',
      request: { params: CecValidatorParam }, responses: { ...noContent, ...errors },
    }),
    async (c) => {
      const { id, membershipId } = c.req.valid('param');
      await cec.designate(askerOf(c), id, membershipId);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete', path: '/associations/{id}/cec/validators/{membershipId}', tags, summary: 'Withdraw a valideur CEC (manage association, or the valideur themself)',
      request: { params: CecValidatorParam }, responses: { ...noContent, ...errors },
    }),
    async (c) => {
      const { id, membershipId } = c.req.valid('param');
      await cec.revoke(askerOf(c), id, membershipId);
      return c.body(null, 204);
    },
  );
  return app;
}
