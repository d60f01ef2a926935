/** The « passeport bénévole »: JSON and PDF of the logged-in volunteer's whole record. Thin: the service builds it. */
import { createRoute, z } from '@hono/zod-openapi';
import { json, newRouter, problems } from '../http/openapi.ts';
import type { DomainDeps } from '../http/domain-deps.ts';
import { accountIdOf } from '../memberships/access.ts';
import { askerOf } from '../memberships/route-helpers.ts';
import { passportService } from './passport.service.ts';
import { passportPdf } from './passport.pdf.ts';

const tags = ['Passeport bénévole / Volunteer record'];

const Association = z.object({
  kind: z.enum(['local', 'remote']), id: z.string(), name: z.string(), site: z.string().nullable(), link: z.string().nullable(),
  membership: z.string().nullable(), function: z.enum(['governance', 'supervision', 'none']), since: z.string().nullable(),
  validatedMinutes: z.number().int(), validatedActions: z.number().int(), otherActions: z.number().int(), firstDate: z.string().nullable(), lastDate: z.string().nullable(),
  categories: z.array(z.object({ name: z.string(), minutes: z.number().int() })),
});
const Action = z.object({
  id: z.string(), kind: z.enum(['local', 'remote']), associationId: z.string(), title: z.string(), date: z.string(), endDate: z.string().nullable(),
  category: z.string(), project: z.string().nullable(), status: z.string(), durationMinutes: z.number().int(), validatedMinutes: z.number().int().nullable(),
  distanceKm: z.string(), reason: z.string().nullable(), signedValidation: z.boolean(),
});
export const Passport = z
  .object({
    volunteer: z.object({ id: z.string(), displayName: z.string(), address: z.string() }), site: z.string(), generatedAt: z.string(),
    totals: z.object({
      validatedMinutes: z.number().int(), validatedActions: z.number().int(), otherActions: z.number().int(), associations: z.number().int(),
      distanceKm: z.string(), firstDate: z.string().nullable(), lastDate: z.string().nullable(),
    }),
    years: z.array(z.object({ year: z.number().int(), minutes: z.number().int(), actions: z.number().int() })),
    associations: z.array(Association), actions: z.array(Action),
  })
  .openapi('Passport');

export function passportRoutes(deps: DomainDeps) {
  const app = newRouter();
  const passport = passportService(deps);

  app.openapi(
    createRoute({
      method: 'get', path: '/me/passport', tags, summary: 'My volunteer record: every association here and on other sites, validated hours per association, year and category, every action',
      responses: { 200: json(Passport, 'The record'), ...problems },
    }),
    async (c) => c.json(await passport.of(accountIdOf(askerOf(c))), 200),
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/me/passport/pdf', tags, summary: 'My volunteer record as a PDF, in the requester’s language (French by default)',
      responses: { 200: { content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } }, description: 'The PDF, as an attachment' }, ...problems },
    }),
    async (c) => {
      const view = await passport.of(accountIdOf(askerOf(c)));
      // In the requester's language (Accept-Language, else the account's), like the JSON messages.
      const lang = c.get('lang');
      const bytes = await passportPdf(view, new Date(view.generatedAt), lang);
      return c.body(bytes.slice().buffer, 200, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="${lang === 'en' ? 'volunteer-record' : 'passeport-benevole'}-${view.generatedAt.slice(0, 10)}.pdf"`,
        'Content-Language': lang,
        'Cache-Control': 'no-store',
      });
    },
  );
  return app;
}
