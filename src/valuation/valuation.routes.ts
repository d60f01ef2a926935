/** Valuation in euros (issue 8, spec §B2). Thin: rules live in the valuation service. */
import { createRoute, z } from '@hono/zod-openapi';
import { Problem } from '../accounts/account.schema.ts';
import { requireAdmin } from '../admin/admin.middleware.ts';
import { json, jsonBody, newRouter, noContent, problems } from '../http/openapi.ts';
import type { DomainDeps } from '../http/domain-deps.ts';
import { AssociationParam } from '../memberships/membership.schema.ts';
import { askerOf, moreProblems } from '../memberships/route-helpers.ts';
import { summaryCsv, summaryFilename, summaryPdf } from './valuation.documents.ts';
import {
  Rate, RateBody, RateList, RateParam, Settings, SettingsBody, Smic, SmicBody, SmicList, Summary, SummaryExportQuery, SummaryQuery, ValueMissingResult,
} from './valuation.schema.ts';
import { valuationService } from './valuation.service.ts';

const tags = ['Valorisation / Valuation'];
const errors = { ...problems, ...moreProblems };

export function valuationRoutes(deps: DomainDeps) {
  const app = newRouter();
  const valuation = valuationService(deps);
  app.use('/admin/smic', requireAdmin);

  app.openapi(
    createRoute({
      method: 'get', path: '/associations/{id}/valuation/settings', tags, summary: 'Territory (for the SMIC), RNA and SIREN numbers (manage association or declarations)',
      request: { params: AssociationParam }, responses: { 200: json(Settings, 'The settings'), ...errors },
    }),
    async (c) => c.json(await valuation.settings(askerOf(c), c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'put', path: '/associations/{id}/valuation/settings', tags, summary: 'Set the territory, RNA and SIREN numbers (manage association); a wrong number names its field',
      request: { params: AssociationParam, ...jsonBody(SettingsBody) }, responses: { 200: json(Settings, 'Saved'), ...errors },
    }),
    async (c) => c.json(await valuation.updateSettings(askerOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/associations/{id}/valuation/rates', tags, summary: 'The association’s hourly rates, newest start first (each in force until the next one starts)',
      request: { params: AssociationParam }, responses: { 200: json(RateList, 'Rates'), ...errors },
    }),
    async (c) => c.json({ items: await valuation.rates(askerOf(c), c.req.valid('param').id) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/associations/{id}/valuation/rates', tags, summary: 'Add a rate from a date (manage association); values already frozen never change',
      request: { params: AssociationParam, ...jsonBody(RateBody) }, responses: { 201: json(Rate, 'Added'), ...errors },
    }),
    async (c) => c.json(await valuation.saveRate(askerOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
  );

  app.openapi(
    createRoute({
      method: 'put', path: '/associations/{id}/valuation/rates/{rateId}', tags, summary: 'Change a rate (manage association); values already frozen never change',
      request: { params: RateParam, ...jsonBody(RateBody) }, responses: { 200: json(Rate, 'Changed'), ...errors },
    }),
    async (c) => {
      const { id, rateId } = c.req.valid('param');
      return c.json(await valuation.saveRate(askerOf(c), id, c.req.valid('json'), rateId), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete', path: '/associations/{id}/valuation/rates/{rateId}', tags, summary: 'Remove a rate (manage association); values already frozen never change',
      request: { params: RateParam }, responses: { ...noContent, ...errors },
    }),
    async (c) => {
      const { id, rateId } = c.req.valid('param');
      await valuation.deleteRate(askerOf(c), id, rateId);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/associations/{id}/valuation/value-missing', tags,
      summary: 'Value the validated declarations that have no value yet, at the rates now set (manage association); never changes a valued one',
      request: { params: AssociationParam }, responses: { 200: json(ValueMissingResult, 'How many were valued'), ...errors },
    }),
    async (c) => c.json(await valuation.valueMissing(askerOf(c), c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/associations/{id}/valuation/summary', tags,
      summary: 'Summary for the accounts: hours and value by category and project, methods, 864/875 entry, distance apart (calendar year, or from/to)',
      request: { params: AssociationParam, query: SummaryQuery }, responses: { 200: json(Summary, 'The summary'), ...errors },
    }),
    async (c) => c.json(await valuation.summary(askerOf(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/associations/{id}/valuation/summary/export', tags, summary: 'The summary as a CSV for the accountant (`;`, UTF-8 BOM, decimal comma in French) or a PDF, in the requester’s language (French by default)',
      request: { params: AssociationParam, query: SummaryExportQuery },
      responses: {
        200: {
          description: 'The file (Content-Disposition: attachment)',
          content: { 'text/csv': { schema: z.string() }, 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } },
        },
        ...errors,
        404: { content: { 'application/problem+json': { schema: Problem } }, description: 'Association not found' },
      },
    }),
    async (c) => {
      const { format, ...period } = c.req.valid('query');
      const summary = await valuation.summary(askerOf(c), c.req.valid('param').id, period);
      // In the requester's language (Accept-Language, else the account's), like the JSON messages.
      const lang = c.get('lang');
      const headers = { 'Content-Disposition': `attachment; filename="${summaryFilename(summary, format, lang)}"`, 'Cache-Control': 'no-store', 'Content-Language': lang, Vary: 'Accept-Language' };
      if (format === 'pdf') {
        const bytes = await summaryPdf(summary, deps.clock.now(), lang);
        return c.body(bytes.slice().buffer, 200, { ...headers, 'Content-Type': 'application/pdf' });
      }
      return c.body(summaryCsv(summary, lang), 200, { ...headers, 'Content-Type': 'text/csv; charset=utf-8' });
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/valuation/smic', tags, summary: 'The SMIC horaire brut per territory, effective-dated (public)',
      responses: { 200: json(SmicList, 'Newest first per territory') },
    }),
    async (c) => c.json({ items: await valuation.smic() }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/admin/smic', tags, summary: 'Add a SMIC value from a date for a territory (instance admin); earlier values stay',
      request: { ...jsonBody(SmicBody) }, responses: { 201: json(Smic, 'Added'), ...errors },
    }),
    async (c) => c.json(await valuation.addSmic(askerOf(c), c.req.valid('json')), 201),
  );

  return app;
}
