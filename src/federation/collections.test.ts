import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../lib/ids.ts';
import type { TestApp } from '../testing/test-app.ts';
import { BV_CONTEXT } from './vocabulary.ts';
import { federationTestApp, getJson, publicAssociation } from './federation.fixtures.ts';

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
