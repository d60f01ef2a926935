/**
 * Publishers of members-only news for the association's members on other sites (flow 6
 * for members): `Create{Note}`, `Update{Note}`, `Delete{Tombstone}` addressed to those
 * members' Persons only (never the public, never the followers), to their own inboxes
 * through Fedify's `sendActivity` (no term of ours in a Note). Published from the item as
 * it is now: a creation whose item has since become public or been deleted sends nothing
 * (the later event says what to do). Ids derive from the outbox event id.
 */
import type { Context } from '@fedify/fedify';
import { Create, Delete, Tombstone, Update } from '@fedify/vocab';
import { newsRepository } from '../news/news.repository.ts';
import type { FederationData } from './federation.ts';
import { instant, toNewsNote } from './news.ts';
import type { OutboxEventRow, Publisher } from './publishers.ts';
import { activityIri, actorUris, newsIri } from './uris.ts';

/** The association's active members on other sites, with an inbox we know. */
async function remoteMembers(data: FederationData, associationId: string): Promise<{ id: URL; inboxId: URL }[]> {
  const rows = await data.db
    .selectFrom('memberships')
    .innerJoin('accounts', 'accounts.id', 'memberships.account_id')
    .innerJoin('remote_actors', 'remote_actors.iri', 'accounts.remote_iri')
    .select(['remote_actors.iri', 'remote_actors.inbox'])
    .where('memberships.association_id', '=', associationId)
    .where('memberships.status', '=', 'active')
    .where('accounts.status', '=', 'remote')
    .execute();
  return rows.flatMap((r) => (r.inbox ? [{ id: new URL(r.iri), inboxId: new URL(r.inbox) }] : []));
}

/** The item when it is live and members-only, else null. */
async function membersNews(data: FederationData, id: string) {
  const row = await newsRepository(data.db).findAny(id);
  return row && row.deleted_at === null && row.visibility === 'members' ? row : null;
}

const publishNote = (kind: 'Create' | 'Update'): Publisher => async (ctx, event) => {
  const row = await membersNews(ctx.data, event.subject_id);
  if (!row) return;
  const members = await remoteMembers(ctx.data, row.association_id);
  if (members.length === 0) return;
  const to = members.map((m) => m.id);
  // The public Note's content and page, addressed to the members only.
  const note = toNewsNote(ctx.data.origin, row).clone({ tos: to, ccs: [] });
  const values = { id: new URL(activityIri(ctx.data.origin, event.id)), actor: new URL(actorUris(ctx.data.origin, row.association_id).id), object: note, tos: to };
  await ctx.sendActivity({ identifier: row.association_id }, members, kind === 'Create' ? new Create({ ...values, published: instant(row.published_at) }) : new Update({ ...values, published: instant(event.created_at) }));
};

/** news.members.deleted: `Delete{Tombstone}` to the members (deleted, or no longer members-only). */
const publishDeleted: Publisher = async (ctx: Context<FederationData>, event: OutboxEventRow) => {
  if (!event.association_id) return;
  const members = await remoteMembers(ctx.data, event.association_id);
  if (members.length === 0) return;
  const deleted = instant(event.created_at);
  await ctx.sendActivity(
    { identifier: event.association_id },
    members,
    new Delete({
      id: new URL(activityIri(ctx.data.origin, event.id)),
      actor: new URL(actorUris(ctx.data.origin, event.association_id).id),
      object: new Tombstone({ id: new URL(newsIri(ctx.data.origin, event.subject_id)), deleted }),
      published: deleted,
      tos: members.map((m) => m.id),
    }),
  );
};

export const membersNewsPublishers = {
  'news.members.created': publishNote('Create'),
  'news.members.updated': publishNote('Update'),
  'news.members.deleted': publishDeleted,
} as const;
