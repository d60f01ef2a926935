/**
 * Declaring for an association of another site (flows 3–5, the volunteer's side): the API
 * checks membership, values and catalog IRIs; the Person sends a signed Create{Declaration}
 * whose id is stored; the association's answers (signed by a real remote peer, with a
 * Validation signed by its key) make it pending, validated with the evidence kept, or
 * refused; answers from anyone else, to an older version, or with a Validation of another
 * content change nothing; edits send Update, withdrawal Delete; the reconciliation sends
 * the same activity again.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Browser, accountRow, drainFederation, loggedIn, mailsTo, type TestApp } from '../../testing/test-app.ts';
import { federationTestApp } from '../federation.fixtures.ts';
import { startRemotePeer, type RemotePeer } from '../inbox/remote-peer.fixtures.ts';
import { addProof, type JsonObject } from '../proof.ts';
import { BV_CONTEXT } from '../vocabulary.ts';
import { actorKeyPairs } from '../keys.ts';
import { readDeclarationDocument } from './declaration-document.ts';
import { remoteCatalogRepository } from './remote-catalog.repository.ts';
import { remoteDeclarationService } from './send.service.ts';
import { buildValidationDocument } from './validation-document.ts';

const as = 'https://www.w3.org/ns/activitystreams';
let t: TestApp;
let group: RemotePeer;
let me: Browser;
let personIri: string;
let n = 0;

const cat = (kind: string, id: number) => `${group.origin}/ap/${kind}/${id}`;
const fromGroup = async (body: Record<string, unknown>, peer = group) =>
  t.app.request(await peer.signedPost(`${t.config.origin}/ap/inbox`, { '@context': [as, BV_CONTEXT], id: `${peer.actorId}/activities/${++n}`, actor: peer.actorId, ...body }));

beforeEach(async () => {
  t = await federationTestApp();
  group = await startRemotePeer('lavoir', 'Group');
  me = await loggedIn(t, 'paul@exemple.fr');
  personIri = `${t.config.origin}/ap/actors/${(await accountRow(t, 'paul@exemple.fr')).id}`;
  // An active membership there (flow 2) and its catalog, as the form would have loaded it.
  await me.request('POST', '/api/v1/federation/memberships', { actor: group.actorId });
  await drainFederation(t);
  const join = String(group.received.find((a) => a.type === 'Join')!.id);
  await fromGroup({ type: 'Accept', object: join, result: { type: ['Object', 'Membership'], attributedTo: group.actorId, object: personIri, published: '2026-11-27T10:00:00Z' } });
  await remoteCatalogRepository(t.db).replace(group.actorId, t.clock.now().toISOString(), {
    categories: [{ iri: cat('categories', 1), name: 'Animation', summary: null, defaultCategory: 'animation' }],
    projects: [{ iri: cat('projects', 1), name: 'Lavoir', summary: null, defaultCategory: null }],
    levels: [],
  });
  group.received.length = 0;
});
afterEach(async () => {
  await t.services.jobs.stop();
  await group.close();
  await t.database.close();
});

interface View { id: string; title: string; status: string; activity: string; validatedMinutes: number | null; reason: string | null; validation: JsonObject | null; category: { name: string } }
const body = (extra: Record<string, unknown> = {}) => ({
  association: group.actorId, date: '2026-11-20', durationMinutes: 120, distance: '3.5', title: 'Réparation du lavoir', description: 'Toiture',
  category: cat('categories', 1), project: cat('projects', 1), ...extra,
});
async function declare(extra: Record<string, unknown> = {}): Promise<{ view: View; sent: Record<string, unknown> }> {
  const res = await me.request('POST', '/api/v1/federation/declarations', body(extra));
  expect(res.status).toBe(201);
  const view = (await res.json()) as View;
  await drainFederation(t);
  return { view, sent: group.received.filter((a) => a.type === 'Create').at(-1)! };
}
const read = async (id: string) => (await (await me.request('GET', `/api/v1/federation/declarations/${id}`)).json()) as View;
/** The association's Validation of the document as sent, signed by its key. */
async function validation(document: JsonObject, minutes: number, reason: string | null, signer = group): Promise<JsonObject> {
  const unsigned = await buildValidationDocument({
    id: `${group.origin}/ap/validations/${++n}`, declaration: document, association: group.actorId, validatedMinutes: minutes, reason, published: '2026-11-27T11:00:00Z',
  });
  return addProof(unsigned, signer.ed25519.privateKey, { verificationMethod: `${signer.actorId}#ed25519-key`, created: new Date() });
}

