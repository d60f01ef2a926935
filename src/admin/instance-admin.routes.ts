/** /admin/settings, /admin/audit, /admin/stats: the site itself. */
import { createRoute } from '@hono/zod-openapi';
import { json, jsonBody, newRouter, problems } from '../http/openapi.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { SettingsService } from '../instance/settings.service.ts';
import { actorOf } from './admin.middleware.ts';
import type { StatsService } from './stats.service.ts';
import { AdminAuditList, AuditQuery, Settings, SettingsPatch, Stats } from './admin.schema.ts';

const tags = ['Administration'];

export function instanceAdminRoutes(deps: { settings: SettingsService; audit: AuditService; stats: StatsService }) {
  const { settings, audit, stats } = deps;
  const app = newRouter();

  app.openapi(
    createRoute({ method: 'get', path: '/admin/settings', tags, summary: 'The site’s settings', responses: { 200: json(Settings, 'Settings'), ...problems } }),
    async (c) => c.json(await settings.get(), 200),
  );

  app.openapi(
    createRoute({
      method: 'patch', path: '/admin/settings', tags, summary: 'Change the name, legal texts and what is open',
      request: jsonBody(SettingsPatch), responses: { 200: json(Settings, 'Saved'), ...problems },
    }),
    async (c) => c.json(await settings.update(actorOf(c), c.req.valid('json')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/admin/audit', tags, summary: 'The audit trail of the whole site, newest first',
      request: { query: AuditQuery }, responses: { 200: json(AdminAuditList, 'Entries'), ...problems },
    }),
    async (c) => {
      const { associationId, before, limit } = c.req.valid('query');
      const [createdAt, id] = before ? before.split(',') : [];
      const items = await audit.list({
        ...(associationId ? { associationId } : {}),
        ...(createdAt && id ? { before: { createdAt, id } } : {}),
        limit,
      });
      return c.json({ items }, 200);
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/admin/stats', tags, summary: 'Counts of accounts, associations and memberships', responses: { 200: json(Stats, 'Counts'), ...problems } }),
    async (c) => c.json(await stats.current(), 200),
  );

  return app;
}
