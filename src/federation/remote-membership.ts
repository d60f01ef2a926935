/**
 * The Fedify side of joining an association of another site (flow 2, the volunteer's
 * side): the account's `Person` sends `Join{object: group}` (id stored with the row, so a
 * resend while pending is the same activity) and `Leave{object: group}`. The Group is
 * fetched as for following (signed by the instance actor, with a deadline). Rules and
 * SQL live in remote-membership.service.ts and remote-membership.repository.ts.
 */
import type { Context } from '@fedify/fedify';
import { Join, Leave } from '@fedify/vocab';
import { getLogger } from '@logtape/logtape';
import { v5 as uuidv5 } from 'uuid';
import { AppError, fieldError } from '../lib/errors.ts';
import type { FederationData } from './federation.ts';
import { fetchGroup } from './following.ts';
import { followingService } from './following.service.ts';
import { remoteMembershipService, type RemoteMembershipView } from './remote-membership.service.ts';
import { saveRemoteActor } from './remote-actors.ts';
import { activityIri } from './uris.ts';

const logger = getLogger(['benevalibre', 'federation', 'memberships']);

/** Namespace of the Leave ids (UUIDv5 of the Join's id: the same Leave every time). */
const LEAVE_NAMESPACE = '8d3f2a61-5b7e-4c19-a0d4-6e2b9c1f7a35';

/** Asks to join the remote Group `actor` from the account's Person; returns the (pending) membership. */
export async function joinRemote(ctx: Context<FederationData>, accountId: string, actor: string): Promise<RemoteMembershipView> {
  const target = await checkedTarget(ctx, actor);
  const group = await fetchGroup(ctx, target);
  if (!group?.id || !group.inboxId) throw fieldError('actor', 'remote_membership_not_association');
  const groupIri = group.id.href;
  if (group.id.origin !== target.origin) await checkedTarget(ctx, groupIri);
  await saveRemoteActor(ctx.data.db, group, ctx.data.clock.now().toISOString());
  const memberships = remoteMembershipService(ctx.data);
  const row = await memberships.start(accountId, groupIri);
  await ctx.sendActivity(
    { identifier: accountId },
    group,
    new Join({ id: new URL(row.join_activity_iri), actor: ctx.getActorUri(accountId), object: group.id, to: group.id }),
  );
  return memberships.view(accountId, row.id);
}

/** Leaves (or withdraws a request): `Leave{object: group}` to the Group's inbox, then the row goes. */
export async function leaveRemote(ctx: Context<FederationData>, accountId: string, id: string): Promise<void> {
  const memberships = remoteMembershipService(ctx.data);
  const row = await memberships.get(accountId, id);
  const actor = await ctx.data.db.selectFrom('remote_actors').select(['inbox', 'shared_inbox']).where('iri', '=', row.group_iri).executeTakeFirst();
  // Nothing to tell after a refusal or a removal: the association already ended it.
  if (actor?.inbox && (row.status === 'active' || row.status === 'pending')) {
    await ctx.sendActivity(
      { identifier: accountId },
      { id: new URL(row.group_iri), inboxId: new URL(actor.inbox), endpoints: actor.shared_inbox ? { sharedInbox: new URL(actor.shared_inbox) } : null },
      new Leave({
        id: new URL(activityIri(ctx.data.origin, uuidv5(`leave ${row.join_activity_iri}`, LEAVE_NAMESPACE))),
        actor: ctx.getActorUri(accountId),
        object: new URL(row.group_iri),
        to: new URL(row.group_iri),
      }),
    );
  } else {
    logger.info('Leave of {actor}: nothing sent ({status})', { actor: row.group_iri, status: row.status });
  }
  await memberships.forget(row);
}

/** The actor id given by the page: an http(s) URL of another site, not blocked. */
async function checkedTarget(ctx: Context<FederationData>, actor: string): Promise<URL> {
  try {
    return await followingService(ctx.data).target(actor);
  } catch (error) {
    // The same checks as following, in this flow's words for this very site.
    if (error instanceof AppError && error.fields.some((f) => f.code === 'following_local')) throw fieldError('actor', 'remote_membership_local');
    throw error;
  }
}
