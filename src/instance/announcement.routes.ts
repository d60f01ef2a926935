/** Announcements: the public banner list, and their administration (mounted under the admin router). */
import { createRoute } from '@hono/zod-openapi';
import { json, jsonBody, newRouter, noContent, problems } from '../http/openapi.ts';
import { viewerOf } from '../http/viewer.ts';
import { actorOf } from '../admin/admin.middleware.ts';
import { notFound } from '../admin/admin.schema.ts';
import type { AnnouncementService } from './announcement.service.ts';
import { Announcement, AnnouncementBody, AnnouncementIdParam, AnnouncementList, AnnouncementPatch, PublicAnnouncementList } from './announcement.schema.ts';

const tags = ['Administration'];

export function announcementRoutes(announcements: AnnouncementService) {
  const app = newRouter();

  app.openapi(
    createRoute({
      method: 'get', path: '/announcements', tags: ['Site'], summary: 'Announcements shown now to whoever asks (banner of every page)',
      responses: { 200: json(PublicAnnouncementList, 'Active announcements, newest first') },
    }),
    async (c) => {
      const items = await announcements.visibleTo(viewerOf(c));
      return c.json({ items: items.map(({ id, title, content, audience }) => ({ id, title, content, audience })) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/admin/announcements', tags, summary: 'Every announcement, past, current and future',
      responses: { 200: json(AnnouncementList, 'Announcements, newest publication first'), ...problems },
    }),
    async (c) => c.json({ items: await announcements.list() }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/admin/announcements', tags, summary: 'Write an announcement',
      request: jsonBody(AnnouncementBody), responses: { 201: json(Announcement, 'Created'), ...problems },
    }),
    async (c) => c.json(await announcements.create(actorOf(c), c.req.valid('json')), 201),
  );

  app.openapi(
    createRoute({
      method: 'patch', path: '/admin/announcements/{id}', tags, summary: 'Edit an announcement',
      request: { params: AnnouncementIdParam, ...jsonBody(AnnouncementPatch) }, responses: { 200: json(Announcement, 'Updated'), ...notFound, ...problems },
    }),
    async (c) => c.json(await announcements.update(actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  app.openapi(
    createRoute({
      method: 'delete', path: '/admin/announcements/{id}', tags, summary: 'Delete an announcement',
      request: { params: AnnouncementIdParam }, responses: { ...noContent, ...notFound, ...problems },
    }),
    async (c) => {
      await announcements.remove(actorOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

  return app;
}
