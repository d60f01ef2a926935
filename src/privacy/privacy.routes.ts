/** Personal data (product §B4): the download of everything about the account. Thin: the service gathers it. */
import { createRoute, z } from '@hono/zod-openapi';
import { json, newRouter, problems } from '../http/openapi.ts';
import type { DomainDeps } from '../http/domain-deps.ts';
import { accountIdOf } from '../memberships/access.ts';
import { askerOf } from '../memberships/route-helpers.ts';
import { privacyService } from './privacy.service.ts';

const tags = ['Profil / Profile'];

export function privacyRoutes(deps: DomainDeps) {
  const app = newRouter();
  const privacy = privacyService(deps);

  app.openapi(
    createRoute({
      method: 'get', path: '/me/data', tags,
      summary: 'Download all my data (JSON): profile, memberships and declarations here and on other sites with the signed documents, follows, attestations, preferences, sessions and tokens (no secret)',
      responses: { 200: json(z.record(z.string(), z.unknown()).openapi('PersonalData'), 'The whole record, as an attachment'), ...problems },
    }),
    async (c) => {
      const data = await privacy.export(accountIdOf(askerOf(c)));
      const day = String(data.exportedAt).slice(0, 10);
      return c.json(data, 200, { 'Content-Disposition': `attachment; filename="mes-donnees-benevalibre-${day}.json"`, 'Cache-Control': 'no-store' });
    },
  );
  return app;
}
