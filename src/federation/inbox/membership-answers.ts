/**
 * What associations of other sites answer our accounts' Joins (flow 2, the volunteer's
 * side): `Accept{object: joinId, result: Membership}` → active, `TentativeAccept` →
 * pending, `Reject{summary}` → rejected with the reason, `Remove{object: person, target:
 * members}` → removed, `Update{Membership}` → function changed. Answers are matched on
 * our Join's id (objectId: Fedify would re-fetch an embedded Join of our origin) **and**
 * on the Group that sends them; the Membership must be the Group's, about our Person.
 */
import type { InboxContext } from '@fedify/fedify';
import type { Accept, Reject, Remove, TentativeAccept, Update } from '@fedify/vocab';
import { getLogger } from '@logtape/logtape';
import { z } from 'zod';
import type { FederationData } from '../federation.ts';
import { remoteMembershipService } from '../remote-membership.service.ts';
import { iriOf, iriOrObject } from './follow.ts';
import { admit, markSeen } from './guard.ts';

const logger = getLogger(['benevalibre', 'federation', 'inbox']);

const types = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []);

const MembershipJson = z.looseObject({
  type: z.union([z.string(), z.array(z.string())]).refine((t) => types(t).includes('Membership'), 'not a Membership'),
  attributedTo: iriOrObject,
  object: iriOrObject,
  function: z.string().optional(),
});
const AnswerJson = z.looseObject({
  id: z.url(), type: z.enum(['Accept', 'Reject', 'TentativeAccept']), actor: iriOrObject, object: iriOrObject,
  result: MembershipJson.optional(), summary: z.string().optional(),
});
const RemoveJson = z.looseObject({ id: z.url(), type: z.literal('Remove'), actor: iriOrObject, object: iriOrObject, target: iriOrObject });
const UpdateJson = z.looseObject({ id: z.url(), type: z.literal('Update'), actor: iriOrObject, object: MembershipJson });

const service = (ctx: InboxContext<FederationData>) => remoteMembershipService(ctx.data);

/** Whether an activity's object is the Join of one of our remote memberships (how Accept and Reject are dispatched). */
export async function answersOurJoin(ctx: InboxContext<FederationData>, activity: Accept | Reject): Promise<boolean> {
  const object = activity.objectId?.href;
  if (!object || new URL(object).origin !== ctx.data.origin) return false;
  const row = await ctx.data.db.selectFrom('remote_memberships').select('id').where('join_activity_iri', '=', object).executeTakeFirst();
  return row !== undefined;
}

/** Whether an Update carries a Membership (rather than a Note or an actor). */
export async function updatesMembership(ctx: InboxContext<FederationData>, update: Update): Promise<boolean> {
  const raw = (await update.toJsonLd({ contextLoader: ctx.contextLoader }).catch(() => null)) as { object?: { type?: unknown } } | null;
  return types(raw?.object?.type).includes('Membership');
}

/** Our account whose Person the Membership or Remove names, if it is one of ours. */
function ourAccount(ctx: InboxContext<FederationData>, iri: string): string | null {
  const parsed = ctx.parseUri(new URL(iri));
  return parsed?.type === 'actor' ? parsed.identifier : null;
}

/** The Membership is the sending Group's, about our account that asked. */
function membershipIsTheirs(membership: z.infer<typeof MembershipJson>, groupIri: string): boolean {
  return iriOf(membership.attributedTo) === groupIri;
}

/** Accept{Join} with the Membership: our request is active. */
export async function onMembershipAccept(ctx: InboxContext<FederationData>, accept: Accept): Promise<void> {
  const admitted = await admit(ctx, accept, AnswerJson);
  if (!admitted) return;
  const membership = admitted.json.result;
  const joinIri = accept.objectId?.href;
  if (!membership || !joinIri || !membershipIsTheirs(membership, admitted.actorIri)) {
    logger.info('Accept {id} of a Join without a Membership of its sender: dropped', { id: admitted.id });
    return;
  }
  const done = await service(ctx).accepted(joinIri, admitted.actorIri, membership);
  logger.info('Accept {id} of Join {join}: {done}', { id: admitted.id, join: joinIri, done });
  await markSeen(ctx, admitted, 'Accept');
}

/** TentativeAccept{Join}: a manager there will decide; still pending. */
export async function onTentativeAccept(ctx: InboxContext<FederationData>, tentative: TentativeAccept): Promise<void> {
  const admitted = await admit(ctx, tentative, AnswerJson);
  if (!admitted) return;
  const joinIri = tentative.objectId?.href;
  const done = joinIri ? await service(ctx).tentative(joinIri, admitted.actorIri) : false;
  logger.info('TentativeAccept {id} of Join {join}: {done}', { id: admitted.id, join: joinIri, done });
  await markSeen(ctx, admitted, 'TentativeAccept');
}

/** Reject{Join}: refused, with the reason given in `summary`. */
export async function onMembershipReject(ctx: InboxContext<FederationData>, reject: Reject): Promise<void> {
  const admitted = await admit(ctx, reject, AnswerJson);
  if (!admitted) return;
  const joinIri = reject.objectId?.href;
  const reason = admitted.json.summary?.replace(/<[^>]*>/g, '').trim() || null; // plain text: remote HTML is never rendered
  const done = joinIri ? await service(ctx).rejected(joinIri, admitted.actorIri, reason) : false;
  logger.info('Reject {id} of Join {join}: {done}', { id: admitted.id, join: joinIri, done });
  await markSeen(ctx, admitted, 'Reject');
}

/** Remove{object: our Person, target: the Group's members}: the association removed the member. */
export async function onRemove(ctx: InboxContext<FederationData>, remove: Remove): Promise<void> {
  const admitted = await admit(ctx, remove, RemoveJson);
  if (!admitted) return;
  const accountId = ourAccount(ctx, iriOf(admitted.json.object));
  if (!accountId || iriOf(admitted.json.target) !== `${admitted.actorIri}/members`) {
    logger.info('Remove {id}: not one of our Persons from its sender’s members, ignored', { id: admitted.id });
    return;
  }
  const done = await service(ctx).removed(accountId, admitted.actorIri);
  logger.info('Remove {id} of {account}: {done}', { id: admitted.id, account: accountId, done });
  await markSeen(ctx, admitted, 'Remove');
}

/** Update{Membership}: the member's function changed. */
export async function onMembershipUpdate(ctx: InboxContext<FederationData>, update: Update): Promise<void> {
  const admitted = await admit(ctx, update, UpdateJson);
  if (!admitted) return;
  const membership = admitted.json.object;
  const accountId = ourAccount(ctx, iriOf(membership.object));
  if (!accountId || !membershipIsTheirs(membership, admitted.actorIri)) {
    logger.info('Update {id}: not a Membership of its sender about one of ours, dropped', { id: admitted.id });
    return;
  }
  const done = await service(ctx).updated(accountId, admitted.actorIri, membership);
  logger.info('Update {id} of a Membership: {done}', { id: admitted.id, done });
  await markSeen(ctx, admitted, 'Update');
}
