/**
 * Flows 3–5 between real instances: Paul on A, member of B's moderated association,
 * declares through A's API; B's manager sees it in the same list (« déclarée depuis A »,
 * no edit), validates part of it with a reason; A shows it validated with the validated
 * minutes and the reason, and keeps the signed Validation. Another declaration is refused
 * with a reason, then edited on A (pending again on both sides), then withdrawn (gone on
 * B). After each step both APIs and both databases agree; B's statistics count the
 * validated minutes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeAccount, createAssociation, pollUntil, startBed, type Account, type Association, type Bed } from './harness.ts';

interface RemoteMembership { id: string; actor: string; status: string }
interface RemoteDeclaration { id: string; title: string; status: string; validatedMinutes: number | null; reason: string | null; validation: unknown }
interface Declaration {
  id: string; title: string; status: string; durationMinutes: number; rejectionReason: string | null;
  validation: { validatedMinutes: number; reason: string | null } | null; can: { edit: boolean; validate: boolean };
  remote: { site: string; authorHandle: string | null } | null;
}
interface Catalog { categories: { iri: string; name: string }[] }

let bed: Bed;
let marie: Account;
let paul: Account;
let club: Association;
let categoryIri: string;
beforeAll(async () => {
  bed = await startBed({ instances: 2 });
  [marie, paul] = await Promise.all([activeAccount(bed, bed.b, 'marie@b.test', 'Marie'), activeAccount(bed, bed.a, 'paul@a.test', 'Paul')]);
  club = await createAssociation(marie, 'Le Club Nautique', { moderateDeclarations: true });
  const group = `${bed.b.origin}/ap/actors/${club.id}`;
  const row = await paul.client.json<RemoteMembership>('POST', '/api/v1/federation/memberships', { actor: group }, 201);
  await pollUntil(async () => {
    const items = (await paul.client.json<{ items: RemoteMembership[] }>('GET', '/api/v1/federation/memberships', undefined, 200)).items;
    return items.find((m) => m.id === row.id && m.status === 'active');
  }, { what: 'the membership on A', timeoutMs: 60_000 });
  const catalog = await paul.client.json<Catalog>('GET', `/api/v1/federation/memberships/${row.id}/catalog`, undefined, 200);
  categoryIri = catalog.categories[0]!.iri;
}, 240_000);
afterAll(async () => {
  await bed?.stop();
});

const groupIri = () => `${bed.b.origin}/ap/actors/${club.id}`;
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const onA = (id: string) => paul.client.json<RemoteDeclaration>('GET', `/api/v1/federation/declarations/${id}`, undefined, 200);
const listOnB = async () => (await marie.client.json<{ items: Declaration[] }>('GET', `/api/v1/associations/${club.id}/declarations`, undefined, 200)).items;
const onB = async (title: string) => (await listOnB()).find((d) => d.title === title);
const rowOnB = (title: string) => bed.b.query(`select status, remote_iri from declarations where association_id = '${club.id}' and title = '${title.replace(/'/g, "''")}'`)[0] as { status: string; remote_iri: string } | undefined;

async function declare(title: string, durationMinutes: number): Promise<RemoteDeclaration> {
  return paul.client.json<RemoteDeclaration>('POST', '/api/v1/federation/declarations', {
    association: groupIri(), title, date: daysAgo(3), durationMinutes, category: categoryIri, description: 'Entretien des bateaux.',
  }, 201);
}

describe('a volunteer on A declares for an association of B', () => {
  let first: RemoteDeclaration;
  let second: RemoteDeclaration;

  it('declared on A: pending on both sides; B shows where it comes from and offers no edit', async () => {
    first = await declare('Carénage', 180);
    const seen = await pollUntil(async () => onB('Carénage'), { what: 'the declaration on B', timeoutMs: 60_000 });
    expect(seen).toMatchObject({ status: 'pending', durationMinutes: 180, remote: { site: bed.a.host }, can: { edit: false, validate: true } });
    await pollUntil(async () => ((await onA(first.id)).status === 'pending' ? true : undefined), { what: 'TentativeAccept on A', timeoutMs: 60_000 });
    expect(rowOnB('Carénage')?.status).toBe('pending');
  }, 120_000);

  it('B validates part of it with a reason: A shows validated, the minutes and the reason, with the signed Validation', async () => {
    const seen = (await onB('Carénage'))!;
    await marie.client.json('POST', `/api/v1/declarations/${seen.id}/validation`, { validatedMinutes: 120, reason: 'Une heure de pause déjeuner' }, 200);
    const validated = await pollUntil(async () => {
      const d = await onA(first.id);
      return d.status === 'validated' ? d : undefined;
    }, { what: 'the Accept on A', timeoutMs: 60_000 });
    expect(validated).toMatchObject({ validatedMinutes: 120, reason: 'Une heure de pause déjeuner' });
    expect(validated.validation).toMatchObject({ type: ['Object', 'Validation'], validatedDuration: 'PT2H', validatedBy: groupIri() });
    expect(await onB('Carénage')).toMatchObject({ status: 'validated', validation: { validatedMinutes: 120, reason: 'Une heure de pause déjeuner' } });
    const stats = await marie.client.json<{ totals: { declarations: number; minutes: number } }>('GET', `/api/v1/associations/${club.id}/statistics`, undefined, 200);
    expect(stats.totals).toMatchObject({ declarations: 1, minutes: 120 });
  }, 120_000);

  it('another one is refused with a reason, edited on A (pending again), then withdrawn (gone on B)', async () => {
    second = await declare('Régate', 600);
    const seen = await pollUntil(async () => onB('Régate'), { what: 'the second declaration on B', timeoutMs: 60_000 });
    await marie.client.json('POST', `/api/v1/declarations/${seen.id}/rejection`, { reason: 'La régate était annulée' }, 200);
    const refused = await pollUntil(async () => {
      const d = await onA(second.id);
      return d.status === 'rejected' ? d : undefined;
    }, { what: 'the Reject on A', timeoutMs: 60_000 });
    expect(refused.reason).toBe('La régate était annulée');
    expect(await onB('Régate')).toMatchObject({ status: 'rejected', rejectionReason: 'La régate était annulée' });

    await paul.client.json('PATCH', `/api/v1/federation/declarations/${second.id}`, { title: 'Régate (entraînement)', durationMinutes: 240 }, 200);
    const again = await pollUntil(async () => {
      const d = await onB('Régate (entraînement)');
      return d?.status === 'pending' ? d : undefined;
    }, { what: 'the Update on B', timeoutMs: 60_000 });
    expect(again).toMatchObject({ durationMinutes: 240, rejectionReason: null });
    await pollUntil(async () => ((await onA(second.id)).status === 'pending' ? true : undefined), { what: 'pending again on A', timeoutMs: 60_000 });

    expect((await paul.client.request('DELETE', `/api/v1/federation/declarations/${second.id}`)).status).toBe(204);
    await pollUntil(async () => ((await onB('Régate (entraînement)')) === undefined ? true : undefined), { what: 'the Delete on B', timeoutMs: 60_000 });
    expect(rowOnB('Régate (entraînement)')).toBeUndefined();
    // The validated one is untouched, and still counted.
    expect((await listOnB()).map((d) => d.title)).toEqual(['Carénage']);
    const stats = await marie.client.json<{ totals: { declarations: number; minutes: number } }>('GET', `/api/v1/associations/${club.id}/statistics`, undefined, 200);
    expect(stats.totals).toMatchObject({ declarations: 1, minutes: 120 });
  }, 180_000);

  it("B down while declaring: « en attente d'envoi » on A, then received and pending on both sides once B is back", async () => {
    await bed.b.stop();
    try {
      const late = await declare('Peinture de la coque', 90);
      expect((await onA(late.id)).status).toBe('unsent');
      await pollUntil(() => (bed.a.query<{ n: number }>("select count(*) as n from deliveries where status = 'failing'")[0]?.n ?? 0) >= 1, { what: 'a failed first attempt on A', timeoutMs: 60_000 });
      expect((await onA(late.id)).status).toBe('unsent');
      await bed.b.start();
      // The delivery is retried with backoff: the first retry comes about a minute after the failure.
      const seen = await pollUntil(async () => onB('Peinture de la coque'), { what: 'the late declaration on B', timeoutMs: 200_000 });
      expect(seen).toMatchObject({ status: 'pending', durationMinutes: 90 });
      await pollUntil(async () => ((await onA(late.id)).status === 'pending' ? true : undefined), { what: 'pending on A', timeoutMs: 60_000 });
    } finally {
      if (!bed.b.running) await bed.b.start();
    }
  }, 360_000);
});
