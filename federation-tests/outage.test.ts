/**
 * Durable delivery, the receiving side down: while a follower's instance does not
 * answer at all, an association publishes, edits and deletes a news item; the
 * deliveries wait (retried with backoff — the first retry comes about a minute after
 * the failure) and, once the follower is back, arrive signed and in order: Create,
 * Update, Delete.
 *
 * The follower's instance is a remote actor made by the test (own HTTPS server, keys
 * and address) — taken down and brought back on the same address.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollUntil, startBed, type Bed } from './harness.ts';
import { RemoteActor } from './remote-actor.ts';
import { distinct, followedAssociation, objectIdOf, type FollowedAssociation } from './news-helpers.ts';
import { eventsDispatched, pendingFederationJobs } from './observe.ts';

let bed: Bed;
let carol: RemoteActor;
let followed: FollowedAssociation;
beforeAll(async () => {
  bed = await startBed({ instances: 1 });
  carol = await RemoteActor.start(bed, 4, 'carol');
  followed = await followedAssociation(bed, bed.a, carol, 'marie@a.test', 'Les Amis du Moulin');
}, 180_000);
afterAll(async () => {
  await carol?.down();
  await bed?.stop();
});

describe('a follower instance down while deliveries are queued', () => {
  it('receives them in order when it comes back', async () => {
    await carol.down();
    const news = await followed.publish('public', 'Assemblée générale', 'Le 12 à 18 h, salle des fêtes.');
    await eventsDispatched(bed.a, news.id, 1);
    await followed.edit(news.id, { text: 'Le 12 à 19 h, salle des fêtes.' });
    await eventsDispatched(bed.a, news.id, 2);
    await followed.remove(news.id);
    await eventsDispatched(bed.a, news.id, 3);
    // The first attempt failed: Fedify queued its retry for later (a new message, due in about a minute).
    await pollUntil(() => bed.a.query<{ n: number }>("select count(*) as n from jobs where queue = 'fedify' and failed_at is null and run_at > ?", new Date(Date.now() + 10_000).toISOString())[0]!.n >= 1, {
      what: 'a failed delivery waiting for its retry',
      timeoutMs: 30_000,
    });
    expect(pendingFederationJobs(bed.a)).toBeGreaterThan(0);
    expect(carol.receivedOfType('Create')).toEqual([]);

    await carol.up();
    const noteId = followed.noteId(news.id);
    const arrived = await pollUntil(
      () => {
        const mine = distinct(carol.received).filter((r) => objectIdOf(r) === noteId);
        return mine.some((r) => r.activity.type === 'Delete') && mine.length >= 3 ? mine : undefined;
      },
      { what: 'Create, Update and Delete after the outage', timeoutMs: 300_000, intervalMs: 1000 },
    );
    expect(arrived.map((r) => r.activity.type)).toEqual(['Create', 'Update', 'Delete']);
    for (const r of arrived) expect(r.verifiedKeyId).toBe(`${followed.groupId}#main-key`);
  }, 420_000);
});
