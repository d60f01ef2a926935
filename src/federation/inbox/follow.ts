/**
 * Follow and Undo{Follow} (federation.md, flow 6): anyone, Mastodon users included,
 * follows an association's public news. Accepted at once (`manuallyApprovesFollowers:
 * false`); following a person or the instance is refused with a Reject so the remote
 * side does not wait forever.
 */
import type { InboxContext } from '@fedify/fedify';
import { Accept, Follow, Reject, Undo, isActor } from '@fedify/vocab';
import { getLogger } from '@logtape/logtape';
import { v5 as uuidv5 } from 'uuid';
import { z } from 'zod';
import { inTransaction } from '../../db/transaction.ts';
import { newId } from '../../lib/ids.ts';
import { actorState } from '../actors.ts';
import type { FederationData } from '../federation.ts';
import { activityIri } from '../uris.ts';
import { remoteActorRow } from '../remote-actors.ts';
import { upsertRemoteActor } from '../remote-actor.repository.ts';
import { admit, fetchRemote, markSeen } from './guard.ts';
import { inboxRepository } from './inbox.repository.ts';

const logger = getLogger(['benevalibre', 'federation', 'inbox']);

/** An IRI, or an embedded object with one (compacted JSON-LD allows both). */
export const iriOrObject = z.union([z.url(), z.looseObject({ id: z.url() })]);
export const iriOf = (v: z.infer<typeof iriOrObject>): string => (typeof v === 'string' ? v : v.id);

const FollowJson = z.looseObject({ id: z.url(), type: z.literal('Follow'), actor: iriOrObject, object: iriOrObject });
const UndoJson = z.looseObject({
  id: z.url(),
  type: z.literal('Undo'),
  actor: iriOrObject,
  object: z.union([z.url(), z.looseObject({ id: z.url().optional(), type: z.string(), object: iriOrObject.optional() })]),
});

/** Namespace of the derived activity ids (UUIDv5 of what they answer: stable across redeliveries). */
const ANSWER_NAMESPACE = '6f0e1b8a-4d1c-4f5e-9a37-bd8c2a0f6e11';

/** The stable id of our answer (`accept`, `reject` …) to a remote activity. */
export const answerIri = (origin: string, kind: string, activityId: string): URL =>
  new URL(activityIri(origin, uuidv5(`${kind} ${activityId}`, ANSWER_NAMESPACE)));

/** Stores the follower and the follow, then accepts at once. */
export async function onFollow(ctx: InboxContext<FederationData>, follow: Follow): Promise<void> {
  const admitted = await admit(ctx, follow, FollowJson);
  if (!admitted) return;
  const target = follow.objectId ? ctx.parseUri(follow.objectId) : null;
  const identifier = target?.type === 'actor' ? target.identifier : null;
  const state = identifier ? await actorState(ctx.data, identifier) : { kind: 'none' as const };
  if (!identifier || (state.kind !== 'association' && state.kind !== 'account' && state.kind !== 'instance')) {
    logger.info('Follow {id} of an unknown actor dropped', { id: admitted.id });
    return;
  }
  // Usually from Fedify's cache: the same document gave the key that signed the request.
  const follower = await fetchRemote('follower actor', () => follow.getActor(ctx));
  if (!follower || !isActor(follower) || follower.id?.href !== admitted.actorIri || !follower.inboxId) {
    logger.info('Follow {id} dropped: its actor could not be fetched or has no inbox', { id: admitted.id });
    return;
  }
  const now = ctx.data.clock.now().toISOString();
  if (state.kind !== 'association') {
    await markSeen(ctx, admitted, 'Follow');
    await ctx.sendActivity({ identifier }, follower, new Reject({ id: answerIri(ctx.data.origin, 'reject', admitted.id), actor: ctx.getActorUri(identifier), object: followReference(follow) }));
    return;
  }
  // Serialised before the transaction: nothing but SQL may run inside it.
  const row = await remoteActorRow(follower, now);
  await inTransaction(ctx.data.db, async (trx) => {
    const repo = inboxRepository(trx);
    await upsertRemoteActor(trx, row);
    await repo.addFollow({
      id: newId(),
      association_id: identifier,
      follower_iri: admitted.actorIri,
      follower_host: admitted.actorHost,
      follow_activity_iri: admitted.id,
      created_at: now,
    });
  });
  // After the commit: the queue writes through the same single connection. Marked seen
  // only once the Accept is queued: a crash in between makes the redelivered Follow run
  // again (the follow is an upsert, the Accept keeps its derived id) instead of losing it.
  await ctx.sendActivity(
    { identifier },
    follower,
    new Accept({ id: answerIri(ctx.data.origin, 'accept', admitted.id), actor: ctx.getActorUri(identifier), object: followReference(follow) }),
  );
  await markSeen(ctx, admitted, 'Follow');
}

/**
 * The Follow as answers embed it: id, actor and object as IRIs only. Mastodon matches
 * the answer on the Follow's id; embedding the parsed Follow would also embed the
 * follower's whole actor document, fetched meanwhile.
 */
function followReference(follow: Follow): Follow {
  return new Follow({ id: follow.id, actor: follow.actorId, object: follow.objectId });
}

/** Undo{Follow}: the follower stops following (other Undo targets are ignored). */
export async function onUndo(ctx: InboxContext<FederationData>, undo: Undo): Promise<void> {
  const admitted = await admit(ctx, undo, UndoJson);
  if (!admitted) return;
  const object = admitted.json.object;
  if (typeof object !== 'string' && object.type !== 'Follow') return; // not ours to undo (Like, Announce …)
  let associationId: string | undefined;
  if (typeof object !== 'string' && object.object) {
    const target = ctx.parseUri(new URL(iriOf(object.object)));
    if (target?.type === 'actor') associationId = target.identifier;
  }
  const followActivityIri = typeof object === 'string' ? object : object.id;
  // Only the follower's own Undo counts: the row is matched on the Undo's actor.
  const removed = await inboxRepository(ctx.data.db).removeFollow(admitted.actorIri, { followActivityIri, associationId });
  await markSeen(ctx, admitted, 'Undo');
  logger.info('Undo {id}: {removed} follow(s) removed', { id: admitted.id, removed });
}
