/** Exports of the declaration lists (spec §A7): a download, streamed. Thin. */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { Problem } from '../accounts/account.schema.ts';
import type { AppEnv } from '../http/context.ts';
import { newRouter, problems } from '../http/openapi.ts';
import type { DomainDeps } from '../http/domain-deps.ts';
import { AssociationParam } from '../memberships/membership.schema.ts';
import { askerOf } from '../memberships/route-helpers.ts';
import { AssociationExportQuery, ExportItem, MyExportQuery } from './export.schema.ts';
import { exportService, type ExportFile } from './export.service.ts';

const tags = ['Exports'];

const download = {
  description: 'The file, streamed as a download (Content-Disposition: attachment)',
  content: {
    'text/csv': { schema: z.string().openapi({ description: 'UTF-8 with BOM, `;` separated, a header line' }) },
    'application/vnd.oasis.opendocument.spreadsheet': { schema: z.string().openapi({ format: 'binary' }) },
    'application/json': { schema: z.array(ExportItem) },
  },
};

function send(c: Context<AppEnv>, file: ExportFile): Response {
  return c.body(file.body, 200, {
    'Content-Type': file.contentType,
    'Content-Disposition': `attachment; filename="${file.filename}"`,
    'Cache-Control': 'no-store',
    // Reverse proxies (nginx) would otherwise buffer the whole file before sending it.
    'X-Accel-Buffering': 'no',
  });
}

export function exportRoutes(deps: DomainDeps) {
  const app = newRouter();
  const exports = exportService(deps);

  app.openapi(
    createRoute({
      method: 'get', path: '/me/declarations/export', tags,
      summary: 'Export « Mes bénévolats » with its filters (CSV, ODS or JSON)',
      request: { query: MyExportQuery },
      responses: { 200: download, ...problems },
    }),
    async (c) => {
      const { format, ...filter } = c.req.valid('query');
      return send(c, await exports.mine(askerOf(c), filter, format, c.get('lang')));
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/associations/{id}/declarations/export', tags,
      summary: 'Export the association’s declarations with the list’s filters (manageDeclarations)',
      request: { params: AssociationParam, query: AssociationExportQuery },
      responses: { 200: download, ...problems, 404: { content: { 'application/problem+json': { schema: Problem } }, description: 'Association not found' } },
    }),
    async (c) => {
      const { format, ...filter } = c.req.valid('query');
      return send(c, await exports.ofAssociation(askerOf(c), c.req.valid('param').id, filter, format, c.get('lang')));
    },
  );

  return app;
}
