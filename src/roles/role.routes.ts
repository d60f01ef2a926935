/** Roles of an association (spec §A3). Thin: rules live in the role service. */
import { createRoute } from '@hono/zod-openapi';
import { json, jsonBody, newRouter, noContent, problems } from '../http/openapi.ts';
import type { DomainDeps } from '../http/domain-deps.ts';
import { AssociationParam, RoleParam } from '../memberships/membership.schema.ts';
import { askerOf, moreProblems } from '../memberships/route-helpers.ts';
import { Role, RoleBody, RoleList, RolePatchBody } from './role.schema.ts';
import { roleService } from './role.service.ts';

const tags = ['Rôles / Roles'];
const errors = { ...problems, ...moreProblems };

export function roleRoutes(deps: DomainDeps) {
  const app = newRouter();
  const roles = roleService(deps);

  app.openapi(
    createRoute({
      method: 'get', path: '/associations/{id}/roles', tags, summary: 'Roles by position (listMembers, manageMembers or manageRoles)',
      request: { params: AssociationParam }, responses: { 200: json(RoleList, 'Roles'), ...errors },
    }),
    async (c) => c.json({ items: await roles.list(askerOf(c), c.req.valid('param').id) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/associations/{id}/roles', tags, summary: 'Create a role (manageRoles; isDefault unsets the other default)',
      request: { params: AssociationParam, ...jsonBody(RoleBody) }, responses: { 201: json(Role, 'Created'), ...errors },
    }),
    async (c) => c.json(await roles.create(askerOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
  );

  app.openapi(
    createRoute({
      method: 'patch', path: '/associations/{id}/roles/{roleId}', tags, summary: 'Edit a role (manageRoles; the last managers keep their permission)',
      request: { params: RoleParam, ...jsonBody(RolePatchBody) }, responses: { 200: json(Role, 'Updated'), ...errors },
    }),
    async (c) => {
      const { id, roleId } = c.req.valid('param');
      return c.json(await roles.update(askerOf(c), id, roleId, c.req.valid('json')), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete', path: '/associations/{id}/roles/{roleId}', tags, summary: 'Delete a role (not in use, not the default)',
      request: { params: RoleParam }, responses: { ...noContent, ...errors },
    }),
    async (c) => {
      const { id, roleId } = c.req.valid('param');
      await roles.remove(askerOf(c), id, roleId);
      return c.body(null, 204);
    },
  );

  return app;
}
