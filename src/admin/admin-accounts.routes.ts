/** /admin/accounts: search, re-send activation, disable, enable, delete. */
import { createRoute } from '@hono/zod-openapi';
import { json, newRouter, noContent, problems } from '../http/openapi.ts';
import { Status } from '../accounts/account.schema.ts';
import { actorOf } from './admin.middleware.ts';
import type { AdminAccountsService } from './admin-accounts.service.ts';
import { AccountIdParam, AccountsQuery, AdminAccount, AdminAccountPage, conflict, notFound } from './admin.schema.ts';

const tags = ['Administration'];
const request = { params: AccountIdParam };

export function adminAccountsRoutes(accounts: AdminAccountsService) {
  const app = newRouter();

  app.openapi(
    createRoute({
      method: 'get', path: '/admin/accounts', tags, summary: 'Accounts by email, name, pseudonym or handle; newest first, 20 per page',
      request: { query: AccountsQuery }, responses: { 200: json(AdminAccountPage, 'One page'), ...problems },
    }),
    async (c) => c.json(await accounts.list(c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/admin/accounts/{id}/activation', tags, summary: 'Email a new activation link (account not activated yet)',
      request, responses: { 202: json(Status, 'Sent'), ...notFound, ...conflict, ...problems },
    }),
    async (c) => {
      await accounts.resendActivation(c.req.valid('param').id);
      return c.json({ status: 'activation_sent' }, 202);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/admin/accounts/{id}/disable', tags, summary: 'Disable an account: no more login, its sessions end',
      request, responses: { 200: json(AdminAccount, 'Disabled'), ...notFound, ...conflict, ...problems },
    }),
    async (c) => c.json(await accounts.disable(actorOf(c), c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/admin/accounts/{id}/enable', tags, summary: 'Enable a disabled account again',
      request, responses: { 200: json(AdminAccount, 'Enabled'), ...notFound, ...conflict, ...problems },
    }),
    async (c) => c.json(await accounts.enable(actorOf(c), c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/admin/accounts/{id}/deletion', tags,
      summary: 'Delete an account (personal data erased, « Ancien membre n° N » kept; refused for the last manager of an association with other members)',
      request, responses: { ...noContent, ...notFound, ...conflict, ...problems },
    }),
    async (c) => {
      await accounts.delete(actorOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

  return app;
}
