/**
 * What the associations our accounts follow send back (flow 6, the local side):
 * `Accept{Follow}` and `Reject{Follow}` of our Follow (matched on its id and on the
 * Group that answers), then its public news as `Create`, `Update` and `Delete` of a
 * `Note`. News from a Group nobody here follows are dropped (logged); a Note must live
 * on its sender's origin, with its author there too, and be addressed to the public —
 * or, for members-only news (flow 2), addressed to one of our accounts that is an active
 * member of that Group here: kept with `audience = 'members'`, read only by its members.
 * Remote HTML is turned into plain text with paragraphs: nothing of it is ever rendered.
 */
import type { InboxContext } from '@fedify/fedify';
import { PUBLIC_COLLECTION, Note, type Accept, type Create, type Delete, type Reject, type Update } from '@fedify/vocab';
import { getLogger } from '@logtape/logtape';
import { z } from 'zod';
import type { FederationData } from '../federation.ts';
import { followingRepository } from '../following.repository.ts';
import { remoteMembershipRepository } from '../remote-membership.repository.ts';
import { htmlToText } from '../lookup.ts';
import { iriOrObject } from './follow.ts';
import { admit, fetchRemote, markSeen } from './guard.ts';

const logger = getLogger(['benevalibre', 'federation', 'inbox']);

export const TITLE_MAX = 200;
export const TEXT_MAX = 20_000;

const AnswerJson = z.looseObject({ id: z.url(), type: z.enum(['Accept', 'Reject']), actor: iriOrObject, object: iriOrObject });
const NoteActivityJson = z.looseObject({ id: z.url(), type: z.enum(['Create', 'Update']), actor: iriOrObject, object: iriOrObject });
const DeleteJson = z.looseObject({ id: z.url(), type: z.literal('Delete'), actor: iriOrObject, object: iriOrObject });

/** Accept{Follow}: our follow of that Group is now accepted. */
export async function onAccept(ctx: InboxContext<FederationData>, accept: Accept): Promise<void> {
  const admitted = await admit(ctx, accept, AnswerJson);
  if (!admitted) return;
  // objectId, not getObject(): Fedify would re-fetch a Follow embedded from our origin.
  const followIri = accept.objectId?.href;
  const changed = followIri ? await followingRepository(ctx.data.db).accept(followIri, admitted.actorIri, ctx.data.clock.now().toISOString()) : 0;
  if (changed === 0) logger.info('Accept {id} names no pending Follow of ours from {actor}: dropped', { id: admitted.id, actor: admitted.actorIri });
  await markSeen(ctx, admitted, 'Accept');
}

/** Reject{Follow}: the Group refuses (or no longer wants) our follow; it goes. */
export async function onReject(ctx: InboxContext<FederationData>, reject: Reject): Promise<void> {
  const admitted = await admit(ctx, reject, AnswerJson);
  if (!admitted) return;
  const followIri = reject.objectId?.href;
  const repo = followingRepository(ctx.data.db);
  const removed = followIri ? await repo.reject(followIri, admitted.actorIri) : 0;
  if (removed > 0) await repo.dropNewsIfUnfollowed(admitted.actorIri);
  logger.info('Reject {id} from {actor}: {removed} follow(s) removed', { id: admitted.id, actor: admitted.actorIri, removed });
  await markSeen(ctx, admitted, 'Reject');
}

