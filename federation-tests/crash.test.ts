/**
 * Durable delivery, the sending side killed: an association publishes ten public news
 * items to a slow follower; in the middle of the deliveries its instance is killed with
 * `kill -9` (no shutdown code runs) and started again on the same database. Nothing is
 * lost: every item reaches the follower — copies are allowed (at least once), under
 * the same activity id. A job that was running when the process died is taken again
 * once its lease (one minute, renewed while a job runs) has expired.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollUntil, startBed, type Bed } from './harness.ts';
import { RemoteActor } from './remote-actor.ts';
import { followedAssociation, objectIdOf, type FollowedAssociation } from './news-helpers.ts';

let bed: Bed;
let dave: RemoteActor;
let followed: FollowedAssociation;
beforeAll(async () => {
  bed = await startBed({ instances: 1 });
  dave = await RemoteActor.start(bed, 4, 'dave');
  followed = await followedAssociation(bed, bed.a, dave, 'marie@a.test', 'Les Amis de la Gare');
}, 180_000);
afterAll(async () => {
  await dave?.down();
  await bed?.stop();
});

const COUNT = 10;

describe('an instance killed with kill -9 in the middle of deliveries', () => {
  it('loses nothing after restart', async () => {
    // A slow follower keeps deliveries in flight long enough to be cut.
    dave.delayMs = 400;
    const notes: string[] = [];
    for (let n = 1; n <= COUNT; n++) {
      const news = await followed.publish('public', `Nouvelle ${n}`, `Texte de la nouvelle ${n}.`);
      notes.push(followed.noteId(news.id));
    }
    const creates = () => dave.receivedOfType('Create').filter((r) => notes.includes(String(objectIdOf(r))));
    await pollUntil(() => creates().length >= 2, { what: 'the first deliveries', timeoutMs: 60_000, intervalMs: 50 });
    await bed.a.kill9();
    const beforeKill = new Set(creates().map((r) => objectIdOf(r)));
    expect(beforeKill.size).toBeLessThan(COUNT);

    await bed.a.start();
    const all = await pollUntil(
      () => {
        const got = creates();
        return new Set(got.map((r) => objectIdOf(r))).size === COUNT ? got : undefined;
      },
      { what: `all ${COUNT} news items after the restart`, timeoutMs: 420_000, intervalMs: 1000 },
    );
    expect(new Set(all.map((r) => objectIdOf(r)))).toEqual(new Set(notes));
    // Copies carry the same activity id: one id per news item.
    const idsPerNote = new Map<unknown, Set<unknown>>();
    for (const r of all) idsPerNote.set(objectIdOf(r), (idsPerNote.get(objectIdOf(r)) ?? new Set()).add(r.activity.id));
    expect([...idsPerNote.values()].map((ids) => ids.size)).toEqual(Array(COUNT).fill(1));
    for (const r of all) expect(r.verifiedKeyId).toBe(`${followed.groupId}#main-key`);
  }, 540_000);
});
