/**
 * Flow 2, the association's side: a signed remote Person joins one of our associations
 * (open → active at once and Accept with the Membership; moderated → pending and
 * TentativeAccept, then the manager's approval or refusal with a reason), leaves, is
 * removed, has its function changed — every answer signed with the association's proof,
 * delivered through our raw worker; the remote account never logs in nor counts.
 */
import { signRequest } from '@fedify/fedify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyProofs } from '../proof.ts';
import { type Browser, type TestApp, settleFederation } from '../../testing/test-app.ts';
import { federationTestApp, getJson, publicAssociation } from '../federation.fixtures.ts';
import { startRemotePeer, type RemotePeer } from './remote-peer.fixtures.ts';
import { existingPublicKeys } from '../keys.ts';

const as = 'https://www.w3.org/ns/activitystreams';

let t: TestApp;
let peer: RemotePeer;
let manager: Browser;
let groupId: string;
let groupIri: string;

beforeEach(async () => {
  t = await federationTestApp();
  peer = await startRemotePeer('paul');
  const made = await publicAssociation(t);
  manager = made.manager;
  groupId = made.association.id;
  groupIri = `${t.config.origin}/ap/actors/${groupId}`;
});
afterEach(async () => {
  await t.services.jobs.stop();
  await peer.close();
  await t.database.close();
});

const post = async (body: Record<string, unknown>) =>
  t.app.request(await peer.signedPost(`${t.config.origin}/ap/actors/${groupId}/inbox`, { '@context': as, actor: peer.actorId, ...body }));
const join = (n = 1) => ({ id: `${peer.actorId}/joins/${n}`, type: 'Join', object: groupIri });
const members = async () => {
  const res = await manager.request('GET', `/api/v1/associations/${groupId}/members`);
  return ((await res.json()) as { items: { id: string; status: string; account: { handle: string | null; remote: { actor: string } | null } }[] }).items;
};
const remoteMember = async () => (await members()).find((m) => m.account.remote?.actor === peer.actorId);
const moderate = async () => expect((await manager.request('PATCH', `/api/v1/associations/${groupId}`, { moderateMembership: true })).status).toBe(200);

const settle = () => settleFederation(t);

/** The association's Ed25519 public key, to check the proofs of what it sent. */
async function verifies(doc: Record<string, unknown>): Promise<boolean> {
  const keys = await existingPublicKeys(t.db, groupId);
  const ed = keys.find((k) => k.algorithm === 'Ed25519')!;
  return (await verifyProofs(doc, async (vm) => (vm === `${groupIri}#multikey-2` ? ed.publicKey : null))) !== null;
}

