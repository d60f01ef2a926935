/**
 * association.deleted (issue 7, « Deleting an association »): `Delete{object: the Group}`
 * from the deleted association's own Group to its members and followers on other sites,
 * so their sites keep their copies marked « association supprimée ». The actor id stays
 * served as a minimal Group with its keys (actors.ts), so receivers verify the HTTP
 * signature and the FEP-8b32 proof of the Delete, and the Validations it signed before
 * stay verifiable.
 */
import { getLogger } from '@logtape/logtape';
import type { AssociationDeletedPayload } from '../associations/association-erasure-events.ts';
import { deliverRaw } from './delivery/deliver-raw.ts';
import { inboxesOf } from './delivery/recipients.ts';
import type { OutboxEventRow, Publisher } from './publishers.ts';
import { activityIri, actorIri } from './uris.ts';
import { BV_CONTEXT } from './vocabulary.ts';

const AS = 'https://www.w3.org/ns/activitystreams';
const logger = getLogger(['benevalibre', 'federation', 'associations']);

const recipientsOf = (event: OutboxEventRow): string[] => {
  const payload = JSON.parse(event.payload) as Partial<AssociationDeletedPayload>;
  return Array.isArray(payload.recipients) ? payload.recipients.filter((r): r is string => typeof r === 'string') : [];
};

/** Sends the same Delete (id derived from the event) on every run: receivers are idempotent by id. */
const publishAssociationDeleted: Publisher = async (ctx, event) => {
  const recipients = recipientsOf(event);
  const { inboxes, unknown } = await inboxesOf(ctx.data.db, recipients);
  if (unknown.length > 0) logger.info('Association {id} deleted: no inbox known for {unknown}', { id: event.subject_id, unknown });
  if (inboxes.length === 0) return;
  const group = actorIri(ctx.data.origin, event.subject_id);
  await deliverRaw(ctx.data, {
    activity: { '@context': [AS, BV_CONTEXT], id: activityIri(ctx.data.origin, event.id), type: 'Delete', actor: group, to: recipients, object: group },
    senderActorId: event.subject_id,
    inboxes,
    orderingKey: `association:${event.subject_id}`,
  });
};

/** The publishers by outbox event kind, for the dispatcher's registry. */
export const associationDeletionPublishers = { 'association.deleted': publishAssociationDeleted };
