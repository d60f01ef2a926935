/** Discovery (20 a page by name, search, home sample), the dashboard of one's associations, the OpenAPI document. */
import { describe, expect, it } from 'vitest';
import { Browser, createTestApp, errorOn, loggedIn, problemOf } from '../testing/test-app.ts';
import { addMember, createAssociation, memberBrowser, namesIn } from './association.fixtures.ts';

interface PageJson {
  items: { name: string; memberCount: number }[];
  page: number;
  pageSize: number;
  total: number;
}

const NAMES = [
  'Zèbres du Jura', 'atelier vélo', 'Amicale laïque', 'École de musique', 'Œuvre des Pupilles', 'banque alimentaire', 'Bibliothèque', 'Chorale',
  'club de foot', 'Comité des fêtes', 'Danse', 'échecs', 'Fanfare', 'Gymnastique', 'Harmonie', 'Jardin partagé', 'Karaté', 'Ludothèque',
  'Marche nordique', 'Natation', 'Orchestre', 'Pétanque', 'Quilles',
];

describe('discovery', () => {
  it('pages 20 at a time by name, ignoring case and accents', async () => {
    const t = await createTestApp();
    const b = await loggedIn(t);
    for (const name of NAMES) await createAssociation(b, { name });
    const visitor = new Browser(t);
    const first = (await (await visitor.request('GET', '/api/v1/associations')).json()) as PageJson;
    expect(first).toMatchObject({ page: 1, pageSize: 20, total: 23 });
    expect(first.items).toHaveLength(20);
    const second = (await (await visitor.request('GET', '/api/v1/associations?page=2')).json()) as PageJson;
    expect(second).toMatchObject({ page: 2, pageSize: 20, total: 23 });
    const all = [...first.items, ...second.items].map((a) => a.name);
    expect(all).toEqual([
      'Amicale laïque', 'atelier vélo', 'banque alimentaire', 'Bibliothèque', 'Chorale', 'club de foot', 'Comité des fêtes', 'Danse', 'échecs',
      'École de musique', 'Fanfare', 'Gymnastique', 'Harmonie', 'Jardin partagé', 'Karaté', 'Ludothèque', 'Marche nordique', 'Natation',
      'Œuvre des Pupilles', 'Orchestre', 'Pétanque', 'Quilles', 'Zèbres du Jura',
    ]);
    expect(first.items[0]!.memberCount).toBe(1);
    expect(((await (await visitor.request('GET', '/api/v1/associations?page=3')).json()) as PageJson).items).toEqual([]);

    const search = async (q: string) => namesIn(await visitor.request('GET', `/api/v1/associations?q=${encodeURIComponent(q)}`));
    expect(await search('ECOLE')).toEqual(['École de musique']);
    expect(await search('oeuvre')).toEqual(['Œuvre des Pupilles']);
    expect(await search('thèque')).toEqual(['Bibliothèque', 'Ludothèque']);
    expect(await search('  QUE  ')).toEqual(['Amicale laïque', 'banque alimentaire', 'Bibliothèque', 'École de musique', 'Gymnastique', 'Ludothèque', 'Marche nordique', 'Pétanque']);
    expect(await search('des   fêtes')).toEqual(['Comité des fêtes']);
    expect(await search('nulle part')).toEqual([]);
    const searched = (await (await visitor.request('GET', '/api/v1/associations?q=e&page=2')).json()) as PageJson;
    expect(searched.page).toBe(2);
    expect(searched.total).toBe(NAMES.filter((n) => /[eéèêœ]/i.test(n)).length);
  });

  it('samples a few random public associations', async () => {
    const t = await createTestApp();
    const b = await loggedIn(t);
    for (const name of NAMES.slice(0, 10)) await createAssociation(b, { name });
    const visitor = new Browser(t);
    expect(await namesIn(await visitor.request('GET', '/api/v1/associations/sample'))).toHaveLength(6);
    const three = await namesIn(await visitor.request('GET', '/api/v1/associations/sample?count=3'));
    expect(three).toHaveLength(3);
    expect(new Set(three).size).toBe(3);
    expect(NAMES).toEqual(expect.arrayContaining(three));
    const seen = new Set<string>();
    for (let i = 0; i < 10; i++) for (const n of await namesIn(await visitor.request('GET', '/api/v1/associations/sample?count=3'))) seen.add(n);
    expect(seen.size).toBeGreaterThan(3);
  });

  it('names bad query parameters, in French and English', async () => {
    const t = await createTestApp();
    const fr = new Browser(t, 'fr');
    const cases: [string, string, string][] = [
      ['/api/v1/associations?page=0', 'page', 'too_small'],
      ['/api/v1/associations?page=deux', 'page', 'invalid'],
      ['/api/v1/associations?page=1.5', 'page', 'invalid'],
      [`/api/v1/associations?q=${'x'.repeat(128)}`, 'q', 'too_long'],
      ['/api/v1/associations/sample?count=0', 'count', 'too_small'],
      ['/api/v1/associations/sample?count=25', 'count', 'too_big'],
    ];
    for (const [path, field, code] of cases) {
      const res = await fr.request('GET', path);
      expect([path, res.status, errorOn(await problemOf(res), field).code]).toEqual([path, 422, code]);
    }
    expect(errorOn(await problemOf(await fr.request('GET', '/api/v1/associations?page=0')), 'page').message).toBe('Au moins 1.');
    expect(errorOn(await problemOf(await new Browser(t, 'en').request('GET', '/api/v1/associations/sample?count=25')), 'count').message).toBe('At most 24.');
  });
});

