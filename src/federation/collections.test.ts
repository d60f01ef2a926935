import { createServer, type AddressInfo } from 'node:net';
import { signRequest } from '@fedify/fedify';
import { serve, type ServerType } from '@hono/node-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../lib/ids.ts';
import { accountRow, createTestApp, registerActive, type TestApp } from '../testing/test-app.ts';
import { BV_CONTEXT } from './vocabulary.ts';
import { AP_ACCEPT, federationTestApp, getJson, publicAssociation } from './federation.fixtures.ts';
import { actorKeyPairs } from './keys.ts';
import { addMember } from '../associations/association.fixtures.ts';
import { insertDeclaration } from '../statistics/declaration-rows.fixtures.ts';

let t: TestApp;
let groupId: string;
let iri: string;
beforeEach(async () => {
  t = await federationTestApp();
  groupId = (await publicAssociation(t)).association.id;
  iri = `${t.config.origin}/ap/actors/${groupId}`;
});
afterEach(async () => {
  await t.services.jobs.stop();
  await t.database.close();
});

describe('followers', () => {
  it('is public and lists the followers stored from Follow activities', async () => {
    await t.db.insertInto('follows').values({ id: newId(), association_id: groupId, follower_iri: 'https://mastodon.example/users/bob', follower_host: 'mastodon.example', follow_activity_iri: 'https://mastodon.example/f/1', created_at: '2026-11-27T10:00:00.000Z' }).execute();
    const { status, body } = await getJson(t, `/ap/actors/${groupId}/followers`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: `${iri}/followers`, type: 'OrderedCollection', totalItems: 1 });
    const first = await getJson(t, new URL(String(body.first)).pathname + new URL(String(body.first)).search);
    expect(first.body.orderedItems).toEqual(['https://mastodon.example/users/bob']);
  });
});

describe('members and records', () => {
  it('refuses an unsigned request', async () => {
    for (const name of ['members', 'records']) {
      const { status } = await getJson(t, `/ap/actors/${groupId}/${name}`);
      expect(status, name).toBe(401);
    }
  });
});

describe('categories, projects, levels', () => {
  it('are public raw JSON-LD with our context inline and multi-typed items', async () => {
    await t.db.insertInto('projects').values({ id: newId(), association_id: groupId, name: 'Potager', name_key: 'potager', description: 'Le carré nord', position: 1, created_at: '2026-11-27T10:00:00.000Z' }).execute();
    for (const [kind, type] of [['categories', 'Category'], ['projects', 'Project'], ['levels', 'Level']] as const) {
      const { status, body, res } = await getJson(t, `/ap/actors/${groupId}/${kind}`);
      expect(status, kind).toBe(200);
      expect(res.headers.get('Content-Type')).toBe('application/activity+json');
      expect(body['@context']).toEqual(['https://www.w3.org/ns/activitystreams', BV_CONTEXT]);
      expect(body).toMatchObject({ id: `${iri}/${kind}`, type: 'OrderedCollection', attributedTo: iri });
      const items = body.orderedItems as Record<string, unknown>[];
      expect(items.length, kind).toBeGreaterThan(0);
      for (const item of items) {
        expect(item.type).toEqual(['Object', type]);
        expect(String(item.id)).toMatch(new RegExp(`^${t.config.origin}/ap/${kind}/[0-9a-f-]{36}$`));
        expect(typeof item.name).toBe('string');
        if (kind === 'categories') expect(typeof item.defaultCategory).toBe('string');
      }
      // Each item is also served at its id, with the context.
      const one = await getJson(t, new URL(String(items[0]!.id)).pathname);
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({ ...items[0], '@context': ['https://www.w3.org/ns/activitystreams', BV_CONTEXT] });
    }
    const project = (await getJson(t, `/ap/actors/${groupId}/projects`)).body.orderedItems as Record<string, unknown>[];
    expect(project).toEqual([expect.objectContaining({ name: 'Potager', summary: 'Le carré nord' })]);
  });

  it('are not served for an association awaiting approval', async () => {
    await t.db.updateTable('associations').set({ is_active: 0 }).where('id', '=', groupId).execute();
    expect((await getJson(t, `/ap/actors/${groupId}/categories`)).status).toBe(404);
    expect((await getJson(t, `/ap/actors/${groupId}`)).status).toBe(404);
  });
});

