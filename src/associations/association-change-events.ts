/**
 * An association's public profile changed (name, description, website, handle, logo, RNA,
 * SIREN): its members on other sites and its followers must see it too, so their sites
 * refresh their copy (`Update{Group}`, src/federation/publish-association-update.ts). Only
 * recorded when someone on another site is there to tell; the Group is read when the event
 * is dispatched, so several quick edits all send the latest profile.
 */
import type { Db } from '../db/database.ts';
import { recordOutboxEvent } from '../db/outbox-events.ts';
import type { Clock } from '../lib/clock.ts';
import { remoteAudienceOf } from './association-erasure-events.ts';

export async function recordAssociationChange(trx: Db, clock: Clock, associationId: string): Promise<void> {
  if ((await remoteAudienceOf(trx, associationId)).length === 0) return;
  await recordOutboxEvent(trx, clock, { kind: 'association.updated', associationId, subjectType: 'association', subjectId: associationId, payload: {} });
}
