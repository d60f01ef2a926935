/**
 * Reference data shared by every instance (spec §A10): activity fields grouped by
 * family, and the reference categories. Codes never change; names of groups and
 * categories follow the reader's language, field names exist in French only.
 */
import { createRoute } from '@hono/zod-openapi';
import { json, newRouter } from '../http/openapi.ts';
import type { DomainDeps } from '../http/domain-deps.ts';
import { referenceRepository } from './reference.repository.ts';
import { ActivityFieldGroups, ReferenceCategories } from './reference.schema.ts';

const tags = ['Référentiels / Reference data'];

export function referenceRoutes(deps: DomainDeps) {
  const app = newRouter();
  const repo = referenceRepository(deps.db);

  app.openapi(
    createRoute({
      method: 'get', path: '/activity-fields', tags, summary: 'Activity fields, grouped (codes shared by every instance)',
      responses: { 200: json(ActivityFieldGroups, 'Groups in order, each with its fields') },
    }),
    async (c) => {
      const lang = c.get('lang');
      const [groups, fields] = await Promise.all([repo.groups(), repo.fields()]);
      return c.json(
        {
          groups: groups.map((g) => ({
            code: g.code,
            name: lang === 'en' ? g.name_en : g.name_fr,
            fields: fields.filter((f) => f.group_code === g.code).map((f) => ({ code: f.code, name: f.name_fr })),
          })),
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/reference-categories', tags, summary: 'Reference categories every association category maps to',
      responses: { 200: json(ReferenceCategories, 'Categories in order') },
    }),
    async (c) => {
      const lang = c.get('lang');
      const rows = await repo.categories();
      return c.json({ items: rows.map((r) => ({ code: r.code, name: lang === 'en' ? r.name_en : r.name_fr })) }, 200);
    },
  );

  return app;
}
