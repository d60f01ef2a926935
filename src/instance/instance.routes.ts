/** Public facts about this site, read by the front end before showing forms. */
import { createRoute, z } from '@hono/zod-openapi';
import { json, newRouter } from '../http/openapi.ts';

const Instance = z.object({ name: z.string(), registrationOpen: z.boolean() }).openapi('Instance');

export function instanceRoutes(config: { instanceName: string; registrationOpen: boolean }) {
  const app = newRouter();
  app.openapi(
    createRoute({
      method: 'get', path: '/instance', tags: ['Site'], summary: 'Name of the site and whether registration is open',
      responses: { 200: json(Instance, 'The site') },
    }),
    (c) => c.json({ name: config.instanceName, registrationOpen: config.registrationOpen }, 200),
  );
  return app;
}
