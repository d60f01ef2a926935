/**
 * Erasure from the volunteer's side (flow 9): deleting an account that is a member of an
 * association of another site sends that association a Delete{Person}, from the Person,
 * signed with its key, which the tombstone actor still publishes; an account with no tie
 * to another site sends nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Browser, PASSWORD, accountRow, drainFederation, loggedIn, type TestApp } from '../testing/test-app.ts';
import { federationTestApp } from './federation.fixtures.ts';
import { startRemotePeer, type RemotePeer } from './inbox/remote-peer.fixtures.ts';
import { existingPublicKeys } from './keys.ts';
import { verifyProofs, type JsonObject } from './proof.ts';
import { BV_CONTEXT } from './vocabulary.ts';

const as = 'https://www.w3.org/ns/activitystreams';

let t: TestApp;
let group: RemotePeer;

beforeEach(async () => {
  t = await federationTestApp();
  group = await startRemotePeer('lavoir', 'Group');
});
afterEach(async () => {
  await t.services.jobs.stop();
  await group.close();
  await t.database.close();
});

const deleteMe = (b: Browser) => b.request('POST', '/api/v1/me/deletion', { currentPassword: PASSWORD });

/** Paul joins the remote Group, which accepts him. */
async function memberOfRemoteGroup(): Promise<{ me: Browser; accountId: string; personIri: string }> {
  const me = await loggedIn(t, 'paul@exemple.fr');
  const accountId = (await accountRow(t, 'paul@exemple.fr')).id;
  const personIri = `${t.config.origin}/ap/actors/${accountId}`;
  expect((await me.request('POST', '/api/v1/federation/memberships', { actor: group.actorId })).status).toBe(201);
  await drainFederation(t);
  const joinId = String(group.received.find((a) => a.type === 'Join')!.id);
  const accept = {
    '@context': [as, BV_CONTEXT], id: `${group.actorId}/activities/1`, actor: group.actorId, type: 'Accept', object: joinId,
    result: { type: ['Object', 'Membership'], attributedTo: group.actorId, object: personIri, published: '2026-11-27T10:00:00Z' },
  };
  expect((await t.app.request(await group.signedPost(`${t.config.origin}/ap/inbox`, accept))).status).toBe(202);
  return { me, accountId, personIri };
}

describe('deleting an account tied to associations of other sites', () => {
  it('sends the association a Delete{Person} from the Person, proof-signed by the key its tombstone still publishes', async () => {
    const { me, accountId, personIri } = await memberOfRemoteGroup();
    const before = group.received.length;
    expect((await deleteMe(me)).status).toBe(204);
    await drainFederation(t);

    const sent = group.received.slice(before);
    expect(sent).toHaveLength(1);
    const del = sent[0]!;
    expect(del).toMatchObject({ type: 'Delete', actor: personIri, object: personIri, to: [group.actorId] });
    expect(String(del['id'])).toMatch(new RegExp(`^${t.config.origin}/ap/activities/[0-9a-f-]{36}$`));
    const event = await t.db.selectFrom('outbox_events').selectAll().where('kind', '=', 'account.deleted').executeTakeFirstOrThrow();
    expect(del['id']).toBe(`${t.config.origin}/ap/activities/${event.id}`);
    expect(JSON.parse(event.payload)).toEqual({ recipients: [group.actorId] });

    // The proof names the Person's Ed25519 Multikey and verifies with its (kept) public key.
    const ed25519 = (await existingPublicKeys(t.db, accountId)).find((k) => k.algorithm === 'Ed25519')!.publicKey;
    const methods = await verifyProofs(del as JsonObject, async (vm) => (vm === `${personIri}#multikey-2` ? ed25519 : null));
    expect(methods).toEqual([`${personIri}#multikey-2`]);

    // The actor id still answers with a minimal Person carrying the keys (what the receiver checks the signature with).
    const res = await t.app.request(personIri, { headers: { Accept: 'application/activity+json' } });
    expect(res.status).toBe(200);
    const actor = (await res.json()) as Record<string, unknown>;
    expect(actor).toMatchObject({ id: personIri, type: 'Person', name: 'Compte supprimé' });
    expect(JSON.stringify(actor)).toContain(`${personIri}#main-key`);
    expect(JSON.stringify(actor)).toContain(`${personIri}#multikey-2`);
    expect(JSON.stringify(actor)).not.toContain('paul');
  });

  it('the admin deletion sends it too', async () => {
    const { accountId, personIri } = await memberOfRemoteGroup();
    const admin = await loggedIn(t, 'admin@exemple.fr');
    await t.db.updateTable('accounts').set({ is_admin: 1 }).where('email', '=', 'admin@exemple.fr').execute();
    const before = group.received.length;
    expect((await admin.request('POST', `/api/v1/admin/accounts/${accountId}/deletion`)).status).toBe(204);
    await drainFederation(t);
    expect(group.received.slice(before)).toMatchObject([{ type: 'Delete', actor: personIri, object: personIri }]);
  });

  it('a follower only (no membership) is told too', async () => {
    const me = await loggedIn(t, 'lea@exemple.fr');
    const personIri = `${t.config.origin}/ap/actors/${(await accountRow(t, 'lea@exemple.fr')).id}`;
    expect((await me.request('POST', '/api/v1/federation/following', { actor: group.actorId })).status).toBeLessThan(300);
    await drainFederation(t);
    const before = group.received.length;
    expect((await deleteMe(me)).status).toBe(204);
    await drainFederation(t);
    expect(group.received.slice(before)).toMatchObject([{ type: 'Delete', actor: personIri, object: personIri, to: [group.actorId] }]);
  });

  it('an account with no tie to another site sends nothing and records no event', async () => {
    const me = await loggedIn(t, 'lea@exemple.fr');
    expect((await deleteMe(me)).status).toBe(204);
    await drainFederation(t);
    expect(group.received).toEqual([]);
    expect(await t.db.selectFrom('outbox_events').select('id').where('kind', '=', 'account.deleted').execute()).toEqual([]);
  });
});