/** Create{Note} or Update{Note} from a Group we follow: the news item is stored or replaced. */
export async function onNewsNote(ctx: InboxContext<FederationData>, activity: Create | Update): Promise<void> {
  const admitted = await admit(ctx, activity, NoteActivityJson);
  if (!admitted) return;
  const type = admitted.json.type;
  const drop = (reason: string) => logger.info('{type} {id} dropped: {reason}', { type, id: admitted.id, reason });
  const repo = followingRepository(ctx.data.db);
  const members = remoteMembershipRepository(ctx.data.db);
  const followed = await repo.followed(admitted.actorIri);
  if (!followed && !(await members.hasActiveMember(admitted.actorIri))) return drop('nobody here follows its actor nor is its member');
  // Same origin as the activity: Fedify keeps the embedded Note; otherwise it fetches it.
  const note = await fetchRemote('note', () => activity.getObject(ctx));
  if (!(note instanceof Note) || !note.id) return drop('not a Note');
  const origin = new URL(admitted.actorIri).origin;
  if (note.id.origin !== origin) return drop('the Note is not on its sender’s origin');
  if (note.attributionIds.some((a) => a.origin !== origin)) return drop('the Note’s author is not on its origin');
  const addressed = [...note.toIds, ...note.ccIds];
  const isPublic = addressed.some((a) => a.href === PUBLIC_COLLECTION.href);
  if (isPublic && !followed) return drop('public, and nobody here follows its actor');
  if (!isPublic) {
    // Members-only: only when addressed to one of our accounts that is its member here.
    const ours = addressed.flatMap((a) => {
      const parsed = a.origin === ctx.data.origin ? ctx.parseUri(a) : null;
      return parsed?.type === 'actor' ? [parsed.identifier] : [];
    });
    if (!(await members.hasActiveMember(admitted.actorIri, ours))) return drop('not public, and addressed to none of its members here');
  }
  const existing = await repo.news(note.id.href);
  if (existing && existing.group_iri !== admitted.actorIri) return drop('the Note belongs to another Group');
  if (existing?.deleted_at) return drop('the Note was deleted'); // a late Update never brings it back
  const now = ctx.data.clock.now().toISOString();
  const { title, text } = noteText(note);
  const url = note.url instanceof URL ? note.url.href : (note.url?.href?.href ?? null);
  await repo.upsertNews({
    iri: note.id.href,
    group_iri: admitted.actorIri,
    title,
    text,
    url: url && /^https?:/.test(url) ? url : null, // shown as a link: no javascript: or data: address
    published: note.published ? new Date(note.published.epochMilliseconds).toISOString() : (existing?.published ?? now),
    updated: type === 'Update' ? (note.updated ? new Date(note.updated.epochMilliseconds).toISOString() : now) : null,
    deleted_at: null,
    received_at: now,
    audience: isPublic ? 'public' : 'members',
  });
  await markSeen(ctx, admitted, type);
}

/** Delete{Note|Tombstone} (or by id) from the Group that sent the item: it is marked deleted. */
export async function onNewsDelete(ctx: InboxContext<FederationData>, del: Delete): Promise<void> {
  const admitted = await admit(ctx, del, DeleteJson);
  if (!admitted) return;
  const noteIri = del.objectId;
  if (!noteIri || noteIri.origin !== new URL(admitted.actorIri).origin) {
    logger.info('Delete {id} dropped: its object is not on its sender’s origin', { id: admitted.id });
    return;
  }
  // Matched on the sending Group too: nobody deletes another's news.
  const changed = await followingRepository(ctx.data.db).markNewsDeleted(noteIri.href, admitted.actorIri, ctx.data.clock.now().toISOString());
  if (changed === 0) logger.info('Delete {id}: no news of {actor} stored under {note}', { id: admitted.id, actor: admitted.actorIri, note: noteIri.href });
  await markSeen(ctx, admitted, 'Delete');
}

/** Remote HTML as what we keep: plain text without scripts or styles, and a title. */
export function noteText(note: Note): { title: string; text: string } {
  const html = String(note.content ?? '').replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '');
  const text = htmlToText(html);
  const name = htmlToText(String(note.name ?? '')).replace(/\s+/g, ' ').trim();
  const title = (name || text.split('\n')[0] || '').slice(0, TITLE_MAX);
  // Bénévalibre's Notes repeat the title in bold atop the content: keep it once.
  const body = title && text.startsWith(title) ? text.slice(title.length).trim() : text;
  return { title, text: body.slice(0, TEXT_MAX) };
}
