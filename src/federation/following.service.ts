/**
 * Rules of following associations of other sites (flow 6, the local side): a logged-in
 * account follows a remote Group's public news, stops following, lists what it follows
 * and reads the news those Groups sent. No Fedify and no HTTP here: following.ts sends
 * the activities, the inbox (inbox/news-received.ts) stores what arrives.
 */
import type { Db } from '../db/database.ts';
import type { Clock } from '../lib/clock.ts';
import { AppError, fieldError } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import { followingRepository, type FollowedRow } from './following.repository.ts';
import type { FollowingStatus, FollowingTable } from './following.table.ts';
import { lookupRepository } from './lookup.repository.ts';
import { activityIri } from './uris.ts';

export const NEWS_PAGE_MAX = 50;
export const NEWS_PAGE_DEFAULT = 20;

export interface FollowingView {
  id: string;
  actor: string;
  name: string;
  handle: string | null;
  url: string | null;
  status: FollowingStatus;
  createdAt: string;
  acceptedAt: string | null;
}

export interface ReceivedNewsView {
  id: string;
  actor: string;
  associationName: string;
  associationHandle: string | null;
  title: string;
  text: string;
  url: string | null;
  published: string;
  updated: string | null;
}

/** The following service of one site (its database, clock and public origin). */
export function followingService(deps: { db: Db; clock: Clock; origin: string }) {
  const repo = followingRepository(deps.db);

  const toView = (row: FollowedRow): FollowingView => ({
    id: row.id, actor: row.iri, name: row.name ?? row.handle ?? new URL(row.iri).host, handle: row.handle, url: row.url,
    status: row.status, createdAt: row.created_at, acceptedAt: row.accepted_at,
  });

  return {
    /**
     * Checks the actor id given by the page (the lookup's `id`): an http(s) URL of another
     * site that is not blocked. Local associations need no Follow: their page is here.
     */
    async target(actor: string): Promise<URL> {
      let url: URL;
      try {
        url = new URL(actor);
      } catch {
        throw fieldError('actor', 'following_actor_invalid');
      }
      if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) throw fieldError('actor', 'following_actor_invalid');
      if (url.origin === deps.origin) throw fieldError('actor', 'following_local');
      if (await lookupRepository(deps.db).isBlocked(url.host)) throw fieldError('actor', 'lookup_blocked');
      return url;
    },

    /**
     * Records a pending follow with a stable Follow id, or returns the existing one (its
     * Follow is then sent again under the same id: the Group drops a copy it has seen).
     */
    async start(accountId: string, groupIri: string): Promise<FollowingTable> {
      const existing = await repo.find(accountId, groupIri);
      if (existing) return existing;
      const row: FollowingTable = {
        id: newId(), account_id: accountId, iri: groupIri, follow_activity_iri: activityIri(deps.origin, newId()),
        status: 'pending', created_at: deps.clock.now().toISOString(), accepted_at: null,
      };
      await repo.insert(row);
      return row;
    },

    /** The follow `id` of this account, or 404 (someone else's follow is not found either). */
    async get(accountId: string, id: string): Promise<FollowingTable> {
      const row = await repo.byId(accountId, id);
      if (!row) throw new AppError('not_found', 'following_not_found');
      return row;
    },

    /** Forgets a follow (after its Undo is queued), and the Group's news if nobody else here follows it. */
    async forget(row: FollowingTable): Promise<void> {
      await repo.remove(row.id);
      await repo.dropNewsIfUnfollowed(row.iri);
    },

    /** One follow of the account as the API shows it. */
    async view(accountId: string, id: string): Promise<FollowingView> {
      const row = (await repo.listFor(accountId)).find((r) => r.id === id);
      if (!row) throw new AppError('not_found', 'following_not_found');
      return toView(row);
    },

    /** The associations the account follows, newest first. */
    async list(accountId: string): Promise<FollowingView[]> {
      return (await repo.listFor(accountId)).map(toView);
    },

    /** Recent public news of the associations the account follows, newest first (`before`: the last `published` seen). */
    async news(accountId: string, page: { limit?: number | undefined; before?: string | undefined }): Promise<ReceivedNewsView[]> {
      const limit = Math.min(page.limit ?? NEWS_PAGE_DEFAULT, NEWS_PAGE_MAX);
      // Stored instants are normalised ISO strings (toISOString): compare like with like.
      const rows = await repo.newsFor(accountId, { limit, before: page.before ? new Date(page.before).toISOString() : undefined });
      return rows.map((r) => ({
        id: r.iri, actor: r.group_iri, associationName: r.group_name ?? r.group_handle ?? new URL(r.group_iri).host, associationHandle: r.group_handle,
        title: r.title, text: r.text, url: r.url, published: r.published, updated: r.updated,
      }));
    },
  };
}

export type FollowingService = ReturnType<typeof followingService>;
