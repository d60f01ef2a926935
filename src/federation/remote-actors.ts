/**
 * What we keep of a remote actor (`remote_actors`): one mapping from its parsed
 * document, used by the inbox (followers, actor updates), the lookup and following, so
 * that every path stores the same columns (the next issue's Join starts from them).
 */
import { getActorTypeName, type Actor } from '@fedify/vocab';
import type { Db } from '../db/database.ts';
import type { RemoteActorsTable } from './federation.table.ts';
import { upsertRemoteActor } from './remote-actor.repository.ts';

/** The row of a fetched actor (its `id` must be set). */
export async function remoteActorRow(actor: Actor, fetchedAt: string): Promise<RemoteActorsTable> {
  const id = actor.id!;
  return {
    iri: id.href,
    type: getActorTypeName(actor),
    // URL.host, port included when not the default: how blocks and deliveries name a site.
    host: id.host,
    handle: actor.preferredUsername ? `${actor.preferredUsername.toString()}@${id.host}` : null,
    name: actor.name?.toString().trim() || null,
    url: actor.url instanceof URL ? actor.url.href : (actor.url?.href?.href ?? null),
    inbox: actor.inboxId?.href ?? null,
    shared_inbox: actor.endpoints?.sharedInbox?.href ?? null,
    document: JSON.stringify(await actor.toJsonLd()),
    fetched_at: fetchedAt,
  };
}

/** Keeps the latest copy of a remote actor. */
export async function saveRemoteActor(db: Db, actor: Actor, fetchedAt: string): Promise<void> {
  await upsertRemoteActor(db, await remoteActorRow(actor, fetchedAt));
}
