/**
 * Flow 6 between real instances, the local side: a volunteer on A follows an
 * association of B through A's own API (A's Person sends the Follow, B accepts), B's
 * followers list A's Person, and A's API shows B's public news — created, then edited,
 * then gone — and never its members-only news. A volunteer on C follows too, then stops
 * (Undo{Follow}): B's followers no longer list C's Person and C keeps nothing more.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getActivityJson } from './client.ts';
import { activeAccount, createAssociation, pollUntil, startBed, type Account, type Association, type Bed } from './harness.ts';
import { queueIdle } from './observe.ts';

interface Following { id: string; actor: string; name: string; handle: string | null; status: string }
interface News { id: string; title: string; text: string; url: string | null; updated: string | null; associationName: string }

let bed: Bed;
let marie: Account;
let paul: Account;
let lea: Account;
let association: Association;
let groupId: string;
beforeAll(async () => {
  bed = await startBed();
  [marie, paul, lea] = await Promise.all([
    activeAccount(bed, bed.b, 'marie@b.test', 'Marie'),
    activeAccount(bed, bed.a, 'paul@a.test', 'Paul'),
    activeAccount(bed, bed.c, 'lea@c.test', 'Léa'),
  ]);
  association = await createAssociation(marie, 'Les Amis du Lavoir');
  groupId = `${bed.b.origin}/ap/actors/${association.id}`;
}, 180_000);
afterAll(async () => {
  await bed?.stop();
});

const following = async (who: Account) => (await who.client.json<{ items: Following[] }>('GET', '/api/v1/federation/following', undefined, 200)).items;
const newsOf = async (who: Account) => (await who.client.json<{ items: News[] }>('GET', '/api/v1/federation/following/news', undefined, 200)).items;
const personOf = (who: Account, origin: string) => `${origin}/ap/actors/${who.id}`;

/** Every follower id on B's public followers collection (its first page is enough here). */
async function followersOfGroup(): Promise<string[]> {
  const collection = await getActivityJson<{ first?: string | { orderedItems?: unknown[] }; orderedItems?: unknown[] }>(`${groupId}/followers`);
  const page = typeof collection.first === 'string' ? await getActivityJson<{ orderedItems?: unknown[] }>(collection.first) : (collection.first ?? collection);
  return (page.orderedItems ?? []).map((i) => (typeof i === 'string' ? i : String((i as { id: string }).id)));
}

/** Looks the association up from `who`'s site (as the /rejoindre page does), then follows it. */
async function followFrom(who: Account): Promise<Following> {
  const found = await who.client.json<{ id: string }>('GET', `/api/v1/federation/lookup?q=${encodeURIComponent(`@${association.handle}@${bed.b.host}`)}`, undefined, 200);
  expect(found.id).toBe(groupId);
  const pending = await who.client.json<Following>('POST', '/api/v1/federation/following', { actor: found.id }, 201);
  expect(pending).toMatchObject({ actor: groupId, name: 'Les Amis du Lavoir', handle: `${association.handle}@${bed.b.host}` });
  return pending;
}

describe('a volunteer follows an association of another site from their own site', () => {
  it('sends the Follow from their Person; B accepts and lists them among its followers', async () => {
    const [onA, onC] = await Promise.all([followFrom(paul), followFrom(lea)]);
    for (const [who, row] of [[paul, onA], [lea, onC]] as const) {
      await pollUntil(async () => (await following(who)).find((f) => f.id === row.id && f.status === 'accepted'), { what: 'the Accept', timeoutMs: 60_000 });
    }
    const followers = await followersOfGroup();
    expect(followers).toEqual(expect.arrayContaining([personOf(paul, bed.a.origin), personOf(lea, bed.c.origin)]));
  }, 120_000);

  it('stops following from C: Undo{Follow}, and B no longer lists C’s Person', async () => {
    const [row] = await following(lea);
    const res = await lea.client.request('DELETE', `/api/v1/federation/following/${row!.id}`);
    expect(res.status).toBe(204);
    await pollUntil(async () => !(await followersOfGroup()).includes(personOf(lea, bed.c.origin)), { what: 'C’s Person gone from B’s followers', timeoutMs: 60_000 });
    expect(await followersOfGroup()).toContain(personOf(paul, bed.a.origin));
    expect(await following(lea)).toEqual([]);
  }, 90_000);

  it('shows B’s public news on A — created, edited, deleted — and never the members-only ones', async () => {
    const base = `/api/v1/associations/${association.id}/news`;
    const news = await marie.client.json<{ id: string }>('POST', base, { title: 'Fête du lavoir', text: 'Rendez-vous samedi à 10 h.\n\nApportez des gants.', visibility: 'public' }, 201);
    const noteId = `${bed.b.origin}/ap/news/${news.id}`;
    const created = await pollUntil(async () => (await newsOf(paul)).find((n) => n.id === noteId), { what: 'the news on A', timeoutMs: 60_000 });
    expect(created).toMatchObject({ title: 'Fête du lavoir', text: 'Rendez-vous samedi à 10 h.\n\nApportez des gants.', associationName: 'Les Amis du Lavoir', updated: null });
    expect(created.url).toBe(`${bed.b.origin}/associations/${association.id}/actualites/${news.id}`);

    await marie.client.json('POST', base, { title: 'Code du local', text: 'Le code du cadenas est 4321.', visibility: 'members' }, 201);

    await marie.client.json('PATCH', `${base}/${news.id}`, { text: 'Rendez-vous samedi à 14 h.' }, 200);
    const edited = await pollUntil(async () => (await newsOf(paul)).find((n) => n.id === noteId && n.text.includes('14 h')), { what: 'the edit on A', timeoutMs: 60_000 });
    expect(edited.updated).not.toBeNull();

    expect((await marie.client.request('DELETE', `${base}/${news.id}`)).status).toBe(204);
    await pollUntil(async () => !(await newsOf(paul)).some((n) => n.id === noteId), { what: 'the deletion on A', timeoutMs: 60_000 });

    // Once B has nothing left to send, the members-only item would have arrived: it did not.
    await queueIdle(bed.b);
    expect(await newsOf(paul)).toEqual([]);
    const kept = JSON.stringify(bed.a.query('select * from remote_news'));
    expect(kept).not.toContain('4321');
    expect(kept).not.toContain('Code du local');
    // C stopped following before any news: it kept nothing.
    expect(bed.c.query('select * from remote_news')).toEqual([]);
  }, 180_000);
});
