/**
 * News served on the federation through the real app (flow 6): a public item at
 * /ap/news/{id} as a Note, members-only and deleted items not served, the association's
 * outbox listing its public news as Create{Note} with the id of the event that
 * announced it, and a browser opening the Note's id sent to the web page.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { world, type World } from '../declarations/testing.ts';
import type { NewsView } from '../news/news.service.ts';

let w: World;
const AP = { Accept: 'application/activity+json' };
const origin = () => w.t.config.origin;

beforeEach(async () => {
  w = await world();
  // Only approved associations are actors.
  await w.t.db.updateTable('associations').set({ approved_at: w.t.clock.now().toISOString() }).where('id', '=', w.a.id).execute();
});

async function publish(body: Record<string, unknown>): Promise<NewsView> {
  const res = await w.manager.browser.request('POST', `/api/v1/associations/${w.a.id}/news`, body);
  expect(res.status).toBe(201);
  w.t.clock.advance(1000);
  return (await res.json()) as NewsView;
}

const get = (path: string, headers: Record<string, string> = AP) => w.t.app.request(path, { headers });

describe('news objects', () => {
  it('a public item is a Note at its id; members-only and deleted ones are not served', async () => {
    const open = await publish({ title: 'Fête du club', text: 'Samedi.', visibility: 'public' });
    const inside = await publish({ title: 'Interne', text: 'Code du local.', visibility: 'members' });
    const res = await get(`/ap/news/${open.id}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      type: 'Note', id: `${origin()}/ap/news/${open.id}`, attributedTo: `${origin()}/ap/actors/${w.a.id}`, name: 'Fête du club',
      content: '<p><strong>Fête du club</strong></p><p>Samedi.</p>', to: 'as:Public',
    });
    expect((await get(`/ap/news/${inside.id}`)).status).toBe(404);
    await w.manager.browser.request('DELETE', `/api/v1/associations/${w.a.id}/news/${open.id}`);
    expect((await get(`/ap/news/${open.id}`)).status).toBe(404);
  });

  it('a browser opening the id goes to the web page', async () => {
    const open = await publish({ title: 'Fête du club', text: 'Samedi.', visibility: 'public' });
    const res = await get(`/ap/news/${open.id}`, { Accept: 'text/html' });
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe(`${origin()}/associations/${w.a.id}/actualites/${open.id}`);
  });
});

describe('the association outbox', () => {
  it('lists public news, newest first, as Create{Note} with the id of the event that announced them', async () => {
    const first = await publish({ title: 'Première', text: 'Un.', visibility: 'public' });
    await publish({ title: 'Interne', text: 'Deux.', visibility: 'members' });
    const later = await publish({ title: 'Plus tard', text: 'Trois.', visibility: 'members' });
    await w.manager.browser.request('PATCH', `/api/v1/associations/${w.a.id}/news/${later.id}`, { visibility: 'public' });
    const outbox = `/ap/actors/${w.a.id}/outbox`;
    const collection = (await (await get(outbox)).json()) as { type: string; totalItems: number; first: string };
    expect(collection).toMatchObject({ type: 'OrderedCollection', totalItems: 2 });
    const page = (await (await get(new URL(collection.first).pathname + new URL(collection.first).search)).json()) as {
      orderedItems: { type: string; id: string; object: { id: string; name: string } }[];
    };
    const events = await w.t.db.selectFrom('outbox_events').select(['id', 'subject_id']).where('kind', '=', 'news.created').execute();
    const eventOf = (newsId: string) => events.find((e) => e.subject_id === newsId)!.id;
    expect(page.orderedItems.map((a) => [a.type, a.id, a.object.name])).toEqual([
      ['Create', `${origin()}/ap/activities/${eventOf(later.id)}`, 'Plus tard'],
      ['Create', `${origin()}/ap/activities/${eventOf(first.id)}`, 'Première'],
    ]);
  });

  it('of an unknown actor is not found; a person’s is empty', async () => {
    expect((await get('/ap/actors/019ac4a0-0000-7000-8000-000000000000/outbox')).status).toBe(404);
    const person = (await (await get(`/ap/actors/${w.volunteer.id}/outbox`)).json()) as { totalItems: number };
    expect(person.totalItems).toBe(0);
  });
});
