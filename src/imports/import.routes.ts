/**
 * Import of Bénévalibre migration files (spec §A11): dry run, import, and the import's
 * progress and report. The import checks everything at once (422 naming every problem),
 * then runs as a durable job (202 with its address); GET follows it. Thin: rules live in
 * the import service.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { json, jsonBody, newRouter, problems } from '../http/openapi.ts';
import type { DomainDeps } from '../http/domain-deps.ts';
import { askerOf } from '../memberships/route-helpers.ts';
import { AppError } from '../lib/errors.ts';
import type { Context } from 'hono';
import type { AppEnv } from '../http/context.ts';
import { importService, importsOf } from './import.service.ts';
import { t, type Language, type MessageKey } from '../i18n/messages.ts';

/** Each problem's message in the asker's language, beside its code (the pages show it as is). */
function withMessages<T extends object>(report: T & { problems?: unknown }, lang: Language): T {
  if (!Array.isArray(report.problems)) return report;
  const problems = (report.problems as { code: MessageKey; params?: Record<string, string | number> }[]).map((p) => ({ ...p, message: t(p.code, lang, p.params) }));
  return { ...report, problems };
}

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
const Started = z.object({ importId: z.string(), status: z.string(), alreadyImported: z.boolean() }).openapi('ImportStarted');
const IdParam = z.object({ id: z.string().min(1).max(64) });

function importerOf(c: Context<AppEnv>) {
  const asker = askerOf(c);
  if (asker.viewer.kind !== 'account' || asker.actor.accountId === null) throw new AppError('forbidden', 'forbidden');
  return { accountId: asker.actor.accountId, label: asker.actor.label, isAdmin: asker.viewer.isAdmin };
}

export function importRoutes(deps: DomainDeps) {
  const app = newRouter();
  const imports = importService({ db: deps.db, clock: deps.clock, origin: deps.origin, settings: deps.settings });

  app.openapi(
    createRoute({
      method: 'post', path: '/imports/dry-run', tags, summary: 'Check a Bénévalibre migration file (or `{archive, mappings, name}` with the choices): what would be created, every problem (writes nothing)',
      request: jsonBody(AnyJson), responses: { 200: json(Report, 'The dry-run report'), ...problems },
    }),
    async (c) => {
      importerOf(c);
      const body = c.req.valid('json');
      // Either the file itself, or `{ archive, mappings, name }` to check again with the manager's choices.
      const withChoices = typeof body.archive === 'object' && body.archive !== null && !('objects' in body) ? ImportBody.safeParse(body) : null;
      if (withChoices?.success) {
        const { archive, mappings, name } = withChoices.data;
        return c.json(withMessages(await imports.dryRun(archive, { mappings, name }), c.get('lang')), 200);
      }
      return c.json(withMessages(await imports.dryRun(body), c.get('lang')), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/imports', tags, summary: 'Import a Bénévalibre migration file with the choices of the dry run: checked now, written by a job (202)',
      request: jsonBody(ImportBody),
      responses: { 202: json(Started, 'Queued; follow it at Location'), 200: json(Started, 'This file was imported (or is being imported) already: nothing new'), ...problems },
    }),
    async (c) => {
      const { archive, mappings, name } = c.req.valid('json');
      const result = await imports.start(importerOf(c), archive, { mappings, name });
      c.header('Location', `/api/v1/imports/${result.importId}`);
      return result.alreadyImported ? c.json(result, 200) : c.json(result, 202);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/imports', tags, summary: 'The imports I started, newest first',
      responses: { 200: json(z.object({ items: z.array(Report) }).openapi('ImportList'), 'My imports'), ...problems },
    }),
    async (c) => c.json({ items: await importsOf(deps.db, importerOf(c).accountId) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/imports/{id}', tags, summary: 'An import: status, progress, report, the anonymous members’ new links and the origin outcome (its importer or an admin)',
      request: { params: IdParam }, responses: { 200: json(Report, 'The import'), 404: json(Report, 'Not found'), ...problems },
    }),
    async (c) => {
      const view = await imports.view(c.req.valid('param').id, importerOf(c));
      if (!view) throw new AppError('not_found', 'not_found');
      const lang = c.get('lang');
      return c.json({ ...view, report: withMessages(view.report, lang), errorMessage: view.error ? t(view.error as MessageKey, lang) : null }, 200);
    },
  );

  return app;
}
