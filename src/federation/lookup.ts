/**
 * Discovery (flow 1): a logged-in person looks up an association of another site by its
 * address (`@nom@site.org`, `nom@site.org`) or a URL (its actor id or its web page). The
 * instance actor signs the fetches (sites that require signed fetches answer it), every
 * fetch has a deadline, and anything odd in the remote documents ends as « introuvable »,
 * never as a crash. The actor is remembered in `remote_actors`; its recent public news
 * are read from the first page of its outbox, best effort.
 */
import type { Context } from '@fedify/fedify';
import { Create, Group, Note, OrderedCollection, OrderedCollectionPage, PropertyValue, type Object as ApObject } from '@fedify/vocab';
import type { DocumentLoader } from '@fedify/vocab-runtime';
import { getLogger } from '@logtape/logtape';
import type { FederationData } from './federation.ts';
import { lookupRepository } from './lookup.repository.ts';
import { saveRemoteActor } from './remote-actors.ts';
import { membershipRepository } from '../memberships/membership.repository.ts';
import { newsRepository } from '../news/news.repository.ts';
import { INSTANCE_ACTOR, actorIri, associationPage } from './uris.ts';

const logger = getLogger(['benevalibre', 'federation', 'lookup']);

/** Deadlines: the person waits on this page, and a slow site must not hold it long. */
const ACTOR_TIMEOUT_MS = 8_000;
const NEWS_TIMEOUT_MS = 5_000;
export const NEWS_SHOWN = 5;

export interface RemoteNews {
  id: string;
  title: string;
  text: string;
  url: string | null;
  published: string | null;
}

export interface LookupResult {
  id: string;
  /** association | federation (from its « Type » PropertyValue), or group when unmarked. */
  kind: 'association' | 'federation' | 'group';
  name: string;
  handle: string | null;
  summary: string;
  icon: string | null;
  url: string | null;
  /** The association is on this site: its page here. */
  localPath: string | null;
  news: RemoteNews[];
}

export type LookupOutcome = { ok: true; result: LookupResult } | { ok: false; reason: 'invalid' | 'not_found' | 'blocked' };

/** HTML of a remote document as plain text (paragraphs and line breaks kept); the page shows it as text only. */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*/gi, '\n\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&nbsp;/g, ' ')
    .replace(/&#(\d{1,7});|&#x([0-9a-f]{1,6});/gi, (whole, dec: string | undefined, hex: string | undefined) => {
      const code = dec ? Number(dec) : Number.parseInt(hex!, 16);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    })
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** What the person typed, as something Fedify can look up: a handle or an https/http URL. */
export function parseQuery(q: string): { kind: 'handle'; user: string; host: string } | { kind: 'url'; url: URL } | null {
  const text = q.trim();
  const handle = /^@?([^@\s/]+)@([^@\s/]+)$/.exec(text);
  if (handle) {
    try {
      return { kind: 'handle', user: handle[1]!, host: new URL(`https://${handle[2]!}`).host };
    } catch {
      return null;
    }
  }
  try {
    const url = new URL(/^https?:\/\//i.test(text) ? text : `https://${text}`);
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password || !url.hostname.includes('.') && url.hostname !== 'localhost') return null;
    return { kind: 'url', url };
  } catch {
    return null;
  }
}

/** A loader that gives up after `ms` (Fedify's accessors take no signal of their own). */
function withDeadline(loader: DocumentLoader, ms: number): DocumentLoader {
  return (url, options) => loader(url, { ...options, signal: options?.signal ?? AbortSignal.timeout(ms) });
}

const textOf = (value: unknown): string => (value == null ? '' : String(value));

async function kindOf(group: Group, loader: DocumentLoader): Promise<LookupResult['kind']> {
  try {
    for await (const a of group.getAttachments({ documentLoader: loader, suppressError: true })) {
      if (!(a instanceof PropertyValue) || textOf(a.name).trim().toLowerCase() !== 'type') continue;
      const value = htmlToText(textOf(a.value)).toLowerCase();
      if (value === 'association') return 'association';
      if (value === 'fédération' || value === 'federation') return 'federation';
    }
  } catch {
    // An attachment that cannot be read leaves the group unmarked.
  }
  return 'group';
}

/** The first page of the outbox: the latest public news (Create{Note}), best effort. */
async function recentNews(group: Group, loader: DocumentLoader): Promise<RemoteNews[]> {
  const news: RemoteNews[] = [];
  const collection = await group.getOutbox({ documentLoader: loader, suppressError: true });
  let page: OrderedCollection | OrderedCollectionPage | null = collection;
  if (collection instanceof OrderedCollection && collection.firstId) {
    const first = await collection.getFirst({ documentLoader: loader, suppressError: true });
    if (first instanceof OrderedCollectionPage) page = first;
  }
  if (!page) return news;
  for await (const item of page.getItems({ documentLoader: loader, suppressError: true })) {
    if (news.length >= NEWS_SHOWN) break;
    const object: ApObject | null = item instanceof Create ? await item.getObject({ documentLoader: loader, suppressError: true }) : null;
    if (!(object instanceof Note) || !object.id) continue;
    const text = htmlToText(textOf(object.content));
    const title = textOf(object.name).trim() || text.split('\n')[0]!.slice(0, 200);
    // Our own Notes repeat the title in bold atop the content: show it once.
    const body = text.startsWith(title) ? text.slice(title.length).trim() : text;
    const url = object.url instanceof URL ? object.url.href : null;
    news.push({ id: object.id.href, title, text: body.slice(0, 2000), url, published: object.published?.toString() ?? null });
  }
  return news;
}

