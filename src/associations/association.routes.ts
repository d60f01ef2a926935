/**
 * Associations (spec §A2): discovery (list, search, home sample), creation, detail with
 * what the viewer may do, editing, and the dashboard of one's own associations. Thin:
 * rules live in the services. Handle, logo, deletion and the trail: association-manage.routes.ts.
 */
import { createRoute, type z } from '@hono/zod-openapi';
import { json, jsonBody, newRouter, problems } from '../http/openapi.ts';
import { requireAuth } from '../http/auth.middleware.ts';
import type { DomainDeps } from '../http/domain-deps.ts';
import { viewerOf } from '../http/viewer.ts';
import { associationService } from './association.service.ts';
import { actorOf, manageRoutes, tags } from './association-manage.routes.ts';
import {
  Association,
  AssociationPage,
  AssociationSample,
  CreateAssociationBody,
  Dashboard,
  IdParam,
  ListQuery,
  RefParam,
  SampleQuery,
  UpdateAssociationBody,
} from './association.schema.ts';

const notFound = { 404: { ...problems[422], description: 'Unknown, or not visible to you' } };

export function associationRoutes(deps: DomainDeps) {
  const app = newRouter();
  const associations = associationService(deps);

  app.openapi(
    createRoute({
      method: 'get', path: '/associations', tags, summary: 'Associations you may see, 20 a page by name; q searches the name',
      request: { query: ListQuery }, responses: { 200: json(AssociationPage, 'One page'), ...problems },
    }),
    async (c) => c.json(await associations.list(viewerOf(c), c.req.valid('query')), 200),
  );

  // Declared before /associations/{ref}, which would otherwise take « sample » for a handle.
  app.openapi(
    createRoute({
      method: 'get', path: '/associations/sample', tags, summary: 'A few random active, public associations (home page)',
      request: { query: SampleQuery }, responses: { 200: json(AssociationSample, 'Random associations'), ...problems },
    }),
    async (c) => c.json({ items: await associations.sample(c.req.valid('query').count) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/associations', tags,
      summary: 'Create an association (copies the default categories, levels and roles; you become its manager)',
      middleware: [requireAuth], request: jsonBody(CreateAssociationBody),
      responses: { 201: json(Association, 'Created (inactive until approved when the site moderates new associations)'), ...problems },
    }),
    async (c) => {
      const body: z.infer<typeof CreateAssociationBody> = c.req.valid('json');
      return c.json(await associations.create(viewerOf(c), actorOf(c), body), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/associations/{ref}', tags, summary: 'One association by handle or id, with what you may do there',
      request: { params: RefParam }, responses: { 200: json(Association, 'The association'), ...notFound, ...problems },
    }),
    async (c) => c.json(await associations.detail(viewerOf(c), c.req.valid('param').ref), 200),
  );

  app.openapi(
    createRoute({
      method: 'patch', path: '/associations/{id}', tags, summary: 'Edit the association (manage association)',
      middleware: [requireAuth], request: { params: IdParam, ...jsonBody(UpdateAssociationBody) },
      responses: { 200: json(Association, 'Updated'), ...notFound, ...problems },
    }),
    async (c) => c.json(await associations.update(viewerOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/me/associations', tags, summary: 'My associations (dashboard): role, status, rights, counts for those who list members',
      middleware: [requireAuth], responses: { 200: json(Dashboard, 'By association name'), ...problems },
    }),
    async (c) => c.json({ items: await associations.mine(viewerOf(c)) }, 200),
  );

  app.route('/', manageRoutes(associations));
  return app;
}
