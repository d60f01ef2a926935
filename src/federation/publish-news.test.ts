/**
 * News to followers (flow 6), through the real outbox dispatch and Fedify's queue: a
 * stub site on 127.0.0.1 (private addresses allowed, tests only) with two followers
 * sharing one inbox receives, signed, `Create{Note}` for a public item, `Update{Note}`
 * for an edit and `Delete{Tombstone}` when it turns members-only, each once (shared
 * inbox), with the activity id derived from the outbox event; members-only news never
 * leave; every event ends dispatched.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../lib/ids.ts';
import { world, type World } from '../declarations/testing.ts';
import { drainFederation } from '../testing/test-app.ts';
import type { NewsView } from '../news/news.service.ts';

interface Received {
  path: string;
  signed: boolean;
  body: { id: string; type: string; actor: string; object: { id: string; type: string; name?: string; content?: string } };
}

let stub: Server;
let base = '';
const received: Received[] = [];

beforeAll(async () => {
  stub = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'POST') {
        received.push({
          path: req.url ?? '',
          signed: Boolean(req.headers.signature || req.headers['signature-input']),
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Received['body'],
        });
      }
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => stub.close(() => resolve()));
});

let w: World;
beforeEach(async () => {
  received.length = 0;
  w = await world({ app: { env: { BV_ALLOW_PRIVATE_ADDRESSES: 'true' } } });
  const now = w.t.clock.now().toISOString();
  const host = new URL(base).host;
  for (const name of ['anne', 'bruno']) {
    const iri = `${base}/users/${name}`;
    await w.t.db
      .insertInto('remote_actors')
      .values({ iri, type: 'Person', host, handle: `${name}@${host}`, name, url: null, inbox: `${iri}/inbox`, shared_inbox: `${base}/inbox`, document: '{}', fetched_at: now })
      .execute();
    await w.t.db.insertInto('follows').values({ id: newId(), association_id: w.a.id, follower_iri: iri, follower_host: host, follow_activity_iri: `${iri}#follow`, created_at: now }).execute();
  }
});

const api = (method: string, path: string, body?: unknown) => w.manager.browser.request(method, `/api/v1/associations/${w.a.id}/news${path}`, body);
const eventIds = async (kind: string) =>
  (await w.t.db.selectFrom('outbox_events').select('id').where('kind', '=', kind).orderBy('created_at').orderBy('id').execute()).map((e) => e.id);

describe('news to followers', () => {
  it('public news go out as Create, Update and Delete, once per shared inbox; members-only news never', async () => {
    const origin = w.t.config.origin;
    const item = (await (await api('POST', '', { title: 'Fête du club', text: 'Samedi.', visibility: 'public' })).json()) as NewsView;
    await api('POST', '', { title: 'Interne', text: 'Code du local.', visibility: 'members' });
    await drainFederation(w.t);
    await api('PATCH', `/${item.id}`, { text: 'Samedi à 15 h.' });
    await drainFederation(w.t);
    await api('PATCH', `/${item.id}`, { visibility: 'members' });
    await drainFederation(w.t);

    const [created] = await eventIds('news.created');
    const [updated] = await eventIds('news.updated');
    const [deleted] = await eventIds('news.deleted');
    expect(received.map((r) => [r.path, r.signed, r.body.type, r.body.id])).toEqual([
      ['/inbox', true, 'Create', `${origin}/ap/activities/${created}`],
      ['/inbox', true, 'Update', `${origin}/ap/activities/${updated}`],
      ['/inbox', true, 'Delete', `${origin}/ap/activities/${deleted}`],
    ]);
    expect(received.every((r) => r.body.actor === `${origin}/ap/actors/${w.a.id}`)).toBe(true);
    expect(received[0]!.body.object).toMatchObject({ type: 'Note', id: `${origin}/ap/news/${item.id}`, name: 'Fête du club' });
    expect(received[1]!.body.object.content).toContain('Samedi à 15 h.');
    expect(received[2]!.body.object).toMatchObject({ type: 'Tombstone', id: `${origin}/ap/news/${item.id}` });
    expect(JSON.stringify(received)).not.toContain('Code du local');
    const pending = await w.t.db.selectFrom('outbox_events').select('id').where('dispatched_at', 'is', null).execute();
    expect(pending).toEqual([]);
  });

  it('a creation whose item became members-only before dispatch sends nothing (the deletion follows)', async () => {
    const item = (await (await api('POST', '', { title: 'Brouillon', text: 'Oups.', visibility: 'public' })).json()) as NewsView;
    await api('PATCH', `/${item.id}`, { visibility: 'members' });
    await drainFederation(w.t);
    expect(received.map((r) => r.body.type)).toEqual(['Delete']);
    expect(JSON.stringify(received)).not.toContain('Oups');
  });
});
