/**
 * Following an association of another site from here (flow 6, the local side): the API
 * sends a signed Follow from the account's Person, the Group's Accept/Reject and its
 * news arrive in our inbox (signed by a real remote peer), and the API lists them.
 */
import { signJsonLd, signObject } from '@fedify/fedify';
import { Accept } from '@fedify/vocab';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Browser, accountRow, drainFederation, errorOn, loggedIn, problemOf, type TestApp } from '../testing/test-app.ts';
import { federationTestApp } from './federation.fixtures.ts';
import { startRemotePeer, type RemotePeer } from './inbox/remote-peer.fixtures.ts';

const as = 'https://www.w3.org/ns/activitystreams';
const PUBLIC = `${as}#Public`;

let t: TestApp;
let group: RemotePeer;
let me: Browser;
let personIri: string;

beforeEach(async () => {
  t = await federationTestApp();
  group = await startRemotePeer('lavoir', 'Group');
  me = await loggedIn(t, 'paul@exemple.fr');
  personIri = `${t.config.origin}/ap/actors/${(await accountRow(t, 'paul@exemple.fr')).id}`;
});
afterEach(async () => {
  await t.services.jobs.stop();
  await group.close();
  await t.database.close();
});

interface FollowingJson { id: string; actor: string; name: string; handle: string | null; status: string }
interface NewsJson { id: string; title: string; text: string; url: string | null; published: string; updated: string | null; associationName: string }

