/**
 * Deleting an association between real instances: Paul on A is a member of B's
 * moderated association, with one declaration validated there (in part) and one pending.
 * Marie deletes the association on B. B sends Delete{Group}; A keeps the membership and
 * both declarations marked « association supprimée » (read-only: no new declaration),
 * the validated one with its signed Validation, which still verifies with the key B's
 * deleted Group keeps publishing. B has nothing left of the association.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyProofs, type JsonObject } from '../src/federation/proof.ts';
import { activeAccount, createAssociation, pollUntil, startBed, type Account, type Association, type Bed } from './harness.ts';
import { getActivityJson } from './client.ts';

interface RemoteMembership { id: string; actor: string; name: string; status: string; associationDeletedAt: string | null }
interface RemoteDeclaration { id: string; title: string; status: string; validatedMinutes: number | null; validation: JsonObject | null; associationDeletedAt: string | null; association: { name: string } }
interface Catalog { categories: { iri: string }[] }

let bed: Bed;
let marie: Account;
let paul: Account;
let club: Association;
let membershipId: string;
let categoryIri: string;
beforeAll(async () => {
  bed = await startBed({ instances: 2 });
  [marie, paul] = await Promise.all([activeAccount(bed, bed.b, 'marie@b.test', 'Marie'), activeAccount(bed, bed.a, 'paul@a.test', 'Paul')]);
  club = await createAssociation(marie, 'Le Club Nautique', { moderateDeclarations: true });
  membershipId = (await paul.client.json<RemoteMembership>('POST', '/api/v1/federation/memberships', { actor: groupIri() }, 201)).id;
  await pollUntil(async () => (await memberships()).find((m) => m.id === membershipId && m.status === 'active'), { what: 'the membership on A', timeoutMs: 60_000 });
  categoryIri = (await paul.client.json<Catalog>('GET', `/api/v1/federation/memberships/${membershipId}/catalog`, undefined, 200)).categories[0]!.iri;
}, 240_000);
afterAll(async () => {
  await bed?.stop();
});

function groupIri(): string {
  return `${bed.b.origin}/ap/actors/${club.id}`;
}
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const memberships = async () => (await paul.client.json<{ items: RemoteMembership[] }>('GET', '/api/v1/federation/memberships', undefined, 200)).items;
const onA = (id: string) => paul.client.json<RemoteDeclaration>('GET', `/api/v1/federation/declarations/${id}`, undefined, 200);
const listOnB = async () => (await marie.client.json<{ items: { id: string; title: string }[] }>('GET', `/api/v1/associations/${club.id}/declarations`, undefined, 200)).items;
const declare = (title: string, durationMinutes: number) => paul.client.json<RemoteDeclaration>('POST', '/api/v1/federation/declarations', {
  association: groupIri(), title, date: daysAgo(3), durationMinutes, category: categoryIri,
}, 201);

describe('an association of B with a member on A is deleted', () => {
  it('A keeps the membership and the declarations marked « association supprimée », the Validation still verifiable', async () => {
    const kept = await declare('Carénage', 180);
    const seen = await pollUntil(async () => (await listOnB()).find((d) => d.title === 'Carénage'), { what: 'the declaration on B', timeoutMs: 60_000 });
    await marie.client.json('POST', `/api/v1/declarations/${seen.id}/validation`, { validatedMinutes: 120, reason: 'Une heure de pause' }, 200);
    await pollUntil(async () => ((await onA(kept.id)).status === 'validated' ? true : undefined), { what: 'the Accept on A', timeoutMs: 60_000 });
    const waiting = await declare('Régate', 60);
    await pollUntil(async () => ((await onA(waiting.id)).status === 'pending' ? true : undefined), { what: 'the pending one on A', timeoutMs: 60_000 });

    expect((await marie.client.request('POST', `/api/v1/associations/${club.id}/deletion`, { confirmName: club.name })).status).toBe(204);

    // B: nothing left of the association but its tombstone actor with its keys.
    expect((await marie.client.request('GET', `/api/v1/associations/${club.id}`)).status).toBe(404);
    expect(bed.b.query(`select count(*) as n from declarations where association_id = '${club.id}'`)[0]).toEqual({ n: 0 });
    expect(bed.b.query(`select count(*) as n from memberships where association_id = '${club.id}'`)[0]).toEqual({ n: 0 });
    const tombstone = await getActivityJson(groupIri());
    expect(tombstone).toMatchObject({ id: groupIri(), type: 'Group', name: 'Association supprimée' });

    // A: told, keeps everything, marked.
    const membership = await pollUntil(async () => (await memberships()).find((m) => m.id === membershipId && m.associationDeletedAt), { what: 'the Delete{Group} on A', timeoutMs: 60_000 });
    expect(membership).toMatchObject({ status: 'active', name: 'Le Club Nautique' });
    const validated = await onA(kept.id);
    expect(validated).toMatchObject({ status: 'validated', validatedMinutes: 120, association: { name: 'Le Club Nautique' }, associationDeletedAt: expect.any(String) });
    expect(await onA(waiting.id)).toMatchObject({ status: 'pending', associationDeletedAt: expect.any(String) });
    expect(bed.a.query(`select count(*) as n from remote_declarations where group_iri = '${groupIri()}' and association_deleted_at is not null`)[0]).toEqual({ n: 2 });
    expect(bed.a.query(`select inbox from remote_actors where iri = '${groupIri()}'`)).toEqual([{ inbox: null }]);

    // Read-only now: a new declaration for it is refused, naming the association.
    const refused = await paul.client.request('POST', '/api/v1/federation/declarations', { association: groupIri(), title: 'Encore', date: daysAgo(1), durationMinutes: 30, category: categoryIri });
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { errors: { field: string; code: string }[] }).errors).toMatchObject([{ field: 'association', code: 'remote_declaration_association_deleted' }]);

    // The Validation kept on A still verifies with the key B's deleted Group publishes (its JWKS).
    const jwks = (await (await fetch(`${groupIri()}/jwks.json`)).json()) as { keys: (JsonWebKey & { kid: string })[] };
    const key = await crypto.subtle.importKey('jwk', jwks.keys[0]!, { name: 'Ed25519' }, true, ['verify']);
    const signers = await verifyProofs(validated.validation!, async (vm) => (vm === jwks.keys[0]!.kid ? key : null));
    expect(signers).toEqual([`${groupIri()}#multikey-2`]);
  }, 300_000);
});
