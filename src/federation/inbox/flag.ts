/**
 * Flag (federation.md, flow 10): a report from another instance reaches this
 * instance's admins (the admin page « Signalements » lists `flags`). Only reports naming at least one
 * of our objects are kept; the reporter is an actor id (Mastodon sends its instance
 * actor), the content is the reporter's comment.
 */
import type { InboxContext } from '@fedify/fedify';
import type { Flag } from '@fedify/vocab';
import { getLogger } from '@logtape/logtape';
import { z } from 'zod';
import { inTransaction } from '../../db/transaction.ts';
import { newId } from '../../lib/ids.ts';
import type { FederationData } from '../federation.ts';
import { iriOf, iriOrObject } from './follow.ts';
import { admit } from './guard.ts';
import { inboxRepository } from './inbox.repository.ts';

const logger = getLogger(['benevalibre', 'federation', 'inbox']);

const FlagJson = z.looseObject({
  id: z.url(),
  type: z.literal('Flag'),
  actor: iriOrObject,
  object: z.union([iriOrObject, z.array(iriOrObject).min(1)]),
  content: z.string().max(10_000).optional(),
});

/** Stores a report for the admins. */
export async function onFlag(ctx: InboxContext<FederationData>, flag: Flag): Promise<void> {
  const admitted = await admit(ctx, flag, FlagJson);
  if (!admitted) return;
  const objects = (Array.isArray(admitted.json.object) ? admitted.json.object : [admitted.json.object]).map(iriOf);
  if (!objects.some((iri) => iri.startsWith(`${ctx.data.origin}/`))) {
    logger.info('Flag {id} names none of our objects: dropped', { id: admitted.id });
    return;
  }
  const now = ctx.data.clock.now().toISOString();
  await inTransaction(ctx.data.db, async (trx) => {
    const repo = inboxRepository(trx);
    await repo.addFlag({
      id: newId(),
      activity_iri: admitted.id,
      reporter_iri: admitted.actorIri,
      reporter_host: admitted.actorHost,
      object_iris: JSON.stringify(objects),
      content: admitted.json.content ?? null,
      received_at: now,
    });
    await repo.markSeen({ activity_iri: admitted.id, actor_iri: admitted.actorIri, type: 'Flag', received_at: now });
  });
}
