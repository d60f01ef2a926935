/**
 * Categories, projects and levels as public raw JSON-LD (federation.md, Actors and
 * Vocabulary): remote volunteers' instances read them to build the declaration form.
 * Served by our own routes, not Fedify's, because Fedify's classes drop custom types:
 * each item is multi-typed with an ActivityStreams base (`["Object", "Category"]`),
 * with our context inline. A browser opening one of these ids (it asks for HTML) is
 * sent to the association's page.
 */
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../http/context.ts';
import { problem } from '../http/problem.ts';
import { actorState } from './actors.ts';
import { catalogObjectRepository, type CatalogKind, type CatalogObjectRow } from './catalog-object.repository.ts';
import type { FederationData } from './federation.ts';
import { actorIri, actorUris, associationPage, catalogObjectIri } from './uris.ts';
import { BV_DOCUMENT_CONTEXT } from './vocabulary.ts';

const TYPE: Record<CatalogKind, string> = { categories: 'Category', projects: 'Project', levels: 'Level' };
const KINDS = ['categories', 'projects', 'levels'] as const;
export const AP_MEDIA_TYPE = 'application/activity+json';

/** True when the client wants a web page rather than ActivityStreams JSON. */
export function wantsHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  const a = accept.toLowerCase();
  if (/application\/(activity\+json|ld\+json|json)/.test(a)) return false;
  return a.includes('text/html');
}

/** One catalog item as a JSON-LD object (without @context when embedded). */
export function toCatalogObject(origin: string, kind: CatalogKind, row: CatalogObjectRow): Record<string, unknown> {
  return {
    id: catalogObjectIri(origin, kind, row.id),
    type: ['Object', TYPE[kind]],
    attributedTo: actorIri(origin, row.association_id),
    name: row.name,
    ...(row.description ? { summary: row.description } : {}),
    ...(kind === 'categories' && row.reference_code ? { defaultCategory: row.reference_code } : {}),
  };
}

const json = (c: Context<AppEnv>, body: unknown) =>
  c.body(JSON.stringify(body), 200, { 'Content-Type': AP_MEDIA_TYPE, Vary: 'Accept', 'Cache-Control': 'public, max-age=60' });

/** GET /ap/actors/{id}/{categories|projects|levels} and /ap/{kind}/{id}. */
export function catalogObjectRoutes(data: FederationData) {
  const app = new Hono<AppEnv>();
  const repo = catalogObjectRepository(data.db);

  for (const kind of KINDS) {
    app.get(`/ap/actors/:id/${kind}`, async (c) => {
      const id = c.req.param('id');
      const state = await actorState(data, id);
      if (state.kind !== 'association') return notFound(c);
      if (wantsHtml(c.req.header('Accept'))) return c.redirect(associationPage(data.origin, id), 303);
      const rows = await repo.list(kind, id);
      return json(c, {
        '@context': BV_DOCUMENT_CONTEXT,
        id: actorUris(data.origin, id)[kind],
        type: 'OrderedCollection',
        attributedTo: actorIri(data.origin, id),
        totalItems: rows.length,
        orderedItems: rows.map((r) => toCatalogObject(data.origin, kind, r)),
      });
    });

    app.get(`/ap/${kind}/:id`, async (c) => {
      const row = await repo.find(kind, c.req.param('id'));
      // Only the items of a public association are public.
      if (!row || (await actorState(data, row.association_id)).kind !== 'association') return notFound(c);
      if (wantsHtml(c.req.header('Accept'))) return c.redirect(associationPage(data.origin, row.association_id), 303);
      return json(c, { '@context': BV_DOCUMENT_CONTEXT, ...toCatalogObject(data.origin, kind, row) });
    });
  }
  return app;
}

// Not c.notFound(): the app's fallback would answer 405, since this very GET route matches the path.
const notFound = (c: Context<AppEnv>) => problem(c, 404, 'not_found');
