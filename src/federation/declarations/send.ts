/**
 * Publishers of our accounts' declarations for associations of other sites (flows 3–5,
 * the volunteer's side): `Create{object: <signed Declaration>, target: records}`,
 * `Update{object: <signed Declaration>}` and `Delete{object: Tombstone}`, from the
 * author's Person to the association's inbox. The Declaration carries our terms, so it
 * goes as raw JSON-LD through `deliverRaw` (the activity signed too), ordered per
 * declaration. The Create/Update id is the one stored with the copy (what the answers
 * name), and its document is signed once and kept: a dispatch run twice, or the
 * reconciliation, sends the very same activity and document again.
 */
import { getLogger } from '@logtape/logtape';
import { deliverRaw } from '../delivery/deliver-raw.ts';
import type { FederationData } from '../federation.ts';
import { actorKeyPairs } from '../keys.ts';
import type { JsonObject } from '../proof.ts';
import type { OutboxEventRow, Publisher } from '../publishers.ts';
import { activityIri, actorIri, declarationIri } from '../uris.ts';
import { BV_CONTEXT } from '../vocabulary.ts';
import { toDeclarationDocument } from './declaration-document.ts';
import type { RemoteDeclarationRow } from './send.repository.ts';
import { remoteDeclarationService, type RemoteDeclarationEvent } from './send.service.ts';

const AS = 'https://www.w3.org/ns/activitystreams';
const logger = getLogger(['benevalibre', 'federation', 'declarations']);

const payloadOf = (event: OutboxEventRow): RemoteDeclarationEvent => JSON.parse(event.payload) as RemoteDeclarationEvent;

/** The association's inbox (its actor was saved when the account joined). */
async function inboxOf(data: FederationData, groupIri: string): Promise<string | null> {
  const actor = await data.db.selectFrom('remote_actors').select(['inbox']).where('iri', '=', groupIri).executeTakeFirst();
  return actor?.inbox ?? null;
}

/** The signed document of the current activity: the one kept, else signed now and kept. */
async function documentOf(data: FederationData, row: RemoteDeclarationRow, verb: 'Create' | 'Update'): Promise<JsonObject | null> {
  const service = remoteDeclarationService(data);
  if (row.document) return JSON.parse(row.document) as JsonObject;
  const [, ed25519] = await actorKeyPairs(data.db, data.clock, row.account_id);
  const document = await toDeclarationDocument(
    {
      origin: data.origin, declarationId: row.id, authorAccountId: row.account_id,
      association: { id: row.group_iri, records: `${row.group_iri}/records` },
      title: row.title, description: row.description, date: row.date, endDate: row.end_date, durationMinutes: row.duration_minutes,
      distanceHundredths: row.distance_hundredths, categoryIri: row.category_iri, projectIri: row.project_iri, levelIri: row.level_iri,
      defaultCategory: row.default_category, published: row.created_at, updated: verb === 'Update' ? row.updated_at : null,
    },
    ed25519!.privateKey,
    data.clock.now(),
  );
  await service.keepDocument(row.id, row.activity_iri!, JSON.stringify(document));
  // Kept only if none was meanwhile (a concurrent dispatch): send whichever is stored.
  const kept = await service.forSending(row.id);
  return kept?.document && kept.activity_iri === row.activity_iri ? (JSON.parse(kept.document) as JsonObject) : null;
}

/** declaration.remote.sent: the current Create or Update (the same id and document on every run). */
const publishSent: Publisher = async (ctx, event) => {
  const { verb, activity } = payloadOf(event);
  const row = await remoteDeclarationService(ctx.data).forSending(event.subject_id);
  // Edited or withdrawn since: a later event sends what is current.
  if (!row || !activity || row.activity_iri !== activity || row.status === 'withdrawn' || verb === 'Delete') return;
  const inbox = await inboxOf(ctx.data, row.group_iri);
  if (!inbox || row.association_deleted_at) {
    logger.info('Declaration {id}: the association {group} has no inbox known here, nothing sent', { id: row.id, group: row.group_iri });
    return;
  }
  const document = await documentOf(ctx.data, row, verb);
  if (!document) return;
  await deliverRaw(ctx.data, {
    activity: {
      '@context': [AS, BV_CONTEXT], id: activity, type: verb, actor: actorIri(ctx.data.origin, row.account_id), to: row.group_iri,
      object: document, target: `${row.group_iri}/records`,
    },
    senderActorId: row.account_id,
    inboxes: [inbox],
    orderingKey: `declaration:${row.id}`,
  });
  await remoteDeclarationService(ctx.data).queued(row.id, activity);
};

/** declaration.remote.deleted: `Delete{Tombstone}`; its id derives from the event. */
const publishDeleted: Publisher = async (ctx, event) => {
  const row = await remoteDeclarationService(ctx.data).forSending(event.subject_id);
  if (!row) return;
  const inbox = await inboxOf(ctx.data, row.group_iri);
  if (!inbox) return;
  await deliverRaw(ctx.data, {
    activity: {
      '@context': [AS, BV_CONTEXT], id: activityIri(ctx.data.origin, event.id), type: 'Delete', actor: actorIri(ctx.data.origin, row.account_id),
      to: row.group_iri, object: { type: 'Tombstone', id: declarationIri(ctx.data.origin, row.id) },
    },
    senderActorId: row.account_id,
    inboxes: [inbox],
    orderingKey: `declaration:${row.id}`,
  });
};

/** The publishers by outbox event kind, for the dispatcher's registry. */
export const remoteDeclarationPublishers = {
  'declaration.remote.sent': publishSent,
  'declaration.remote.deleted': publishDeleted,
} as const;

