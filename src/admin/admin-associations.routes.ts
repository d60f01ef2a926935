/** /admin/associations: the approval queue, orphaned associations, appointing a manager, deletion. */
import { createRoute, z } from '@hono/zod-openapi';
import { json, jsonBody, newRouter, noContent, problems } from '../http/openapi.ts';
import { Email } from '../accounts/account.schema.ts';
import type { AssociationService } from '../associations/association.service.ts';
import { Association, AssociationSummary } from '../associations/association.schema.ts';
import type { MembershipService } from '../memberships/membership.service.ts';
import { Member } from '../memberships/membership.schema.ts';
import { actorOf } from './admin.middleware.ts';
import type { AdminAccountsService } from './admin-accounts.service.ts';
import { conflict, notFound } from './admin.schema.ts';

const tags = ['Administration'];

const AdminAssociationsQuery = z.object({
  status: z.enum(['all', 'pending', 'orphaned']).default('all').openapi({ description: 'pending: awaiting approval; orphaned: without an active manager' }),
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});
const AdminAssociationSummary = AssociationSummary.extend({ createdAt: z.string(), managerCount: z.number().int() }).openapi('AdminAssociationSummary');
const AdminAssociationPage = z
  .object({ items: z.array(AdminAssociationSummary), page: z.number().int(), pageSize: z.number().int(), total: z.number().int() })
  .openapi('AdminAssociationPage');
const IdParam = z.object({ id: z.string().min(1).max(64) });
const AppointBody = z.object({ email: Email }).openapi('AppointManagerBody');

export function adminAssociationsRoutes(deps: { accounts: AdminAccountsService; associations: AssociationService; memberships: MembershipService }) {
  const { associations, memberships } = deps;
  const app = newRouter();

  app.openapi(
    createRoute({
      method: 'get', path: '/admin/associations', tags, summary: 'Every association, those awaiting approval, or those without a manager; 20 per page by name',
      request: { query: AdminAssociationsQuery }, responses: { 200: json(AdminAssociationPage, 'One page'), ...problems },
    }),
    async (c) => c.json(await associations.listForAdmin(c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/admin/associations/{id}/approval', tags, summary: 'Approve an association awaiting approval (its managers are emailed)',
      request: { params: IdParam }, responses: { 200: json(Association, 'Approved'), ...notFound, ...problems },
    }),
    async (c) => c.json(await associations.approve(actorOf(c), c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/admin/associations/{id}/managers', tags,
      summary: 'Make an account a manager: it joins, or switches to, the first role that manages the association, active',
      request: { params: IdParam, ...jsonBody(AppointBody) }, responses: { 200: json(Member, 'Its membership'), ...notFound, ...conflict, ...problems },
    }),
    async (c) => {
      const accountId = await deps.accounts.activeAccountId(c.req.valid('json').email);
      return c.json(await memberships.appointManager(actorOf(c), c.req.valid('param').id, accountId), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete', path: '/admin/associations/{id}', tags, summary: 'Delete an association and everything of it (e.g. an orphaned one)',
      request: { params: IdParam }, responses: { ...noContent, ...notFound, ...problems },
    }),
    async (c) => {
      await associations.deleteAssociation(actorOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

  return app;
}
