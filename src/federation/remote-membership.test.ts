/**
 * Joining an association of another site from here (flow 2, the volunteer's side): the
 * API sends a signed Join from the account's Person; the Group's answers (signed by a
 * real remote peer) make the request active, pending, rejected with a reason, removed,
 * or change the function; leaving sends Leave. Answers from another actor are ignored.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Browser, accountRow, drainFederation, loggedIn, type TestApp } from '../testing/test-app.ts';
import { federationTestApp, publicAssociation } from './federation.fixtures.ts';
import { startRemotePeer, type RemotePeer } from './inbox/remote-peer.fixtures.ts';
import { BV_CONTEXT } from './vocabulary.ts';

const as = 'https://www.w3.org/ns/activitystreams';

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

interface MembershipJson { id: string; actor: string; name: string; handle: string | null; status: string; reason: string | null; function: string | null }

const list = async () => ((await (await me.request('GET', '/api/v1/federation/memberships')).json()) as { items: MembershipJson[] }).items;
let n = 0;
/** A signed POST from the remote Group (or another peer) to our shared inbox, with our vocabulary inline. */
const fromGroup = async (body: Record<string, unknown>, peer = group) =>
  t.app.request(await peer.signedPost(`${t.config.origin}/ap/inbox`, { '@context': [as, BV_CONTEXT], id: `${peer.actorId}/activities/${++n}`, actor: peer.actorId, ...body }));
const membership = (extra: Record<string, unknown> = {}) => ({ type: ['Object', 'Membership'], attributedTo: group.actorId, object: personIri, published: '2026-11-27T10:00:00Z', ...extra });

async function join(): Promise<{ row: MembershipJson; joinId: string }> {
  const res = await me.request('POST', '/api/v1/federation/memberships', { actor: group.actorId });
  expect(res.status).toBe(201);
  const row = (await res.json()) as MembershipJson;
  await drainFederation(t);
  const sent = group.received.filter((a) => a.type === 'Join').at(-1)!;
  return { row, joinId: String(sent.id) };
}