describe('members and records over real HTTP (signed by local accounts)', () => {
  let served: TestApp;
  let server: ServerType;
  let origin: string;

  beforeEach(async () => {
    // Fedify fetches the signer's key from its actor id: the app must really listen there.
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    served = await createTestApp({ env: { BV_ALLOW_PRIVATE_ADDRESSES: 'true', BV_ORIGIN: origin } });
    server = serve({ fetch: served.app.fetch, hostname: '127.0.0.1', port });
  });
  afterEach(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await served.services.jobs.stop();
    await served.database.close();
  });

  async function signedGet(url: string, accountId: string): Promise<Response> {
    const [rsa] = await actorKeyPairs(served.db, served.clock, accountId);
    const request = new Request(url, { headers: { Accept: AP_ACCEPT } });
    const signed = await signRequest(request, rsa!.privateKey, new URL(`${origin}/ap/actors/${accountId}#main-key`));
    return served.app.request(signed);
  }

  it('answers a member, refuses a signed non-member', async () => {
    const { association, account } = await publicAssociation(served);
    await registerActive(served, 'paul@exemple.fr');
    const outsider = await accountRow(served, 'paul@exemple.fr');
    const members = `${origin}/ap/actors/${association.id}/members`;
    const ok = await signedGet(members, account.id);
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { totalItems: number; items?: unknown[]; orderedItems?: unknown[] };
    expect(JSON.stringify(body)).toContain(`${origin}/ap/actors/${account.id}`);
    expect(JSON.stringify(body)).not.toContain('marie@exemple.fr');
    expect((await signedGet(members, outsider.id)).status).toBe(401);
    const records = await signedGet(`${origin}/ap/actors/${association.id}/records`, account.id);
    expect(records.status).toBe(200);
    expect((await signedGet(`${origin}/ap/actors/${association.id}/records`, outsider.id)).status).toBe(401);
  });

  it('gives managers the whole ledger and a member their own declarations only', async () => {
    const { association, account: manager } = await publicAssociation(served);
    await registerActive(served, 'paul@exemple.fr');
    await addMember(served, association.id, 'paul@exemple.fr', 'active');
    const volunteer = await accountRow(served, 'paul@exemple.fr');
    const category = await served.db.selectFrom('categories').select('id').where('association_id', '=', association.id).executeTakeFirstOrThrow();
    const base = { associationId: association.id, categoryId: category.id, date: '2026-11-01', durationMinutes: 60, status: 'pending' as const };
    const mine = await insertDeclaration(served.db, { ...base, author: { type: 'account', id: volunteer.id } });
    const theirs = await insertDeclaration(served.db, { ...base, author: { type: 'account', id: manager.id } });
    const idsFor = async (accountId: string) => {
      const res = await signedGet(`${origin}/ap/actors/${association.id}/records`, accountId);
      expect(res.status).toBe(200);
      const text = await res.text();
      return [mine, theirs].filter((id) => text.includes(`${origin}/ap/declarations/${id}`));
    };
    expect(await idsFor(manager.id)).toEqual([mine, theirs]);
    expect(await idsFor(volunteer.id)).toEqual([mine]);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

describe('the federation middleware', () => {
  it('leaves other methods and unknown federation paths to the app, never a 500', async () => {
    const post = await t.app.request(`/ap/actors/${groupId}/outbox`, { method: 'POST', headers: { 'Content-Type': 'application/activity+json' }, body: '{}' });
    expect(post.status).toBeGreaterThanOrEqual(400);
    expect(post.status).toBeLessThan(500);
    const unknown = await t.app.request('/ap/nothing-here', { headers: { Accept: AP_ACCEPT } });
    expect(unknown.status).toBe(404);
  });
});
