/**
 * Flow 9 between real instances: Paul on A, member of B's moderated association, has one
 * declaration validated there and one pending; he deletes his account on A. A sends
 * Delete{Person}; B then shows the validated one under « Ancien membre n° N » and keeps
 * counting its minutes, drops the pending one, ends the membership, and the stored signed
 * Declaration still verifies with the key A's tombstone actor keeps publishing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyProofs, type JsonObject } from '../src/federation/proof.ts';
import { PASSWORD, activeAccount, createAssociation, pollUntil, startBed, type Account, type Association, type Bed } from './harness.ts';

interface RemoteMembership { id: string; status: string }
interface RemoteDeclaration { id: string; status: string }
interface Declaration { id: string; title: string; status: string; author: { displayName: string | null } }
interface Catalog { categories: { iri: string }[] }

let bed: Bed;
let marie: Account;
let paul: Account;
let club: Association;
let categoryIri: string;
beforeAll(async () => {
  bed = await startBed({ instances: 2 });
  [marie, paul] = await Promise.all([activeAccount(bed, bed.b, 'marie@b.test', 'Marie'), activeAccount(bed, bed.a, 'paul@a.test', 'Paul')]);
  club = await createAssociation(marie, 'Le Club Nautique', { moderateDeclarations: true });
  const row = await paul.client.json<RemoteMembership>('POST', '/api/v1/federation/memberships', { actor: groupIri() }, 201);
  await pollUntil(async () => {
    const items = (await paul.client.json<{ items: RemoteMembership[] }>('GET', '/api/v1/federation/memberships', undefined, 200)).items;
    return items.find((m) => m.id === row.id && m.status === 'active');
  }, { what: 'the membership on A', timeoutMs: 60_000 });
  categoryIri = (await paul.client.json<Catalog>('GET', `/api/v1/federation/memberships/${row.id}/catalog`, undefined, 200)).categories[0]!.iri;
}, 240_000);
afterAll(async () => {
  await bed?.stop();
});

function groupIri(): string {
  return `${bed.b.origin}/ap/actors/${club.id}`;
}
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const listOnB = async () => (await marie.client.json<{ items: Declaration[] }>('GET', `/api/v1/associations/${club.id}/declarations`, undefined, 200)).items;
const onB = async (title: string) => (await listOnB()).find((d) => d.title === title);
const minutesOnB = async () =>
  (await marie.client.json<{ totals: { declarations: number; minutes: number } }>('GET', `/api/v1/associations/${club.id}/statistics`, undefined, 200)).totals;
const declare = (title: string, durationMinutes: number) => paul.client.json<RemoteDeclaration>('POST', '/api/v1/federation/declarations', {
  association: groupIri(), title, date: daysAgo(3), durationMinutes, category: categoryIri, description: 'Entretien des bateaux.',
}, 201);

describe('a volunteer of A, member of an association of B, deletes their account on A', () => {
  it('B keeps the validated declaration under « Ancien membre n° N », counted and still verifiable, and drops the pending one', async () => {
    const kept = await declare('Carénage', 180);
    const seen = await pollUntil(async () => onB('Carénage'), { what: 'the declaration on B', timeoutMs: 60_000 });
    await marie.client.json('POST', `/api/v1/declarations/${seen.id}/validation`, { validatedMinutes: 120, reason: 'Une heure de pause' }, 200);
    await pollUntil(async () => {
      const d = await paul.client.json<RemoteDeclaration>('GET', `/api/v1/federation/declarations/${kept.id}`, undefined, 200);
      return d.status === 'validated' ? d : undefined;
    }, { what: 'the Accept on A', timeoutMs: 60_000 });
    await declare('Régate', 60);
    await pollUntil(async () => onB('Régate'), { what: 'the pending declaration on B', timeoutMs: 60_000 });
    expect(await minutesOnB()).toMatchObject({ declarations: 1, minutes: 120 });

    expect((await paul.client.request('POST', '/api/v1/me/deletion', { currentPassword: PASSWORD })).status).toBe(204);

    const erased = await pollUntil(async () => {
      const d = await onB('Carénage');
      return d && /^Ancien membre n° \d+$/.test(d.author.displayName ?? '') ? d : undefined;
    }, { what: 'the erasure on B', timeoutMs: 90_000 });
    expect(erased.status).toBe('validated');
    expect((await listOnB()).map((d) => d.title)).toEqual(['Carénage']);
    expect(await minutesOnB()).toMatchObject({ declarations: 1, minutes: 120 });
    expect(bed.b.query(`select count(*) as n from memberships where association_id = '${club.id}' and status = 'active'`)[0]).toEqual({ n: 1 }); // Marie alone
    expect(bed.b.query('select count(*) as n from accounts where remote_iri is not null')[0]).toEqual({ n: 0 });

    // The stored signed Declaration still verifies with the key A's deleted Person keeps publishing.
    const personIri = `${bed.a.origin}/ap/actors/${paul.id}`;
    const [row] = bed.b.query<{ remote_document: string }>(`select remote_document from declarations where association_id = '${club.id}' and title = 'Carénage'`);
    const jwks = (await (await fetch(`${personIri}/jwks.json`)).json()) as { keys: (JsonWebKey & { kid: string })[] };
    const key = await crypto.subtle.importKey('jwk', jwks.keys[0]!, { name: 'Ed25519' }, true, ['verify']);
    const signers = await verifyProofs(JSON.parse(row!.remote_document) as JsonObject, async (vm) => (vm === jwks.keys[0]!.kid ? key : null));
    expect(signers).toEqual([`${personIri}#multikey-2`]);
  }, 300_000);
});