describe('Join of one of our associations by a Person of another site', () => {
  it('open membership: a remote account, an active member, and Accept{Join} with the Membership, signed', async () => {
    expect((await post(join())).status).toBe(202);
    const account = await t.db.selectFrom('accounts').selectAll().where('remote_iri', '=', peer.actorId).executeTakeFirstOrThrow();
    expect(account).toMatchObject({ status: 'remote', email: null, password_hash: null, pseudo: 'Alice Remote' });
    const member = await remoteMember();
    expect(member).toMatchObject({ status: 'active', account: { handle: `paul@${new URL(peer.origin).host}` } });
    await settle();
    expect(peer.received).toHaveLength(1);
    const accept = peer.received[0]!;
    expect(accept).toMatchObject({
      type: 'Accept', actor: groupIri, to: peer.actorId, object: join().id,
      result: { type: ['Object', 'Membership'], attributedTo: groupIri, object: peer.actorId },
    });
    expect(JSON.stringify(accept['@context'])).toContain('bv:Membership');
    expect(await verifies(accept)).toBe(true);
    // A remote account is not one of this site's users: NodeInfo counts only the manager.
    const nodeinfo = await getJson(t, '/nodeinfo/2.1', 'application/json');
    expect((nodeinfo.body.usage as { users: { total: number } }).users.total).toBe(1);
  });

  it('a replayed Join does nothing more; a new Join of a member is answered again', async () => {
    await post(join());
    await post(join());
    await settle();
    expect(peer.received).toHaveLength(1);
    await post(join(2));
    await settle();
    expect(peer.received).toHaveLength(2);
    expect(peer.received[1]).toMatchObject({ type: 'Accept', object: join(2).id });
    expect(await t.db.selectFrom('memberships').selectAll().where('association_id', '=', groupId).execute()).toHaveLength(2);
  });

  it('moderated: pending and TentativeAccept; the manager refuses with a reason → Reject{summary}', async () => {
    await moderate();
    await post(join());
    await settle();
    expect(peer.received.map((a) => a.type)).toEqual(['TentativeAccept']);
    expect(peer.received[0]).toMatchObject({ object: join().id, actor: groupIri });
    const member = (await remoteMember())!;
    expect(member.status).toBe('pending');
    const res = await manager.request('DELETE', `/api/v1/associations/${groupId}/members/${member.id}?reason=${encodeURIComponent('Complet pour cette saison')}`);
    expect(res.status).toBe(204);
    await settle();
    expect(peer.received[1]).toMatchObject({ type: 'Reject', object: join().id, summary: 'Complet pour cette saison' });
    expect(await verifies(peer.received[1]!)).toBe(true);
    expect(await remoteMember()).toBeUndefined();
  });

  it('moderated then approved: Accept with the Membership', async () => {
    await moderate();
    await post(join());
    await settle();
    const member = (await remoteMember())!;
    expect((await manager.request('POST', `/api/v1/associations/${groupId}/members/${member.id}/approval`)).status).toBe(200);
    await settle();
    expect(peer.received.map((a) => a.type)).toEqual(['TentativeAccept', 'Accept']);
    expect(peer.received[1]).toMatchObject({ object: join().id, result: { object: peer.actorId } });
  });

  it('function change → Update{Membership}; removal → Remove{person, members}; a managing role is refused', async () => {
    await post(join());
    await settle();
    const member = (await remoteMember())!;
    expect((await manager.request('PATCH', `/api/v1/associations/${groupId}/members/${member.id}`, { function: 'supervision' })).status).toBe(200);
    // Published from the membership as it is when dispatched: sent before the removal.
    await settle();
    const roles = ((await (await manager.request('GET', `/api/v1/associations/${groupId}/roles`)).json()) as { items: { id: string; manageAssociation?: boolean; permissions?: Record<string, boolean> }[] }).items;
    const managing = roles.find((r) => r.permissions?.manageAssociation === true)!;
    const refused = await manager.request('PATCH', `/api/v1/associations/${groupId}/members/${member.id}`, { roleId: managing.id });
    expect(refused.status).toBe(403);
    expect((await manager.request('DELETE', `/api/v1/associations/${groupId}/members/${member.id}`)).status).toBe(204);
    await settle();
    expect(peer.received.map((a) => a.type)).toEqual(['Accept', 'Update', 'Remove']);
    expect(peer.received[1]).toMatchObject({ object: { type: ['Object', 'Membership'], function: 'supervision', object: peer.actorId } });
    expect(peer.received[2]).toMatchObject({ object: peer.actorId, target: `${groupIri}/members` });
    expect(await verifies(peer.received[2]!)).toBe(true);
  });

  it('Leave ends the membership like a local leave, and sends nothing', async () => {
    await post(join());
    await settle();
    expect(await remoteMember()).toBeDefined();
    expect((await post({ id: `${peer.actorId}/leaves/1`, type: 'Leave', object: groupIri })).status).toBe(202);
    expect(await remoteMember()).toBeUndefined();
    await settle();
    expect(peer.received.map((a) => a.type)).toEqual(['Accept']);
  });

  it('the members collection lists the remote member by its own actor id, and answers its signed request', async () => {
    const members = `${t.config.origin}/ap/actors/${groupId}/members`;
    const signedGet = async () =>
      t.app.request(await signRequest(new Request(members, { headers: { Accept: 'application/activity+json' } }), peer.rsa.privateKey, new URL(peer.keyId), { spec: 'draft-cavage-http-signatures-12' }));
    expect((await signedGet()).status).toBe(401); // not a member yet
    await post(join());
    const res = await signedGet();
    expect(res.status).toBe(200);
    const body = JSON.stringify(await res.json());
    expect(body).toContain(peer.actorId);
    expect(body).not.toContain('Alice Remote');
  });

  it('members-only news go to the remote member (addressed to them only): Create, Update, Delete; public news do not', async () => {
    await post(join());
    await settle();
    const base = `/api/v1/associations/${groupId}/news`;
    const news = async (body: object) => (await (await manager.request('POST', base, body)).json()) as { id: string };
    await news({ title: 'Fête publique', text: 'Pour tous.', visibility: 'public' });
    const inside = await news({ title: 'Code du local', text: 'Le code est 4321.', visibility: 'members' });
    await settle();
    expect(peer.received.map((a) => a.type)).toEqual(['Accept', 'Create']);
    const create = peer.received[1]!;
    expect(create).toMatchObject({ actor: groupIri, to: peer.actorId, object: { type: 'Note', id: `${t.config.origin}/ap/news/${inside.id}`, name: 'Code du local', to: peer.actorId } });
    expect(JSON.stringify(create)).not.toContain('#Public');
    expect(JSON.stringify(create)).not.toContain('/followers');
    expect((await manager.request('PATCH', `${base}/${inside.id}`, { text: 'Le code est 9876.' })).status).toBe(200);
    await settle();
    expect(peer.received[2]).toMatchObject({ type: 'Update', object: { content: expect.stringContaining('9876') } });
    expect((await manager.request('DELETE', `${base}/${inside.id}`)).status).toBe(204);
    await settle();
    expect(peer.received[3]).toMatchObject({ type: 'Delete', object: { type: 'Tombstone', id: `${t.config.origin}/ap/news/${inside.id}` } });
    expect(peer.received).toHaveLength(4);
  });

  it('a Join of something else than an association is dropped', async () => {
    const person = (await t.db.selectFrom('accounts').select('id').where('status', '=', 'active').executeTakeFirstOrThrow()).id;
    expect((await post({ ...join(), object: `${t.config.origin}/ap/actors/${person}` })).status).toBe(202);
    expect(await t.db.selectFrom('accounts').selectAll().where('remote_iri', '=', peer.actorId).execute()).toEqual([]);
  });
});
