/**
 * Notification preferences of the logged-in person (`GET|PUT /me/notifications`) and the
 * one-click unsubscribe of the List-Unsubscribe header (RFC 8058): POST switches off,
 * GET only tells what the link is about. Plain French labels are the web's job.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { currentAuth, requireAuth } from '../http/auth.middleware.ts';
import type { DomainDeps } from '../http/domain-deps.ts';
import { json, jsonBody, newRouter, problems } from '../http/openapi.ts';
import { notificationService } from './notification.service.ts';
import { NOTIFICATION_KINDS } from './notifier.ts';

const tags = ['Notifications'];
const Kind = z.enum(NOTIFICATION_KINDS).openapi({ description: 'Kind of email' });
const Mode = z.enum(['immediate', 'digest', 'none']).openapi({ description: 'immediate email, daily digest (07:00 Paris) or none' });
const Preference = z.object({ kind: Kind, mode: Mode }).openapi('NotificationPreference');
const Preferences = z.object({ preferences: z.array(Preference) }).openapi('NotificationPreferences');
const PreferencesBody = z
  .object({ preferences: z.array(Preference).max(NOTIFICATION_KINDS.length * 2) })
  .openapi('NotificationPreferencesBody', { description: 'Kinds to change; the others keep their mode' });
const UnsubscribeState = z
  .object({ kind: z.string().openapi({ description: 'The kind, or `digest` for the daily digest as a whole' }), mode: Mode })
  .openapi('UnsubscribeState');
const TokenQuery = z.object({ token: z.string().min(1).max(512) });
const notFound = { 404: { content: { 'application/problem+json': { schema: problems[422].content['application/problem+json'].schema } }, description: 'Invalid link' } };

export function notificationRoutes(deps: DomainDeps) {
  const app = newRouter();
  const service = notificationService({ db: deps.db, secret: deps.secret });

  app.openapi(
    createRoute({
      method: 'get', path: '/me/notifications', tags, summary: 'My email preferences, per kind', middleware: [requireAuth],
      responses: { 200: json(Preferences, 'Every kind with its mode (immediate unless chosen otherwise)'), ...problems },
    }),
    async (c) => c.json({ preferences: await service.preferences(currentAuth(c).account.id) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'put', path: '/me/notifications', tags, summary: 'Change my email preferences', middleware: [requireAuth],
      request: jsonBody(PreferencesBody), responses: { 200: json(Preferences, 'Every kind with its mode'), ...problems },
    }),
    async (c) => c.json({ preferences: await service.update(currentAuth(c).account.id, c.req.valid('json').preferences) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/notifications/unsubscribe', tags, summary: 'What an unsubscribe link is about (changes nothing)',
      request: { query: TokenQuery }, responses: { 200: json(UnsubscribeState, 'The kind and its current mode'), ...notFound },
    }),
    async (c) => c.json(await service.peek(c.req.valid('query').token), 200),
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/notifications/unsubscribe', tags,
      summary: 'One-click unsubscribe (RFC 8058): the kind of the signed link stops (mode none)',
      description: 'Mail clients post `List-Unsubscribe=One-Click` as a form; the body is ignored, the signed token says everything.',
      request: { query: TokenQuery }, responses: { 200: json(UnsubscribeState, 'The kind, now switched off'), ...notFound },
    }),
    async (c) => c.json(await service.unsubscribe(c.req.valid('query').token), 200),
  );

  return app;
}
