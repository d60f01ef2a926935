/**
 * A remote association's catalog read over real HTTP: instance B is a test app behind a
 * node http server on 127.0.0.1 serving what catalog-objects.routes.ts serves; instance
 * A reads it with its instance actor's Fedify document loader, stores it, refreshes it
 * when older than an hour or on demand, keeps the last copy through an outage, and ends
 * anything unusable as a RemoteCatalogError.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HOUR, MINUTE } from '../../lib/clock.ts';
import { newId } from '../../lib/ids.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { federationTestApp, getJson, publicAssociation } from '../federation.fixtures.ts';
import { serveTestApp, type ServedApp } from './served-app.fixtures.ts';
import { catalogIriSets, catalogLoader, parseCatalogCollection, remoteCatalog, RemoteCatalogError, type RemoteCatalogDeps } from './remote-catalog.ts';

let remote: ServedApp;
let b: TestApp;
let a: TestApp;
let groupIri: string;
let associationId: string;

const deps = async (t: TestApp = a): Promise<RemoteCatalogDeps> => ({ db: t.db, clock: t.clock, loader: await catalogLoader(t.services.federationContext()) });
/** What B itself serves for one collection, as the items A must end with. */
async function served(kind: 'categories' | 'projects' | 'levels') {
  const { body } = await getJson(b, `/ap/actors/${associationId}/${kind}`);
  return (body['orderedItems'] as Record<string, unknown>[]).map((i) => ({
    iri: i['id'], name: i['name'], summary: i['summary'] ?? null, defaultCategory: i['defaultCategory'] ?? null,
  }));
}
const catalogRequests = () => remote.requests.filter((r) => /\/(categories|projects|levels)$/.test(r)).length;

describe('reading a remote catalog', () => {
  beforeEach(async () => {
    remote = await serveTestApp();
    b = remote.t;
    const { association } = await publicAssociation(b);
    associationId = association.id;
    // Its categories and levels are copied from the defaults at creation; one project.
    await b.db.insertInto('projects').values({ id: newId(), association_id: associationId, name: 'Fête de quartier', name_key: 'fête de quartier', description: null, position: 1, created_at: b.clock.now().toISOString() }).execute();
    groupIri = `${remote.origin}/ap/actors/${associationId}`;
    a = await federationTestApp();
  });
  afterEach(async () => {
    await a.services.jobs.stop();
    await a.database.close();
    await remote.close();
  });

  it('reads the three collections B serves, in their order, and stores them', async () => {
    const catalog = await remoteCatalog(await deps(), groupIri);
    expect(catalog).toMatchObject({ groupIri, fetchedAt: a.clock.now().toISOString(), stale: false });
    expect(catalog.categories).toEqual(await served('categories'));
    expect(catalog.projects).toEqual(await served('projects'));
    expect(catalog.levels).toEqual(await served('levels'));
    expect(catalog.categories.length).toBeGreaterThan(0);
    expect(catalog.categories.some((c) => c.defaultCategory !== null)).toBe(true);
    expect(catalog.projects.map((p) => p.name)).toContain('Fête de quartier');
    const rows = await a.db.selectFrom('remote_catalog_items').selectAll().where('group_iri', '=', groupIri).execute();
    expect(rows).toHaveLength(catalog.categories.length + catalog.projects.length + catalog.levels.length);
    // The sets a received Declaration is checked against.
    expect(catalogIriSets(catalog).categories.has(catalog.categories[0]!.iri)).toBe(true);
  });

  it('answers from the cache for an hour, then reads again and sees what changed', async () => {
    await remoteCatalog(await deps(), groupIri);
    expect(catalogRequests()).toBe(3);
    a.clock.advance(59 * MINUTE);
    await remoteCatalog(await deps(), groupIri);
    expect(catalogRequests()).toBe(3);

    const now = b.clock.now().toISOString();
    await b.db.insertInto('projects').values({ id: newId(), association_id: associationId, name: 'Vide-grenier', name_key: 'vide-grenier', description: 'En mai', position: 2, created_at: now }).execute();
    a.clock.advance(2 * MINUTE);
    const catalog = await remoteCatalog(await deps(), groupIri);
    expect(catalogRequests()).toBe(6);
    expect(catalog.projects.map((p) => [p.name, p.summary])).toEqual([['Fête de quartier', null], ['Vide-grenier', 'En mai']]);
    expect(catalog.fetchedAt).toBe(a.clock.now().toISOString());
  });

  it('reads again on demand, and drops items B no longer lists', async () => {
    const first = await remoteCatalog(await deps(), groupIri);
    await b.db.deleteFrom('projects').where('association_id', '=', associationId).execute();
    const again = await remoteCatalog(await deps(), groupIri, { refresh: true });
    expect(first.projects).toHaveLength(1);
    expect(again.projects).toEqual([]);
    expect(await a.db.selectFrom('remote_catalog_items').where('kind', '=', 'projects').selectAll().execute()).toEqual([]);
  });

  it('refuses a body that is not JSON, storing nothing', async () => {
    remote.override = (path) => (path.endsWith('/levels') ? { status: 200, body: '{"type": "OrderedCollection", ' } : null);
    const error = await remoteCatalog(await deps(), groupIri).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteCatalogError);
    expect(error).toMatchObject({ reason: 'invalid', message: expect.stringContaining('levels of') });
    expect(await a.db.selectFrom('remote_catalogs').selectAll().execute()).toEqual([]);
  });

  it('refuses items of another site, of another type, or unnamed', async () => {
    for (const item of [
      { id: 'https://ailleurs.example/ap/categories/1', type: ['Object', 'Category'], name: 'Piège' },
      { id: `${groupIri}/x`, type: ['Object', 'Level'], name: 'Pas une catégorie' },
      { id: `${groupIri}/y`, type: ['Object', 'Category'], name: '  ' },
      { id: `${groupIri}/z`, type: ['Object', 'Category'], name: 42 },
    ]) {
      remote.override = (path) => (path.endsWith('/categories') ? { status: 200, body: JSON.stringify({ type: 'OrderedCollection', orderedItems: [item] }) } : null);
      const error = await remoteCatalog(await deps(), groupIri).catch((e: unknown) => e);
      expect(error, JSON.stringify(item)).toMatchObject({ name: 'RemoteCatalogError', reason: 'invalid', message: expect.stringContaining('categories of') });
    }
  });

  it('says the site is unreachable on an HTTP error, and keeps the last copy (stale) through an outage', async () => {
    remote.override = () => ({ status: 503, body: 'maintenance', type: 'text/plain' });
    await expect(remoteCatalog(await deps(), groupIri)).rejects.toMatchObject({ reason: 'unreachable' });

    remote.override = () => null;
    const fresh = await remoteCatalog(await deps(), groupIri);
    remote.override = () => ({ status: 503, body: 'maintenance', type: 'text/plain' });
    a.clock.advance(2 * HOUR);
    const stale = await remoteCatalog(await deps(), groupIri);
    expect(stale).toEqual({ ...fresh, stale: true });
    // Asked on demand during the outage: still the last copy, still marked stale.
    expect((await remoteCatalog(await deps(), groupIri, { refresh: true })).stale).toBe(true);
  });

  it('fetches nothing from a blocked site', async () => {
    await a.db.insertInto('remote_hosts').values(blockedHost(new URL(groupIri).host, a.clock.now().toISOString())).execute();
    await expect(remoteCatalog(await deps(), groupIri)).rejects.toMatchObject({ reason: 'blocked' });
    expect(remote.requests).toEqual([]);
  });

  it('keeps Fedify’s public-address rule: a site on a private address is refused outside tests', async () => {
    const strict = await createTestApp();
    try {
      await expect(remoteCatalog(await deps(strict), groupIri)).rejects.toMatchObject({ reason: 'unreachable', message: expect.stringMatching(/private|loopback|disallowed|public/i) });
      expect(remote.requests).toEqual([]);
    } finally {
      await strict.services.jobs.stop();
      await strict.database.close();
    }
  });
});