const list = async () => ((await (await me.request('GET', '/api/v1/federation/following')).json()) as { items: FollowingJson[] }).items;
const news = async (query = '') => {
  const res = await me.request('GET', `/api/v1/federation/following/news${query}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: NewsJson[] }).items;
};
/** A signed POST from the remote Group to our shared inbox. */
const fromGroup = async (body: Record<string, unknown>, peer = group) =>
  t.app.request(await peer.signedPost(`${t.config.origin}/ap/inbox`, { '@context': as, actor: peer.actorId, ...body }));

async function follow(): Promise<{ following: FollowingJson; followId: string }> {
  const res = await me.request('POST', '/api/v1/federation/following', { actor: group.actorId });
  expect(res.status).toBe(201);
  const following = (await res.json()) as FollowingJson;
  await drainFederation(t);
  const sent = group.received.filter((a) => a.type === 'Follow').at(-1)!;
  return { following, followId: String(sent.id) };
}

async function followAccepted(): Promise<FollowingJson> {
  const { following, followId } = await follow();
  expect((await fromGroup({ id: `${group.actorId}/accepts/1`, type: 'Accept', object: { id: followId, type: 'Follow', actor: personIri, object: group.actorId } })).status).toBe(202);
  return following;
}

const note = (n: number, extra: Record<string, unknown> = {}) => ({
  id: `${group.origin}/news/${n}`,
  type: 'Note',
  attributedTo: group.actorId,
  name: `Fête ${n}`,
  content: `<p><strong>Fête ${n}</strong></p><p>Samedi à 10 h.</p><p>Venez <em>nombreux</em>.</p>`,
  url: `${group.origin}/actualites/${n}`,
  published: `2026-11-2${n}T10:00:00Z`,
  to: PUBLIC,
  ...extra,
});

describe('following an association of another site', () => {
  it('sends a signed Follow from the Person with the stable id it stores, pending until the Accept', async () => {
    const { following, followId } = await follow();
    expect(following).toMatchObject({ actor: group.actorId, name: 'Alice Remote', handle: `lavoir@${new URL(group.origin).host}`, status: 'pending' });
    expect(group.received).toHaveLength(1);
    expect(group.received[0]).toMatchObject({ type: 'Follow', actor: personIri, object: group.actorId });
    expect(followId).toMatch(new RegExp(`^${t.config.origin}/ap/activities/[0-9a-f-]{36}$`));
    const row = await t.db.selectFrom('following').selectAll().executeTakeFirstOrThrow();
    expect(row.follow_activity_iri).toBe(followId);
    // Following again while pending resends the very same Follow (the Group drops the copy).
    expect((await me.request('POST', '/api/v1/federation/following', { actor: group.actorId })).status).toBe(201);
    await drainFederation(t);
    expect(group.received.map((a) => a.id)).toEqual([followId, followId]);

    // An Accept naming the Follow by id alone counts too; an Accept from another Group does not.
    const other = await startRemotePeer('autre', 'Group');
    try {
      await fromGroup({ id: `${other.actorId}/accepts/1`, type: 'Accept', object: followId }, other);
      expect((await list())[0]!.status).toBe('pending');
    } finally {
      await other.close();
    }
    await fromGroup({ id: `${group.actorId}/accepts/1`, type: 'Accept', object: followId });
    expect(await list()).toMatchObject([{ id: following.id, status: 'accepted' }]);
  });

  it('takes an activity whose proof is followed by an LD signature, as Fedify sends them', async () => {
    const { followId } = await follow();
    const accept = new Accept({ id: new URL(`${group.actorId}/accepts/proved`), actor: new URL(group.actorId), object: new URL(followId) });
    const proved = (await (await signObject(accept, group.ed25519.privateKey, new URL(`${group.actorId}#ed25519-key`))).toJsonLd({ format: 'compact' })) as Record<string, unknown>;
    // Signed after the proof (Fedify's order): the proof does not cover the LD signature,
    // and Fedify hands the listener the normalised form the LD signature verified.
    const body = await signJsonLd(proved, group.rsa.privateKey, new URL(group.keyId), {});
    expect((await t.app.request(await group.signedPost(`${t.config.origin}/ap/inbox`, body))).status).toBe(202);
    expect((await list())[0]!.status).toBe('accepted');
  });

  it('stores public news as plain text, replaces it on Update, hides it on Delete', async () => {
    await followAccepted();
    const script = '<p>Venez</p><script>alert("x")</script><p>Fin &amp; merci</p>';
    expect((await fromGroup({ id: `${group.actorId}/creates/1`, type: 'Create', object: note(1) })).status).toBe(202);
    await fromGroup({ id: `${group.actorId}/creates/2`, type: 'Create', object: note(2, { content: script, name: null }) });
    const items = await news();
    expect(items.map((i) => i.id)).toEqual([note(2).id, note(1).id]);
    expect(items[1]).toMatchObject({ title: 'Fête 1', text: 'Samedi à 10 h.\n\nVenez nombreux.', url: note(1).url, associationName: 'Alice Remote', updated: null });
    expect(items[0]).toMatchObject({ title: 'Venez', text: 'Fin & merci' });
    expect(await news('?limit=1')).toHaveLength(1);
    expect((await news(`?before=${encodeURIComponent(items[0]!.published)}`)).map((i) => i.id)).toEqual([note(1).id]);

    await fromGroup({ id: `${group.actorId}/updates/1`, type: 'Update', object: note(1, { content: '<p>Samedi à 14 h.</p>', updated: '2026-11-28T09:00:00Z' }) });
    expect((await news()).find((i) => i.id === note(1).id)).toMatchObject({ text: 'Samedi à 14 h.', updated: '2026-11-28T09:00:00.000Z' });

    await fromGroup({ id: `${group.actorId}/deletes/1`, type: 'Delete', object: { id: note(1).id, type: 'Tombstone' } });
    expect((await news()).map((i) => i.id)).toEqual([note(2).id]);
    // A late Update never brings a deleted item back.
    await fromGroup({ id: `${group.actorId}/updates/2`, type: 'Update', object: note(1) });
    expect((await news()).map((i) => i.id)).toEqual([note(2).id]);
  });

  it('drops news that are not public, not from a followed Group, or not on their sender’s origin', async () => {
    await follow(); // pending: nothing is kept yet
    await fromGroup({ id: `${group.actorId}/creates/0`, type: 'Create', object: note(1) });
    expect(await t.db.selectFrom('remote_news').selectAll().execute()).toEqual([]);
    await fromGroup({ id: `${group.actorId}/accepts/1`, type: 'Accept', object: String(group.received[0]!.id) });
    await fromGroup({ id: `${group.actorId}/creates/1`, type: 'Create', object: note(1, { to: `${group.actorId}/followers` }) });
    await fromGroup({ id: `${group.actorId}/creates/2`, type: 'Create', object: note(2, { attributedTo: 'https://ailleurs.example/users/x' }) });
    const stranger = await startRemotePeer('inconnu', 'Group');
    try {
      await fromGroup({ id: `${stranger.actorId}/creates/3`, type: 'Create', object: { ...note(3), id: `${stranger.origin}/news/3`, attributedTo: stranger.actorId } }, stranger);
      // Someone else deleting our copy of the Group's news: refused too.
      await fromGroup({ id: `${group.actorId}/creates/4`, type: 'Create', object: note(4) });
      await fromGroup({ id: `${stranger.actorId}/deletes/4`, type: 'Delete', object: note(4).id }, stranger);
    } finally {
      await stranger.close();
    }
    expect((await news()).map((i) => i.id)).toEqual([note(4).id]);
    // Garbage never makes a 500.
    for (const object of [{ id: 42 }, { type: 'Note' }, 'pas une url']) {
      expect((await fromGroup({ id: `${group.actorId}/creates/${Math.random()}`, type: 'Create', object })).status).toBeLessThan(500);
    }
  });

  it('stops following: Undo{Follow} to the Group, the follow goes; a Reject removes it too', async () => {
    const following = await followAccepted();
    const followId = String(group.received[0]!.id);
    await fromGroup({ id: `${group.actorId}/creates/1`, type: 'Create', object: note(1) });
    expect(await news()).toHaveLength(1);
    expect((await me.request('DELETE', `/api/v1/federation/following/${following.id}`)).status).toBe(204);
    await drainFederation(t);
    const undo = group.received.find((a) => a.type === 'Undo')!;
    expect(undo).toMatchObject({ actor: personIri, object: { id: followId, type: 'Follow', actor: personIri, object: group.actorId } });
    expect(await list()).toEqual([]);
    // Nobody here follows the Group any more: what it sent is not kept.
    expect(await t.db.selectFrom('remote_news').selectAll().execute()).toEqual([]);
    const again = await me.request('DELETE', `/api/v1/federation/following/${following.id}`);
    expect(again.status).toBe(404);
    expect((await problemOf(again)).title).toBe('Vous ne suivez pas cette association.');

    const { followId: second } = await follow();
    await fromGroup({ id: `${group.actorId}/rejects/1`, type: 'Reject', object: second });
    expect(await list()).toEqual([]);
  });

  it('refuses what cannot be followed, naming the field, and strangers', async () => {
    const refusal = async (actor: string) => {
      const res = await me.request('POST', '/api/v1/federation/following', { actor });
      expect(res.status, actor).toBe(422);
      return errorOn(await problemOf(res), 'actor').code;
    };
    expect(await refusal('pas une adresse')).toBe('following_actor_invalid');
    expect(await refusal(`${t.config.origin}/ap/actors/0190a000-0000-7000-8000-000000000000`)).toBe('following_local');
    const person = await startRemotePeer('alice');
    try {
      expect(await refusal(person.actorId)).toBe('following_not_association');
    } finally {
      await person.close();
    }
    expect(await t.db.selectFrom('following').selectAll().execute()).toEqual([]);
    const anonymous = new Browser(t);
    expect((await anonymous.request('GET', '/api/v1/federation/following/news')).status).toBe(401);
    expect((await anonymous.request('POST', '/api/v1/federation/following', { actor: group.actorId })).status).toBe(401);
  });
});
