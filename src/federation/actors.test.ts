import { compactVerify, createLocalJWKSet, CompactSign, jwtVerify, SignJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../testing/test-app.ts';
import { federationTestApp, getJson, publicAssociation } from './federation.fixtures.ts';
import { actorKeyPairs } from './keys.ts';
import { PROTOCOL_VERSION } from './nodeinfo.ts';
import { remoteIdentifiers } from '../cec/remote-identifiers.ts';

let t: TestApp;
let fixture: Awaited<ReturnType<typeof publicAssociation>>;
beforeEach(async () => {
  t = await federationTestApp();
  fixture = await publicAssociation(t);
});
afterEach(async () => {
  await t.services.jobs.stop();
  await t.database.close();
});

const MASTODON_NEEDS = ['id', 'type', 'preferredUsername', 'name', 'inbox', 'outbox', 'followers', 'endpoints', 'publicKey', 'assertionMethod', 'url'];

function expectBothKeys(body: Record<string, unknown>, iri: string) {
  expect(body.publicKey).toMatchObject({ id: `${iri}#main-key`, owner: iri });
  expect(String((body.publicKey as { publicKeyPem: string }).publicKeyPem)).toContain('BEGIN PUBLIC KEY');
  const multikeys = body.assertionMethod as { id: string; type: string; publicKeyMultibase: string }[];
  expect(multikeys.map((k) => k.id)).toEqual([`${iri}#multikey-1`, `${iri}#multikey-2`]);
  // Ed25519 multikeys start with z6Mk (multicodec 0xed01 in base58btc).
  expect(multikeys[1]!.publicKeyMultibase).toMatch(/^z6Mk/);
}

describe('WebFinger', () => {
  it('resolves an association, an account and the instance to their actor ids', async () => {
    const host = new URL(t.config.origin).host;
    const hostname = new URL(t.config.origin).hostname;
    const cases = [
      [fixture.association.handle, `/ap/actors/${fixture.association.id}`],
      [fixture.account.handle!, `/ap/actors/${fixture.account.id}`],
      [hostname, '/ap/actors/instance'],
    ] as const;
    for (const [handle, path] of cases) {
      const { status, body } = await getJson(t, `/.well-known/webfinger?resource=${encodeURIComponent(`acct:${handle}@${host}`)}`, 'application/jrd+json');
      expect(status, handle).toBe(200);
      const self = (body.links as { rel: string; href: string; type?: string }[]).find((l) => l.rel === 'self');
      expect(self?.href).toBe(`${t.config.origin}${path}`);
    }
    expect((await getJson(t, `/.well-known/webfinger?resource=${encodeURIComponent(`acct:nobody@${host}`)}`)).status).toBe(404);
    // By the association's web address too (a person pasting the page's URL).
    const byUrl = await getJson(t, `/.well-known/webfinger?resource=${encodeURIComponent(`${t.config.origin}/associations/${fixture.association.handle}`)}`, 'application/jrd+json');
    expect(byUrl.status).toBe(200);
    expect(byUrl.body.links).toContainEqual(expect.objectContaining({ rel: 'self', href: `${t.config.origin}/ap/actors/${fixture.association.id}` }));
  });
});

describe('actor documents', () => {
  it('serves an association as a Group with everything Mastodon needs and both keys', async () => {
    const iri = `${t.config.origin}/ap/actors/${fixture.association.id}`;
    const { status, body, res } = await getJson(t, `/ap/actors/${fixture.association.id}`);
    expect(status).toBe(200);
    expect(res.headers.get('Content-Type')).toContain('application/activity+json');
    for (const key of MASTODON_NEEDS) expect(body, key).toHaveProperty(key);
    expect(body).toMatchObject({
      type: 'Group',
      preferredUsername: fixture.association.handle,
      name: 'Les Amis du Jardin',
      url: `${t.config.origin}/associations/${fixture.association.id}`,
      manuallyApprovesFollowers: false,
      endpoints: { sharedInbox: `${t.config.origin}/ap/inbox` },
      followers: `${iri}/followers`,
      outbox: `${iri}/outbox`,
      inbox: `${iri}/inbox`,
    });
    expect(body.attachment).toContainEqual({ type: 'PropertyValue', name: 'Type', value: 'Association' });
    expect(body.attachment).not.toContainEqual(expect.objectContaining({ name: 'RNA' }));
    expect(body.streams).toEqual(['members', 'records', 'categories', 'projects', 'levels'].map((s) => `${iri}/${s}`));
    expectBothKeys(body, iri);
  });

  it('publishes the RNA and SIREN numbers as PropertyValues, which a member’s site reads back (CEC summary)', async () => {
    await t.db.updateTable('associations').set({ rna_number: 'W212001234', siren: '732829320' }).where('id', '=', fixture.association.id).execute();
    const { body } = await getJson(t, `/ap/actors/${fixture.association.id}`);
    expect(body.attachment).toContainEqual({ type: 'PropertyValue', name: 'RNA', value: 'W212001234' });
    expect(body.attachment).toContainEqual({ type: 'PropertyValue', name: 'SIREN', value: '732829320' });
    expect(remoteIdentifiers(JSON.stringify(body))).toEqual({ rna: 'W212001234', siren: '732829320' });
  });

  it('serves an account as a Person with its public name only', async () => {
    await t.db.updateTable('accounts').set({ pseudo: null }).where('id', '=', fixture.account.id).execute();
    const iri = `${t.config.origin}/ap/actors/${fixture.account.id}`;
    const { status, body } = await getJson(t, `/ap/actors/${fixture.account.id}`);
    expect(status).toBe(200);
    for (const key of MASTODON_NEEDS) expect(body, key).toHaveProperty(key);
    expect(body).toMatchObject({ type: 'Person', name: 'Marie', preferredUsername: fixture.account.handle, manuallyApprovesFollowers: false });
    const text = JSON.stringify(body);
    expect(text).not.toContain('Curie');
    expect(text).not.toContain('marie@exemple.fr');
    expectBothKeys(body, iri);
  });

  it('serves the instance as an Application named host@host', async () => {
    const iri = `${t.config.origin}/ap/actors/instance`;
    const { status, body } = await getJson(t, '/ap/actors/instance');
    expect(status).toBe(200);
    expect(body).toMatchObject({ type: 'Application', preferredUsername: new URL(t.config.origin).hostname });
    expectBothKeys(body, iri);
  });

  it('keeps a minimal actor with its keys for a deleted account, without personal data', async () => {
    await getJson(t, `/ap/actors/${fixture.account.id}`); // keys are published once
    await t.db.updateTable('accounts').set({ status: 'deleted', first_name: null, pseudo: null, email: null }).where('id', '=', fixture.account.id).execute();
    const iri = `${t.config.origin}/ap/actors/${fixture.account.id}`;
    const { status, body } = await getJson(t, `/ap/actors/${fixture.account.id}`);
    expect(status).toBe(200);
    expect(body.type).toBe('Person');
    expect(body).not.toHaveProperty('inbox');
    expect(body).not.toHaveProperty('preferredUsername');
    expectBothKeys(body, iri);
  });

  it('keeps a minimal Group with its keys and JWKS for a deleted association', async () => {
    const iri = `${t.config.origin}/ap/actors/${fixture.association.id}`;
    await getJson(t, `/ap/actors/${fixture.association.id}`); // keys are published once
    const jwksBefore = await (await t.app.request(`/ap/actors/${fixture.association.id}/jwks.json`)).json();
    const res = await fixture.manager.request('POST', `/api/v1/associations/${fixture.association.id}/deletion`, { confirmName: 'Les Amis du Jardin' });
    expect(res.status).toBe(204);
    const { status, body } = await getJson(t, `/ap/actors/${fixture.association.id}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ type: 'Group', name: 'Association supprimée' });
    expect(body).not.toHaveProperty('inbox');
    expect(JSON.stringify(body)).not.toContain('Jardin');
    expectBothKeys(body, iri);
    expect(await (await t.app.request(`/ap/actors/${fixture.association.id}/jwks.json`)).json()).toEqual(jwksBefore);
  });

  it('keeps only the keys of a disabled account, marked suspended', async () => {
    await getJson(t, `/ap/actors/${fixture.account.id}`);
    await t.db.updateTable('accounts').set({ status: 'disabled' }).where('id', '=', fixture.account.id).execute();
    const { status, body } = await getJson(t, `/ap/actors/${fixture.account.id}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ type: 'Person', name: 'Compte désactivé', suspended: true });
    expect(body).not.toHaveProperty('inbox');
    expect(JSON.stringify(body)).not.toContain('Marie');
    expectBothKeys(body, `${t.config.origin}/ap/actors/${fixture.account.id}`);
  });

  it('publishes nothing for a deleted actor that never had keys', async () => {
    await t.db.updateTable('accounts').set({ status: 'deleted' }).where('id', '=', fixture.account.id).execute();
    expect((await getJson(t, `/ap/actors/${fixture.account.id}`)).status).toBe(404);
    expect((await t.app.request(`/ap/actors/${fixture.account.id}/jwks.json`)).status).toBe(404);
    expect(await t.db.selectFrom('actor_keys').selectAll().where('actor_id', '=', fixture.account.id).execute()).toEqual([]);
  });

  it('answers 404 for an unknown id', async () => {
    expect((await getJson(t, '/ap/actors/01900000-0000-7000-8000-000000000000')).status).toBe(404);
  });

  it('sends a browser to the web page (303)', async () => {
    const html = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8';
    const group = await t.app.request(`/ap/actors/${fixture.association.id}`, { headers: { Accept: html } });
    expect(group.status).toBe(303);
    expect(group.headers.get('Location')).toBe(`${t.config.origin}/associations/${fixture.association.id}`);
    const person = await t.app.request(`/ap/actors/${fixture.account.id}`, { headers: { Accept: html } });
    expect(person.status).toBe(303);
    expect(person.headers.get('Location')).toBe(`${t.config.origin}/`);
    const categories = await t.app.request(`/ap/actors/${fixture.association.id}/categories`, { headers: { Accept: html } });
    expect(categories.status).toBe(303);
  });
});

