/**
 * What every inbox listener does before its own work: drop an activity without an id
 * or whose id is not on its actor's origin (only the origin of a record may speak for
 * it), from a blocked host, already processed (idempotency by id, across the shared
 * and personal inboxes), whose JSON does not match what we rely on (zod, after
 * Fedify's parsing), or whose proof does not verify — Fedify accepts an activity with
 * a broken proof when its HTTP signature is valid (federation.md, Facts about Fedify).
 */
import { FetchError, verifyObject, type InboxContext } from '@fedify/fedify';
import { Activity } from '@fedify/vocab';
import { getLogger } from '@logtape/logtape';
import type { z } from 'zod';
import type { FederationData } from '../federation.ts';
import { remoteHostRepository } from '../remote-host.repository.ts';
import { inboxRepository } from './inbox.repository.ts';

const logger = getLogger(['benevalibre', 'federation', 'inbox']);

export interface Accepted<T> {
  id: string;
  actorIri: string;
  actorHost: string;
  json: T;
}

/** Checks an incoming activity; returns its parsed JSON, or null when it must be dropped (logged). */
export async function admit<S extends z.ZodType>(ctx: InboxContext<FederationData>, activity: Activity, schema: S): Promise<Accepted<z.infer<S>> | null> {
  const id = activity.id?.href;
  const actorIri = activity.actorId?.href;
  const type = activity.constructor.name;
  const drop = (reason: string) => {
    logger.info('Inbox {type} {id} dropped: {reason}', { type, id: id ?? '(no id)', reason });
    return null;
  };
  if (!id || !actorIri) return drop('no id or no actor');
  const actorUrl = new URL(actorIri);
  if (new URL(id).origin !== actorUrl.origin) return drop('activity id and actor on different origins');
  // URL.host, port included when not the default: how blocks and deliveries name a site.
  if (await remoteHostRepository(ctx.data.db).isBlocked(actorUrl.host)) return drop('blocked host');
  if (await inboxRepository(ctx.data.db).seen(id)) return drop('already processed (replay)');
  let raw: unknown;
  try {
    raw = await activity.toJsonLd({ contextLoader: ctx.contextLoader });
  } catch (error) {
    return drop(`not serialisable: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return drop(`unexpected JSON: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  if (raw && typeof raw === 'object' && 'proof' in raw) {
    const verify = (doc: object) => verifyObject(Activity, doc, { documentLoader: ctx.documentLoader, contextLoader: ctx.contextLoader }).catch(() => null);
    let verified = await verify(raw);
    // When an LD signature verified, Fedify hands us the activity parsed from its
    // normalised (re-compacted) form, which the proof does not cover; the sender's own
    // payload, kept on the context for forwarding, is what was proved — without the LD
    // `signature`, which Fedify (here and elsewhere) adds after the proof.
    const original = 'activity' in ctx && ctx.activity && typeof ctx.activity === 'object' ? ctx.activity : null;
    if (!verified && original) {
      const unsigned = Object.fromEntries(Object.entries(original).filter(([key]) => key !== 'signature'));
      verified = (await verify(original)) ?? (await verify(unsigned));
    }
    if (!verified) return drop('proof does not verify');
  }
  return { id, actorIri, actorHost: actorUrl.host, json: parsed.data };
}

/** Marks an activity processed (after its work is stored). */
export async function markSeen(ctx: InboxContext<FederationData>, accepted: Accepted<unknown>, type: string): Promise<void> {
  await inboxRepository(ctx.data.db).markSeen({
    activity_iri: accepted.id,
    actor_iri: accepted.actorIri,
    type,
    received_at: ctx.data.clock.now().toISOString(),
  });
}

/**
 * Fetches a remote document a listener needs (the follower's actor …). A network or
 * HTTP failure is rethrown — Fedify answers 500 and the sender retries later — but a
 * document that does not parse is logged and dropped: retrying would not mend it.
 */
export async function fetchRemote<T>(what: string, fetch: () => Promise<T>): Promise<T | null> {
  try {
    return await fetch();
  } catch (error) {
    if (error instanceof FetchError) throw error;
    logger.info('Remote {what} unusable, activity dropped: {error}', { what, error: error instanceof Error ? error.message : String(error) });
    return null;
  }
}