describe('my associations (dashboard)', () => {
  it('lists my associations by name with my role, status and rights; counts only for those who list members', async () => {
    const t = await createTestApp();
    const manager = await loggedIn(t, 'manager@exemple.fr');
    const chorale = await createAssociation(manager, { name: 'Chorale' });
    const fanfare = await createAssociation(manager, { name: 'Fanfare', isHidden: true });
    const atelier = await createAssociation(manager, { name: 'Atelier' });
    const me = await memberBrowser(t, chorale.id, 'me@exemple.fr', 'active', 'Coordination');
    await addMember(t, fanfare.id, 'me@exemple.fr', 'pending');
    await addMember(t, atelier.id, 'me@exemple.fr', 'active');
    await loggedIn(t, 'waiting@exemple.fr');
    await addMember(t, chorale.id, 'waiting@exemple.fr', 'pending');

    const res = await me.request('GET', '/api/v1/me/associations');
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: { association: { name: string; memberCount: number }; membership: { status: string; role: { name: string } }; permissions: Record<string, boolean>; counts: unknown }[] };
    expect(items.map((i) => [i.association.name, i.membership.status, i.membership.role.name, i.permissions.listMembers, i.counts])).toEqual([
      ['Atelier', 'active', 'Bénévole', false, null],
      ['Chorale', 'active', 'Coordination', true, { members: 2, pending: 1 }],
      ['Fanfare', 'pending', 'Bénévole', false, null],
    ]);
    expect(items[1]!.permissions).toMatchObject({ manageMembers: true, manageAssociation: false });

    const mine = (await (await manager.request('GET', '/api/v1/me/associations')).json()) as { items: { counts: unknown; permissions: { manageAssociation: boolean } }[] };
    expect(mine.items.map((i) => i.counts)).toEqual([{ members: 2, pending: 0 }, { members: 2, pending: 1 }, { members: 1, pending: 1 }]);
    expect(mine.items.every((i) => i.permissions.manageAssociation)).toBe(true);
    expect((await (await (await loggedIn(t, 'nobody@exemple.fr')).request('GET', '/api/v1/me/associations')).json())).toEqual({ items: [] });
    expect((await new Browser(t).request('GET', '/api/v1/me/associations')).status).toBe(401);
  });
});

describe('the OpenAPI document', () => {
  it('lists the associations paths', async () => {
    const t = await createTestApp();
    const doc = (await (await t.app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([
      '/associations', '/associations/sample', '/associations/{ref}', '/associations/{id}', '/associations/{id}/handle', '/associations/{id}/logo',
      '/associations/{id}/deletion', '/associations/{id}/audit', '/associations/{id}/categories', '/associations/{id}/levels', '/me/associations',
    ]));
    expect(Object.keys(doc.paths['/associations']!)).toEqual(expect.arrayContaining(['get', 'post']));
    expect(Object.keys(doc.paths['/associations/{id}/logo']!)).toEqual(expect.arrayContaining(['get', 'put', 'delete']));
  });
});
