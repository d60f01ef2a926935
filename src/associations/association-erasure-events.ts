/**
 * Deleting an association (issue 7): its members on other sites and its followers must
 * learn that the Group is gone (`Delete{Group}`), so their sites keep their copies marked
 * « association supprimée ». The recipients are read here, in the deletion's transaction,
 * while the membership and follow rows naming them still exist (they go with the
 * association); the federation layer sends the Delete after commit
 * (src/federation/publish-association-deletion.ts).
 */
import type { Db } from '../db/database.ts';
import { recordOutboxEvent } from '../db/outbox-events.ts';
import type { Clock } from '../lib/clock.ts';

/** The payload of an `association.deleted` event: the remote actors to tell. */
export interface AssociationDeletedPayload {
  recipients: string[];
}

/** Remote members (any state: a pending request is answered too) and remote followers. */
export async function remoteAudienceOf(trx: Db, associationId: string): Promise<string[]> {
  // One after the other: the transaction holds the single connection.
  const members = await trx
    .selectFrom('memberships')
    .innerJoin('accounts', 'accounts.id', 'memberships.account_id')
    .select('accounts.remote_iri as iri')
    .where('memberships.association_id', '=', associationId)
    .where('accounts.remote_iri', 'is not', null)
    .execute();
  const followers = await trx.selectFrom('follows').select('follower_iri as iri').where('association_id', '=', associationId).execute();
  return [...new Set([...members, ...followers].map((r) => r.iri).filter((iri): iri is string => typeof iri === 'string'))].sort();
}

/** Records `association.deleted` when some remote actor must be told; nothing otherwise. */
export async function recordAssociationErasure(trx: Db, clock: Clock, associationId: string): Promise<void> {
  const recipients = await remoteAudienceOf(trx, associationId);
  if (recipients.length === 0) return;
  const payload: AssociationDeletedPayload = { recipients };
  // association_id stays null: the event outlives the association it names (subject_id).
  await recordOutboxEvent(trx, clock, { kind: 'association.deleted', subjectType: 'association', subjectId: associationId, payload: { ...payload } });
}