describe('declaring for an association of another site', () => {
  it('refuses a non-member, values breaking the local rules and IRIs outside the catalog, naming the fields', async () => {
    const other = await loggedIn(t, 'lea@exemple.fr');
    const notMember = await other.request('POST', '/api/v1/federation/declarations', body());
    expect(notMember.status).toBe(422);
    expect(JSON.stringify(await notMember.json())).toContain('remote_declaration_not_member');
    const bad = await me.request('POST', '/api/v1/federation/declarations', body({ date: '2026-12-31', durationMinutes: 25 * 60, category: cat('categories', 9) }));
    expect(bad.status).toBe(422);
    const text = JSON.stringify(await bad.json());
    for (const code of ['declaration_date_future', 'declaration_category_unknown']) expect(text).toContain(code);
    expect(await t.db.selectFrom('remote_declarations').selectAll().execute()).toEqual([]);
  });

  it('sends a signed Create{Declaration, target: records} from the Person under the stored id; pending once received', async () => {
    const { view, sent } = await declare();
    expect(view).toMatchObject({ status: 'unsent', category: { name: 'Animation' } });
    expect(sent).toMatchObject({ id: view.activity, actor: personIri, to: group.actorId, target: `${group.actorId}/records` });
    expect(sent.proof).toBeDefined();
    const document = sent.object as JsonObject;
    expect(document).toMatchObject({
      id: `${t.config.origin}/ap/declarations/${view.id}`, type: ['Object', 'Declaration'], attributedTo: personIri, to: group.actorId,
      duration: 'PT2H', distance: '3.5', category: cat('categories', 1), context: cat('projects', 1), defaultCategory: 'animation',
    });
    // What the association's side reads: the local value rules, its catalog, the author's proof.
    const [, ed25519] = await actorKeyPairs(t.db, t.clock, personIri.split('/').at(-1)!);
    const received = await readDeclarationDocument(document, {
      association: group.actorId, records: `${group.actorId}/records`, today: '2026-11-27',
      ...{ categories: new Set([cat('categories', 1)]), projects: new Set([cat('projects', 1)]), levels: new Set<string>() },
      resolveKey: async (id) => (id === `${personIri}#multikey-2` ? ed25519!.publicKey : null),
    });
    expect(received).toMatchObject({ ok: true, value: { durationMinutes: 120, distanceHundredths: 350, title: 'Réparation du lavoir' } });
    expect((await read(view.id)).status).toBe('pending');
    expect((await (await me.request('GET', `/api/v1/federation/declarations?association=${encodeURIComponent(group.actorId)}`)).json())).toMatchObject({ items: [{ id: view.id }] });
  });

  it('Accept with the association’s Validation → validated (partly, with the reason), evidence kept, emailed once', async () => {
    const { view, sent } = await declare();
    expect((await fromGroup({ type: 'TentativeAccept', object: view.activity })).status).toBe(202);
    expect((await read(view.id)).status).toBe('pending');
    const signed = await validation(sent.object as JsonObject, 60, 'Une heure de pause');
    expect((await fromGroup({ type: 'Accept', object: view.activity, result: signed })).status).toBe(202);
    await fromGroup({ type: 'Accept', object: view.activity, result: signed }); // the same answer again (reconciliation)
    const after = await read(view.id);
    expect(after).toMatchObject({ status: 'validated', validatedMinutes: 60, reason: 'Une heure de pause' });
    expect(after.validation).toMatchObject({ type: ['Object', 'Validation'], validates: `${t.config.origin}/ap/declarations/${view.id}` });
    const mails = (await mailsTo(t, 'paul@exemple.fr')).filter((m) => m.text.includes('Réparation du lavoir'));
    expect(mails).toHaveLength(1);
  });

  it('ignores answers from another actor, and a Validation of another content or signed by another key', async () => {
    const { view, sent } = await declare();
    const intruder = await startRemotePeer('intrus', 'Group');
    try {
      expect((await fromGroup({ type: 'Reject', object: view.activity, summary: 'non' }, intruder)).status).toBe(202);
      const changed = { ...(sent.object as JsonObject), duration: 'PT3H' };
      await fromGroup({ type: 'Accept', object: view.activity, result: await validation(changed, 60, 'x') });
      await fromGroup({ type: 'Accept', object: view.activity, result: await validation(sent.object as JsonObject, 120, null, intruder) });
    } finally {
      await intruder.close();
    }
    expect(await read(view.id)).toMatchObject({ status: 'pending', reason: null, validation: null });
  });

  it('Reject gives the reason; an edit sends Update with a new id (the old one is no longer answered); withdrawal sends Delete', async () => {
    const { view } = await declare();
    await fromGroup({ type: 'Reject', object: view.activity, summary: 'Pas <b>pour nous</b>' });
    expect(await read(view.id)).toMatchObject({ status: 'rejected', reason: 'Pas pour nous' });
    const edited = (await (await me.request('PATCH', `/api/v1/federation/declarations/${view.id}`, { durationMinutes: 90 })).json()) as View;
    expect(edited).toMatchObject({ status: 'unsent', reason: null });
    expect(edited.activity).not.toBe(view.activity);
    await drainFederation(t);
    const update = group.received.find((a) => a.type === 'Update')!;
    expect(update).toMatchObject({ id: edited.activity, object: { id: `${t.config.origin}/ap/declarations/${view.id}`, duration: 'PT1H30M' } });
    await fromGroup({ type: 'Reject', object: view.activity, summary: 'ancienne réponse' });
    expect((await read(view.id)).status).toBe('pending');

    expect((await me.request('DELETE', `/api/v1/federation/declarations/${view.id}`)).status).toBe(204);
    await drainFederation(t);
    expect(group.received.find((a) => a.type === 'Delete')).toMatchObject({ actor: personIri, object: { type: 'Tombstone', id: `${t.config.origin}/ap/declarations/${view.id}` } });
    expect((await me.request('GET', `/api/v1/federation/declarations/${view.id}`)).status).toBe(404);
  });

  it('the reconciliation sends the same Create again after an hour without a decision, at most once a day', async () => {
    const { view, sent } = await declare();
    const service = remoteDeclarationService({ db: t.db, clock: t.clock, origin: t.config.origin });
    expect(await service.resendUndecided()).toBe(0);
    t.clock.advance(2 * 60 * 60 * 1000);
    expect(await service.resendUndecided()).toBe(1);
    expect(await service.resendUndecided()).toBe(0);
    await drainFederation(t);
    const creates = group.received.filter((a) => a.type === 'Create');
    expect(creates.map((a) => a.id)).toEqual([view.activity, view.activity]);
    expect(creates[1]!.object).toEqual(sent.object);
  });

  it('the hourly job scheduled at start runs the reconciliation', async () => {
    const { view } = await declare();
    expect(await t.db.selectFrom('jobs').select('id').where('queue', '=', 'declarations-reconcile').execute()).toHaveLength(1);
    t.clock.advance(2 * 60 * 60 * 1000);
    await drainFederation(t);
    expect(group.received.filter((a) => a.type === 'Create').map((a) => a.id)).toEqual([view.activity, view.activity]);
    // The next run is scheduled, an hour later.
    const next = await t.db.selectFrom('jobs').select('run_at').where('queue', '=', 'declarations-reconcile').execute();
    expect(next.map((j) => j.run_at)).toEqual([new Date((Math.floor(t.clock.now().getTime() / 3_600_000) + 1) * 3_600_000).toISOString()]);
  });

  it('gives the association’s catalog for the form to an active member only; another account never sees one’s declarations', async () => {
    const membership = (await t.db.selectFrom('remote_memberships').select('id').executeTakeFirstOrThrow()).id;
    const res = await me.request('GET', `/api/v1/federation/memberships/${membership}/catalog`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      association: group.actorId, stale: false, categories: [{ iri: cat('categories', 1), name: 'Animation', defaultCategory: 'animation' }],
      projects: [{ iri: cat('projects', 1), name: 'Lavoir' }], levels: [],
    });
    const other = await loggedIn(t, 'lea@exemple.fr');
    expect((await other.request('GET', `/api/v1/federation/memberships/${membership}/catalog`)).status).toBe(404);
    const { view } = await declare();
    for (const [method, extra] of [['GET', undefined], ['PATCH', { title: 'Autre' }], ['DELETE', undefined]] as const) {
      expect((await other.request(method, `/api/v1/federation/declarations/${view.id}`, extra)).status).toBe(404);
    }
    expect(await (await other.request('GET', '/api/v1/federation/declarations')).json()).toEqual({ items: [] });
    expect((await read(view.id)).title).toBe('Réparation du lavoir');
  });
});
