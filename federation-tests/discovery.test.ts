/**
 * Flow 1 (discovery) between two real instances: a person logged in on A looks up an
 * association of B — by its address `@nom@B`, by the address of its page, by its actor
 * id (what « Rejoindre depuis votre site Bénévalibre » on B's page sends to A's
 * /rejoindre) — and gets its profile, « Association », and its public news read from
 * B's outbox, never the members-only ones; A remembers the actor. Once A's admin blocks
 * B, the lookup is refused without asking B.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeAccount, adminAccount, createAssociation, startBed, type Account, type Association, type Bed } from './harness.ts';

interface Found {
  id: string;
  kind: string;
  name: string;
  handle: string | null;
  summary: string;
  url: string | null;
  localPath: string | null;
  news: { id: string; title: string; text: string }[];
}

let bed: Bed;
let marie: Account;
let paul: Account;
let association: Association;
beforeAll(async () => {
  bed = await startBed({ instances: 2 });
  [marie, paul] = await Promise.all([activeAccount(bed, bed.b, 'marie@b.test', 'Marie'), activeAccount(bed, bed.a, 'paul@a.test', 'Paul')]);
  association = await createAssociation(marie, 'La Chorale du Lavoir');
  const news = (title: string, visibility: string) =>
    marie.client.json('POST', `/api/v1/associations/${association.id}/news`, { title, text: `${title}.\n\nÀ bientôt.`, visibility }, 201);
  await news('Répétition générale', 'public');
  await news('Code de la salle', 'members');
  await news('Concert de Noël', 'public');
}, 180_000);
afterAll(async () => {
  await bed?.stop();
});

const lookup = (q: string) => paul.client.request('GET', `/api/v1/federation/lookup?q=${encodeURIComponent(q)}`);

describe('finding an association of another site', () => {
  it('by its address, its page or its actor id: profile, kind and public news only', async () => {
    const groupId = `${bed.b.origin}/ap/actors/${association.id}`;
    for (const q of [`@${association.handle}@${bed.b.host}`, `${bed.b.origin}/associations/${association.handle}`, groupId]) {
      const res = await lookup(q);
      expect([q, res.status]).toEqual([q, 200]);
      const found = (await res.json()) as Found;
      expect(found).toMatchObject({
        id: groupId, kind: 'association', name: 'La Chorale du Lavoir', handle: `@${association.handle}@${bed.b.host}`,
        summary: 'La Chorale du Lavoir : entraide locale.', localPath: null, url: `${bed.b.origin}/associations/${association.id}`,
      });
      expect(found.news.map((n) => [n.title, n.text])).toEqual([
        ['Concert de Noël', 'Concert de Noël.\n\nÀ bientôt.'],
        ['Répétition générale', 'Répétition générale.\n\nÀ bientôt.'],
      ]);
    }
  }, 90_000);

  it('says « introuvable » for an unknown address, and refuses a blocked site', async () => {
    const unknown = await lookup(`@personne@${bed.b.host}`);
    expect(unknown.status).toBe(404);
    const admin = await adminAccount(bed.a, 'admin@a.test');
    await admin.client.json('POST', '/api/v1/admin/blocked-domains', { domain: bed.b.host, reason: 'Test' }, 201);
    const blocked = await lookup(`@${association.handle}@${bed.b.host}`);
    expect(blocked.status).toBe(422);
    expect(((await blocked.json()) as { errors: { field: string; code: string }[] }).errors).toEqual([
      expect.objectContaining({ field: 'q', code: 'lookup_blocked' }),
    ]);
  }, 90_000);
});
