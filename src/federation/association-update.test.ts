/**
 * An association's profile edited on its site: its members and followers on other sites
 * get `Update{Group}` from the Group, proof-signed, carrying the Group as now served (name,
 * RNA, SIREN…), so their copies and their CEC summaries follow. Nothing is recorded when
 * nobody on another site is there.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TestApp, settleFederation } from '../testing/test-app.ts';
import { federationTestApp, publicAssociation } from './federation.fixtures.ts';
import { startRemotePeer, type RemotePeer } from './inbox/remote-peer.fixtures.ts';
import { existingPublicKeys } from './keys.ts';
import { verifyProofs, type JsonObject } from './proof.ts';

const as = 'https://www.w3.org/ns/activitystreams';

let t: TestApp;
let peer: RemotePeer;
beforeEach(async () => {
  t = await federationTestApp();
  peer = await startRemotePeer('paul');
});
afterEach(async () => {
  await t.services.jobs.stop();
  await peer.close();
  await t.database.close();
});

const settle = () => settleFederation(t);

const attachments = (group: Record<string, unknown>) =>
  Object.fromEntries(([group['attachment']].flat() as { name?: string; value?: string }[]).map((p) => [p.name, p.value]));

describe('editing an association with people on other sites', () => {
  it('sends Update{Group} with the profile as now served, from the Group, with a proof', async () => {
    const { manager, association } = await publicAssociation(t);
    const groupIri = `${t.config.origin}/ap/actors/${association.id}`;
    const join = { '@context': as, id: `${peer.actorId}/joins/1`, type: 'Join', actor: peer.actorId, object: groupIri };
    expect((await t.app.request(await peer.signedPost(`${groupIri}/inbox`, join))).status).toBe(202);
    await settle();
    const before = peer.received.length;

    expect((await manager.request('PATCH', `/api/v1/associations/${association.id}`, { name: 'Le Jardin des Amis' })).status).toBe(200);
    await settle();
    expect((await manager.request('PUT', `/api/v1/associations/${association.id}/valuation/settings`, { territory: 'metropole', rnaNumber: 'W212000123', siren: '' })).status).toBe(200);
    await settle();

    const updates = peer.received.slice(before);
    expect(updates.map((a) => a.type)).toEqual(['Update', 'Update']);
    const events = await t.db.selectFrom('outbox_events').select('id').where('kind', '=', 'association.updated').orderBy('id').execute();
    expect(events).toHaveLength(2);
    const [first, second] = updates as Record<string, unknown>[];
    expect(first).toMatchObject({ id: `${t.config.origin}/ap/activities/${events[0]!.id}`, actor: groupIri, to: peer.actorId });
    const group = (u: Record<string, unknown>) => u['object'] as Record<string, unknown>;
    expect(group(first!)).toMatchObject({ id: groupIri, type: 'Group', name: 'Le Jardin des Amis' });
    expect(attachments(group(first!))['RNA']).toBeUndefined();
    expect(attachments(group(second!))['RNA']).toBe('W212000123');
    const ed25519 = (await existingPublicKeys(t.db, association.id)).find((k) => k.algorithm === 'Ed25519')!.publicKey;
    for (const u of updates) {
      expect(await verifyProofs(u as JsonObject, async (vm) => (vm === `${groupIri}#multikey-2` ? ed25519 : null))).toEqual([`${groupIri}#multikey-2`]);
    }

    // Changing only the territory or the moderation (not on the Group) sends nothing more.
    expect((await manager.request('PATCH', `/api/v1/associations/${association.id}`, { moderateDeclarations: true })).status).toBe(200);
    expect((await manager.request('PUT', `/api/v1/associations/${association.id}/valuation/settings`, { territory: 'mayotte', rnaNumber: 'W212000123', siren: '' })).status).toBe(200);
    await settle();
    expect(peer.received.length).toBe(before + 2);
  });

  it('an association with nobody on another site records no event', async () => {
    const { manager, association } = await publicAssociation(t);
    expect((await manager.request('PATCH', `/api/v1/associations/${association.id}`, { name: 'Le Jardin des Amis' })).status).toBe(200);
    await settle();
    expect(await t.db.selectFrom('outbox_events').select('id').where('kind', '=', 'association.updated').execute()).toEqual([]);
    expect(peer.received).toEqual([]);
  });
});
