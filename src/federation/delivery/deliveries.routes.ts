/** /admin/deliveries (issue 6): outgoing deliveries per remote host, and retrying a host now. Admins only. */
import { createRoute, z } from '@hono/zod-openapi';
import { json, newRouter, problems } from '../../http/openapi.ts';
import type { DomainDeps } from '../../http/domain-deps.ts';
import { actorOf, requireAdmin } from '../../admin/admin.middleware.ts';
import { deliveriesService } from './deliveries.service.ts';

const tags = ['Administration'];

const HostDeliveries = z
  .object({
    host: z.string(),
    queued: z.number().int().openapi({ description: 'Waiting for their first attempt' }),
    failing: z.number().int().openapi({ description: 'Failed at least once, will be tried again' }),
    dead: z.number().int().openapi({ description: 'Given up (gone inbox, refused address, blocked host, or retried for days)' }),
    circuit: z.enum(['closed', 'open', 'half-open']).openapi({ description: 'open: the host failed repeatedly, its deliveries wait until circuitOpenUntil' }),
    circuitOpenUntil: z.string().nullable(),
    consecutiveFailures: z.number().int(),
    blocked: z.boolean(),
    lastError: z.string().nullable(),
    lastFailureAt: z.string().nullable(),
    lastSuccessAt: z.string().nullable(),
  })
  .openapi('HostDeliveries');
const HostParam = z.object({ host: z.string().min(1).max(300).openapi({ description: 'Host name, with its port if any, e.g. exemple.org' }) });

/** The admin deliveries routes, each behind the admin guard. */
export function deliveriesRoutes(deps: DomainDeps) {
  const app = newRouter();
  const service = deliveriesService(deps.db, deps.clock);
  // Its own guard, whatever router it is mounted beside (401, then 403).
  app.use('/admin/deliveries', requireAdmin);
  app.use('/admin/deliveries/*', requireAdmin);

  app.openapi(
    createRoute({
      method: 'get', path: '/admin/deliveries', tags, summary: 'Outgoing deliveries per remote site: queued, failing, dead, circuit state, last error',
      responses: { 200: json(z.object({ items: z.array(HostDeliveries) }).openapi('HostDeliveriesList'), 'Troubled sites first'), ...problems },
    }),
    async (c) => c.json({ items: await service.list() }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/admin/deliveries/{host}/retry', tags, summary: 'Try every delivery of this site again now: failing, dead, and those its open circuit holds',
      request: { params: HostParam },
      responses: { 200: json(z.object({ host: z.string(), retried: z.number().int() }).openapi('DeliveriesRetried'), 'Queued again'), ...problems },
    }),
    async (c) => c.json(await service.retryHost(actorOf(c), c.req.valid('param').host), 200),
  );

  return app;
}