describe('parseCatalogCollection', () => {
  const g = 'https://b.example/ap/actors/g';
  it('accepts our collection shape and a plain Collection with `items`', () => {
    const item = { id: 'https://b.example/ap/categories/1', type: ['Object', 'Category'], name: ' Gouvernance ', defaultCategory: 'GOV', extra: true };
    const expected = [{ iri: item.id, name: 'Gouvernance', summary: null, defaultCategory: 'GOV' }];
    expect(parseCatalogCollection(g, 'categories', { type: 'OrderedCollection', attributedTo: g, orderedItems: [item] })).toEqual(expected);
    expect(parseCatalogCollection(g, 'categories', { type: 'Collection', items: [item] })).toEqual(expected);
  });

  it.each([
    ['not an object', 'texte'],
    ['a collection of someone else', { type: 'OrderedCollection', attributedTo: 'https://b.example/ap/actors/h', orderedItems: [] }],
    ['a paged collection', { type: 'OrderedCollection', first: 'https://b.example/ap/actors/g/categories?page=1' }],
    ['an item listed twice', { type: 'OrderedCollection', orderedItems: [1, 2].map(() => ({ id: 'https://b.example/ap/categories/1', type: 'Category', name: 'A' })) }],
    ['too many items', { type: 'OrderedCollection', orderedItems: Array.from({ length: 1001 }, (_, i) => ({ id: `https://b.example/c/${i}`, type: 'Category', name: 'A' })) }],
  ])('refuses %s', (_, document) => {
    expect(() => parseCatalogCollection(g, 'categories', document)).toThrow(RemoteCatalogError);
  });
});

function blockedHost(host: string, now: string) {
  return { host, blocked_at: now, blocked_by: null, block_reason: 'test', consecutive_failures: 0, circuit_open_until: null, last_success_at: null, last_failure_at: null, last_error: null };
}
