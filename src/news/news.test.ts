/**
 * Association news (flow 6): managers publish, edit and delete; visitors read public
 * news, members and managers members-only news too; bad input names the field in French
 * and English; each change followers must learn records an outbox event in the change's
 * transaction (none for members-only news; visibility changes become creations or
 * deletions for followers), with its audit entry.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { account, anonymousMember, auditActions, world, type World } from '../declarations/testing.ts';
import { Browser, errorOn, fieldsOf, problemOf } from '../testing/test-app.ts';
import type { NewsView } from './news.service.ts';

let w: World;
const base = () => `/api/v1/associations/${w.a.id}/news`;

beforeEach(async () => {
  w = await world();
});

async function publish(body: Record<string, unknown>): Promise<NewsView> {
  const res = await w.manager.browser.request('POST', base(), body);
  expect(res.status).toBe(201);
  return (await res.json()) as NewsView;
}

async function titles(b: Browser, ref = w.a.id): Promise<string[]> {
  const res = await b.request('GET', `/api/v1/associations/${ref}/news`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: NewsView[] }).items.map((n) => n.title);
}

const events = () => w.t.db.selectFrom('outbox_events').select(['kind', 'subject_type', 'subject_id', 'association_id']).orderBy('created_at').orderBy('id').execute();
const outboxJobs = async () => (await w.t.db.selectFrom('jobs').select(['queue', 'ordering_key']).where('queue', '=', 'outbox').execute()).length;

describe('publishing', () => {
  it('a manager publishes; visitors see public news only, members and managers members-only news too', async () => {
    const open = await publish({ title: '  Assemblée générale ', text: 'Le 12 décembre.\n\nVenez nombreux.', visibility: 'public' });
    expect(open).toMatchObject({ title: 'Assemblée générale', text: 'Le 12 décembre.\n\nVenez nombreux.', visibility: 'public', associationId: w.a.id });
    expect(open.path).toBe(`/associations/${w.a.handle}/actualites/${open.id}`);
    w.t.clock.advance(1000);
    const inside = await publish({ title: 'Codes du local', text: 'Le code change lundi.', visibility: 'members' });

    const stranger = await account(w.t, 'passant@exemple.fr');
    const admin = await account(w.t, 'admin@exemple.fr', { isAdmin: true });
    const anonymous = await anonymousMember(w);
    expect(await titles(new Browser(w.t))).toEqual(['Assemblée générale']);
    expect(await titles(stranger.browser)).toEqual(['Assemblée générale']);
    expect(await titles(w.volunteer.browser, w.a.handle)).toEqual(['Codes du local', 'Assemblée générale']);
    expect(await titles(w.manager.browser)).toEqual(['Codes du local', 'Assemblée générale']);
    expect(await titles(admin.browser)).toEqual(['Codes du local', 'Assemblée générale']);
    expect(await titles(anonymous.browser)).toEqual(['Codes du local', 'Assemblée générale']);

    // One item: a members-only one does not exist for others.
    expect((await new Browser(w.t).request('GET', `${base()}/${open.id}`)).status).toBe(200);
    expect((await new Browser(w.t).request('GET', `${base()}/${inside.id}`)).status).toBe(404);
    expect((await stranger.browser.request('GET', `${base()}/${inside.id}`)).status).toBe(404);
    const read = await w.volunteer.browser.request('GET', `${base()}/${inside.id}`);
    expect(((await read.json()) as NewsView).text).toBe('Le code change lundi.');
    expect((await auditActions(w.t, w.a.id)).filter((a) => a.startsWith('news.'))).toEqual(['news.create', 'news.create']);
  });

  it('only managers write; visitors must log in', async () => {
    const item = await publish({ title: 'Titre', text: 'Texte', visibility: 'public' });
    for (const b of [w.volunteer.browser, (await account(w.t, 'autre@exemple.fr')).browser]) {
      expect((await b.request('POST', base(), { title: 'X', text: 'Y', visibility: 'public' })).status).toBe(403);
      expect((await b.request('PATCH', `${base()}/${item.id}`, { title: 'X' })).status).toBe(403);
      expect((await b.request('DELETE', `${base()}/${item.id}`)).status).toBe(403);
    }
    expect((await new Browser(w.t).request('POST', base(), { title: 'X', text: 'Y', visibility: 'public' })).status).toBe(401);
    expect(await titles(w.manager.browser)).toEqual(['Titre']);
  });

  it('refuses bad input naming the field, in French and English, and saves nothing', async () => {
    const ok = { title: 'Titre', text: 'Texte', visibility: 'public' };
    const cases: [Record<string, unknown>, string, string, string][] = [
      [{ ...ok, title: '   ' }, 'title', 'Ce champ est obligatoire.', 'This field is required.'],
      [{ ...ok, title: 'x'.repeat(201) }, 'title', '200 caractères au maximum.', '200 characters at most.'],
      [{ ...ok, text: undefined }, 'text', 'Ce champ est obligatoire.', 'This field is required.'],
      [{ ...ok, text: 'x'.repeat(20_001) }, 'text', '20000 caractères au maximum.', '20000 characters at most.'],
      [{ ...ok, visibility: 'friends' }, 'visibility', 'Choisissez une des valeurs proposées.', 'Choose one of the offered values.'],
    ];
    for (const [body, field, fr, en] of cases) {
      for (const [lang, message] of [['fr', fr], ['en', en]] as const) {
        w.manager.browser.lang = lang;
        const p = await problemOf(await w.manager.browser.request('POST', base(), body));
        expect([field, fieldsOf(p), errorOn(p, field).message]).toEqual([field, [field], message]);
      }
    }
    expect(await titles(w.manager.browser)).toEqual([]);
    expect(await events()).toEqual([]);
  });

  it('edits and deletes; a deleted item is gone for everyone', async () => {
    const item = await publish({ title: 'Titre', text: 'Texte', visibility: 'public' });
    w.t.clock.advance(60_000);
    const res = await w.manager.browser.request('PATCH', `${base()}/${item.id}`, { text: 'Texte corrigé' });
    const edited = (await res.json()) as NewsView;
    expect(edited).toMatchObject({ title: 'Titre', text: 'Texte corrigé', publishedAt: item.publishedAt });
    expect(edited.updatedAt > item.updatedAt).toBe(true);
    expect((await w.manager.browser.request('PATCH', `${base()}/${item.id}`, { title: ' ' })).status).toBe(422);
    expect((await w.manager.browser.request('DELETE', `${base()}/${item.id}`)).status).toBe(204);
    expect((await w.manager.browser.request('GET', `${base()}/${item.id}`)).status).toBe(404);
    expect((await w.manager.browser.request('PATCH', `${base()}/${item.id}`, { title: 'Encore' })).status).toBe(404);
    expect((await w.manager.browser.request('DELETE', `${base()}/${item.id}`)).status).toBe(404);
    expect(await titles(w.manager.browser)).toEqual([]);
    expect(await auditActions(w.t, w.a.id)).toEqual(['news.create', 'news.update', 'news.delete']);
    const audit = await w.t.db.selectFrom('audit_log').select('changes').where('action', '=', 'news.update').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.changes!)).toEqual({ text: ['Texte', 'Texte corrigé'] });
  });
  it('of an association awaiting approval exist only for its members and the admins', async () => {
    await publish({ title: 'Bientôt', text: 'Texte', visibility: 'public' });
    await w.t.db.updateTable('associations').set({ is_active: 0 }).where('id', '=', w.a.id).execute();
    expect((await new Browser(w.t).request('GET', base())).status).toBe(404);
    expect((await (await account(w.t, 'passant@exemple.fr')).browser.request('GET', base())).status).toBe(404);
    expect(await titles(w.volunteer.browser)).toEqual(['Bientôt']);
  });
});

describe('outbox events', () => {
  it('public news make events for followers, members-only news none; visibility changes are creations and deletions for them', async () => {
    const open = await publish({ title: 'Public', text: 'Texte', visibility: 'public' });
    const inside = await publish({ title: 'Interne', text: 'Texte', visibility: 'members' });
    const patch = (id: string, body: object) => w.manager.browser.request('PATCH', `${base()}/${id}`, body);
    await patch(open.id, { title: 'Public modifié' });
    await patch(inside.id, { text: 'Autre texte' });
    await patch(open.id, { title: 'Public modifié' }); // nothing changes: no event
    await patch(inside.id, { visibility: 'public' });
    await patch(open.id, { visibility: 'members' });
    await w.manager.browser.request('DELETE', `${base()}/${open.id}`); // members-only by now: no event
    await w.manager.browser.request('DELETE', `${base()}/${inside.id}`);
    const e = (kind: string, id: string) => ({ kind, subject_type: 'news', subject_id: id, association_id: w.a.id });
    expect(await events()).toEqual([
      e('news.created', open.id), e('news.updated', open.id), e('news.created', inside.id), e('news.deleted', open.id), e('news.deleted', inside.id),
    ]);
  });

  it('each event has its dispatch job, ordered per news item', async () => {
    const item = await publish({ title: 'Public', text: 'Texte', visibility: 'public' });
    const jobs = await w.t.db.selectFrom('jobs').selectAll().where('queue', '=', 'outbox').execute();
    const [event] = await w.t.db.selectFrom('outbox_events').selectAll().execute();
    expect(jobs.map((j) => [j.ordering_key, JSON.parse(j.payload)])).toEqual([[`news:${item.id}`, { eventId: event!.id }]]);
  });

  it('a change rolled back records no event: news, audit entry and event commit together or not at all', async () => {
    // The dispatch job is the last write of a change: make it fail, as a full disk would.
    await sql`CREATE TRIGGER refuse_jobs BEFORE INSERT ON jobs BEGIN SELECT RAISE(ABORT, 'disk full'); END`.execute(w.t.db);
    const res = await w.manager.browser.request('POST', base(), { title: 'Public', text: 'Texte', visibility: 'public' });
    expect(res.status).toBe(500);
    await sql`DROP TRIGGER refuse_jobs`.execute(w.t.db);
    expect(await w.t.db.selectFrom('news').selectAll().execute()).toEqual([]);
    expect(await events()).toEqual([]);
    expect(await auditActions(w.t, w.a.id)).toEqual([]);
    expect(await outboxJobs()).toBe(0);
  });
});
