/**
 * Flow 1 (discovery): handles resolve through WebFinger between instances — a Group and
 * a Person on B, the instance actor `host@host`, fetched over HTTPS from outside and by
 * Fedify's own client, and each answer leads to an actor document with its keys.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookupWebFinger } from '@fedify/webfinger';
import { activeAccount, createAssociation, startBed, type Account, type Association, type Bed } from './harness.ts';
import { getActivityJson } from './client.ts';

interface Jrd {
  subject: string;
  aliases?: string[];
  links: { rel: string; type?: string; href?: string; template?: string }[];
}

let bed: Bed;
let marie: Account;
let association: Association;
beforeAll(async () => {
  bed = await startBed();
  marie = await activeAccount(bed, bed.b, 'marie@b.test', 'Marie', 'marie_b');
  association = await createAssociation(marie, 'Les Jardins Partagés');
}, 180_000);
afterAll(async () => {
  await bed?.stop();
});

const selfLink = (jrd: Jrd) => jrd.links.find((l) => l.rel === 'self' && l.type === 'application/activity+json')?.href;

async function webfinger(origin: string, resource: string): Promise<Response> {
  return fetch(`${origin}/.well-known/webfinger?resource=${encodeURIComponent(resource)}`, { headers: { Accept: 'application/jrd+json' } });
}

describe('WebFinger between instances', () => {
  it('resolves an association handle to its Group, by id on its UUID, with RSA and Ed25519 keys', async () => {
    const res = await webfinger(bed.b.origin, `acct:${association.handle}@${bed.b.host}`);
    expect(res.status).toBe(200);
    const jrd = (await res.json()) as Jrd;
    expect(jrd.subject).toBe(`acct:${association.handle}@${bed.b.host}`);
    const id = selfLink(jrd);
    expect(id).toBe(`${bed.b.origin}/ap/actors/${association.id}`);
    expect(jrd.links.some((l) => l.rel === 'http://webfinger.net/rel/profile-page' && l.href === `${bed.b.origin}/associations/${association.id}`)).toBe(true);

    const group = await getActivityJson<Record<string, unknown>>(id!);
    expect(group).toMatchObject({
      id,
      type: 'Group',
      preferredUsername: association.handle,
      name: 'Les Jardins Partagés',
      inbox: `${id}/inbox`,
      outbox: `${id}/outbox`,
      followers: `${id}/followers`,
      manuallyApprovesFollowers: false,
      endpoints: { sharedInbox: `${bed.b.origin}/ap/inbox` },
      publicKey: { id: `${id}#main-key`, owner: id },
    });
    const methods = group.assertionMethod as { id: string; type: string }[];
    expect(methods.map((m) => m.id)).toEqual([`${id}#multikey-1`, `${id}#multikey-2`]);
  });

  it('resolves a person handle and the instance actor handle host@host', async () => {
    const person = (await (await webfinger(bed.b.origin, `acct:${marie.handle}@${bed.b.host}`)).json()) as Jrd;
    expect(selfLink(person)).toBe(`${bed.b.origin}/ap/actors/${marie.id}`);
    expect(await getActivityJson(selfLink(person)!)).toMatchObject({ type: 'Person', preferredUsername: marie.handle });

    const instance = (await (await webfinger(bed.b.origin, `acct:${bed.b.host}@${bed.b.host}`)).json()) as Jrd;
    expect(selfLink(instance)).toBe(`${bed.b.origin}/ap/actors/instance`);
    expect(await getActivityJson(selfLink(instance)!)).toMatchObject({ type: 'Application' });
  });

  it('answers 404 for an unknown handle and for a handle of another host', async () => {
    expect((await webfinger(bed.b.origin, `acct:personne@${bed.b.host}`)).status).toBe(404);
    expect((await webfinger(bed.b.origin, `acct:${association.handle}@${bed.a.host}`)).status).toBe(404);
    // The handle lives on B only: A does not know it.
    expect((await webfinger(bed.a.origin, `acct:${association.handle}@${bed.a.host}`)).status).toBe(404);
  });

  it('is looked up from another instance by a logged-in person, by handle or by the page address, with its public news', async () => {
    await marie.client.json('POST', `/api/v1/associations/${association.id}/news`, { title: 'Semis de printemps', text: 'Samedi au jardin.', visibility: 'public' }, 201);
    await marie.client.json('POST', `/api/v1/associations/${association.id}/news`, { title: 'Réservé', text: 'Pour les membres.', visibility: 'members' }, 201);
    const paul = await activeAccount(bed, bed.a, 'paul@a.test', 'Paul');
    const id = `${bed.b.origin}/ap/actors/${association.id}`;
    const byHandle = await paul.client.json<Record<string, unknown> & { news: { title: string }[] }>(
      'GET', `/api/v1/federation/lookup?q=${encodeURIComponent(`@${association.handle}@${bed.b.host}`)}`, undefined, 200,
    );
    expect(byHandle).toMatchObject({ id, kind: 'association', name: 'Les Jardins Partagés', handle: `@${association.handle}@${bed.b.host}`, localPath: null });
    expect(byHandle.news.map((n) => n.title)).toEqual(['Semis de printemps']);
    const byPage = await paul.client.json<{ id: string }>('GET', `/api/v1/federation/lookup?q=${encodeURIComponent(`${bed.b.origin}/associations/${association.id}`)}`, undefined, 200);
    expect(byPage.id).toBe(id);
    // C finds it too, and an unknown handle on B is a clean 404.
    const jean = await activeAccount(bed, bed.c, 'jean@c.test', 'Jean');
    expect((await jean.client.json<{ id: string }>('GET', `/api/v1/federation/lookup?q=${encodeURIComponent(`${association.handle}@${bed.b.host}`)}`, undefined, 200)).id).toBe(id);
    expect((await jean.client.request('GET', `/api/v1/federation/lookup?q=${encodeURIComponent(`personne@${bed.b.host}`)}`)).status).toBe(404);
  }, 120_000);

  it("is resolved by Fedify's WebFinger client over HTTPS with the test CA", async () => {
    const jrd = await lookupWebFinger(`acct:${association.handle}@${bed.b.host}`, { allowPrivateAddress: true });
    expect(jrd?.links?.find((l) => l.rel === 'self')?.href).toBe(`${bed.b.origin}/ap/actors/${association.id}`);
  });
});
