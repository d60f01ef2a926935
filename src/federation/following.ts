/**
 * The Fedify side of following an association of another site (flow 6): the account's
 * `Person` sends `Follow` (id stored with the row, so a resend is the same activity) and
 * `Undo{Follow}`. The Group is fetched once, signed by the instance actor and with a
 * deadline (the person waits on the page); its copy in `remote_actors` names the inboxes
 * for the Undo. Rules and SQL live in following.service.ts and following.repository.ts.
 */
import type { Context } from '@fedify/fedify';
import { Follow, Group, Undo } from '@fedify/vocab';
import { getLogger } from '@logtape/logtape';
import { v5 as uuidv5 } from 'uuid';
import { AppError, fieldError } from '../lib/errors.ts';
import type { FederationData } from './federation.ts';
import { followingService, type FollowingView } from './following.service.ts';
import { saveRemoteActor } from './remote-actors.ts';
import { INSTANCE_ACTOR, activityIri } from './uris.ts';

const logger = getLogger(['benevalibre', 'federation', 'following']);

const FETCH_TIMEOUT_MS = 8_000;
/** Namespace of the Undo ids (UUIDv5 of the Follow's id: the same Undo every time). */
const UNDO_NAMESPACE = '2b7c5f0e-8a41-4c3e-9d6b-1f0a7e4c2d90';

const service = (ctx: Context<FederationData>) => followingService(ctx.data);

/** Follows the remote Group `actor` from the account's Person; returns the (pending) follow. */
export async function followRemote(ctx: Context<FederationData>, accountId: string, actor: string): Promise<FollowingView> {
  const following = service(ctx);
  const target = await following.target(actor);
  const group = await fetchGroup(ctx, target);
  if (!group?.id || !group.inboxId) throw fieldError('actor', 'following_not_association');
  // The document may name another origin than the address given (a redirect): keep its own id.
  const groupIri = group.id.href;
  if (group.id.origin !== target.origin) await following.target(groupIri);
  await saveRemoteActor(ctx.data.db, group, ctx.data.clock.now().toISOString());
  const row = await following.start(accountId, groupIri);
  // Sent again while pending (a lost Accept); an accepted follow needs nothing more.
  if (row.status === 'pending') {
    await ctx.sendActivity(
      { identifier: accountId },
      group,
      new Follow({ id: new URL(row.follow_activity_iri), actor: ctx.getActorUri(accountId), object: group.id }),
    );
  }
  return following.view(accountId, row.id);
}

/** Stops following: `Undo{Follow}` to the Group's inbox, then the row goes. */
export async function unfollowRemote(ctx: Context<FederationData>, accountId: string, id: string): Promise<void> {
  const following = service(ctx);
  const row = await following.get(accountId, id);
  const actor = await ctx.data.db.selectFrom('remote_actors').select(['inbox', 'shared_inbox']).where('iri', '=', row.iri).executeTakeFirst();
  if (actor?.inbox) {
    const follow = new Follow({ id: new URL(row.follow_activity_iri), actor: ctx.getActorUri(accountId), object: new URL(row.iri) });
    await ctx.sendActivity(
      { identifier: accountId },
      { id: new URL(row.iri), inboxId: new URL(actor.inbox), endpoints: actor.shared_inbox ? { sharedInbox: new URL(actor.shared_inbox) } : null },
      new Undo({ id: new URL(activityIri(ctx.data.origin, uuidv5(`undo ${row.follow_activity_iri}`, UNDO_NAMESPACE))), actor: ctx.getActorUri(accountId), object: follow }),
    );
  } else {
    // Nothing known to send to (the Group was deleted meanwhile): forgetting is enough.
    logger.info('Unfollow of {actor}: no inbox known, no Undo sent', { actor: row.iri });
  }
  await following.forget(row);
}

/** The Group at `url`, or null when it is not one or does not answer in time (never throws on remote data). */
export async function fetchGroup(ctx: Context<FederationData>, url: URL): Promise<Group | null> {
  try {
    const loader = await ctx.getDocumentLoader({ identifier: INSTANCE_ACTOR });
    const found = await ctx.lookupObject(url.href, {
      documentLoader: (u, options) => loader(u, { ...options, signal: options?.signal ?? AbortSignal.timeout(FETCH_TIMEOUT_MS) }),
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
    return found instanceof Group ? found : null;
  } catch (error) {
    if (error instanceof AppError) throw error;
    logger.info('Group {url} not fetched: {error}', { url: url.href, error: String(error) });
    return null;
  }
}
