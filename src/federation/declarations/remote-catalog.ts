/**
 * The categories, projects and levels of an association of another site, as our
 * volunteers need them to declare there in the same form as for a local association
 * (federation.md, Actors: its public `categories`, `projects`, `levels` collections, raw
 * JSON served by catalog-objects.routes.ts on every Bénévalibre instance).
 *
 * Read through a Fedify document loader — the instance actor's, which signs (sites that
 * require signed fetches answer it) and keeps Fedify's public-address check on every URL
 * and redirect — validated with zod, and cached in `remote_catalogs` /
 * `remote_catalog_items`: the form never waits on the remote site while the copy is
 * fresh (one hour), and a remote outage leaves the last copy in use. Remote data never
 * crashes anything: what cannot be read ends as a RemoteCatalogError saying why.
 */
import type { Context } from '@fedify/fedify';
import type { DocumentLoader } from '@fedify/vocab-runtime';
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../lib/clock.ts';
import type { FederationData } from '../federation.ts';
import { remoteHostRepository } from '../remote-host.repository.ts';
import { remoteCatalogRepository } from './remote-catalog.repository.ts';
import { INSTANCE_ACTOR } from '../uris.ts';
import type { RemoteCatalogKind } from './remote-catalog.table.ts';
import { originOf } from './values.ts';

export const CATALOG_KINDS = ['categories', 'projects', 'levels'] as const satisfies readonly RemoteCatalogKind[];
/** A cached catalog older than this is read again before use. */
export const CATALOG_MAX_AGE_MS = 60 * 60 * 1000;
/** Per collection: a volunteer may be waiting on the form. */
const FETCH_TIMEOUT_MS = 8_000;
/** More items than any real association has; a bigger list is refused, not truncated. */
const MAX_ITEMS = 1000;
const ITEM_TYPE: Record<RemoteCatalogKind, string> = { categories: 'Category', projects: 'Project', levels: 'Level' };

export interface RemoteCatalogItem {
  iri: string;
  name: string;
  summary: string | null;
  /** Categories: the reference code they count as. */
  defaultCategory: string | null;
}

export interface RemoteCatalog {
  groupIri: string;
  fetchedAt: string;
  /** True when a refresh failed and this is the last copy read. */
  stale: boolean;
  categories: RemoteCatalogItem[];
  projects: RemoteCatalogItem[];
  levels: RemoteCatalogItem[];
}

export type RemoteCatalogFailure = 'blocked' | 'unreachable' | 'invalid';

/** Why a remote catalog could not be read; `message` names the collection and the problem. */
export class RemoteCatalogError extends Error {
  readonly reason: RemoteCatalogFailure;
  constructor(reason: RemoteCatalogFailure, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RemoteCatalogError';
    this.reason = reason;
  }
}

/** The collections' URLs: appended to the actor id, the URL layout of every Bénévalibre instance. */
export function catalogCollectionUrls(groupIri: string): Record<RemoteCatalogKind, string> {
  return { categories: `${groupIri}/categories`, projects: `${groupIri}/projects`, levels: `${groupIri}/levels` };
}

/** The loader to use: the instance actor's (signed fetches), with a deadline per request. */
export async function catalogLoader(ctx: Context<FederationData>): Promise<DocumentLoader> {
  const loader = await ctx.getDocumentLoader({ identifier: INSTANCE_ACTOR });
  return (url, options) => loader(url, { ...options, signal: options?.signal ?? AbortSignal.timeout(FETCH_TIMEOUT_MS) });
}

const text = (max: number) => z.string().max(max);
const Item = z.object({
  id: z.string().max(2048),
  type: z.union([z.string(), z.array(z.string())]).transform((t) => (Array.isArray(t) ? t : [t])),
  name: text(500),
  summary: text(5000).nullable().optional(),
  defaultCategory: text(64).nullable().optional(),
});
const Collection = z.object({
  type: z.enum(['OrderedCollection', 'Collection']),
  attributedTo: z.string().max(2048).optional(),
  orderedItems: z.array(z.unknown()).max(MAX_ITEMS).optional(),
  items: z.array(z.unknown()).max(MAX_ITEMS).optional(),
});

/**
 * Checks one collection document: its items are the association's (same origin, and
 * `attributedTo` the association when given), of the expected type, named, each once.
 * Pure; throws RemoteCatalogError('invalid') naming the first problem.
 */
