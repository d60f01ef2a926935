/** Managing an association (manage association): its handle, its logo, its deletion, its trail. */
import { createRoute, z } from '@hono/zod-openapi';
import { json, jsonBody, newRouter, noContent, problems } from '../http/openapi.ts';
import type { Context } from 'hono';
import { currentAuth, requireAuth } from '../http/auth.middleware.ts';
import type { AppEnv } from '../http/context.ts';
import { viewerOf } from '../http/viewer.ts';
import { displayName } from '../accounts/account.view.ts';
import type { Actor } from '../audit/audit.service.ts';
import type { AssociationService } from './association.service.ts';
import { Association, AuditList, AuditQuery, DeletionBody, HandleBody, IdParam } from './association.schema.ts';

export const tags = ['Associations'];

/** Who the audit trail names for this request. */
export function actorOf(c: Context<AppEnv>): Actor {
  const account = currentAuth(c).account;
  return { accountId: account.id, label: displayName(account) };
}

const image = { schema: z.string().openapi({ format: 'binary' }) };
const notFound = { 404: { ...problems[422], description: 'Unknown, or not visible to you' } };

export function manageRoutes(associations: AssociationService) {
  const app = newRouter();

  app.openapi(
    createRoute({
      method: 'put', path: '/associations/{id}/handle', tags, summary: 'Choose the association’s address (handle)',
      middleware: [requireAuth], request: { params: IdParam, ...jsonBody(HandleBody) },
      responses: { 200: json(Association, 'Changed'), ...notFound, ...problems },
    }),
    async (c) => c.json(await associations.changeHandle(viewerOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json').handle), 200),
  );

  app.openapi(
    createRoute({
      method: 'put', path: '/associations/{id}/logo', tags, summary: 'Set the logo (PNG, JPEG or WebP, resized by the browser, ≤ 512 KB)',
      middleware: [requireAuth],
      request: { params: IdParam, body: { content: { 'image/png': image, 'image/jpeg': image, 'image/webp': image }, required: true } },
      responses: { 200: json(Association, 'Updated'), ...notFound, ...problems },
    }),
    async (c) => {
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      return c.json(await associations.setLogo(viewerOf(c), actorOf(c), c.req.valid('param').id, bytes), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete', path: '/associations/{id}/logo', tags, summary: 'Remove the logo',
      middleware: [requireAuth], request: { params: IdParam }, responses: { 200: json(Association, 'Updated'), ...notFound, ...problems },
    }),
    async (c) => c.json(await associations.removeLogo(viewerOf(c), actorOf(c), c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/associations/{id}/logo', tags, summary: 'The association’s logo image', request: { params: IdParam },
      responses: { 200: { content: { 'image/png': image, 'image/jpeg': image, 'image/webp': image }, description: 'The image' }, ...notFound },
    }),
    async (c) => {
      const logo = await associations.logo(viewerOf(c), c.req.valid('param').id);
      return c.body(new Uint8Array(logo.data), 200, {
        'Content-Type': logo.mime,
        // Versioned URLs (?v=) let browsers keep public logos; one awaiting approval stays private.
        'Cache-Control': logo.isPublic ? 'public, max-age=31536000, immutable' : 'private, no-store',
      });
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/associations/{id}/deletion', tags,
      summary: 'Delete the association and everything of it (type its name to confirm)',
      middleware: [requireAuth], request: { params: IdParam, ...jsonBody(DeletionBody) }, responses: { ...noContent, ...notFound, ...problems },
    }),
    async (c) => {
      await associations.delete(viewerOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json').confirmName);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/associations/{id}/audit', tags, summary: 'Who changed what, newest first (manage association); before=<createdAt>,<id>',
      middleware: [requireAuth], request: { params: IdParam, query: AuditQuery }, responses: { 200: json(AuditList, '`limit` entries at most (50 by default)'), ...notFound, ...problems },
    }),
    async (c) => {
      const { before, limit } = c.req.valid('query');
      // The schema checked the shape « <createdAt>,<id> ».
      const cut = before?.indexOf(',') ?? -1;
      const marker = before ? { createdAt: before.slice(0, cut), id: before.slice(cut + 1) } : undefined;
      return c.json({ items: await associations.audit(viewerOf(c), c.req.valid('param').id, marker, limit) }, 200);
    },
  );

  return app;
}
