/**
 * Flows 3–5, the association's side: a signed remote Person, member of our association,
 * sends Create/Update{Declaration} and Delete{Tombstone}; we store it like a local
 * declaration (moderation, automatic validation), answer TentativeAccept / Accept with a
 * signed Validation then Add / Reject with a French reason, answer again what is sent
 * again, refuse a third site's update, and count it in statistics and exports.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addProof, verifyProofs, type JsonObject } from '../proof.ts';
import { type Browser, type TestApp, settleFederation } from '../../testing/test-app.ts';
import { buildDeclarationDocument } from '../declarations/declaration-document.ts';
import { readValidationDocument } from '../declarations/validation-document.ts';
import { federationTestApp, publicAssociation } from '../federation.fixtures.ts';
import { existingPublicKeys } from '../keys.ts';
import { startRemotePeer, type RemotePeer } from './remote-peer.fixtures.ts';

const as = 'https://www.w3.org/ns/activitystreams';

let t: TestApp;
let peer: RemotePeer;
let third: RemotePeer;
let manager: Browser;
let groupId: string;
let groupIri: string;
let categoryIri: string;

beforeEach(async () => {
  t = await federationTestApp();
  peer = await startRemotePeer('paul');
  third = await startRemotePeer('eve');
  const made = await publicAssociation(t);
  manager = made.manager;
  groupId = made.association.id;
  groupIri = `${t.config.origin}/ap/actors/${groupId}`;
  // The association API gave it the default categories.
  const category = await t.db.selectFrom('categories').select('id').where('association_id', '=', groupId).orderBy('position').executeTakeFirstOrThrow();
  categoryIri = `${t.config.origin}/ap/categories/${category.id}`;
});
afterEach(async () => {
  await t.services.jobs.stop();
  await peer.close();
  await third.close();
  await t.database.close();
});

const post = async (from: RemotePeer, body: Record<string, unknown>) =>
  t.app.request(await from.signedPost(`${t.config.origin}/ap/actors/${groupId}/inbox`, { '@context': as, actor: from.actorId, ...body }));

const settle = () => settleFederation(t);

const daysAgo = (n: number) => new Date(t.clock.now().getTime() - n * 86_400_000).toISOString().slice(0, 10);
const declarationIri = (n = 1) => `${peer.origin}/declarations/${n}`;

/** Paul's declaration, signed by his Ed25519 key; `extra` changes values before signing. */
async function declaration(extra: JsonObject = {}, n = 1): Promise<JsonObject> {
  const doc = buildDeclarationDocument({
    origin: peer.origin, declarationId: String(n), authorAccountId: 'x', association: { id: groupIri, records: `${groupIri}/records` },
    title: 'Atelier vélo', description: 'Réparé 4 vélos.', date: daysAgo(2), endDate: null, durationMinutes: 150, distanceHundredths: 1230,
    categoryIri, projectIri: null, levelIri: null, defaultCategory: null, published: t.clock.now(), updated: null,
  });
  return addProof({ ...doc, id: declarationIri(n), attributedTo: peer.actorId, ...extra }, peer.ed25519.privateKey, {
    verificationMethod: `${peer.actorId}#ed25519-key`, created: t.clock.now(),
  });
}
const create = async (doc: JsonObject, id = `${peer.origin}/activities/c1`) =>
  post(peer, { id, type: 'Create', to: groupIri, target: `${groupIri}/records`, object: doc });

const rows = () => t.db.selectFrom('declarations').selectAll().where('association_id', '=', groupId).execute();
const received = (type: string) => peer.received.filter((a) => a['type'] === type);
const setModerated = async (on: boolean) => expect((await manager.request('PATCH', `/api/v1/associations/${groupId}`, { moderateDeclarations: on })).status).toBe(200);

async function joined(): Promise<void> {
  expect((await post(peer, { id: `${peer.actorId}/joins/1`, type: 'Join', object: groupIri })).status).toBe(202);
  await settle();
  peer.received.length = 0;
}

/** The association's Ed25519 key, for readValidationDocument. */
const associationKey = async () => (await existingPublicKeys(t.db, groupId)).find((k) => k.algorithm === 'Ed25519')!.publicKey;

