/**
 * Inbox listeners (federation.md, Principles and flows 6, 10): one file per activity
 * family; this file registers them with the shared inbox key (the instance actor
 * signs what the shared inbox fetches, FEP-d556) and the error handler: a bad remote
 * document is logged and dropped, never a crash.
 */
import type { Federation } from '@fedify/fedify';
import { Accept, Add, Create, Delete, Flag, Follow, Join, Leave, Reject, Remove, TentativeAccept, Undo, Update } from '@fedify/vocab';
import { getLogger } from '@logtape/logtape';
import type { FederationData } from '../federation.ts';
import { INSTANCE_ACTOR } from '../uris.ts';
import { onDelete, onGoneActor, onUpdate } from './actor-lifecycle.ts';
import { carriesDeclaration, declarationIdempotencyKey, deletesDeclaration, onDeclaration, onDeclarationDelete } from './declarations.ts';
import { answersOurDeclaration, onDeclarationAccept, onDeclarationAdd, onDeclarationReject, onDeclarationTentativeAccept } from './declaration-answers.ts';
import { onFlag } from './flag.ts';
import { onFollow, onUndo } from './follow.ts';
import { onJoin, onLeave } from './join.ts';
import { answersOurJoin, onMembershipAccept, onMembershipReject, onMembershipUpdate, onRemove, onTentativeAccept, updatesMembership } from './membership-answers.ts';
import { onAccept, onNewsDelete, onNewsNote, onReject } from './news-received.ts';

const logger = getLogger(['benevalibre', 'federation', 'inbox']);

/** Registers the inbox listeners at /ap/actors/{identifier}/inbox and /ap/inbox. */
export function registerInbox(federation: Federation<FederationData>): void {
  federation
    .setInboxListeners('/ap/actors/{identifier}/inbox', '/ap/inbox')
    .setSharedKeyDispatcher(() => ({ identifier: INSTANCE_ACTOR }))
    // Across the shared and personal inboxes: one activity delivered to both runs once —
    // except a declaration's Create/Update, answered again when sent again (flow 4).
    .withIdempotency(declarationIdempotencyKey)
    .on(Follow, onFollow)
    .on(Undo, onUndo)
    .on(Flag, onFlag)
    // One listener per type: an Update or Delete of the sender itself is about the actor,
    // any other is about an object it published (news of a Group we follow).
    .on(Update, async (ctx, a) => {
      if (a.objectId?.href === a.actorId?.href) return onUpdate(ctx, a);
      if (await carriesDeclaration(ctx, a)) return onDeclaration(ctx, a);
      return (await updatesMembership(ctx, a)) ? onMembershipUpdate(ctx, a) : onNewsNote(ctx, a);
    })
    .on(Delete, async (ctx, a) => {
      if (a.objectId?.href === a.actorId?.href) return onDelete(ctx, a);
      // A declaration received from a member's site (flow 5), else news of a Group we follow.
      return (await deletesDeclaration(ctx, a)) ? onDeclarationDelete(ctx, a) : onNewsDelete(ctx, a);
    })
    // An answer to one of our Joins (flow 2), to one of our declarations (flows 3–5) or to one of our Follows (flow 6).
    .on(Accept, async (ctx, a) => {
      if (await answersOurJoin(ctx, a)) return onMembershipAccept(ctx, a);
      return (await answersOurDeclaration(ctx, a)) ? onDeclarationAccept(ctx, a) : onAccept(ctx, a);
    })
    .on(Reject, async (ctx, a) => {
      if (await answersOurJoin(ctx, a)) return onMembershipReject(ctx, a);
      return (await answersOurDeclaration(ctx, a)) ? onDeclarationReject(ctx, a) : onReject(ctx, a);
    })
    .on(TentativeAccept, async (ctx, a) => ((await answersOurDeclaration(ctx, a)) ? onDeclarationTentativeAccept(ctx, a) : onTentativeAccept(ctx, a)))
    // The association recorded one of our declarations (flow 4).
    .on(Add, onDeclarationAdd)
    .on(Join, onJoin)
    .on(Leave, onLeave)
    .on(Remove, onRemove)
    .on(Create, async (ctx, a) => ((await carriesDeclaration(ctx, a)) ? onDeclaration(ctx, a) : onNewsNote(ctx, a)))
    .onUnverifiedActivity(onGoneActor)
    .onError((_ctx, error) => {
      logger.warn('Inbox activity dropped: {error}', { error: error.message });
    });
}