describe('joining an association of another site', () => {
  it('sends a signed Join from the Person with the stable id it stores; pending until the answer', async () => {
    const { row, joinId } = await join();
    expect(row).toMatchObject({ actor: group.actorId, name: 'Alice Remote', status: 'pending', reason: null });
    expect(group.received[0]).toMatchObject({ type: 'Join', actor: personIri, object: group.actorId });
    expect(joinId).toMatch(new RegExp(`^${t.config.origin}/ap/activities/[0-9a-f-]{36}$`));
    const stored = await t.db.selectFrom('remote_memberships').selectAll().executeTakeFirstOrThrow();
    expect(stored.join_activity_iri).toBe(joinId);
    // Asked again while pending: the same Join, no second row.
    await join();
    expect(group.received.map((a) => a.id)).toEqual([joinId, joinId]);
    expect(await list()).toHaveLength(1);
  });

  it('Accept{Join} with the Membership → active with its function; Update{Membership} changes it', async () => {
    const { joinId } = await join();
    expect((await fromGroup({ type: 'Accept', object: joinId, result: membership({ function: 'governance' }) })).status).toBe(202);
    expect(await list()).toMatchObject([{ status: 'active', function: 'governance' }]);
    expect((await fromGroup({ type: 'Update', object: membership({ function: 'supervision' }) })).status).toBe(202);
    expect(await list()).toMatchObject([{ status: 'active', function: 'supervision' }]);
    const kept = await t.db.selectFrom('remote_memberships').select('membership').executeTakeFirstOrThrow();
    expect(JSON.parse(kept.membership!)).toMatchObject({ attributedTo: group.actorId, object: personIri });
  });

  it('TentativeAccept keeps it pending; Reject gives the reason; a new request is a new Join', async () => {
    const { joinId } = await join();
    expect((await fromGroup({ type: 'TentativeAccept', object: joinId })).status).toBe(202);
    expect(await list()).toMatchObject([{ status: 'pending' }]);
    expect((await fromGroup({ type: 'Reject', object: joinId, summary: 'Complet <b>cette saison</b>' })).status).toBe(202);
    expect(await list()).toMatchObject([{ status: 'rejected', reason: 'Complet cette saison' }]);
    const again = await join();
    expect(again.joinId).not.toBe(joinId);
    expect(await list()).toMatchObject([{ status: 'pending', reason: null }]);
    // A late answer to the old Join changes nothing.
    await fromGroup({ type: 'Accept', object: joinId, result: membership() });
    expect(await list()).toMatchObject([{ status: 'pending' }]);
  });

  it('Remove{our Person, members} → removed', async () => {
    const { joinId } = await join();
    await fromGroup({ type: 'Accept', object: joinId, result: membership() });
    expect((await fromGroup({ type: 'Remove', object: personIri, target: `${group.actorId}/members` })).status).toBe(202);
    expect(await list()).toMatchObject([{ status: 'removed' }]);
  });

  it('ignores answers from another actor, and a Membership attributed to someone else', async () => {
    const { joinId } = await join();
    const other = await startRemotePeer('intrus', 'Group');
    try {
      expect((await fromGroup({ type: 'Accept', object: joinId, result: { ...membership(), attributedTo: other.actorId } }, other)).status).toBe(202);
      expect((await fromGroup({ type: 'Reject', object: joinId, summary: 'non' }, other)).status).toBe(202);
      expect((await fromGroup({ type: 'Remove', object: personIri, target: `${group.actorId}/members` }, other)).status).toBe(202);
    } finally {
      await other.close();
    }
    expect((await fromGroup({ type: 'Accept', object: joinId, result: membership({ attributedTo: 'https://ailleurs.example/groupe' }) })).status).toBe(202);
    expect(await list()).toMatchObject([{ status: 'pending', reason: null }]);
  });

  it('leaving sends Leave with a stable id and forgets the membership', async () => {
    const { row, joinId } = await join();
    await fromGroup({ type: 'Accept', object: joinId, result: membership() });
    expect((await me.request('DELETE', `/api/v1/federation/memberships/${row.id}`)).status).toBe(204);
    await drainFederation(t);
    const leave = group.received.find((a) => a.type === 'Leave')!;
    expect(leave).toMatchObject({ actor: personIri, object: group.actorId });
    expect(String(leave.id)).toMatch(new RegExp(`^${t.config.origin}/ap/activities/[0-9a-f-]{36}$`));
    expect(await list()).toEqual([]);
    expect((await me.request('DELETE', `/api/v1/federation/memberships/${row.id}`)).status).toBe(404);
  });

  it('keeps members-only news addressed to a member here, shown to that member only', async () => {
    const { joinId } = await join();
    await fromGroup({ type: 'Accept', object: joinId, result: membership() });
    const note = (n: number, to: string) => ({
      id: `${group.origin}/news/${n}`, type: 'Note', attributedTo: group.actorId, name: `Interne ${n}`, content: `<p>Code ${n}</p>`,
      published: `2026-11-2${n}T10:00:00Z`, to,
    });
    // Another account here, following the Group's public news but not its member.
    const other = await loggedIn(t, 'lea@exemple.fr');
    const otherIri = `${t.config.origin}/ap/actors/${(await accountRow(t, 'lea@exemple.fr')).id}`;
    await other.request('POST', '/api/v1/federation/following', { actor: group.actorId });
    await drainFederation(t);
    const followId = String(group.received.filter((a) => a.type === 'Follow').at(-1)!.id);
    await fromGroup({ type: 'Accept', object: followId });

    expect((await fromGroup({ type: 'Create', object: note(1, personIri), to: personIri })).status).toBe(202);
    expect((await fromGroup({ type: 'Create', object: note(2, otherIri), to: otherIri })).status).toBe(202); // not a member: dropped
    const newsOf = async (b: Browser) => ((await (await b.request('GET', '/api/v1/federation/following/news')).json()) as { items: { id: string; title: string }[] }).items;
    expect((await newsOf(me)).map((n) => n.title)).toEqual(['Interne 1']);
    expect(await newsOf(other)).toEqual([]);
    const stored = await t.db.selectFrom('remote_news').select(['iri', 'audience']).execute();
    expect(stored).toEqual([{ iri: `${group.origin}/news/1`, audience: 'members' }]);
    // Removed from the association: its members-only news are no longer shown.
    await fromGroup({ type: 'Remove', object: personIri, target: `${group.actorId}/members` });
    expect(await newsOf(me)).toEqual([]);
  });

  it('refuses an association of this very site (422 naming actor)', async () => {
    const { association } = await publicAssociation(t);
    const res = await me.request('POST', '/api/v1/federation/memberships', { actor: `${t.config.origin}/ap/actors/${association.id}` });
    expect(res.status).toBe(422);
    expect(JSON.stringify(await res.json())).toContain('remote_membership_local');
  });
});
