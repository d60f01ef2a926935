/**
 * association.updated: `Update{Group}` carrying the whole Group as it is served now, from
 * the Group to its members on other sites and its followers, so their sites refresh their
 * copy (name, logo, RNA/SIREN for the CEC summary — inbox/actor-lifecycle.ts on the other
 * side). Read at dispatch: an association deleted meanwhile sends nothing (its Delete
 * follows, same ordering key), and the audience is the current one.
 */
import { Update } from '@fedify/vocab';
import { remoteAudienceOf } from '../associations/association-erasure-events.ts';
import { currentActor } from './actors.ts';
import { deliverRaw } from './delivery/deliver-raw.ts';
import { inboxesOf } from './delivery/recipients.ts';
import { instant } from './news.ts';
import type { Publisher } from './publishers.ts';
import { activityIri, actorIri } from './uris.ts';

const publishAssociationUpdated: Publisher = async (ctx, event) => {
  const group = await currentActor(ctx, event.subject_id);
  // Gone, or no longer public (deleted: the tombstone is no profile to spread).
  if (!group || !group.inboxId) return;
  const recipients = await remoteAudienceOf(ctx.data.db, event.subject_id);
  const { inboxes } = await inboxesOf(ctx.data.db, recipients);
  if (inboxes.length === 0) return;
  const id = actorIri(ctx.data.origin, event.subject_id);
  const update = new Update({
    id: new URL(activityIri(ctx.data.origin, event.id)),
    actor: new URL(id),
    object: group,
    tos: recipients.map((r) => new URL(r)),
    published: instant(event.created_at),
  });
  const activity = (await update.toJsonLd({ format: 'compact', contextLoader: ctx.contextLoader })) as Record<string, unknown>;
  await deliverRaw(ctx.data, { activity, senderActorId: event.subject_id, inboxes, orderingKey: `association:${event.subject_id}` });
};

/** The publishers by outbox event kind, for the dispatcher's registry. */
export const associationUpdatePublishers = { 'association.updated': publishAssociationUpdated };
