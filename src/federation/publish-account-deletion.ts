/**
 * account.deleted (federation.md flow 9, the volunteer's side): `Delete{object: the Person}`
 * from the deleted account's own Person to the remote associations it was tied to, so
 * they erase their copy of it. The actor id stays served as a minimal Person with its keys
 * (actors.ts), so receivers can verify the HTTP signature and the FEP-8b32 proof of the
 * Delete, and what the account signed before stays verifiable.
 */
import { getLogger } from '@logtape/logtape';
import type { AccountDeletedPayload } from '../accounts/account-erasure-events.ts';
import { deliverRaw } from './delivery/deliver-raw.ts';
import { inboxesOf } from './delivery/recipients.ts';
import type { OutboxEventRow, Publisher } from './publishers.ts';
import { activityIri, actorIri } from './uris.ts';
import { BV_CONTEXT } from './vocabulary.ts';

const AS = 'https://www.w3.org/ns/activitystreams';
const logger = getLogger(['benevalibre', 'federation', 'accounts']);

const recipientsOf = (event: OutboxEventRow): string[] => {
  const payload = JSON.parse(event.payload) as Partial<AccountDeletedPayload>;
  return Array.isArray(payload.recipients) ? payload.recipients.filter((r): r is string => typeof r === 'string') : [];
};

/** Sends the same Delete (id derived from the event) on every run: receivers are idempotent by id. */
const publishAccountDeleted: Publisher = async (ctx, event) => {
  const recipients = recipientsOf(event);
  const { inboxes, unknown } = await inboxesOf(ctx.data.db, recipients);
  // An actor whose copy we dropped (its own Delete) has no inbox known here: it is gone too.
  if (unknown.length > 0) logger.info('Account {id} deleted: no inbox known for {unknown}', { id: event.subject_id, unknown });
  if (inboxes.length === 0) return;
  const person = actorIri(ctx.data.origin, event.subject_id);
  await deliverRaw(ctx.data, {
    activity: { '@context': [AS, BV_CONTEXT], id: activityIri(ctx.data.origin, event.id), type: 'Delete', actor: person, to: recipients, object: person },
    senderActorId: event.subject_id,
    inboxes,
    orderingKey: `account:${event.subject_id}`,
  });
};

/** The publishers by outbox event kind, for the dispatcher's registry. */
export const accountDeletionPublishers = { 'account.deleted': publishAccountDeleted };
