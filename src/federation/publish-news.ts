/**
 * Publishers of the news outbox events (flow 6): what followers of an association get
 * when a public news item appears, changes or goes — `Create{Note}`, `Update{Note}`,
 * `Delete{Tombstone}` through Fedify's `sendActivity` to the followers (shared inboxes
 * preferred: one delivery per site). Activity ids derive from the outbox event id, so a
 * dispatch run twice (at least once) sends the same activity and receivers drop the copy.
 *
 * An event is published from the item as it is **now**: a creation whose item has since
 * become members-only or been deleted sends nothing (the later event says what to do),
 * and an edit always carries the latest text.
 */
import type { Context } from '@fedify/fedify';
import { Delete, PUBLIC_COLLECTION, Tombstone, Update } from '@fedify/vocab';
import type { FederationData } from './federation.ts';
import { instant, publicNews, toNewsCreate, toNewsNote } from './news.ts';
import { activityIri, actorUris, newsIri } from './uris.ts';

/** What a publisher needs of an outbox event row. */
export interface NewsOutboxEvent {
  id: string;
  kind: string;
  association_id: string | null;
  subject_id: string;
  created_at: string;
}

type NewsPublisher = (ctx: Context<FederationData>, event: NewsOutboxEvent) => Promise<void>;

const send = (ctx: Context<FederationData>, associationId: string, activity: Parameters<Context<FederationData>['sendActivity']>[2]) =>
  ctx.sendActivity({ identifier: associationId }, 'followers', activity, { preferSharedInbox: true });

/** news.created: `Create{Note}` to the followers, when the item is still public. */
export const publishNewsCreated: NewsPublisher = async (ctx, event) => {
  const row = await publicNews(ctx.data, event.subject_id);
  if (!row) return;
  await send(ctx, row.association_id, toNewsCreate(ctx.data.origin, row, event.id));
};

/** news.updated: `Update{Note}` with the current text, when the item is still public. */
export const publishNewsUpdated: NewsPublisher = async (ctx, event) => {
  const row = await publicNews(ctx.data, event.subject_id);
  if (!row) return;
  const association = actorUris(ctx.data.origin, row.association_id);
  await send(
    ctx,
    row.association_id,
    new Update({
      id: new URL(activityIri(ctx.data.origin, event.id)),
      actor: new URL(association.id),
      object: toNewsNote(ctx.data.origin, row),
      published: instant(event.created_at),
      to: PUBLIC_COLLECTION,
      cc: new URL(association.followers),
    }),
  );
};

/** news.deleted: `Delete{Tombstone}` — also when the item only became members-only (gone for followers). */
export const publishNewsDeleted: NewsPublisher = async (ctx, event) => {
  if (!event.association_id) return;
  const association = actorUris(ctx.data.origin, event.association_id);
  const deleted = instant(event.created_at);
  await send(
    ctx,
    event.association_id,
    new Delete({
      id: new URL(activityIri(ctx.data.origin, event.id)),
      actor: new URL(association.id),
      object: new Tombstone({ id: new URL(newsIri(ctx.data.origin, event.subject_id)), deleted }),
      published: deleted,
      to: PUBLIC_COLLECTION,
      cc: new URL(association.followers),
    }),
  );
};

/** The publishers by outbox event kind, for the dispatcher's registry. */
export const newsPublishers = {
  'news.created': publishNewsCreated,
  'news.updated': publishNewsUpdated,
  'news.deleted': publishNewsDeleted,
} as const;

