/** Statistics (spec §A6): an association's for its managers, the instance's for admins. Thin. */
import { createRoute } from '@hono/zod-openapi';
import { json, newRouter, problems } from '../http/openapi.ts';
import type { DomainDeps } from '../http/domain-deps.ts';
import { requireAdmin } from '../admin/admin.middleware.ts';
import { askerOf, moreProblems } from '../memberships/route-helpers.ts';
import { AssociationParam } from '../memberships/membership.schema.ts';
import { AssociationStatistics, InstanceStatistics, StatisticsQuery } from './statistics.schema.ts';
import { statisticsService } from './statistics.service.ts';

const tags = ['Statistiques / Statistics'];

export function statisticsRoutes(deps: DomainDeps) {
  const app = newRouter();
  const statistics = statisticsService(deps);

  app.openapi(
    createRoute({
      method: 'get', path: '/associations/{id}/statistics', tags,
      summary: 'Totals and tables by category, level, project and month, validated declarations only (listMembers, manageDeclarations or manageAssociation)',
      request: { params: AssociationParam, query: StatisticsQuery },
      responses: { 200: json(AssociationStatistics, 'Statistics of the year, or of all years'), ...problems, 404: moreProblems[404] },
    }),
    async (c) => c.json(await statistics.forAssociation(askerOf(c), c.req.valid('param').id, c.req.valid('query').year ?? null), 200),
  );

  // The /admin/* guard of admin.routes.ts covers this path too; stated again so the
  // route stays protected wherever it is mounted.
  app.use('/admin/statistics', requireAdmin);
  app.openapi(
    createRoute({
      method: 'get', path: '/admin/statistics', tags: ['Administration'],
      summary: 'Instance statistics: associations, accounts, first declaration, associations per activity field and group, table per default category',
      responses: { 200: json(InstanceStatistics, 'Instance statistics'), ...problems },
    }),
    async (c) => c.json(await statistics.forInstance(c.get('lang')), 200),
  );

  return app;
}
