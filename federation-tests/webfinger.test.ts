/**
 * Flow 1 (discovery): handles resolve through WebFinger between instances — a Group and
 * a Person on B, the instance actor `host@host`, fetched over HTTPS from outside and by
 * Fedify's own client, and each answer leads to an actor document with its keys.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFederation, MemoryKvStore } from '@fedify/fedify';
import { Group } from '@fedify/vocab';
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

    // The instance actor's name is the host name; the handle's host carries the port when there is one.
    const instance = (await (await webfinger(bed.b.origin, `acct:${bed.b.ip}@${bed.b.host}`)).json()) as Jrd;
    expect(selfLink(instance)).toBe(`${bed.b.origin}/ap/actors/instance`);
    expect(await getActivityJson(selfLink(instance)!)).toMatchObject({ type: 'Application' });
  });

  it('answers 404 for an unknown handle and for a handle of another host', async () => {
    expect((await webfinger(bed.b.origin, `acct:personne@${bed.b.host}`)).status).toBe(404);
    expect((await webfinger(bed.b.origin, `acct:${association.handle}@${bed.a.host}`)).status).toBe(404);
    // The handle lives on B only: A does not know it.
    expect((await webfinger(bed.a.origin, `acct:${association.handle}@${bed.a.host}`)).status).toBe(404);
  });

  it('is resolved by instances A and C for their logged-in people (discovery API; details in discovery.test.ts)', async () => {
    const id = `${bed.b.origin}/ap/actors/${association.id}`;
    const [paul, jean] = await Promise.all([activeAccount(bed, bed.a, 'paul@a.test', 'Paul'), activeAccount(bed, bed.c, 'jean@c.test', 'Jean')]);
    for (const person of [paul, jean]) {
      const found = await person.client.json<{ id: string; handle: string }>('GET', `/api/v1/federation/lookup?q=${encodeURIComponent(`@${association.handle}@${bed.b.host}`)}`, undefined, 200);
      expect(found).toMatchObject({ id, handle: `@${association.handle}@${bed.b.host}` });
    }
  }, 120_000);

  it("is resolved by Fedify's own client (WebFinger, then the actor) over HTTPS with the test CA", async () => {
    // A bare Fedify federation in the test process, as another server would use it.
    const ctx = createFederation<void>({ kv: new MemoryKvStore(), allowPrivateAddress: true }).createContext(new URL('https://client.test'));
    const jrd = await ctx.lookupWebFinger(`acct:${association.handle}@${bed.b.host}`);
    expect(jrd?.links?.find((l) => l.rel === 'self')?.href).toBe(`${bed.b.origin}/ap/actors/${association.id}`);
    const group = await ctx.lookupObject(`@${association.handle}@${bed.b.host}`);
    expect(group).toBeInstanceOf(Group);
    expect(group?.id?.href).toBe(`${bed.b.origin}/ap/actors/${association.id}`);
    expect((group as Group).preferredUsername?.toString()).toBe(association.handle);
  });
});
