/**
 * Association news on the federation (flow 6): a public news item is a `Note` at
 * `${origin}/ap/news/{id}`, attributed to the association's Group, addressed to the
 * public with the followers in copy; the association's `outbox` lists its public news as
 * `Create{Note}`. Members-only and deleted news are not served (404): members on other
 * sites get members-only items pushed to them (publish-members-news.ts).
 *
 * Mastodon shows `summary` as a content warning that hides the text, so the title is in
 * `name` (ActivityStreams' title) and repeated in bold at the top of `content`, where
 * Mastodon shows it; `summary` stays empty.
 */
import type { Federation } from '@fedify/fedify';
import { Create, Note, PUBLIC_COLLECTION } from '@fedify/vocab';
import { Temporal } from '@js-temporal/polyfill';
import { newsRepository, type NewsRow } from '../news/news.repository.ts';
import { actorState } from './actors.ts';
import type { FederationData } from './federation.ts';
import { activityIri, actorUris, newsIri, newsPage, textToHtml } from './uris.ts';

/** Outbox page size: the first page is what remote sites read for « recent news ». */
export const OUTBOX_PAGE = 20;

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** Fedify types instants with the standard Temporal (lib esnext.temporal) and runs on this same polyfill. */
export type Instant = NonNullable<NonNullable<ConstructorParameters<typeof Note>[0]>['published']>;
export const instant = (iso: string): Instant => Temporal.Instant.from(iso) as Instant;

/** The `Note` of a news item (its title bold on top of the escaped text's paragraphs). */
export function toNewsNote(origin: string, row: NewsRow): Note {
  const association = actorUris(origin, row.association_id);
  return new Note({
    id: new URL(newsIri(origin, row.id)),
    attribution: new URL(association.id),
    name: row.title,
    content: `<p><strong>${escapeHtml(row.title)}</strong></p>${textToHtml(row.body)}`,
    mediaType: 'text/html',
    url: new URL(newsPage(origin, row.association_id, row.id)),
    published: instant(row.published_at),
    updated: row.updated_at !== row.published_at ? instant(row.updated_at) : null,
    to: PUBLIC_COLLECTION,
    cc: new URL(association.followers),
  });
}

/**
 * The `Create{Note}` of a public item, with a stable id: the id of the outbox event that
 * made it public (what followers received), else the news id itself (news older than
 * outbox events).
 */
export function toNewsCreate(origin: string, row: NewsRow, activityId: string): Create {
  const association = actorUris(origin, row.association_id);
  return new Create({
    id: new URL(activityIri(origin, activityId)),
    actor: new URL(association.id),
    object: toNewsNote(origin, row),
    published: instant(row.published_at),
    to: PUBLIC_COLLECTION,
    cc: new URL(association.followers),
  });
}

/** A public, live news item by id, or null: what may be served at its id. */
export async function publicNews(data: FederationData, id: string): Promise<NewsRow | null> {
  const row = await newsRepository(data.db).findAny(id);
  return row && row.deleted_at === null && row.visibility === 'public' ? row : null;
}

/** The id of the last outbox event that made each item public, for stable Create ids. */
async function creationEvents(data: FederationData, newsIds: string[]): Promise<Map<string, string>> {
  if (newsIds.length === 0) return new Map();
  const rows = await data.db
    .selectFrom('outbox_events')
    .select(['id', 'subject_id'])
    .where('kind', '=', 'news.created')
    .where('subject_type', '=', 'news')
    .where('subject_id', 'in', newsIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return new Map(rows.map((r) => [r.subject_id, r.id]));
}

/** Registers the Note dispatcher and the association outbox; call once on the builder. */
export function registerNewsFederation(federation: Federation<FederationData>): void {
  federation.setObjectDispatcher(Note, '/ap/news/{id}', async (ctx, { id }) => {
    const row = await publicNews(ctx.data, id);
    return row ? toNewsNote(ctx.data.origin, row) : null;
  });

  federation
    .setOutboxDispatcher('/ap/actors/{identifier}/outbox', async (ctx, identifier, cursor) => {
      const state = await actorState(ctx.data, identifier);
      if (state.kind === 'none') return null;
      // Only associations publish news; other actors have an empty outbox.
      if (state.kind !== 'association') return { items: [] };
      const offset = cursor === null ? 0 : Math.max(0, Number.parseInt(cursor, 10) || 0);
      const { items, total } = await newsRepository(ctx.data.db).publicPage(identifier, { limit: cursor === null ? 1000 : OUTBOX_PAGE, offset });
      const events = await creationEvents(ctx.data, items.map((r) => r.id));
      return {
        items: items.map((r) => toNewsCreate(ctx.data.origin, r, events.get(r.id) ?? r.id)),
        nextCursor: cursor !== null && offset + OUTBOX_PAGE < total ? String(offset + OUTBOX_PAGE) : null,
      };
    })
    // No first page for an unknown actor: Fedify then asks the dispatcher for the whole
    // collection, which answers null (404) instead of an empty collection.
    .setFirstCursor(async (ctx, identifier) => ((await actorState(ctx.data, identifier)).kind === 'none' ? null : '0'))
    .setCounter(async (ctx, identifier) => {
      const state = await actorState(ctx.data, identifier);
      return state.kind === 'association' ? (await newsRepository(ctx.data.db).publicPage(identifier, { limit: 0, offset: 0 })).total : 0;
    });
}
