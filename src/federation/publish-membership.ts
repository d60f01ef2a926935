/**
 * Publishers of the membership outbox events (flow 2, the association's side): what a
 * remote member's site learns — `Accept{object: joinId, result: Membership}`,
 * `TentativeAccept{object: joinId}`, `Reject{object: joinId, summary}`,
 * `Remove{object: person, target: members}` and `Update{Membership}`. The Membership
 * carries our terms, which Fedify's sendActivity would drop, so every one of these goes
 * as raw JSON-LD through `deliverRaw` (signed with the association's proof) to the
 * Person's inbox: one path, one order per membership. Ids derive from the event id: a
 * dispatch run twice sends the same activity.
 */
import type { Context } from '@fedify/fedify';
import type { FederationData } from './federation.ts';
import { deliverRaw } from './delivery/deliver-raw.ts';
import type { JsonObject } from './proof.ts';
import type { OutboxEventRow, Publisher } from './publishers.ts';
import { activityIri, actorUris } from './uris.ts';
import { BV_CONTEXT } from './vocabulary.ts';

const AS = 'https://www.w3.org/ns/activitystreams';

interface MembershipPayload {
  person: string;
  join: string | null;
  reason?: string | null;
}

const payloadOf = (event: OutboxEventRow): MembershipPayload => JSON.parse(event.payload) as MembershipPayload;

/** The `Membership` as it is now, or null when the membership is gone or not active. */
export async function membershipDocument(data: FederationData, membershipId: string, updated: string): Promise<JsonObject | null> {
  const row = await data.db
    .selectFrom('memberships')
    .innerJoin('accounts', 'accounts.id', 'memberships.account_id')
    .select(['memberships.association_id', 'memberships.status', 'memberships.function', 'memberships.created_at', 'memberships.approved_at', 'accounts.remote_iri'])
    .where('memberships.id', '=', membershipId)
    .executeTakeFirst();
  if (!row || row.status !== 'active' || !row.remote_iri) return null;
  const group = actorUris(data.origin, row.association_id).id;
  return {
    type: ['Object', 'Membership'],
    attributedTo: group,
    object: row.remote_iri,
    ...(row.function !== 'none' ? { function: row.function } : {}),
    published: row.approved_at ?? row.created_at,
    updated,
  };
}

/** Queues `activity` (by the association) to the remote Person's inbox. */
async function send(ctx: Context<FederationData>, event: OutboxEventRow, person: string, activity: JsonObject): Promise<void> {
  if (!event.association_id) return;
  const actor = await ctx.data.db.selectFrom('remote_actors').select(['inbox']).where('iri', '=', person).executeTakeFirst();
  if (!actor?.inbox) return; // its actor is gone (deleted meanwhile): nobody to tell
  const group = actorUris(ctx.data.origin, event.association_id);
  await deliverRaw(ctx.data, {
    activity: { '@context': [AS, BV_CONTEXT], id: activityIri(ctx.data.origin, event.id), actor: group.id, to: person, ...activity },
    senderActorId: event.association_id,
    inboxes: [actor.inbox],
    orderingKey: `membership:${event.subject_id}`,
  });
}

/** membership.accepted: `Accept{Join}` with the Membership as result (while it is still active). */
const publishAccepted: Publisher = async (ctx, event) => {
  const { person, join } = payloadOf(event);
  const membership = await membershipDocument(ctx.data, event.subject_id, event.created_at);
  if (!membership || !join) return;
  await send(ctx, event, person, { type: 'Accept', object: join, result: membership });
};

/** membership.pending: `TentativeAccept{Join}` — awaiting a manager's decision. */
const publishPending: Publisher = async (ctx, event) => {
  const { person, join } = payloadOf(event);
  if (!join) return;
  await send(ctx, event, person, { type: 'TentativeAccept', object: join });
};

/** membership.rejected: `Reject{Join}` with the reason in `summary`. */
const publishRejected: Publisher = async (ctx, event) => {
  const { person, join, reason } = payloadOf(event);
  if (!join) return;
  await send(ctx, event, person, { type: 'Reject', object: join, ...(reason ? { summary: reason } : {}) });
};

/** membership.removed: `Remove{object: person, target: members}`. */
const publishRemoved: Publisher = async (ctx, event) => {
  const { person } = payloadOf(event);
  if (!event.association_id) return;
  await send(ctx, event, person, { type: 'Remove', object: person, target: actorUris(ctx.data.origin, event.association_id).members });
};

/** membership.updated: `Update{Membership}` with the current function (while still active). */
const publishUpdated: Publisher = async (ctx, event) => {
  const { person } = payloadOf(event);
  const membership = await membershipDocument(ctx.data, event.subject_id, event.created_at);
  if (!membership) return;
  await send(ctx, event, person, { type: 'Update', object: membership });
};

/** The publishers by outbox event kind, for the dispatcher's registry. */
export const membershipPublishers = {
  'membership.accepted': publishAccepted,
  'membership.pending': publishPending,
  'membership.rejected': publishRejected,
  'membership.removed': publishRemoved,
  'membership.updated': publishUpdated,
} as const;
