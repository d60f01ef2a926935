/** /admin/default-categories, /admin/default-levels, /admin/default-roles: what new associations start with. */
import { createRoute } from '@hono/zod-openapi';
import { json, jsonBody, newRouter, noContent, problems } from '../http/openapi.ts';
import { actorOf } from './admin.middleware.ts';
import type { DefaultsService } from './defaults.service.ts';
import { conflict, notFound } from './admin.schema.ts';
import {
  DefaultCategory, DefaultCategoryBody, DefaultCategoryList, DefaultCategoryPatch, DefaultIdParam, DefaultLevel, DefaultLevelBody,
  DefaultLevelList, DefaultLevelPatch, DefaultRole, DefaultRoleBody, DefaultRoleList, DefaultRolePatch,
} from './defaults.schema.ts';

const tags = ['Administration'];
const params = { params: DefaultIdParam };

export function defaultsRoutes(defaults: DefaultsService) {
  const app = newRouter();

  // Categories ------------------------------------------------------------------------
  app.openapi(
    createRoute({ method: 'get', path: '/admin/default-categories', tags, summary: 'Default categories', responses: { 200: json(DefaultCategoryList, 'By position'), ...problems } }),
    async (c) => c.json({ items: await defaults.listCategories() }, 200),
  );
  app.openapi(
    createRoute({
      method: 'post', path: '/admin/default-categories', tags, summary: 'Add a default category',
      request: jsonBody(DefaultCategoryBody), responses: { 201: json(DefaultCategory, 'Created'), ...problems },
    }),
    async (c) => c.json(await defaults.createCategory(actorOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'patch', path: '/admin/default-categories/{id}', tags, summary: 'Edit a default category',
      request: { ...params, ...jsonBody(DefaultCategoryPatch) }, responses: { 200: json(DefaultCategory, 'Updated'), ...notFound, ...problems },
    }),
    async (c) => c.json(await defaults.updateCategory(actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'delete', path: '/admin/default-categories/{id}', tags,
      summary: 'Delete a default category (associations keep their copy)', request: params, responses: { ...noContent, ...notFound, ...problems },
    }),
    async (c) => {
      await defaults.deleteCategory(actorOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

  // Levels ----------------------------------------------------------------------------
  app.openapi(
    createRoute({ method: 'get', path: '/admin/default-levels', tags, summary: 'Default levels', responses: { 200: json(DefaultLevelList, 'By position'), ...problems } }),
    async (c) => c.json({ items: await defaults.listLevels() }, 200),
  );
  app.openapi(
    createRoute({
      method: 'post', path: '/admin/default-levels', tags, summary: 'Add a default level',
      request: jsonBody(DefaultLevelBody), responses: { 201: json(DefaultLevel, 'Created'), ...problems },
    }),
    async (c) => c.json(await defaults.createLevel(actorOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'patch', path: '/admin/default-levels/{id}', tags, summary: 'Edit a default level',
      request: { ...params, ...jsonBody(DefaultLevelPatch) }, responses: { 200: json(DefaultLevel, 'Updated'), ...notFound, ...problems },
    }),
    async (c) => c.json(await defaults.updateLevel(actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'delete', path: '/admin/default-levels/{id}', tags, summary: 'Delete a default level (associations keep their copy)',
      request: params, responses: { ...noContent, ...notFound, ...problems },
    }),
    async (c) => {
      await defaults.deleteLevel(actorOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

  // Roles -----------------------------------------------------------------------------
  app.openapi(
    createRoute({ method: 'get', path: '/admin/default-roles', tags, summary: 'Default roles', responses: { 200: json(DefaultRoleList, 'By position'), ...problems } }),
    async (c) => c.json({ items: await defaults.listRoles() }, 200),
  );
  app.openapi(
    createRoute({
      method: 'post', path: '/admin/default-roles', tags, summary: 'Add a default role (isDefault: true makes it the only default)',
      request: jsonBody(DefaultRoleBody), responses: { 201: json(DefaultRole, 'Created'), ...problems },
    }),
    async (c) => c.json(await defaults.createRole(actorOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'patch', path: '/admin/default-roles/{id}', tags, summary: 'Edit a default role (exactly one default; one must manage the association)',
      request: { ...params, ...jsonBody(DefaultRolePatch) }, responses: { 200: json(DefaultRole, 'Updated'), ...notFound, ...conflict, ...problems },
    }),
    async (c) => c.json(await defaults.updateRole(actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'delete', path: '/admin/default-roles/{id}', tags, summary: 'Delete a default role (not the default one)',
      request: params, responses: { ...noContent, ...notFound, ...conflict, ...problems },
    }),
    async (c) => {
      await defaults.deleteRole(actorOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

  return app;
}
