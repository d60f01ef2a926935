/**
 * Inbox listeners (federation.md, Principles and flows 6, 10): one file per activity
 * family; this file registers them with the shared inbox key (the instance actor
 * signs what the shared inbox fetches, FEP-d556) and the error handler: a bad remote
 * document is logged and dropped, never a crash.
 */
import type { Federation } from '@fedify/fedify';
import { Accept, Create, Delete, Flag, Follow, Reject, Undo, Update } from '@fedify/vocab';
import { getLogger } from '@logtape/logtape';
import type { FederationData } from '../federation.ts';
import { INSTANCE_ACTOR } from '../uris.ts';
import { onDelete, onGoneActor, onUpdate } from './actor-lifecycle.ts';
import { onFlag } from './flag.ts';
import { onFollow, onUndo } from './follow.ts';
import { onAccept, onNewsDelete, onNewsNote, onReject } from './news-received.ts';

const logger = getLogger(['benevalibre', 'federation', 'inbox']);

/** Registers the inbox listeners at /ap/actors/{identifier}/inbox and /ap/inbox. */
export function registerInbox(federation: Federation<FederationData>): void {
  federation
    .setInboxListeners('/ap/actors/{identifier}/inbox', '/ap/inbox')
    .setSharedKeyDispatcher(() => ({ identifier: INSTANCE_ACTOR }))
    // Across the shared and personal inboxes: one activity delivered to both runs once.
    .withIdempotency('global')
    .on(Follow, onFollow)
    .on(Undo, onUndo)
    .on(Flag, onFlag)
    // One listener per type: an Update or Delete of the sender itself is about the actor,
    // any other is about an object it published (news of a Group we follow).
    .on(Update, (ctx, a) => (a.objectId?.href === a.actorId?.href ? onUpdate(ctx, a) : onNewsNote(ctx, a)))
    .on(Delete, (ctx, a) => (a.objectId?.href === a.actorId?.href ? onDelete(ctx, a) : onNewsDelete(ctx, a)))
    .on(Accept, onAccept)
    .on(Reject, onReject)
    .on(Create, onNewsNote)
    .onUnverifiedActivity(onGoneActor)
    .onError((_ctx, error) => {
      logger.warn('Inbox activity dropped: {error}', { error: error.message });
    });
}
