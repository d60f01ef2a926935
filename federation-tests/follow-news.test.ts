/**
 * Flow 6: a person on another instance follows an association of B and receives its
 * public news — Create, Update, Delete of a Note, each signed by the association — and
 * never its members-only news; after Undo{Follow} nothing more arrives.
 *
 * The follower is a remote actor made by the test (its own HTTPS server and keys,
 * activities signed with Fedify's signRequest), as a Mastodon user would be: it checks
 * the signature of everything it receives. Following from one of our instances (A's API)
 * is in following.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeAccount, createAssociation, pollUntil, startBed, type Account, type Association, type Bed } from './harness.ts';
import { getActivityJson } from './client.ts';
import { RemoteActor, type Json, type Received } from './remote-actor.ts';
import { queueIdle } from './observe.ts';
import { distinct } from './news-helpers.ts';

let bed: Bed;
let alice: RemoteActor;
let marie: Account;
let association: Association;
let groupId: string;
beforeAll(async () => {
  bed = await startBed({ instances: 2 });
  alice = await RemoteActor.start(bed, 4, 'alice');
  marie = await activeAccount(bed, bed.b, 'marie@b.test', 'Marie');
  association = await createAssociation(marie, 'Les Amis du Lavoir');
  groupId = `${bed.b.origin}/ap/actors/${association.id}`;
}, 180_000);
afterAll(async () => {
  await alice?.down();
  await bed?.stop();
});

const objectOf = (r: Received) => r.activity.object as Json;
const followersCount = async () => (await getActivityJson<{ totalItems: number }>(`${groupId}/followers`)).totalItems;

async function publish(visibility: 'public' | 'members', title: string, text: string): Promise<{ id: string }> {
  return marie.client.json<{ id: string }>('POST', `/api/v1/associations/${association.id}/news`, { title, text, visibility }, 201);
}

describe('following an association of another instance', () => {
  let follow: Json;

  it('accepts a Follow at once: Accept signed by the association, one follower more', async () => {
    follow = await alice.followActivity(groupId);
    const res = await alice.post(`${groupId}/inbox`, follow);
    expect(res.status).toBeLessThan(300);
    const accept = await pollUntil(() => alice.receivedOfType('Accept')[0], { what: 'the Accept', timeoutMs: 60_000 });
    expect(accept.verifiedKeyId).toBe(`${groupId}#main-key`);
    expect(accept.activity.actor).toBe(groupId);
    const accepted = accept.activity.object;
    expect(typeof accepted === 'string' ? accepted : (accepted as Json).id).toBe(follow.id);
    expect(await followersCount()).toBe(1);
  }, 90_000);

  it('receives public news as Create, Update and Delete of a Note, and never members-only news', async () => {
    const news = await publish('public', 'Fête du lavoir', 'Rendez-vous samedi à 10 h.\n\nApportez des gants.');
    const noteId = `${bed.b.origin}/ap/news/${news.id}`;
    const create = await pollUntil(() => alice.receivedOfType('Create').find((r) => objectOf(r).id === noteId), { what: 'Create{Note}', timeoutMs: 60_000 });
    expect(create.verifiedKeyId).toBe(`${groupId}#main-key`);
    expect(create.activity).toMatchObject({ actor: groupId, object: { type: 'Note', id: noteId, attributedTo: groupId } });
    expect(String(objectOf(create).content)).toContain('Apportez des gants.');
    // Stable ids: the association's outbox lists the same Create, under the same id.
    const outbox = await getActivityJson<{ first: string | { id: string } }>(`${groupId}/outbox`);
    const first = await getActivityJson<{ orderedItems: Json[] }>(typeof outbox.first === 'string' ? outbox.first : outbox.first.id);
    expect(first.orderedItems.map((item) => item.id)).toContain(create.activity.id);

    const secret = await publish('members', 'Code du local', 'Le code du cadenas est 4321.');

    await marie.client.json('PATCH', `/api/v1/associations/${association.id}/news/${news.id}`, { text: 'Rendez-vous samedi à 14 h.' }, 200);
    const update = await pollUntil(() => alice.receivedOfType('Update').find((r) => objectOf(r).id === noteId), { what: 'Update{Note}', timeoutMs: 60_000 });
    expect(String(objectOf(update).content)).toContain('14 h');
    expect(update.verifiedKeyId).toBe(`${groupId}#main-key`);

    const res = await marie.client.request('DELETE', `/api/v1/associations/${association.id}/news/${news.id}`);
    expect(res.status).toBe(204);
    const deletion = await pollUntil(() => alice.receivedOfType('Delete').find((r) => (objectOf(r).id ?? r.activity.object) === noteId), { what: 'Delete', timeoutMs: 60_000 });
    expect(deletion.verifiedKeyId).toBe(`${groupId}#main-key`);
    // The members-only item was published before the edit and the deletion: once B has
    // nothing left to send, it would have arrived.
    await queueIdle(bed.b);
    const everything = JSON.stringify(alice.received.map((r) => r.activity));
    expect(everything).not.toContain(secret.id);
    expect(everything).not.toContain('4321');
    // At least once: a copy may come again, always under the same id.
    expect(distinct(alice.received).map((r) => r.activity.type)).toEqual(['Accept', 'Create', 'Update', 'Delete']);
  }, 180_000);

  it('stops sending after Undo{Follow}', async () => {
    const res = await alice.post(`${groupId}/inbox`, await alice.undoActivity(follow));
    expect(res.status).toBeLessThan(300);
    await pollUntil(async () => (await followersCount()) === 0, { what: 'no follower left', timeoutMs: 30_000 });
    const before = alice.received.length;
    await publish('public', 'Après le départ', 'Personne ne doit recevoir ceci ailleurs.');
    await queueIdle(bed.b);
    expect(alice.received.slice(before)).toEqual([]);
  }, 120_000);
});
