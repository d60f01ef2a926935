/**
 * Join and Leave of one of our associations by a Person of another site (flow 2, the
 * association's side). The Person becomes a remote account and a member exactly as a
 * local join does (remote-member.service.ts); the answer — Accept with the Membership,
 * or TentativeAccept while a manager decides — is an outbox event of the same
 * transaction, sent by publish-membership.ts.
 */
import type { InboxContext } from '@fedify/fedify';
import { Person, type Join, type Leave } from '@fedify/vocab';
import { getLogger } from '@logtape/logtape';
import { z } from 'zod';
import { remoteMemberService } from '../../memberships/remote-member.service.ts';
import { actorState } from '../actors.ts';
import type { FederationData } from '../federation.ts';
import { saveRemoteActor } from '../remote-actors.ts';
import { iriOrObject } from './follow.ts';
import { admit, fetchRemote, markSeen } from './guard.ts';

const logger = getLogger(['benevalibre', 'federation', 'inbox']);

const JoinJson = z.looseObject({ id: z.url(), type: z.enum(['Join', 'Leave']), actor: iriOrObject, object: iriOrObject });

/** The association an activity's object names, if it is one of ours. */
async function associationOf(ctx: InboxContext<FederationData>, object: URL | null): Promise<string | null> {
  const target = object ? ctx.parseUri(object) : null;
  if (target?.type !== 'actor') return null;
  const state = await actorState(ctx.data, target.identifier);
  return state.kind === 'association' ? target.identifier : null;
}

/** Join{object: association}: the Person joins (active or pending); the answer is queued with the change. */
export async function onJoin(ctx: InboxContext<FederationData>, join: Join): Promise<void> {
  const admitted = await admit(ctx, join, JoinJson);
  if (!admitted) return;
  const associationId = await associationOf(ctx, join.objectId);
  if (!associationId) {
    logger.info('Join {id} of something other than one of our associations dropped', { id: admitted.id });
    return;
  }
  // Usually from Fedify's cache: the same document gave the key that signed the request.
  const person = await fetchRemote('joining actor', () => join.getActor(ctx));
  if (!(person instanceof Person) || person.id?.href !== admitted.actorIri || !person.inboxId) {
    logger.info('Join {id} dropped: its actor is not a Person with an inbox', { id: admitted.id });
    return;
  }
  const now = ctx.data.clock.now().toISOString();
  await saveRemoteActor(ctx.data.db, person, now);
  const host = new URL(admitted.actorIri).host;
  const result = await remoteMemberService(ctx.data).join(
    associationId,
    { iri: admitted.actorIri, name: person.name?.toString() ?? null, handle: person.preferredUsername ? `${person.preferredUsername.toString()}@${host}` : null },
    admitted.id,
  );
  logger.info('Join {id} of {associationId}: {result}', { id: admitted.id, associationId, result: result?.status ?? 'not taking members' });
  await markSeen(ctx, admitted, 'Join');
}

/** Leave{object: association}: the Person's membership ends, like a local leave. */
export async function onLeave(ctx: InboxContext<FederationData>, leave: Leave): Promise<void> {
  const admitted = await admit(ctx, leave, JoinJson);
  if (!admitted) return;
  const associationId = await associationOf(ctx, leave.objectId);
  const left = associationId ? await remoteMemberService(ctx.data).leave(associationId, admitted.actorIri) : false;
  logger.info('Leave {id} from {actor}: {left}', { id: admitted.id, actor: admitted.actorIri, left });
  await markSeen(ctx, admitted, 'Leave');
}