/**
 * Looks up a remote association. Never throws on remote data: failures are « not found ».
 * `isBlocked(host)` says whether the admins blocked the site (nothing is fetched from it).
 */
export async function lookupAssociation(ctx: Context<FederationData>, q: string): Promise<LookupOutcome> {
  const parsed = parseQuery(q);
  if (!parsed) return { ok: false, reason: 'invalid' };
  const host = parsed.kind === 'handle' ? parsed.host : parsed.url.host;
  const repo = lookupRepository(ctx.data.db);
  // One of ours (a link shared from this very site): read it here, no request to ourselves.
  if (host === new URL(ctx.data.origin).host) return localAssociation(ctx.data, parsed);
  if (await repo.isBlocked(host)) return { ok: false, reason: 'blocked' };
  try {
    const loader = withDeadline(await ctx.getDocumentLoader({ identifier: INSTANCE_ACTOR }), ACTOR_TIMEOUT_MS);
    const target = parsed.kind === 'handle' ? `acct:${parsed.user}@${parsed.host}` : parsed.url.href;
    let found = await ctx.lookupObject(target, { documentLoader: loader, signal: AbortSignal.timeout(ACTOR_TIMEOUT_MS) });
    if (!(found instanceof Group) && parsed.kind === 'url') {
      // A web page address: its site's WebFinger names the actor behind it.
      const jrd = await ctx.lookupWebFinger(parsed.url, { signal: AbortSignal.timeout(ACTOR_TIMEOUT_MS) });
      const self = jrd?.links?.find((l) => l.rel === 'self' && /activity\+json|ld\+json/.test(l.type ?? ''));
      if (self?.href) found = await ctx.lookupObject(self.href, { documentLoader: loader, signal: AbortSignal.timeout(ACTOR_TIMEOUT_MS) });
    }
    if (!(found instanceof Group) || !found.id) return { ok: false, reason: 'not_found' };
    const group = found;
    const actorHost = group.id!.host;
    if (actorHost !== host && (await repo.isBlocked(actorHost))) return { ok: false, reason: 'blocked' };
    const icon = await group.getIcon({ documentLoader: loader, suppressError: true }).catch(() => null);
    const iconUrl = icon?.url instanceof URL ? icon.url.href : null;
    const handle = group.preferredUsername ? `@${textOf(group.preferredUsername)}@${actorHost}` : null;
    const name = textOf(group.name).trim() || textOf(group.preferredUsername) || actorHost;
    const url = group.url instanceof URL ? group.url.href : null;
    const local = group.id!.origin === ctx.data.origin ? /^\/ap\/actors\/([^/]+)$/.exec(group.id!.pathname) : null;
    const result: LookupResult = {
      id: group.id!.href, kind: await kindOf(group, loader), name, handle, summary: htmlToText(textOf(group.summary)),
      icon: iconUrl, url, localPath: local ? `/associations/${local[1]}` : null, news: [],
    };
    await saveRemoteActor(ctx.data.db, group, ctx.data.clock.now().toISOString());
    try {
      result.news = await recentNews(group, withDeadline(loader, NEWS_TIMEOUT_MS));
    } catch (error) {
      logger.info('News of {actor} not read: {error}', { actor: result.id, error: String(error) });
    }
    return { ok: true, result };
  } catch (error) {
    logger.info('Lookup of {q} failed: {error}', { q, error: String(error) });
    return { ok: false, reason: 'not_found' };
  }
}

/** An association of this site named by its handle, its page or its actor id: public facts and news only. */
async function localAssociation(data: FederationData, parsed: NonNullable<ReturnType<typeof parseQuery>>): Promise<LookupOutcome> {
  let ref: string | null = null;
  if (parsed.kind === 'handle') ref = parsed.user;
  else {
    const m = /^\/(?:associations|ap\/actors)\/([^/]+)\/?$/.exec(parsed.url.pathname);
    ref = m ? decodeURIComponent(m[1]!) : null;
  }
  const association = ref ? await membershipRepository(data.db).findAssociation(ref) : undefined;
  // Only what a visitor of its page would see: active associations (created without moderation, or approved).
  if (!association || association.is_active !== 1) return { ok: false, reason: 'not_found' };
  const rows = await newsRepository(data.db).list(association.id, ['public'], { limit: NEWS_SHOWN });
  const path = `/associations/${encodeURIComponent(association.handle)}`;
  return {
    ok: true,
    result: {
      id: actorIri(data.origin, association.id), kind: 'association', name: association.name,
      handle: `@${association.handle}@${new URL(data.origin).host}`, summary: association.description,
      icon: null, // the page here shows the logo itself
      url: associationPage(data.origin, association.id), localPath: path,
      news: rows.map((r) => ({ id: r.id, title: r.title, text: r.body.slice(0, 2000), url: `${data.origin}${path}/actualites/${r.id}`, published: r.published_at })),
    },
  };
}