describe('NodeInfo', () => {
  it('links 2.1 and gives software, protocol, usage and protocolVersion', async () => {
    const wellKnown = await getJson(t, '/.well-known/nodeinfo', 'application/json');
    const link = (wellKnown.body.links as { rel: string; href: string }[])[0]!;
    expect(link.href).toBe(`${t.config.origin}/nodeinfo/2.1`);
    const { status, body } = await getJson(t, '/nodeinfo/2.1', 'application/json');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      version: '2.1',
      software: { name: 'benevalibre' },
      protocols: ['activitypub'],
      usage: { users: { total: 1 }, localPosts: 0 },
      metadata: { protocolVersion: PROTOCOL_VERSION },
    });
  });
});

describe('JWKS', () => {
  it('publishes the Ed25519 key with the Multikey id, verifying what the actor signs', async () => {
    const iri = `${t.config.origin}/ap/actors/${fixture.association.id}`;
    const res = await t.app.request(`/ap/actors/${fixture.association.id}/jwks.json`);
    expect(res.status).toBe(200);
    const jwks = (await res.json()) as { keys: { kid: string; kty: string; crv: string; d?: string }[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kid: `${iri}#multikey-2`, kty: 'OKP', crv: 'Ed25519' });
    expect(jwks.keys[0]!.d).toBeUndefined();
    const [, ed25519] = await actorKeyPairs(t.db, t.clock, fixture.association.id);
    const set = createLocalJWKSet(jwks as Parameters<typeof createLocalJWKSet>[0]);
    const jwt = await new SignJWT({ sub: 'attestation' }).setProtectedHeader({ alg: 'EdDSA', kid: `${iri}#multikey-2` }).sign(ed25519!.privateKey);
    expect((await jwtVerify(jwt, set)).payload.sub).toBe('attestation');
    const jws = await new CompactSign(new TextEncoder().encode('x')).setProtectedHeader({ alg: 'EdDSA', kid: `${iri}#multikey-2` }).sign(ed25519!.privateKey);
    expect(new TextDecoder().decode((await compactVerify(jws, set)).payload)).toBe('x');
  });
});
