/**
 * A remote actor's own changes: `Update{Actor}` refreshes our copy (name, handle,
 * inboxes), `Delete{Actor}` removes its follows and our copy. Mastodon sends the Delete
 * of a deleted account signed by a key that now answers 410 Gone, so Fedify cannot
 * verify it; as Mastodon does, a 410 on the very key of the actor being deleted is
 * taken as proof enough (onGoneActor).
 */
import type { InboxContext, RequestContext, UnverifiedActivityReason } from '@fedify/fedify';
import { Delete, isActor, type Activity, type Update } from '@fedify/vocab';
import { getLogger } from '@logtape/logtape';
import { z } from 'zod';
import { eraseRemoteAccount } from '../../accounts/remote-account-erasure.ts';
import type { FederationData } from '../federation.ts';
import { iriOf, iriOrObject } from './follow.ts';
import { admit, fetchRemote, markSeen } from './guard.ts';
import { inboxRepository } from './inbox.repository.ts';
import { saveRemoteActor } from '../remote-actors.ts';
import { markRemoteAssociationDeleted } from '../remote-association-deletion.ts';

const logger = getLogger(['benevalibre', 'federation', 'inbox']);

const ActorChangeJson = z.looseObject({ id: z.url(), type: z.enum(['Update', 'Delete']), actor: iriOrObject, object: iriOrObject });

/** Update of the sender itself: refresh the stored copy, if we keep one. */
export async function onUpdate(ctx: InboxContext<FederationData>, update: Update): Promise<void> {
  const admitted = await admit(ctx, update, ActorChangeJson);
  if (!admitted || iriOf(admitted.json.object) !== admitted.actorIri) return; // other Updates are not ours yet
  const repo = inboxRepository(ctx.data.db);
  if (!(await repo.knowsActor(admitted.actorIri))) return;
  const actor = await fetchRemote('updated actor', () => update.getObject(ctx));
  // An Update carries the whole actor: one without an inbox is broken, not an erasure.
  if (!isActor(actor) || actor.id?.href !== admitted.actorIri || !actor.inboxId) return;
  await saveRemoteActor(ctx.data.db, actor, ctx.data.clock.now().toISOString());
  await markSeen(ctx, admitted, 'Update');
}

/** Delete of the sender itself: forget it. */
export async function onDelete(ctx: InboxContext<FederationData>, del: Delete): Promise<void> {
  const admitted = await admit(ctx, del, ActorChangeJson);
  if (!admitted || iriOf(admitted.json.object) !== admitted.actorIri) return;
  // An association our accounts were members of or declared to: kept, marked deleted, with its name.
  const kept = await markRemoteAssociationDeleted(ctx.data.db, ctx.data.clock, admitted.actorIri);
  const removed = kept ? 0 : await inboxRepository(ctx.data.db).forgetActor(admitted.actorIri);
  // A member of one of our associations: their remote account is erased (flow 9).
  await eraseRemoteAccount(ctx.data, admitted.actorIri);
  await markSeen(ctx, admitted, 'Delete');
  logger.info('Remote actor {actor} deleted: {removed} follow(s) removed', { actor: admitted.actorIri, removed });
}

/** Unverified activities: only the Delete of an actor whose own key is gone (410) is taken. */
export async function onGoneActor(ctx: RequestContext<FederationData>, activity: Activity, reason: UnverifiedActivityReason): Promise<Response | void> {
  if (!(activity instanceof Delete) || reason.type !== 'keyFetchError') return;
  if (!('status' in reason.result) || reason.result.status !== 410) return;
  const actorIri = activity.actorId?.href;
  const keyOwner = new URL(reason.keyId);
  keyOwner.hash = '';
  if (!actorIri || activity.objectId?.href !== actorIri || keyOwner.href !== actorIri) return;
  const removed = await inboxRepository(ctx.data.db).forgetActor(actorIri);
  await eraseRemoteAccount(ctx.data, actorIri);
  logger.info('Remote actor {actor} gone (410): {removed} follow(s) removed', { actor: actorIri, removed });
  return new Response(null, { status: 202 });
}
