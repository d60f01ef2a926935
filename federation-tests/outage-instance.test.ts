/**
 * Durable delivery between two real instances: a volunteer on A follows an association
 * of B through A's API; A is stopped; meanwhile B publishes, edits and deletes a news
 * item, and its deliveries to A fail and wait. When A comes back, B's retries (about a
 * minute after each failure) bring Create, Update and Delete, processed by A in that
 * order — read from A's own record of the activities it received — and A ends with the
 * item gone. (outage.test.ts does the same with a test-made follower that also checks
 * each signature.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeAccount, createAssociation, pollUntil, startBed, type Account, type Association, type Bed } from './harness.ts';
import { eventsDispatched } from './observe.ts';

let bed: Bed;
let marie: Account;
let paul: Account;
let association: Association;
beforeAll(async () => {
  bed = await startBed({ instances: 2 });
  [marie, paul] = await Promise.all([activeAccount(bed, bed.b, 'marie@b.test', 'Marie'), activeAccount(bed, bed.a, 'paul@a.test', 'Paul')]);
  association = await createAssociation(marie, 'Les Amis du Pressoir');
}, 180_000);
afterAll(async () => {
  await bed?.stop();
});

describe('an instance down while deliveries to it are queued', () => {
  it('receives them in order when it comes back', async () => {
    const groupId = `${bed.b.origin}/ap/actors/${association.id}`;
    const row = await paul.client.json<{ id: string }>('POST', '/api/v1/federation/following', { actor: groupId }, 201);
    await pollUntil(
      async () => (await paul.client.json<{ items: { id: string; status: string }[] }>('GET', '/api/v1/federation/following', undefined, 200)).items.find((f) => f.id === row.id && f.status === 'accepted'),
      { what: 'the Accept on A', timeoutMs: 60_000 },
    );

    await bed.a.stop();
    const base = `/api/v1/associations/${association.id}/news`;
    const news = await marie.client.json<{ id: string }>('POST', base, { title: 'Vendanges', text: 'Samedi 9 h.', visibility: 'public' }, 201);
    await eventsDispatched(bed.b, news.id, 1);
    await marie.client.json('PATCH', `${base}/${news.id}`, { text: 'Samedi 10 h.' }, 200);
    await eventsDispatched(bed.b, news.id, 2);
    expect((await marie.client.request('DELETE', `${base}/${news.id}`)).status).toBe(204);
    await eventsDispatched(bed.b, news.id, 3);
    // B tried A, failed, and keeps the delivery for a retry.
    await pollUntil(() => bed.b.query<{ n: number }>("select count(*) as n from jobs where queue = 'fedify' and failed_at is null and run_at > ?", new Date(Date.now() + 10_000).toISOString())[0]!.n >= 1, {
      what: 'a failed delivery to A waiting for its retry',
      timeoutMs: 30_000,
    });

    await bed.a.start();
    // B's activity ids derive from its outbox events: /ap/activities/{eventId}.
    const expected = bed.b
      .query<{ id: string; kind: string }>('select id, kind from outbox_events where subject_id = ? order by created_at, id', news.id)
      .map((e) => ({ id: `${bed.b.origin}/ap/activities/${e.id}`, kind: e.kind }));
    expect(expected.map((e) => e.kind)).toEqual(['news.created', 'news.updated', 'news.deleted']);
    const ids = expected.map((e) => e.id);
    const processed = await pollUntil(
      () => {
        const rows = bed.a.query<{ activity_iri: string; type: string }>(
          `select activity_iri, type from inbox_activities where activity_iri in (${ids.map(() => '?').join(', ')}) order by rowid`,
          ...ids,
        );
        return rows.length === 3 ? rows : undefined;
      },
      { what: 'A to process Create, Update and Delete', timeoutMs: 300_000, intervalMs: 1000 },
    );
    expect(processed.map((r) => r.activity_iri)).toEqual(ids);
    expect(processed.map((r) => r.type)).toEqual(['Create', 'Update', 'Delete']);
    const shown = await paul.client.json<{ items: { id: string }[] }>('GET', '/api/v1/federation/following/news', undefined, 200);
    expect(shown.items.map((n) => n.id)).not.toContain(`${bed.b.origin}/ap/news/${news.id}`);
  }, 420_000);
});
