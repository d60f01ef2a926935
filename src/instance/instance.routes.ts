/** Public facts about this site, read by the front end before showing forms and footers. */
import { createRoute, z } from '@hono/zod-openapi';
import { json, newRouter } from '../http/openapi.ts';
import type { SettingsService } from './settings.service.ts';

const Instance = z
  .object({
    name: z.string(),
    registrationOpen: z.boolean(),
    associationCreationOpen: z.boolean(),
    associationCreationModerated: z.boolean(),
  })
  .openapi('Instance');

const LegalPage = z.object({ kind: z.enum(['notice', 'privacy', 'terms']), content: z.string() }).openapi('LegalPage');

export function instanceRoutes(settings: SettingsService) {
  const app = newRouter();
  app.openapi(
    createRoute({
      method: 'get', path: '/instance', tags: ['Site'], summary: 'Name of the site and what is open',
      responses: { 200: json(Instance, 'The site') },
    }),
    async (c) => {
      const s = await settings.get();
      return c.json(
        {
          name: s.name,
          registrationOpen: s.registrationOpen,
          associationCreationOpen: s.associationCreationOpen,
          associationCreationModerated: s.associationCreationModerated,
        },
        200,
      );
    },
  );
  app.openapi(
    createRoute({
      method: 'get', path: '/instance/legal/{kind}', tags: ['Site'], summary: 'Legal notice, privacy notice or terms of use (text written by the admin; empty until then)',
      request: { params: z.object({ kind: z.enum(['notice', 'privacy', 'terms']) }) },
      responses: { 200: json(LegalPage, 'The page') },
    }),
    async (c) => {
      const { kind } = c.req.valid('param');
      const s = await settings.get();
      const content = kind === 'notice' ? s.legalNotice : kind === 'privacy' ? s.privacyNotice : s.termsOfUse;
      return c.json({ kind, content }, 200);
    },
  );
  return app;
}
