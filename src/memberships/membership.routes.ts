/** Memberships (join, leave, member list and management), roles and anonymous members. Thin. */
import { createRoute } from '@hono/zod-openapi';
import { json, jsonBody, newRouter, noContent, problems } from '../http/openapi.ts';
import type { DomainDeps } from '../http/domain-deps.ts';
import { roleRoutes } from '../roles/role.routes.ts';
import { anonymousRoutes } from './anonymous.routes.ts';
import { AssociationParam, Member, MemberListQuery, MemberPage, MemberParam, MemberPatchBody, MemberRemoveQuery } from './membership.schema.ts';
import { membershipService } from './membership.service.ts';
import { askerOf, moreProblems } from './route-helpers.ts';

const tags = ['Membres / Members'];
const errors = { ...problems, ...moreProblems };

export function membershipRoutes(deps: DomainDeps) {
  const app = newRouter();
  const memberships = membershipService(deps);

  app.openapi(
    createRoute({
      method: 'post', path: '/associations/{id}/membership', tags, summary: 'Join (default role; pending when membership is moderated)',
      request: { params: AssociationParam }, responses: { 201: json(Member, 'Joined or awaiting approval'), ...errors },
    }),
    async (c) => c.json(await memberships.join(askerOf(c), c.req.valid('param').id), 201),
  );

  app.openapi(
    createRoute({
      method: 'delete', path: '/associations/{id}/membership', tags, summary: 'Leave (the last manager cannot)',
      request: { params: AssociationParam }, responses: { ...noContent, ...errors },
    }),
    async (c) => {
      await memberships.leave(askerOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/associations/{id}/members', tags, summary: 'Members, pending first then by name (listMembers or manageMembers)',
      request: { params: AssociationParam, query: MemberListQuery }, responses: { 200: json(MemberPage, 'A page of members'), ...errors },
    }),
    async (c) => {
      const { role, status, page } = c.req.valid('query');
      return c.json(await memberships.list(askerOf(c), c.req.valid('param').id, { roleId: role, status, page }), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/associations/{id}/members/{membershipId}/approval', tags, summary: 'Accept a pending member (manageMembers; emails them)',
      request: { params: MemberParam }, responses: { 200: json(Member, 'Active member'), ...errors },
    }),
    async (c) => {
      const { id, membershipId } = c.req.valid('param');
      return c.json(await memberships.approve(askerOf(c), id, membershipId), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch', path: '/associations/{id}/members/{membershipId}', tags, summary: 'Change role and/or function (manageMembers)',
      request: { params: MemberParam, ...jsonBody(MemberPatchBody) }, responses: { 200: json(Member, 'Updated'), ...errors },
    }),
    async (c) => {
      const { id, membershipId } = c.req.valid('param');
      return c.json(await memberships.change(askerOf(c), id, membershipId, c.req.valid('json')), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete', path: '/associations/{id}/members/{membershipId}', tags, summary: 'Remove a member, or refuse a pending one (their declarations are kept)',
      request: { params: MemberParam, query: MemberRemoveQuery }, responses: { ...noContent, ...errors },
    }),
    async (c) => {
      const { id, membershipId } = c.req.valid('param');
      await memberships.remove(askerOf(c), id, membershipId, c.req.valid('query').reason || undefined);
      return c.body(null, 204);
    },
  );

  app.route('/', roleRoutes(deps));
  app.route('/', anonymousRoutes(deps));
  return app;
}
