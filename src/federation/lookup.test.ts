/**
 * Discovery (flow 1): looking up an association of another site — here a small stub
 * site on 127.0.0.1 (private addresses allowed, as in tests only) serving a Group, its
 * outbox and some bad documents. The result carries the profile, the « Association »
 * marker and the latest news; the actor is stored; bad remote data, persons, unknown
 * and blocked sites give plain errors; our own associations are read without a request;
 * only logged-in people may look up, a few times a minute.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { world, type World } from '../declarations/testing.ts';
import { Browser, errorOn, problemOf } from '../testing/test-app.ts';
import { htmlToText, type LookupResult } from './lookup.ts';

let stub: Server;
let base = '';
const AS = 'https://www.w3.org/ns/activitystreams';

function documents(): Record<string, unknown> {
  const actor = `${base}/actor`;
  return {
    '/actor': {
      '@context': [AS, { schema: 'http://schema.org#', PropertyValue: 'schema:PropertyValue', value: 'schema:value' }],
      id: actor, type: 'Group', preferredUsername: 'chorale', name: 'La Chorale du Lac', summary: '<p>On chante <b>ensemble</b>.</p><p>Tous les jeudis.</p>',
      inbox: `${actor}/inbox`, outbox: `${actor}/outbox`, url: `${base}/associations/chorale`,
      icon: { type: 'Image', url: `${base}/logo.png`, mediaType: 'image/png' },
      attachment: [{ type: 'PropertyValue', name: 'Type', value: 'Association' }],
    },
    '/actor/outbox': { '@context': AS, id: `${actor}/outbox`, type: 'OrderedCollection', totalItems: 1, first: `${actor}/outbox?page=1` },
    '/actor/outbox?page=1': {
      '@context': AS, id: `${actor}/outbox?page=1`, type: 'OrderedCollectionPage', partOf: `${actor}/outbox`,
      orderedItems: [
        {
          id: `${base}/activities/1`, type: 'Create', actor,
          object: { id: `${base}/news/1`, type: 'Note', attributedTo: actor, name: 'Concert de Noël', content: '<p><strong>Concert de Noël</strong></p><p>Le 20 décembre &amp; après.</p>', url: `${base}/associations/chorale/actualites/1`, published: '2026-11-20T18:00:00Z' },
        },
        { id: `${base}/activities/2`, type: 'Announce', actor, object: `${base}/ailleurs` },
      ],
    },
    '/person': { '@context': AS, id: `${base}/person`, type: 'Person', preferredUsername: 'marie', inbox: `${base}/person/inbox` },
  };
}

beforeAll(async () => {
  stub = createServer((req, res) => {
    const found = documents()[req.url ?? ''];
    if (req.url === '/garbage') {
      res.writeHead(200, { 'Content-Type': 'application/activity+json' }).end('{"id": 12, "type": [');
      return;
    }
    if (!found) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/activity+json' }).end(JSON.stringify(found));
  });
  await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => stub.close(() => resolve()));
});

let w: World;
beforeEach(async () => {
  w = await world({ app: { env: { BV_ALLOW_PRIVATE_ADDRESSES: 'true' } } });
  await w.t.db.updateTable('associations').set({ approved_at: w.t.clock.now().toISOString() }).where('id', '=', w.a.id).execute();
});

const lookup = (b: Browser, q: string) => b.request('GET', `/api/v1/federation/lookup?q=${encodeURIComponent(q)}`);

describe('looking up an association of another site', () => {
  it('shows its profile, its kind and its latest news, and remembers the actor', async () => {
    const res = await lookup(w.volunteer.browser, `${base}/actor`);
    expect(res.status).toBe(200);
    const found = (await res.json()) as LookupResult;
    expect(found).toEqual({
      id: `${base}/actor`, kind: 'association', name: 'La Chorale du Lac', handle: `@chorale@${new URL(base).host}`,
      summary: 'On chante ensemble.\n\nTous les jeudis.', icon: `${base}/logo.png`, url: `${base}/associations/chorale`, localPath: null,
      news: [{ id: `${base}/news/1`, title: 'Concert de Noël', text: 'Le 20 décembre & après.', url: `${base}/associations/chorale/actualites/1`, published: '2026-11-20T18:00:00Z' }],
    });
    const stored = await w.t.db.selectFrom('remote_actors').selectAll().executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ iri: `${base}/actor`, type: 'Group', host: new URL(base).host, name: 'La Chorale du Lac', inbox: `${base}/actor/inbox` });
  });

  it('says « introuvable » for a person, garbage, nothing, or a site that does not exist, and stores nothing', async () => {
    for (const q of [`${base}/person`, `${base}/garbage`, `${base}/rien`, 'https://site-inexistant.invalid/associations/x']) {
      const res = await lookup(w.volunteer.browser, q);
      expect([q, res.status, (await problemOf(res)).title]).toEqual([
        q, 404, 'Association introuvable à cette adresse. Vérifiez l’adresse, ou réessayez plus tard si le site ne répond pas.',
      ]);
    }
    expect(await w.t.db.selectFrom('remote_actors').selectAll().execute()).toEqual([]);
  });

  it('refuses what is not an address, and blocked sites, naming the field', async () => {
    const bad = await problemOf(await lookup(w.volunteer.browser, 'pas une adresse'));
    expect(errorOn(bad, 'q').message).toBe('Écrivez une adresse comme @nom@site.org ou https://site.org/associations/nom.');
    await w.t.db.insertInto('remote_hosts').values({ host: new URL(base).host, blocked_at: w.t.clock.now().toISOString(), consecutive_failures: 0 }).execute();
    const blocked = await problemOf(await lookup(w.volunteer.browser, `${base}/actor`));
    expect(errorOn(blocked, 'q').code).toBe('lookup_blocked');
  });

  it('reads associations of this site here, by address or page', async () => {
    await w.manager.browser.request('POST', `/api/v1/associations/${w.a.id}/news`, { title: 'Régate', text: 'Dimanche.', visibility: 'public' });
    await w.manager.browser.request('POST', `/api/v1/associations/${w.a.id}/news`, { title: 'Interne', text: 'Code.', visibility: 'members' });
    const host = new URL(w.t.config.origin).host;
    for (const q of [`@${w.a.handle}@${host}`, `${w.t.config.origin}/associations/${w.a.handle}`, `${w.t.config.origin}/ap/actors/${w.a.id}`]) {
      const found = (await (await lookup(w.volunteer.browser, q)).json()) as LookupResult;
      expect([q, found.name, found.localPath, found.news.map((n) => n.title)]).toEqual([q, 'Club de voile', `/associations/${w.a.handle}`, ['Régate']]);
    }
    expect((await lookup(w.volunteer.browser, `@inconnue@${host}`)).status).toBe(404);
  });

  it('is for logged-in people only, a few times a minute', async () => {
    expect((await lookup(new Browser(w.t), `${base}/actor`)).status).toBe(401);
    const host = new URL(w.t.config.origin).host;
    for (let i = 0; i < 20; i++) expect((await lookup(w.volunteer.browser, `@${w.a.handle}@${host}`)).status).toBe(200);
    const limited = await lookup(w.volunteer.browser, `@${w.a.handle}@${host}`);
    expect(limited.status).toBe(429);
    // Another person still may.
    expect((await lookup(w.manager.browser, `@${w.a.handle}@${host}`)).status).toBe(200);
  });

  it('reads remote HTML as plain text: paragraphs, breaks and entities, never markup', () => {
    expect(htmlToText('<p>L&#8217;&eacute;t&#xE9; <a href="x">ici</a></p><p>A &amp; B<br/>C &lt;b&gt;</p>')).toBe('L’&eacute;té ici\n\nA & B\nC <b>');
    expect(htmlToText('<script>alert(1)</script>ok')).toBe('alert(1)ok');
  });
});
