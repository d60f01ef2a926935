/**
 * Publishers of the answers to declarations received from members' sites (flows 3–5, the
 * association's side; events recorded by declarations/remote-declaration.service.ts):
 * `TentativeAccept{object: activity}` while pending; `Accept{object: activity, result:
 * Validation}` then `Add{object: declaration, target: records}` once validated;
 * `Reject{object: activity, summary}` when refused; `Remove{object: declaration, target:
 * records}` when a validated one is withdrawn. `activity` is the Create or Update the
 * declaration came with. The Validation carries our terms and is signed by the
 * association over the version it validated (the event keeps that document), so all of
 * these go as raw JSON-LD through `deliverRaw`, in order per declaration. Ids derive from
 * the event id: a dispatch run twice sends the same activities.
 */
import type { Context } from '@fedify/fedify';
import { deliverRaw } from './delivery/deliver-raw.ts';
import type { FederationData } from './federation.ts';
import { actorKeyPairs } from './keys.ts';
import type { JsonObject } from './proof.ts';
import type { OutboxEventRow, Publisher } from './publishers.ts';
import { activityIri, actorUris } from './uris.ts';
import { BV_CONTEXT } from './vocabulary.ts';
import { toValidationDocument, validationIri } from './declarations/validation-document.ts';

const AS = 'https://www.w3.org/ns/activitystreams';

interface DecisionPayload {
  person: string;
  /** The Create/Update (or Delete) answered. */
  activity?: string;
  declaration: string;
  reason?: string | null;
  validationId?: string;
  validatedMinutes?: number;
  validatedAt?: string;
  /** The declaration as received, JCS text: the version the Validation covers. */
  document?: string;
}

const payloadOf = (event: OutboxEventRow): DecisionPayload => JSON.parse(event.payload) as DecisionPayload;

/** Queues `activity` (by the association) to the member's inbox. */
async function send(ctx: Context<FederationData>, event: OutboxEventRow, person: string, activity: JsonObject, suffix = ''): Promise<void> {
  if (!event.association_id) return;
  const actor = await ctx.data.db.selectFrom('remote_actors').select(['inbox']).where('iri', '=', person).executeTakeFirst();
  if (!actor?.inbox) return; // its actor is gone: nobody to tell
  const group = actorUris(ctx.data.origin, event.association_id);
  await deliverRaw(ctx.data, {
    activity: { '@context': [AS, BV_CONTEXT], id: activityIri(ctx.data.origin, `${event.id}${suffix}`), actor: group.id, to: person, ...activity },
    senderActorId: event.association_id,
    inboxes: [actor.inbox],
    orderingKey: `declaration:${event.subject_id}`,
  });
}

/** The association's signed Validation of the version in the payload. */
export async function validationOf(ctx: Context<FederationData>, associationId: string, p: DecisionPayload): Promise<JsonObject | null> {
  if (!p.document || !p.validationId || p.validatedMinutes === undefined || !p.validatedAt) return null;
  const [, ed25519] = await actorKeyPairs(ctx.data.db, ctx.data.clock, associationId);
  return toValidationDocument(
    {
      id: validationIri(ctx.data.origin, p.validationId),
      declaration: JSON.parse(p.document) as JsonObject,
      association: actorUris(ctx.data.origin, associationId).id,
      validatedMinutes: p.validatedMinutes,
      reason: p.reason ?? null,
      published: p.validatedAt,
    },
    ed25519!.privateKey,
    new Date(p.validatedAt),
  );
}

/** declaration.received.pending: `TentativeAccept` — a manager will decide. */
const publishPending: Publisher = async (ctx, event) => {
  const p = payloadOf(event);
  if (p.activity) await send(ctx, event, p.person, { type: 'TentativeAccept', object: p.activity });
};

/** declaration.received.validated: `Accept` with the signed Validation, then `Add` to the records. */
const publishValidated: Publisher = async (ctx, event) => {
  const p = payloadOf(event);
  if (!p.activity || !event.association_id) return;
  const validation = await validationOf(ctx, event.association_id, p);
  if (!validation) return;
  await send(ctx, event, p.person, { type: 'Accept', object: p.activity, result: validation });
  await send(ctx, event, p.person, { type: 'Add', object: p.declaration, target: actorUris(ctx.data.origin, event.association_id).records }, '-add');
};

/** declaration.received.rejected: `Reject` with the reason in `summary`. */
const publishRejected: Publisher = async (ctx, event) => {
  const p = payloadOf(event);
  if (p.activity) await send(ctx, event, p.person, { type: 'Reject', object: p.activity, ...(p.reason ? { summary: p.reason } : {}) });
};

/** declaration.received.removed: `Remove{object: declaration, target: records}`. */
const publishRemoved: Publisher = async (ctx, event) => {
  const p = payloadOf(event);
  if (!event.association_id) return;
  await send(ctx, event, p.person, { type: 'Remove', object: p.declaration, target: actorUris(ctx.data.origin, event.association_id).records });
};

/** The publishers by outbox event kind, for the dispatcher's registry. */
export const declarationDecisionPublishers = {
  'declaration.received.pending': publishPending,
  'declaration.received.validated': publishValidated,
  'declaration.received.rejected': publishRejected,
  'declaration.received.removed': publishRemoved,
} as const;
