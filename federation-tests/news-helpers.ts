/** Shared by the news scenarios: an association on an instance, followed by a remote actor, and its news API. */
import type { Account, Association, Bed } from './harness.ts';
import { activeAccount, createAssociation, pollUntil } from './harness.ts';
import type { Instance } from './instance.ts';
import type { Json, Received, RemoteActor } from './remote-actor.ts';

export interface FollowedAssociation {
  manager: Account;
  association: Association;
  groupId: string;
  publish(visibility: 'public' | 'members', title: string, text: string): Promise<{ id: string }>;
  edit(newsId: string, patch: Record<string, unknown>): Promise<void>;
  remove(newsId: string): Promise<void>;
  noteId(newsId: string): string;
}

/** A manager and an association on `instance`, followed by `follower` (Follow accepted). */
export async function followedAssociation(bed: Bed, instance: Instance, follower: RemoteActor, email: string, name: string): Promise<FollowedAssociation> {
  const manager = await activeAccount(bed, instance, email, 'Marie');
  const association = await createAssociation(manager, name);
  const groupId = `${instance.origin}/ap/actors/${association.id}`;
  const follow = await follower.followActivity(groupId);
  const res = await follower.post(`${groupId}/inbox`, follow);
  if (res.status !== 202) throw new Error(`Follow refused: ${res.status} ${await res.text()}`);
  await pollUntil(() => follower.receivedOfType('Accept').find((r) => objectIdOf(r) === follow.id), { what: 'the Accept', timeoutMs: 60_000 });
  const base = `/api/v1/associations/${association.id}/news`;
  return {
    manager,
    association,
    groupId,
    publish: (visibility, title, text) => manager.client.json<{ id: string }>('POST', base, { title, text, visibility }, 201),
    edit: async (newsId, patch) => {
      await manager.client.json('PATCH', `${base}/${newsId}`, patch, 200);
    },
    remove: async (newsId) => {
      const r = await manager.client.request('DELETE', `${base}/${newsId}`);
      if (r.status !== 204) throw new Error(`DELETE news → ${r.status}`);
    },
    noteId: (newsId) => `${instance.origin}/ap/news/${newsId}`,
  };
}

/** The id of an activity's object (embedded or by IRI). */
export function objectIdOf(r: Received): unknown {
  const object = r.activity.object;
  return typeof object === 'string' ? object : (object as Json | undefined)?.id;
}

/** First arrival of each distinct activity id (deliveries are at least once: copies may come). */
export function distinct(received: Received[]): Received[] {
  const seen = new Set<unknown>();
  return received.filter((r) => (seen.has(r.activity.id) ? false : (seen.add(r.activity.id), true)));
}