export function parseCatalogCollection(groupIri: string, kind: RemoteCatalogKind, document: unknown): RemoteCatalogItem[] {
  const invalid = (what: string) => new RemoteCatalogError('invalid', `${kind} of ${groupIri}: ${what}`);
  const collection = Collection.safeParse(document);
  if (!collection.success) throw invalid(`not a collection (${collection.error.issues.map((i) => `${i.path.join('.') || '(document)'} ${i.code}`).join('; ')})`);
  if (collection.data.attributedTo !== undefined && collection.data.attributedTo !== groupIri) throw invalid('attributed to another actor');
  // Our collections are never paged: a paged one is not from a Bénévalibre instance we understand.
  const raw = collection.data.orderedItems ?? collection.data.items;
  if (raw === undefined) throw invalid('no items inline');
  const origin = originOf(groupIri);
  const seen = new Set<string>();
  return raw.map((value, index) => {
    const item = Item.safeParse(value);
    if (!item.success) throw invalid(`item ${index} (${item.error.issues.map((i) => `${i.path.join('.')} ${i.code}`).join('; ')})`);
    const { id, type, name, summary, defaultCategory } = item.data;
    // Only the association's own instance may define what its declarations refer to.
    if (originOf(id) === null || originOf(id) !== origin) throw invalid(`item ${index} is not on the association's site`);
    if (!type.includes(ITEM_TYPE[kind])) throw invalid(`item ${index} is not a ${ITEM_TYPE[kind]}`);
    if (seen.has(id)) throw invalid(`item ${index} listed twice`);
    seen.add(id);
    if (name.trim() === '') throw invalid(`item ${index} has no name`);
    return {
      iri: id, name: name.trim(), summary: summary?.trim() || null,
      defaultCategory: kind === 'categories' ? defaultCategory?.trim() || null : null,
    };
  });
}

/** Reads the three collections (no cache, no storage). */
export async function fetchRemoteCatalog(loader: DocumentLoader, groupIri: string): Promise<Record<RemoteCatalogKind, RemoteCatalogItem[]>> {
  const urls = catalogCollectionUrls(groupIri);
  const read = async (kind: RemoteCatalogKind) => {
    let document: unknown;
    try {
      ({ document } = await loader(urls[kind]));
    } catch (error) {
      // A body that is not JSON surfaces as a SyntaxError from the loader.
      const reason = error instanceof SyntaxError ? 'invalid' : 'unreachable';
      throw new RemoteCatalogError(reason, `${kind} of ${groupIri}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    return parseCatalogCollection(groupIri, kind, document);
  };
  const [categories, projects, levels] = await Promise.all(CATALOG_KINDS.map(read));
  return { categories: categories!, projects: projects!, levels: levels! };
}

export interface RemoteCatalogDeps {
  db: Db;
  clock: Clock;
  /** Usually catalogLoader(ctx); tests may pass any DocumentLoader. */
  loader: DocumentLoader;
}

function hostOf(groupIri: string): string | null {
  try {
    return new URL(groupIri).host;
  } catch {
    return null;
  }
}

/** The cached copy, or null when there is none. */
export async function storedRemoteCatalog(db: Db, groupIri: string): Promise<RemoteCatalog | null> {
  const stored = await remoteCatalogRepository(db).find(groupIri);
  if (!stored) return null;
  const of = (kind: RemoteCatalogKind) =>
    stored.items.filter((r) => r.kind === kind).map((r) => ({ iri: r.item_iri, name: r.name, summary: r.summary, defaultCategory: r.default_category }));
  return { groupIri, fetchedAt: stored.fetchedAt, stale: false, categories: of('categories'), projects: of('projects'), levels: of('levels') };
}

/**
 * Reads the association's catalog now and replaces the cached copy (one transaction).
 * Throws RemoteCatalogError when its site is blocked, unreachable or sends something we
 * cannot use; the cached copy is then left as it was.
 */
export async function refreshRemoteCatalog(deps: RemoteCatalogDeps, groupIri: string): Promise<RemoteCatalog> {
  const host = hostOf(groupIri);
  if (host === null) throw new RemoteCatalogError('invalid', `not an actor id: ${groupIri}`);
  if (await remoteHostRepository(deps.db).isBlocked(host)) throw new RemoteCatalogError('blocked', `${host} is blocked`);
  const fetched = await fetchRemoteCatalog(deps.loader, groupIri);
  const fetchedAt = deps.clock.now().toISOString();
  await remoteCatalogRepository(deps.db).replace(groupIri, fetchedAt, fetched);
  return { groupIri, fetchedAt, stale: false, ...fetched };
}

/**
 * The catalog to show in the declaration form: the cached copy while younger than
 * `maxAgeMs` (one hour), else read again (`refresh: true` forces it). When reading again
 * fails and a copy exists, that copy is returned marked `stale`; with no copy, the
 * RemoteCatalogError is thrown.
 */
export async function remoteCatalog(
  deps: RemoteCatalogDeps,
  groupIri: string,
  options: { maxAgeMs?: number; refresh?: boolean } = {},
): Promise<RemoteCatalog> {
  const stored = await storedRemoteCatalog(deps.db, groupIri);
  const age = stored ? deps.clock.now().getTime() - Date.parse(stored.fetchedAt) : Infinity;
  if (stored && !options.refresh && age < (options.maxAgeMs ?? CATALOG_MAX_AGE_MS)) return stored;
  try {
    return await refreshRemoteCatalog(deps, groupIri);
  } catch (error) {
    if (stored && error instanceof RemoteCatalogError && error.reason !== 'blocked') return { ...stored, stale: true };
    throw error;
  }
}

/** The IRI sets a Declaration's catalog properties are checked against (declaration-document.ts). */
export function catalogIriSets(catalog: Pick<RemoteCatalog, RemoteCatalogKind>): Record<RemoteCatalogKind, ReadonlySet<string>> {
  return {
    categories: new Set(catalog.categories.map((i) => i.iri)),
    projects: new Set(catalog.projects.map((i) => i.iri)),
    levels: new Set(catalog.levels.map((i) => i.iri)),
  };
}
