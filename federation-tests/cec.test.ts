/**
 * The CEC helper across two real instances: Paul, on A, sits on the board of « Les Amis du
 * Lavoir » (on A) and supervises volunteers at « Le Club Nautique » (on B, moderated). His
 * 150 h validated on A and his 60 h validated by B's manager add up on A's CEC page:
 * 210 h counted, 150 h in one association — the three hints met. The function on B reaches
 * A with the membership; B's RNA and SIREN numbers reach A on its Group and fill in the
 * summary Paul copies into « Le Compte Bénévole ».
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeAccount, createAssociation, pollUntil, startBed, type Account, type Association, type Bed } from './harness.ts';

interface RemoteMembership { id: string; actor: string; status: string; function: string | null }
interface Member { id: string; account: { remote: { actor: string } | null } }
interface Declaration { id: string; title: string; status: string }
interface Catalog { categories: { iri: string }[] }
interface CecAssociation { kind: string; id: string; name: string; site: string | null; function: string; counts: boolean; minutes: number; rna: string | null; siren: string | null }
interface MyCec { year: number; associations: CecAssociation[]; hints: Record<string, number | boolean>; summary: string }

let bed: Bed;
let marie: Account;
let paul: Account;
let club: Association;
let membership: RemoteMembership;
beforeAll(async () => {
  bed = await startBed({ instances: 2 });
  [marie, paul] = await Promise.all([activeAccount(bed, bed.b, 'marie@b.test', 'Marie'), activeAccount(bed, bed.a, 'paul@a.test', 'Paul')]);
  club = await createAssociation(marie, 'Le Club Nautique', { moderateDeclarations: true });
  // Set before Paul joins: A keeps the Group as it fetches it then.
  await marie.client.json('PUT', `/api/v1/associations/${club.id}/valuation/settings`, { territory: 'metropole', rnaNumber: 'W212001234', siren: '732829320' }, 200);
  const row = await paul.client.json<RemoteMembership>('POST', '/api/v1/federation/memberships', { actor: groupIri() }, 201);
  membership = await pollUntil(async () => {
    const items = (await paul.client.json<{ items: RemoteMembership[] }>('GET', '/api/v1/federation/memberships', undefined, 200)).items;
    return items.find((m) => m.id === row.id && m.status === 'active');
  }, { what: 'the membership on A', timeoutMs: 60_000 });
}, 240_000);
afterAll(async () => {
  await bed?.stop();
});

const groupIri = () => `${bed.b.origin}/ap/actors/${club.id}`;
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

describe('hours in an association of A and in one of B', () => {
  it('add up on A’s CEC page, with B’s function and RNA/SIREN', async () => {
    // B's manager makes Paul a supervisor; A learns it with the membership.
    const members = (await marie.client.json<{ items: Member[] }>('GET', `/api/v1/associations/${club.id}/members`, undefined, 200)).items;
    const paulOnB = members.find((m) => m.account.remote?.actor === `${bed.a.origin}/ap/actors/${paul.id}`)!;
    await marie.client.json('PATCH', `/api/v1/associations/${club.id}/members/${paulOnB.id}`, { function: 'supervision' }, 200);
    await pollUntil(async () => {
      const items = (await paul.client.json<{ items: RemoteMembership[] }>('GET', '/api/v1/federation/memberships', undefined, 200)).items;
      return items.find((m) => m.id === membership.id && m.function === 'supervision');
    }, { what: 'the function on A', timeoutMs: 60_000 });

    // 60 h over three days for B's association, validated there in full.
    const catalog = await paul.client.json<Catalog>('GET', `/api/v1/federation/memberships/${membership.id}/catalog`, undefined, 200);
    const start = daysAgo(12);
    await paul.client.json('POST', '/api/v1/federation/declarations', {
      association: groupIri(), title: 'Encadrement des régates', date: start, endDate: daysAgo(10), durationMinutes: 60 * 60, category: catalog.categories[0]!.iri,
    }, 201);
    const onB = await pollUntil(async () => {
      const items = (await marie.client.json<{ items: Declaration[] }>('GET', `/api/v1/associations/${club.id}/declarations`, undefined, 200)).items;
      return items.find((d) => d.title === 'Encadrement des régates');
    }, { what: 'the declaration on B', timeoutMs: 60_000 });
    await marie.client.json('POST', `/api/v1/declarations/${onB.id}/validation`, { validatedMinutes: 60 * 60 }, 200);

    // 150 h on A, in Paul's own association, where he sits on the board.
    const lavoir = await createAssociation(paul, 'Les Amis du Lavoir');
    const mine = (await paul.client.json<{ items: { id: string }[] }>('GET', `/api/v1/associations/${lavoir.id}/members`, undefined, 200)).items;
    await paul.client.json('PATCH', `/api/v1/associations/${lavoir.id}/members/${mine[0]!.id}`, { function: 'governance' }, 200);
    const categories = (await paul.client.json<{ items: { id: string }[] }>('GET', `/api/v1/associations/${lavoir.id}/categories`, undefined, 200)).items;
    await paul.client.json('POST', `/api/v1/associations/${lavoir.id}/declarations`, {
      categoryId: categories[0]!.id, title: 'Bureau et chantiers', date: start, endDate: daysAgo(5), durationMinutes: 150 * 60,
    }, 201);

    const year = Number(start.slice(0, 4));
    const cec = await pollUntil(async () => {
      const view = await paul.client.json<MyCec>('GET', `/api/v1/me/cec?year=${year}`, undefined, 200);
      return view.associations.some((a) => a.kind === 'remote' && a.minutes === 60 * 60) ? view : undefined;
    }, { what: 'B’s validation on A’s CEC page', timeoutMs: 60_000 });
    expect(cec.associations).toEqual([
      expect.objectContaining({ kind: 'local', id: lavoir.id, name: 'Les Amis du Lavoir', site: null, function: 'governance', counts: true, minutes: 150 * 60 }),
      expect.objectContaining({ kind: 'remote', id: groupIri(), name: 'Le Club Nautique', site: bed.b.host, function: 'supervision', counts: true, minutes: 60 * 60, rna: 'W212001234', siren: '732829320' }),
    ]);
    expect(cec.hints).toMatchObject({ totalMinutes: 210 * 60, countedMinutes: 210 * 60, bestAssociationMinutes: 150 * 60, yearReached: true, oneAssociationReached: true, hasFunction: true, likelyEligible: true });
    expect(cec.summary).toContain(`Association : Le Club Nautique (site ${bed.b.host})`);
    expect(cec.summary).toContain('Numéro RNA : W212001234');
    expect(cec.summary).toContain('Total des heures qui comptent : 210\u00a0h (dont 150\u00a0h dans une même association)');

    // B only knows its own hours: its CEC list shows Paul's 60 h, under 100 h there.
    const onBList = await marie.client.json<{ items: { displayName: string; minutes: number; oneAssociationReached: boolean; function: string }[] }>('GET', `/api/v1/associations/${club.id}/cec?year=${year}`, undefined, 200);
    expect(onBList.items).toEqual([expect.objectContaining({ minutes: 60 * 60, function: 'supervision', oneAssociationReached: false })]);
  }, 240_000);

  it('a new RNA number set on B reaches A’s summary at once (Update of the Group), not a day later', async () => {
    await marie.client.json('PUT', `/api/v1/associations/${club.id}/valuation/settings`, { territory: 'metropole', rnaNumber: 'W212009876', siren: '732829320' }, 200);
    const year = Number(daysAgo(12).slice(0, 4));
    const cec = await pollUntil(async () => {
      const view = await paul.client.json<MyCec>('GET', `/api/v1/me/cec?year=${year}`, undefined, 200);
      return view.associations.some((a) => a.kind === 'remote' && a.rna === 'W212009876') ? view : undefined;
    }, { what: 'the new RNA number on A', timeoutMs: 60_000 });
    expect(cec.summary).toContain('Numéro RNA : W212009876');
  }, 120_000);
});
