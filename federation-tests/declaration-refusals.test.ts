/**
 * Flows 3–5, what must be refused between instances, each checked on both databases and
 * both APIs afterwards:
 * - a third site (a test actor standing for instance C) sends B an Update of A's
 *   declaration, and sends A an Accept / Reject of A's Create: nothing changes anywhere,
 *   nobody is answered;
 * - a member from another site sends B a properly signed Create{Declaration} whose
 *   category is not one of the association's (another association's of B): refused with
 *   a Reject naming the category, nothing stored — while the same Create with the
 *   association's own category is received.
 * A's own API never sends such a declaration, so the member is a test actor that signs
 * its documents itself (HTTP signature and FEP-8b32 proof) and serves its actor.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BV_CONTEXT } from '../src/federation/vocabulary.ts';
import type { JsonObject } from '../src/federation/proof.ts';
import { activeAccount, createAssociation, pollUntil, startBed, type Account, type Association, type Bed } from './harness.ts';
import { queueIdle } from './observe.ts';
import { RemoteActor } from './remote-actor.ts';

const AS = 'https://www.w3.org/ns/activitystreams';

interface RemoteMembership { id: string; status: string }
interface RemoteDeclaration { id: string; title: string; status: string; durationMinutes: number; reason: string | null; validation: unknown; activity: string }
interface Declaration { id: string; title: string; status: string; durationMinutes: number; remote: { site: string } | null }
interface Catalog { categories: { iri: string }[] }

let bed: Bed;
let marie: Account;
let paul: Account;
let club: Association;
let other: Association;
let categoryIri: string;
let mallory: RemoteActor;
let zoe: RemoteActor;
beforeAll(async () => {
  bed = await startBed({ instances: 2 });
  [marie, paul] = await Promise.all([activeAccount(bed, bed.b, 'marie@b.test', 'Marie'), activeAccount(bed, bed.a, 'paul@a.test', 'Paul')]);
  club = await createAssociation(marie, 'Le Club Nautique', { moderateDeclarations: true });
  other = await createAssociation(marie, 'La Chorale');
  [mallory, zoe] = await Promise.all([RemoteActor.start(bed, 4, 'mallory'), RemoteActor.start(bed, 5, 'zoe')]);
  const row = await paul.client.json<RemoteMembership>('POST', '/api/v1/federation/memberships', { actor: groupIri() }, 201);
  await pollUntil(async () => (await paul.client.json<{ items: RemoteMembership[] }>('GET', '/api/v1/federation/memberships', undefined, 200)).items.find((m) => m.id === row.id && m.status === 'active'), { what: 'the membership on A', timeoutMs: 60_000 });
  categoryIri = (await paul.client.json<Catalog>('GET', `/api/v1/federation/memberships/${row.id}/catalog`, undefined, 200)).categories[0]!.iri;
}, 240_000);
afterAll(async () => {
  await Promise.allSettled([mallory?.down(), zoe?.down()]);
  await bed?.stop();
});

function groupIri(): string {
  return `${bed.b.origin}/ap/actors/${club.id}`;
}
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const onA = (id: string) => paul.client.json<RemoteDeclaration>('GET', `/api/v1/federation/declarations/${id}`, undefined, 200);
const listOnB = async () => (await marie.client.json<{ items: Declaration[] }>('GET', `/api/v1/associations/${club.id}/declarations`, undefined, 200)).items;
const rowsOnB = () => bed.b.query<{ title: string; status: string; duration_minutes: number }>(`select title, status, duration_minutes from declarations where association_id = '${club.id}' order by title`);
const rowOnA = (id: string) => bed.a.query<{ status: string; reason: string | null; validation: string | null }>(`select status, reason, validation from remote_declarations where id = '${id}'`)[0];

describe('a third site speaks about A’s declaration', () => {
  it('its Update sent to B and its Accept and Reject sent to A change nothing, on either side', async () => {
    const declared = await paul.client.json<RemoteDeclaration>('POST', '/api/v1/federation/declarations', {
      association: groupIri(), title: 'Carénage', date: daysAgo(3), durationMinutes: 180, category: categoryIri,
    }, 201);
    await pollUntil(async () => ((await onA(declared.id)).status === 'pending' ? true : undefined), { what: 'pending on A', timeoutMs: 60_000 });
    const before = { a: await onA(declared.id), aRow: rowOnA(declared.id), b: await listOnB(), bRows: rowsOnB() };
    expect(before.b).toMatchObject([{ title: 'Carénage', status: 'pending', durationMinutes: 180 }]);

    // To B: the Update of Paul's declaration, by C — first the very document Paul signed, then a changed one C signed.
    const [{ document }] = bed.a.query<{ document: string }>(`select document from remote_declarations where id = '${declared.id}'`) as [{ document: string }];
    const signedByPaul = JSON.parse(document) as JsonObject;
    const { proof: _proof, ...unsigned } = signedByPaul;
    const changed = await mallory.prove({ ...unsigned, name: 'Carénage (10 h)', duration: 'PT10H', updated: new Date().toISOString().replace(/\.\d+Z$/, 'Z') });
    for (const object of [signedByPaul, changed]) {
      const update = { '@context': [AS, BV_CONTEXT], id: mallory.newId(), type: 'Update', actor: mallory.id, to: groupIri(), object, target: `${groupIri()}/records` };
      expect((await mallory.post(`${bed.b.origin}/ap/inbox`, update)).status).toBe(202);
    }
    // To A: an Accept with a Validation, and a Reject, of Paul's Create — by C, not by the association.
    const validation = await mallory.prove({
      '@context': [AS, BV_CONTEXT], id: `${mallory.origin}/validations/1`, type: ['Object', 'Validation'], validates: signedByPaul['id'],
      validatedDuration: 'PT3H', validatedBy: groupIri(), published: new Date().toISOString(),
    });
    for (const answer of [
      { type: 'Accept', object: declared.activity, result: validation },
      { type: 'Reject', object: declared.activity, summary: 'Refusée par un tiers' },
    ]) {
      const activity = { '@context': [AS, BV_CONTEXT], id: mallory.newId(), actor: mallory.id, to: `${bed.a.origin}/ap/actors/${paul.id}`, ...answer };
      expect((await mallory.post(`${bed.a.origin}/ap/inbox`, activity)).status).toBe(202);
    }

    await Promise.all([queueIdle(bed.a), queueIdle(bed.b)]);
    expect(await onA(declared.id)).toEqual(before.a);
    expect(rowOnA(declared.id)).toEqual(before.aRow);
    expect(rowOnA(declared.id)).toMatchObject({ status: 'pending', reason: null, validation: null });
    expect(await listOnB()).toEqual(before.b);
    expect(rowsOnB()).toEqual([{ title: 'Carénage', status: 'pending', duration_minutes: 180 }]);
    expect(mallory.received).toEqual([]); // never answered
  }, 180_000);
});

describe('a declaration whose category is not the association’s', () => {
  it('is refused by B with a Reject naming the category, and nothing is stored; the same with its own category is received', async () => {
    // Zoé, on another site, joins the club (open membership): B accepts her.
    const join = { '@context': AS, id: zoe.newId(), type: 'Join', actor: zoe.id, object: groupIri(), to: groupIri() };
    expect((await zoe.post(`${groupIri()}/inbox`, join)).status).toBe(202);
    await pollUntil(() => zoe.receivedOfType('Accept').find((r) => r.activity['object'] === join.id), { what: 'the Accept of the Join', timeoutMs: 60_000 });

    // A category of another association of the same site.
    const foreign = `${bed.b.origin}/ap/categories/${bed.b.query<{ id: string }>(`select id from categories where association_id = '${other.id}' limit 1`)[0]!.id}`;
    const own = `${bed.b.origin}/ap/categories/${bed.b.query<{ id: string }>(`select id from categories where association_id = '${club.id}' limit 1`)[0]!.id}`;
    const declaration = async (n: number, category: string) => zoe.prove({
      '@context': [AS, BV_CONTEXT], id: `${zoe.origin}/declarations/${n}`, type: ['Object', 'Declaration'], attributedTo: zoe.id,
      to: groupIri(), audience: groupIri(), target: `${groupIri()}/records`, name: `Tenue du bar ${n}`, date: daysAgo(2), duration: 'PT2H',
      distance: '0', category, published: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    });
    const create = async (n: number, category: string) => ({
      '@context': [AS, BV_CONTEXT], id: zoe.newId(), type: 'Create', actor: zoe.id, to: groupIri(), object: await declaration(n, category), target: `${groupIri()}/records`,
    });

    const refused = await create(1, foreign);
    expect((await zoe.post(`${bed.b.origin}/ap/inbox`, refused)).status).toBe(202);
    const reject = await pollUntil(() => zoe.receivedOfType('Reject').find((r) => r.activity['object'] === refused.id), { what: 'the Reject', timeoutMs: 60_000 });
    expect(reject.activity).toMatchObject({ actor: groupIri(), summary: expect.stringMatching(/catégorie/) });
    expect(reject.verifiedKeyId).toBe(`${groupIri()}#main-key`);
    expect((await listOnB()).map((d) => d.title)).not.toContain('Tenue du bar 1');
    expect(bed.b.query(`select count(*) as n from declarations where remote_iri = '${zoe.origin}/declarations/1'`)[0]).toEqual({ n: 0 });

    // The same Create with the club's own category is received (pending: the club moderates).
    const received = await create(2, own);
    expect((await zoe.post(`${bed.b.origin}/ap/inbox`, received)).status).toBe(202);
    await pollUntil(() => zoe.receivedOfType('TentativeAccept').find((r) => r.activity['object'] === received.id), { what: 'the TentativeAccept', timeoutMs: 60_000 });
    expect((await listOnB()).find((d) => d.title === 'Tenue du bar 2')).toMatchObject({ status: 'pending', remote: { site: new URL(zoe.origin).host } });
    expect((await listOnB()).map((d) => d.title)).not.toContain('Tenue du bar 1');
  }, 180_000);
});