describe('declarations received from a member on another site', () => {
  it('moderated: stored pending by the remote account, TentativeAccept; sent again → answered again, not duplicated', async () => {
    await joined();
    await setModerated(true);
    const doc = await declaration();
    expect((await create(doc)).status).toBe(202);
    const [row] = await rows();
    expect(row).toMatchObject({ status: 'pending', title: 'Atelier vélo', duration_minutes: 150, distance_hundredths: 1230, remote_iri: declarationIri(), remote_activity_iri: `${peer.origin}/activities/c1` });
    const author = await t.db.selectFrom('accounts').select(['id', 'status']).where('remote_iri', '=', peer.actorId).executeTakeFirstOrThrow();
    expect(row!.author_account_id).toBe(author.id);
    await settle();
    expect(peer.received).toEqual([expect.objectContaining({ type: 'TentativeAccept', actor: groupIri, object: `${peer.origin}/activities/c1` })]);

    expect((await create(doc)).status).toBe(202);
    await settle();
    expect(await rows()).toHaveLength(1);
    expect(received('TentativeAccept')).toHaveLength(2);

    // The manager's list shows it, with the site and the author's handle; no edit button.
    const list = (await (await manager.request('GET', `/api/v1/associations/${groupId}/declarations`)).json()) as { items: { id: string; remote: unknown; can: { edit: boolean; delete: boolean; validate: boolean } }[] };
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ remote: { site: new URL(peer.origin).host }, can: { edit: false, delete: false, validate: true } });
    expect((await manager.request('PATCH', `/api/v1/declarations/${row!.id}`, { title: 'Changé' })).status).toBe(403);
    expect((await manager.request('DELETE', `/api/v1/declarations/${row!.id}`)).status).toBe(403);
  });

  it('a manager validates partially → Accept with a Validation that verifies, then Add; statistics and export count it', async () => {
    await joined();
    await setModerated(true);
    const doc = await declaration();
    await create(doc);
    await settle();
    const [row] = await rows();
    const res = await manager.request('POST', `/api/v1/declarations/${row!.id}/validation`, { validatedMinutes: 90, reason: 'Une heure de pause' });
    expect(res.status).toBe(200);
    await settle();
    const accept = received('Accept')[0]!;
    expect(accept).toMatchObject({ actor: groupIri, object: `${peer.origin}/activities/c1`, result: { type: ['Object', 'Validation'], validates: declarationIri(), validatedDuration: 'PT1H30M', summary: 'Une heure de pause' } });
    const key = await associationKey();
    const read = await readValidationDocument(accept['result'], { declaration: doc, association: groupIri, resolveKey: async (vm) => (vm === `${groupIri}#multikey-2` ? key : null) });
    expect(read.ok ? read.value.validatedMinutes : read.problems).toBe(90);
    expect(received('Add')).toEqual([expect.objectContaining({ object: declarationIri(), target: `${groupIri}/records` })]);

    const stats = (await (await manager.request('GET', `/api/v1/associations/${groupId}/statistics`)).json()) as { totals: { declarations: number; minutes: number } };
    expect(stats.totals).toMatchObject({ declarations: 1, minutes: 90 });
    const exported = (await (await manager.request('GET', `/api/v1/associations/${groupId}/declarations/export?format=json`)).json()) as Record<string, unknown>[];
    expect(exported).toHaveLength(1);
    expect(JSON.stringify(exported[0])).toContain('Atelier vélo');
  });

  it('not moderated: validated at once (automatic validation) → Accept with the whole duration, then Add', async () => {
    await joined();
    await create(await declaration());
    expect((await rows())[0]).toMatchObject({ status: 'validated' });
    await settle();
    expect(peer.received.map((a) => a['type'])).toEqual(['Accept', 'Add']);
    expect(peer.received[0]).toMatchObject({ result: { validatedDuration: 'PT2H30M' } });
  });

  it('rejected by a manager → Reject with the reason; an Update is pending again; a third site cannot update it', async () => {
    await joined();
    await setModerated(true);
    await create(await declaration());
    const [row] = await rows();
    expect((await manager.request('POST', `/api/v1/declarations/${row!.id}/rejection`, { reason: 'Pas une action de l’association' })).status).toBe(200);
    await settle();
    expect(received('Reject')).toEqual([expect.objectContaining({ object: `${peer.origin}/activities/c1`, summary: 'Pas une action de l’association' })]);

    const edited = await declaration({ name: 'Atelier vélo (corrigé)', updated: new Date(t.clock.now().getTime() + 60_000).toISOString().replace(/\.000Z$/, 'Z') });
    expect((await post(peer, { id: `${peer.origin}/activities/u1`, type: 'Update', to: groupIri, object: edited })).status).toBe(202);
    expect((await rows())[0]).toMatchObject({ status: 'pending', title: 'Atelier vélo (corrigé)', rejection_reason: null, remote_activity_iri: `${peer.origin}/activities/u1` });
    await settle();
    expect(peer.received.at(-1)).toMatchObject({ type: 'TentativeAccept', object: `${peer.origin}/activities/u1` });

    // The first version arriving late (a retry) does not undo the edit, and is not answered.
    const answers = peer.received.length;
    await create(await declaration());
    expect((await rows())[0]).toMatchObject({ title: 'Atelier vélo (corrigé)', remote_activity_iri: `${peer.origin}/activities/u1` });
    await settle();
    expect(peer.received).toHaveLength(answers);

    // Eve's site rewrites Paul's declaration: dropped (only its author's origin speaks for it).
    const forged = await declaration({ name: 'Volé' });
    expect((await post(third, { id: `${third.origin}/activities/x`, type: 'Update', to: groupIri, object: forged })).status).toBe(202);
    expect((await rows())[0]).toMatchObject({ title: 'Atelier vélo (corrigé)' });
  });

  it('refusals: a category that is not ours, a non-member → Reject with a French reason, nothing stored', async () => {
    await create(await declaration()); // not a member yet
    await settle();
    expect(await rows()).toEqual([]);
    await joined();
    await create(await declaration({ category: `${peer.origin}/categories/1` }), `${peer.origin}/activities/c2`);
    expect(await rows()).toEqual([]);
    await settle();
    expect(received('Reject')).toEqual([expect.objectContaining({ object: `${peer.origin}/activities/c2`, summary: expect.stringContaining('catégorie — ne fait pas partie de cette association') })]);
  });

  it('Delete{Tombstone} withdraws it (pending), like a local deletion; a validated one in a moderated association stays', async () => {
    await joined();
    await setModerated(true);
    await create(await declaration());
    await create(await declaration({}, 2), `${peer.origin}/activities/c2`);
    const second = (await rows()).find((r) => r.remote_iri === declarationIri(2))!;
    expect((await manager.request('POST', `/api/v1/declarations/${second.id}/validation`, {})).status).toBe(200);
    await post(peer, { id: `${peer.origin}/activities/d1`, type: 'Delete', object: { type: 'Tombstone', id: declarationIri() } });
    await post(peer, { id: `${peer.origin}/activities/d2`, type: 'Delete', object: { type: 'Tombstone', id: declarationIri(2) } });
    expect((await rows()).map((r) => r.remote_iri)).toEqual([declarationIri(2)]);
    await settle();
    expect(received('Reject').at(-1)).toMatchObject({ object: `${peer.origin}/activities/d2`, summary: expect.stringContaining('validée') });
  });

  it('not moderated: a validated one withdrawn → Remove from the records, and the statistics drop it', async () => {
    await joined();
    await create(await declaration());
    const totals = async () => ((await (await manager.request('GET', `/api/v1/associations/${groupId}/statistics`)).json()) as { totals: { declarations: number; minutes: number } }).totals;
    expect(await totals()).toMatchObject({ declarations: 1, minutes: 150 });
    await post(peer, { id: `${peer.origin}/activities/d1`, type: 'Delete', object: { type: 'Tombstone', id: declarationIri() } });
    expect(await rows()).toEqual([]);
    expect(await totals()).toMatchObject({ declarations: 0, minutes: 0 });
    await settle();
    expect(peer.received.at(-1)).toMatchObject({ type: 'Remove', actor: groupIri, object: declarationIri(), target: `${groupIri}/records` });
  });

  it('a declaration dated in the future is refused with the field named in French', async () => {
    await joined();
    await create(await declaration({ date: daysAgo(-3) }));
    expect(await rows()).toEqual([]);
    await settle();
    expect(received('Reject')[0]).toMatchObject({ summary: expect.stringContaining('date — dans le futur') });
  });

  it('the member erased on their site (Delete{Person}): validated declarations stay under a pseudonym, proofs still verify; pending ones go', async () => {
    await joined();
    await setModerated(true);
    await create(await declaration());
    await create(await declaration({}, 2), `${peer.origin}/activities/c2`);
    const kept = (await rows()).find((r) => r.remote_iri === declarationIri())!;
    expect((await manager.request('POST', `/api/v1/declarations/${kept.id}/validation`, {})).status).toBe(200);
    expect((await post(peer, { id: `${peer.actorId}#delete`, type: 'Delete', object: peer.actorId })).status).toBe(202);
    const left = await rows();
    expect(left.map((r) => r.remote_iri)).toEqual([declarationIri()]);
    const view = (await (await manager.request('GET', `/api/v1/declarations/${kept.id}`)).json()) as { status: string; author: { displayName: string } };
    expect(view).toMatchObject({ status: 'validated', author: { displayName: expect.stringMatching(/^Ancien membre n° \d+$/) } });
    expect(await t.db.selectFrom('accounts').selectAll().where('remote_iri', '=', peer.actorId).execute()).toEqual([]);
    const signers = await verifyProofs(JSON.parse(left[0]!.remote_document!) as JsonObject, async (vm) => (vm === `${peer.actorId}#ed25519-key` ? peer.ed25519.publicKey : null));
    expect(signers).toEqual([`${peer.actorId}#ed25519-key`]);
    const stats = (await (await manager.request('GET', `/api/v1/associations/${groupId}/statistics`)).json()) as { totals: { declarations: number; minutes: number } };
    expect(stats.totals).toMatchObject({ declarations: 1, minutes: 150 });
  });
});
