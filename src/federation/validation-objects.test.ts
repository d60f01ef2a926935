/**
 * `/ap/validations/{id}` (flow 4): the id of a Validation sent to a member's site
 * dereferences to the very document of the Accept, signed by the association — for a
 * signed request from the declaration's site or the association only (401 otherwise),
 * 404 when unknown; still served, and verifying, once the association is deleted.
 */
import { signRequest } from '@fedify/fedify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Browser, type TestApp, settleFederation } from '../testing/test-app.ts';
import { buildDeclarationDocument } from './declarations/declaration-document.ts';
import { federationTestApp, publicAssociation } from './federation.fixtures.ts';
import { startRemotePeer, type RemotePeer } from './inbox/remote-peer.fixtures.ts';
import { existingPublicKeys } from './keys.ts';
import { addProof, verifyProofs, type JsonObject } from './proof.ts';

const as = 'https://www.w3.org/ns/activitystreams';

let t: TestApp;
let peer: RemotePeer;
let third: RemotePeer;
let manager: Browser;
let group: { id: string; name: string };
let groupIri: string;

beforeEach(async () => {
  t = await federationTestApp();
  [peer, third] = await Promise.all([startRemotePeer('paul'), startRemotePeer('eve')]);
  const made = await publicAssociation(t);
  manager = made.manager;
  group = made.association;
  groupIri = `${t.config.origin}/ap/actors/${group.id}`;
});
afterEach(async () => {
  await t.services.jobs.stop();
  await peer.close();
  await third.close();
  await t.database.close();
});

const settle = () => settleFederation(t);

const post = async (body: JsonObject) => t.app.request(await peer.signedPost(`${groupIri}/inbox`, { '@context': as, actor: peer.actorId, ...body }));

/** Paul (the peer) joins, declares 2 h 30; the manager validates 2 h with a reason: the Accept's Validation. */
async function validated(): Promise<JsonObject> {
  expect((await post({ id: `${peer.actorId}/joins/1`, type: 'Join', object: groupIri })).status).toBe(202);
  expect((await manager.request('PATCH', `/api/v1/associations/${group.id}`, { moderateDeclarations: true })).status).toBe(200);
  const category = await t.db.selectFrom('categories').select('id').where('association_id', '=', group.id).orderBy('position').executeTakeFirstOrThrow();
  const doc = buildDeclarationDocument({
    origin: peer.origin, declarationId: '1', authorAccountId: 'x', association: { id: groupIri, records: `${groupIri}/records` },
    title: 'Atelier vélo', description: '', date: new Date(t.clock.now().getTime() - 2 * 86_400_000).toISOString().slice(0, 10), endDate: null,
    durationMinutes: 150, distanceHundredths: 0, categoryIri: `${t.config.origin}/ap/categories/${category.id}`, projectIri: null, levelIri: null,
    defaultCategory: null, published: t.clock.now(), updated: null,
  });
  const signed = await addProof({ ...doc, id: `${peer.origin}/declarations/1`, attributedTo: peer.actorId }, peer.ed25519.privateKey, {
    verificationMethod: `${peer.actorId}#ed25519-key`, created: t.clock.now(),
  });
  expect((await post({ id: `${peer.origin}/activities/c1`, type: 'Create', to: groupIri, target: `${groupIri}/records`, object: signed })).status).toBe(202);
  const row = await t.db.selectFrom('declarations').select('id').where('association_id', '=', group.id).executeTakeFirstOrThrow();
  expect((await manager.request('POST', `/api/v1/declarations/${row.id}/validation`, { validatedMinutes: 120, reason: 'Une pause' })).status).toBe(200);
  await settle();
  const results = peer.received.filter((a) => a['type'] === 'Accept').map((a) => a['result'] as JsonObject);
  return results.find((r) => JSON.stringify(r['type']).includes('Validation'))!;
}

/** A GET signed by `who` (draft-cavage, as Mastodon signs its fetches), or unsigned. */
async function get(url: string, who?: RemotePeer): Promise<Response> {
  const request = new Request(url, { headers: { Accept: 'application/activity+json' } });
  return t.app.request(who ? await signRequest(request, who.rsa.privateKey, new URL(who.keyId), { spec: 'draft-cavage-http-signatures-12' }) : request);
}

describe('GET /ap/validations/{id}', () => {
  it('serves the signed Validation of the Accept to the declaration’s site only; 404 when unknown', async () => {
    const validation = await validated();
    const id = String(validation['id']);
    expect(id).toMatch(new RegExp(`^${t.config.origin}/ap/validations/[0-9a-f-]{36}$`));

    const res = await get(id, peer);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toContain('application/activity+json');
    expect(await res.json()).toEqual(validation);

    expect((await get(id)).status).toBe(401); // unsigned
    expect((await get(id, third)).status).toBe(401); // another site
    expect((await get(`${t.config.origin}/ap/validations/01900000-0000-7000-8000-000000000000`, peer)).status).toBe(404);
    expect((await get(`${t.config.origin}/ap/validations/nope`, peer)).status).toBe(404);
  });

  it('still served, and verifying with the key the deleted association keeps publishing, after the association is deleted', async () => {
    const validation = await validated();
    expect((await manager.request('POST', `/api/v1/associations/${group.id}/deletion`, { confirmName: group.name })).status).toBe(204);
    await settle();
    const res = await get(String(validation['id']), peer);
    expect(res.status).toBe(200);
    const served = (await res.json()) as JsonObject;
    expect(served).toEqual(validation);
    const ed25519 = (await existingPublicKeys(t.db, group.id)).find((k) => k.algorithm === 'Ed25519')!.publicKey;
    expect(await verifyProofs(served, async (vm) => (vm === `${groupIri}#multikey-2` ? ed25519 : null))).toEqual([`${groupIri}#multikey-2`]);
    // And the deleted Group told its member.
    expect(peer.received.filter((a) => a['type'] === 'Delete')).toMatchObject([{ actor: groupIri, object: groupIri }]);
  });
});
