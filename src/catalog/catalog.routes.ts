/** Categories, levels and projects of an association (spec §A5). Thin: rules live in the catalog service. */
import { createRoute } from '@hono/zod-openapi';
import { json, jsonBody, newRouter, noContent, problems } from '../http/openapi.ts';
import type { DomainDeps } from '../http/domain-deps.ts';
import { viewerOf } from '../http/viewer.ts';
import { AssociationParam } from '../memberships/membership.schema.ts';
import { askerOf, moreProblems } from '../memberships/route-helpers.ts';
import {
  CatalogItemBody, CatalogItemPatchBody, Category, CategoryBody, CategoryList, CategoryParam, CategoryPatchBody, DefaultCategoryChoices, Level, LevelList, LevelParam,
  Project, ProjectList, ProjectParam,
} from './catalog.schema.ts';
import { catalogService, type ItemKind } from './catalog.service.ts';

const tags = ['Catégories, niveaux, projets / Categories, levels, projects'];
const errors = { ...problems, ...moreProblems };

export function catalogRoutes(deps: DomainDeps) {
  const app = newRouter();
  const catalog = catalogService(deps);

  app.openapi(
    createRoute({
      method: 'get', path: '/default-categories', tags, summary: 'The site’s default categories, by position: what each association category counts as (public)',
      responses: { 200: json(DefaultCategoryChoices, 'By position'), ...problems },
    }),
    async (c) => c.json({ items: await catalog.listDefaultCategories() }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/associations/{id}/categories', tags, summary: 'Categories by position (members, its anonymous members, admins)',
      request: { params: AssociationParam }, responses: { 200: json(CategoryList, 'By position'), ...errors },
    }),
    async (c) => c.json({ items: await catalog.listCategories(viewerOf(c), c.req.valid('param').id) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/associations/{id}/categories', tags, summary: 'Create a category linked to a default category (manageCategories)',
      request: { params: AssociationParam, ...jsonBody(CategoryBody) }, responses: { 201: json(Category, 'Created'), ...errors },
    }),
    async (c) => c.json(await catalog.createCategory(askerOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
  );

  app.openapi(
    createRoute({
      method: 'patch', path: '/associations/{id}/categories/{categoryId}', tags, summary: 'Edit a category (manageCategories)',
      request: { params: CategoryParam, ...jsonBody(CategoryPatchBody) }, responses: { 200: json(Category, 'Updated'), ...errors },
    }),
    async (c) => {
      const { id, categoryId } = c.req.valid('param');
      return c.json(await catalog.updateCategory(askerOf(c), id, categoryId, c.req.valid('json')), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete', path: '/associations/{id}/categories/{categoryId}', tags, summary: 'Delete a category no declaration uses (manageCategories; 409 category_in_use)',
      request: { params: CategoryParam }, responses: { ...noContent, ...errors },
    }),
    async (c) => {
      const { id, categoryId } = c.req.valid('param');
      await catalog.deleteCategory(askerOf(c), id, categoryId);
      return c.body(null, 204);
    },
  );

  itemRoutes(app, catalog, 'level', 'levels', LevelList, Level, LevelParam, 'manageLevels');
  itemRoutes(app, catalog, 'project', 'projects', ProjectList, Project, ProjectParam, 'manageProjects');
  return app;
}

type Router = ReturnType<typeof newRouter>;

/** The same four routes for levels and projects. */
function itemRoutes(
  app: Router,
  catalog: ReturnType<typeof catalogService>,
  kind: ItemKind,
  plural: 'levels' | 'projects',
  List: typeof LevelList | typeof ProjectList,
  Item: typeof Level | typeof Project,
  Param: typeof LevelParam | typeof ProjectParam,
  permission: string,
) {
  const param = kind === 'level' ? 'levelId' : 'projectId';
  const itemId = (p: Record<string, string>) => p[param]!;

  app.openapi(
    createRoute({
      method: 'get', path: `/associations/{id}/${plural}`, tags, summary: `The association’s ${plural} by position (members, its anonymous members, admins)`,
      request: { params: AssociationParam }, responses: { 200: json(List, 'By position'), ...errors },
    }),
    async (c) => c.json({ items: await catalog.listItems(viewerOf(c), kind, c.req.valid('param').id) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post', path: `/associations/{id}/${plural}`, tags, summary: `Create a ${kind} (${permission})`,
      request: { params: AssociationParam, ...jsonBody(CatalogItemBody) }, responses: { 201: json(Item, 'Created'), ...errors },
    }),
    async (c) => c.json(await catalog.createItem(askerOf(c), kind, c.req.valid('param').id, c.req.valid('json')), 201),
  );

  app.openapi(
    createRoute({
      method: 'patch', path: `/associations/{id}/${plural}/{${param}}`, tags, summary: `Edit a ${kind} (${permission})`,
      request: { params: Param, ...jsonBody(CatalogItemPatchBody) }, responses: { 200: json(Item, 'Updated'), ...errors },
    }),
    async (c) => {
      const p = c.req.valid('param') as Record<string, string>;
      return c.json(await catalog.updateItem(askerOf(c), kind, p.id!, itemId(p), c.req.valid('json')), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete', path: `/associations/{id}/${plural}/{${param}}`, tags, summary: `Delete a ${kind} no declaration uses (${permission}; 409 ${kind}_in_use)`,
      request: { params: Param }, responses: { ...noContent, ...errors },
    }),
    async (c) => {
      const p = c.req.valid('param') as Record<string, string>;
      await catalog.deleteItem(askerOf(c), kind, p.id!, itemId(p));
      return c.body(null, 204);
    },
  );
}
