/** /admin/reports and /admin/blocked-domains (flow 10), for instance admins only. Thin: rules live in the moderation service. */
import { createRoute, z } from '@hono/zod-openapi';
import { json, jsonBody, newRouter, noContent, problems } from '../http/openapi.ts';
import type { DomainDeps } from '../http/domain-deps.ts';
import { actorOf, requireAdmin } from '../admin/admin.middleware.ts';
import { conflict, notFound } from '../admin/admin.schema.ts';
import { moderationService } from './moderation.service.ts';

const tags = ['Administration'];

const ReportQuery = z.object({ status: z.enum(['open', 'resolved', 'all']).default('open') });
const Report = z
  .object({
    id: z.string(),
    activityId: z.string(),
    reporter: z.object({ id: z.string(), host: z.string(), name: z.string().nullable(), handle: z.string().nullable() }),
    objects: z.array(z.object({ iri: z.string(), label: z.string().nullable(), path: z.string().nullable() })),
    content: z.string().nullable(),
    receivedAt: z.string(),
    resolvedAt: z.string().nullable(),
    resolvedBy: z.string().nullable(),
  })
  .openapi('Report');
const ReportList = z.object({ items: z.array(Report), open: z.number().int().openapi({ description: 'Reports not yet dealt with' }) }).openapi('ReportList');
const IdParam = z.object({ id: z.string().min(1).max(64) });

const BlockedDomain = z
  .object({ domain: z.string(), blockedAt: z.string(), blockedBy: z.string().nullable(), reason: z.string().nullable() })
  .openapi('BlockedDomain');
const BlockBody = z
  .object({
    domain: z.string().trim().min(1).max(300).openapi({ description: 'exemple.org, https://exemple.org/… or @name@exemple.org' }),
    reason: z.string().trim().max(1000).nullable().optional(),
  })
  .openapi('BlockDomainBody');
const DomainParam = z.object({ domain: z.string().min(1).max(300) });

export function moderationRoutes(deps: DomainDeps) {
  const app = newRouter();
  const moderation = moderationService(deps);
  // Its own guard, whatever router it is mounted beside (401, then 403).
  app.use('/admin/reports', requireAdmin);
  app.use('/admin/reports/*', requireAdmin);
  app.use('/admin/blocked-domains', requireAdmin);
  app.use('/admin/blocked-domains/*', requireAdmin);

  app.openapi(
    createRoute({
      method: 'get', path: '/admin/reports', tags, summary: 'Reports (Flag) received from other sites, newest first; open ones by default',
      request: { query: ReportQuery }, responses: { 200: json(ReportList, 'Newest first'), ...problems },
    }),
    async (c) => c.json(await moderation.listReports(c.req.valid('query').status), 200),
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/admin/reports/{id}/resolve', tags, summary: 'Mark a report as dealt with (409 report_already_resolved)',
      request: { params: IdParam }, responses: { 200: json(Report, 'Dealt with'), ...notFound, ...conflict, ...problems },
    }),
    async (c) => c.json(await moderation.resolveReport(actorOf(c), c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/admin/blocked-domains', tags, summary: 'Blocked sites: their activities are refused and nothing is delivered to them',
      responses: { 200: json(z.object({ items: z.array(BlockedDomain) }).openapi('BlockedDomainList'), 'Most recent first'), ...problems },
    }),
    async (c) => c.json({ items: await moderation.listBlocked() }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/admin/blocked-domains', tags, summary: 'Block a site: its activities refused, deliveries to it stopped, its followers removed',
      request: jsonBody(BlockBody),
      responses: { 201: json(BlockedDomain.extend({ followersRemoved: z.number().int() }).openapi('BlockedDomainCreated'), 'Blocked'), ...problems },
    }),
    async (c) => c.json(await moderation.block(actorOf(c), c.req.valid('json')), 201),
  );

  app.openapi(
    createRoute({
      method: 'delete', path: '/admin/blocked-domains/{domain}', tags, summary: 'Lift a block (former followers must follow again)',
      request: { params: DomainParam }, responses: { ...noContent, ...notFound, ...problems },
    }),
    async (c) => {
      await moderation.unblock(actorOf(c), c.req.valid('param').domain);
      return c.body(null, 204);
    },
  );
  return app;
}
