/**
 * Import of Bénévalibre migration files (spec §A11): dry run, import, and the import's
 * report. The import runs synchronously (201): it checks everything first, then writes
 * in one quick transaction. Thin: rules live in the import service.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { json, jsonBody, newRouter, problems } from '../http/openapi.ts';
import type { DomainDeps } from '../http/domain-deps.ts';
import { askerOf } from '../memberships/route-helpers.ts';
import { AppError } from '../lib/errors.ts';
import type { Context } from 'hono';
import type { AppEnv } from '../http/context.ts';
import { importService } from './import.service.ts';

/** Imports take whole association histories: their own body limit. */
export const IMPORT_BODY_LIMIT = 50 * 1024 * 1024;

const tags = ['Imports'];
const AnyJson = z.record(z.string(), z.unknown()).openapi('BenevalibreMigrationFile');
const ImportBody = z.object({
  archive: AnyJson,
  mappings: z.record(z.string(), z.string()).optional(),
  name: z.string().max(200).optional(),
});
const Report = z.record(z.string(), z.unknown()).openapi('ImportReport');
const IdParam = z.object({ id: z.string().min(1).max(64) });

function importerOf(c: Context<AppEnv>) {
  const asker = askerOf(c);
  if (asker.viewer.kind !== 'account' || asker.actor.accountId === null) throw new AppError('forbidden', 'forbidden');
  return { accountId: asker.actor.accountId, label: asker.actor.label, isAdmin: asker.viewer.isAdmin };
}

export function importRoutes(deps: DomainDeps) {
  const app = newRouter();
  const imports = importService(deps);

  app.openapi(
    createRoute({
      method: 'post', path: '/imports/dry-run', tags, summary: 'Check a Bénévalibre migration file: what would be created, every problem (writes nothing)',
      request: jsonBody(AnyJson), responses: { 200: json(Report, 'The dry-run report'), ...problems },
    }),
    async (c) => {
      importerOf(c);
      return c.json({ ...(await imports.dryRun(c.req.valid('json'))) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/imports', tags, summary: 'Import a Bénévalibre migration file with the choices of the dry run (synchronous, 201)',
      request: jsonBody(ImportBody), responses: { 201: json(Report, 'Imported (or already imported: nothing changed)'), ...problems },
    }),
    async (c) => {
      const { archive, mappings, name } = c.req.valid('json');
      const result = await imports.run(importerOf(c), archive, { mappings, name });
      return c.json({ ...result }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/imports/{id}', tags, summary: 'An import: status, report and the anonymous members’ new links (its importer or an admin)',
      request: { params: IdParam }, responses: { 200: json(Report, 'The import'), 404: json(Report, 'Not found'), ...problems },
    }),
    async (c) => {
      const who = importerOf(c);
      const row = await deps.db.selectFrom('imports').selectAll().where('id', '=', c.req.valid('param').id).executeTakeFirst();
      if (!row || (row.created_by !== who.accountId && !who.isAdmin)) throw new AppError('not_found', 'not_found');
      const report: unknown = JSON.parse(row.report);
      return c.json({ id: row.id, status: row.status, progress: row.status === 'done' ? 1 : 0, associationId: row.association_id, createdAt: row.created_at, report }, 200);
    },
  );

  return app;
}
