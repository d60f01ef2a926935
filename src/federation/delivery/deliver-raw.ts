/**
 * Entry point for publishers of raw JSON-LD (federation.md: every activity carrying one
 * of our terms goes through our own worker, since Fedify's sendActivity would drop it):
 * sign the document with the sender's Ed25519 key (FEP-8b32 proof naming `#multikey-2`)
 * and queue one delivery per target inbox, durably, in one transaction.
 */
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../lib/clock.ts';
import { newId } from '../../lib/ids.ts';
import { jobSignal } from '../../jobs/enqueue.ts';
import { actorKeyPairs } from '../keys.ts';
import { addProof, proofVerificationMethod, type JsonObject } from '../proof.ts';
import { actorIri } from './deliver.ts';
import { deliveryRepository } from './delivery.repository.ts';
import { DAY } from '../../lib/clock.ts';

/** How long a dead delivery is kept for the admins' page. */
export const DEAD_KEPT_MS = 30 * DAY;

/** What deliverRaw needs; Fedify's `ctx.data` (FederationData) has it. */
export interface RawDeliveryDeps {
  db: Db;
  clock: Clock;
  origin: string;
}

export interface RawDelivery {
  /** The JSON-LD activity, with a stable `id` (receivers are idempotent by id). */
  activity: JsonObject;
  /** 'instance' or the UUIDv7 of the sending account or association. */
  senderActorId: string;
  /** Target inbox URLs (shared inboxes already chosen by the caller); duplicates are merged. */
  inboxes: readonly string[];
  /** The record these deliveries are about, e.g. `declaration:{id}`: kept in order per inbox. */
  orderingKey?: string | null | undefined;
  /** Adds the sender's FEP-8b32 proof to the activity (default true). */
  sign?: boolean | undefined;
}

/** Signs the document as `actorId` (an eddsa-jcs-2022 proof by its Ed25519 key, `#multikey-2`). */
export async function signAsActor(deps: RawDeliveryDeps, actorId: string, document: JsonObject): Promise<JsonObject> {
  const [, ed25519] = await actorKeyPairs(deps.db, deps.clock, actorId);
  return addProof(document, ed25519!.privateKey, { verificationMethod: proofVerificationMethod(actorIri(deps.origin, actorId)), created: deps.clock.now() });
}

/**
 * Queues the activity for every inbox (one delivery each, run by the `delivery` job
 * queue). Idempotent per (activity id, inbox): calling it again after a crash adds no
 * second delivery of what is still queued. Returns how many deliveries were added.
 */
export async function deliverRaw(deps: RawDeliveryDeps, input: RawDelivery): Promise<number> {
  const activityId = input.activity['id'];
  if (typeof activityId !== 'string') throw new TypeError('deliverRaw: the activity needs a stable string id');
  const document = input.sign === false ? input.activity : await signAsActor(deps, input.senderActorId, input.activity);
  const body = JSON.stringify(document);
  const inboxes = [...new Set(input.inboxes)];
  const now = deps.clock.now().toISOString();
  const rows = inboxes.map((inbox) => ({
    id: newId(), activityId, senderActorId: input.senderActorId, inbox, host: new URL(inbox).host, orderingKey: input.orderingKey ?? null, body,
  }));
  // Key pairs are loaded above, outside the transaction: never wait on the single
  // connection from inside a transaction that holds it.
  const added = await deps.db.transaction().execute(async (trx) => {
    const repo = deliveryRepository(trx);
    // Dead deliveries stay a month for the admins, then go: the table does not grow forever.
    await repo.purgeDead(new Date(deps.clock.now().getTime() - DEAD_KEPT_MS).toISOString());
    return repo.enqueue(rows, now);
  });
  jobSignal.notify(); // wake this process's workers now rather than at their next poll
  return added;
}
