/**
 * Deleting an association (issue 7). On its site (B): its members and followers on other
 * sites are sent `Delete{Group}` from the Group, proof-signed by the key its tombstone
 * still publishes (with its JWKS). On a member's site (A): that Delete marks the
 * memberships and declarations there « association supprimée » — kept with their signed
 * Validation, read-only, the association's name kept, nothing sent there any more.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../lib/ids.ts';
import { accountRow, drainFederation, loggedIn, type Browser, type TestApp, settleFederation } from '../testing/test-app.ts';
import { federationTestApp, getJson, publicAssociation } from './federation.fixtures.ts';
import { startRemotePeer, type RemotePeer } from './inbox/remote-peer.fixtures.ts';
import { existingPublicKeys } from './keys.ts';
import { verifyProofs, type JsonObject } from './proof.ts';
import { BV_CONTEXT } from './vocabulary.ts';

const as = 'https://www.w3.org/ns/activitystreams';

let t: TestApp;
let peer: RemotePeer;
beforeEach(async () => {
  t = await federationTestApp();
});
afterEach(async () => {
  await t.services.jobs.stop();
  await peer.close();
  await t.database.close();
});

const settle = () => settleFederation(t);

describe('deleting an association that has members on other sites (its site)', () => {
  it('sends them Delete{Group} from the Group, signed with the keys its tombstone keeps publishing', async () => {
    peer = await startRemotePeer('paul');
    const { manager, association } = await publicAssociation(t);
    const groupIri = `${t.config.origin}/ap/actors/${association.id}`;
    const join = { '@context': as, id: `${peer.actorId}/joins/1`, type: 'Join', actor: peer.actorId, object: groupIri };
    expect((await t.app.request(await peer.signedPost(`${groupIri}/inbox`, join))).status).toBe(202);
    await settle();
    const before = peer.received.length;

    const res = await manager.request('POST', `/api/v1/associations/${association.id}/deletion`, { confirmName: association.name });
    expect(res.status).toBe(204);
    await settle();

    const sent = peer.received.slice(before);
    expect(sent).toHaveLength(1);
    const event = await t.db.selectFrom('outbox_events').selectAll().where('kind', '=', 'association.deleted').executeTakeFirstOrThrow();
    expect(JSON.parse(event.payload)).toEqual({ recipients: [peer.actorId] });
    expect(sent[0]).toMatchObject({ id: `${t.config.origin}/ap/activities/${event.id}`, type: 'Delete', actor: groupIri, object: groupIri, to: [peer.actorId] });
    const ed25519 = (await existingPublicKeys(t.db, association.id)).find((k) => k.algorithm === 'Ed25519')!.publicKey;
    expect(await verifyProofs(sent[0] as JsonObject, async (vm) => (vm === `${groupIri}#multikey-2` ? ed25519 : null))).toEqual([`${groupIri}#multikey-2`]);

    // The id still answers: a minimal Group « Association supprimée » with its keys, and its JWKS.
    const actor = await getJson(t, `/ap/actors/${association.id}`);
    expect(actor.status).toBe(200);
    expect(actor.body).toMatchObject({ id: groupIri, type: 'Group', name: 'Association supprimée' });
    expect(actor.body['inbox']).toBeUndefined();
    expect(JSON.stringify(actor.body)).toContain(`${groupIri}#multikey-2`);
    expect(JSON.stringify(actor.body)).not.toContain(association.name);
    const jwks = await getJson(t, `/ap/actors/${association.id}/jwks.json`, 'application/jwk-set+json');
    expect(jwks.status).toBe(200);
    expect(jwks.body).toMatchObject({ keys: [{ kid: `${groupIri}#multikey-2`, crv: 'Ed25519' }] });
  });

  it('an association with nobody on another site records no event', async () => {
    peer = await startRemotePeer('paul');
    const { manager, association } = await publicAssociation(t);
    expect((await manager.request('POST', `/api/v1/associations/${association.id}/deletion`, { confirmName: association.name })).status).toBe(204);
    await settle();
    expect(await t.db.selectFrom('outbox_events').select('id').where('kind', '=', 'association.deleted').execute()).toEqual([]);
    expect(peer.received).toEqual([]);
  });
});

describe('an association of another site is deleted (a member’s site)', () => {
  let me: Browser;
  let accountId: string;
  const validation = { type: ['Object', 'Validation'], validatedDuration: 'PT2H', proof: { type: 'DataIntegrityProof' } };

  /** Paul is an active member of the peer Group, with one validated declaration there. */
  async function memberWithDeclaration(): Promise<string> {
    me = await loggedIn(t, 'paul@exemple.fr');
    accountId = (await accountRow(t, 'paul@exemple.fr')).id;
    expect((await me.request('POST', '/api/v1/federation/memberships', { actor: peer.actorId })).status).toBe(201);
    await drainFederation(t);
    const joinId = String(peer.received.find((a) => a.type === 'Join')!.id);
    const personIri = `${t.config.origin}/ap/actors/${accountId}`;
    const accept = {
      '@context': [as, BV_CONTEXT], id: `${peer.actorId}/activities/1`, actor: peer.actorId, type: 'Accept', object: joinId,
      result: { type: ['Object', 'Membership'], attributedTo: peer.actorId, object: personIri, published: '2026-11-27T10:00:00Z' },
    };
    expect((await t.app.request(await peer.signedPost(`${t.config.origin}/ap/inbox`, accept))).status).toBe(202);
    const id = newId();
    const at = t.clock.now().toISOString();
    await t.db.insertInto('remote_declarations').values({
      id, account_id: accountId, group_iri: peer.actorId, title: 'Carénage', description: '', date: '2026-11-20', end_date: null,
      duration_minutes: 180, distance_hundredths: 0, category_iri: `${peer.origin}/categories/1`, category_name: 'Entretien',
      project_iri: null, project_name: null, level_iri: null, level_name: null, default_category: null, status: 'validated',
      validated_minutes: 120, reason: 'Pause', document: '{}', activity_iri: `${t.config.origin}/ap/activities/${newId()}`,
      validation: JSON.stringify(validation), sent_at: at, resent_at: null, association_deleted_at: null, created_at: at, updated_at: at,
    }).execute();
    return id;
  }

  const deleteGroup = async (n = 9) =>
    t.app.request(await peer.signedPost(`${t.config.origin}/ap/inbox`, {
      '@context': as, id: `${peer.actorId}/activities/${n}`, type: 'Delete', actor: peer.actorId, object: peer.actorId, to: [`${t.config.origin}/ap/actors/${accountId}`],
    }));

  it('keeps the membership and the declaration with its Validation, marked deleted and read-only; nothing more is sent there', async () => {
    peer = await startRemotePeer('lavoir', 'Group');
    const declarationId = await memberWithDeclaration();
    expect((await deleteGroup()).status).toBe(202);

    const memberships = ((await (await me.request('GET', '/api/v1/federation/memberships')).json()) as { items: Record<string, unknown>[] }).items;
    expect(memberships).toMatchObject([{ actor: peer.actorId, name: 'Alice Remote', status: 'active', associationDeletedAt: t.clock.now().toISOString() }]);
    const kept = (await (await me.request('GET', `/api/v1/federation/declarations/${declarationId}`)).json()) as Record<string, unknown>;
    expect(kept).toMatchObject({ status: 'validated', validatedMinutes: 120, validation, association: { name: 'Alice Remote' }, associationDeletedAt: t.clock.now().toISOString() });
    expect(await t.db.selectFrom('remote_actors').select(['name', 'inbox', 'shared_inbox']).where('iri', '=', peer.actorId).executeTakeFirst())
      .toEqual({ name: 'Alice Remote', inbox: null, shared_inbox: null });

    // Read-only: no new declaration, no edit — the field named.
    const body = { association: peer.actorId, title: 'Régate', date: '2026-11-21', durationMinutes: 60, category: `${peer.origin}/categories/1` };
    for (const res of [await me.request('POST', '/api/v1/federation/declarations', body), await me.request('PATCH', `/api/v1/federation/declarations/${declarationId}`, { title: 'Autre' })]) {
      expect(res.status).toBe(422);
      expect(((await res.json()) as { errors: { field: string; code: string }[] }).errors).toMatchObject([{ field: 'association', code: 'remote_declaration_association_deleted' }]);
    }
    // A Delete received again (another id, later) keeps the first date.
    const first = t.clock.now().toISOString();
    t.clock.advance(60_000);
    expect((await deleteGroup(10)).status).toBe(202);
    expect((await t.db.selectFrom('remote_memberships').select('association_deleted_at').executeTakeFirstOrThrow()).association_deleted_at).toBe(first);

    // Forgetting the membership sends no Leave to a deleted association.
    const before = peer.received.length;
    const membershipId = String(memberships[0]!['id']);
    expect((await me.request('DELETE', `/api/v1/federation/memberships/${membershipId}`)).status).toBe(204);
    await drainFederation(t);
    expect(peer.received.slice(before)).toEqual([]);
    expect((await me.request('GET', `/api/v1/federation/declarations/${declarationId}`)).status).toBe(200);
  });

  it('a Delete of a Group nobody here was tied to only forgets it', async () => {
    peer = await startRemotePeer('lavoir', 'Group');
    await loggedIn(t, 'lea@exemple.fr');
    accountId = (await accountRow(t, 'lea@exemple.fr')).id;
    expect((await deleteGroup()).status).toBe(202);
    expect(await t.db.selectFrom('remote_memberships').select('id').execute()).toEqual([]);
  });
});
