/**
 * Categories, levels and projects (spec §A5): CRUD by managers with the matching
 * permission, names unique per association whatever the case, each category linked to a
 * default category (its reference code follows), in-use items kept (409), lists read by
 * members, the association's anonymous members and admins; bad input names the field.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { roleWith } from '../memberships/testing.ts';
import { Browser, errorOn, fieldsOf, problemOf } from '../testing/test-app.ts';
import { account, anonymousMember, auditActions, declare, join, world, type World } from '../declarations/testing.ts';

interface Item {
  id: string;
  name: string;
  description: string | null;
  inUse: boolean;
  referenceCode?: string;
  defaultCategoryId?: string | null;
}

let w: World;
let defaults: { id: string; reference_code: string; name: string }[];
const base = () => `/api/v1/associations/${w.a.id}`;

beforeEach(async () => {
  w = await world();
  defaults = await w.t.db.selectFrom('default_categories').select(['id', 'reference_code', 'name']).orderBy('position').execute();
});

async function items(b: Browser, plural: string): Promise<Item[]> {
  const res = await b.request('GET', `${base()}/${plural}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: Item[] }).items;
}

describe('categories', () => {
  it('are created linked to a default category, whose reference code they take', async () => {
    const res = await w.manager.browser.request('POST', `${base()}/categories`, { name: '  Régates ', description: 'Courses', defaultCategoryId: defaults[2]!.id });
    expect(res.status).toBe(201);
    const created = (await res.json()) as Item;
    expect(created).toEqual({ id: created.id, name: 'Régates', description: 'Courses', referenceCode: defaults[2]!.reference_code, defaultCategoryId: defaults[2]!.id, inUse: false });
    const list = await items(w.volunteer.browser, 'categories');
    expect(list).toHaveLength(11);
    expect(list.at(-1)).toEqual(created);
    expect(list[0]).toMatchObject({ name: defaults[0]!.name, referenceCode: defaults[0]!.reference_code, defaultCategoryId: defaults[0]!.id, inUse: false });

    const moved = await w.manager.browser.request('PATCH', `${base()}/categories/${created.id}`, { defaultCategoryId: defaults[5]!.id });
    expect(((await moved.json()) as Item)).toMatchObject({ referenceCode: defaults[5]!.reference_code, defaultCategoryId: defaults[5]!.id });
    const audit = await w.t.db.selectFrom('audit_log').selectAll().where('action', '=', 'category.update').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.changes!)).toEqual({
      default_category_id: [defaults[2]!.id, defaults[5]!.id], reference_code: [defaults[2]!.reference_code, defaults[5]!.reference_code],
    });
  });

  it('have names unique per association whatever the case and spaces', async () => {
    const taken = await w.manager.browser.request('POST', `${base()}/categories`, { name: ` ${defaults[0]!.name.toUpperCase()} `, defaultCategoryId: defaults[0]!.id });
    expect(taken.status).toBe(422);
    expect(errorOn(await problemOf(taken), 'name')).toMatchObject({ code: 'catalog_name_taken', message: 'Un autre élément de cette liste porte déjà ce nom.' });
    const [first, second] = await items(w.manager.browser, 'categories');
    const rename = await w.manager.browser.request('PATCH', `${base()}/categories/${second!.id}`, { name: first!.name.toLowerCase() });
    expect(errorOn(await problemOf(rename), 'name').code).toBe('catalog_name_taken');
    // Changing only the case of its own name is fine.
    expect((await w.manager.browser.request('PATCH', `${base()}/categories/${first!.id}`, { name: first!.name.toUpperCase() })).status).toBe(200);
  });

  it('in use cannot be deleted (409), and the last one stays', async () => {
    const list = await items(w.manager.browser, 'categories');
    await declare(w.volunteer.browser, w, { categoryId: list[0]!.id });
    expect((await items(w.manager.browser, 'categories'))[0]!.inUse).toBe(true);
    const res = await w.manager.browser.request('DELETE', `${base()}/categories/${list[0]!.id}`);
    expect(res.status).toBe(409);
    expect((await problemOf(res)).code).toBe('category_in_use');
    for (const c of list.slice(1)) expect((await w.manager.browser.request('DELETE', `${base()}/categories/${c.id}`)).status).toBe(204);
    await w.t.db.deleteFrom('validations').execute();
    await w.t.db.deleteFrom('declarations').execute();
    const last = await w.manager.browser.request('DELETE', `${base()}/categories/${list[0]!.id}`);
    expect([last.status, (await problemOf(last)).code]).toEqual([409, 'category_last']);
    expect((await auditActions(w.t, w.a.id)).filter((a) => a === 'category.delete')).toHaveLength(9);
  });

  it('refuses bad input naming the field, in French and English, and saves nothing', async () => {
    const cases: [Record<string, unknown>, string, string, string][] = [
      [{ defaultCategoryId: defaults[0]!.id }, 'name', 'Ce champ est obligatoire.', 'This field is required.'],
      [{ name: 'x'.repeat(101), defaultCategoryId: defaults[0]!.id }, 'name', '100 caractères au maximum.', '100 characters at most.'],
      [{ name: 'Ok', description: 'x'.repeat(1001), defaultCategoryId: defaults[0]!.id }, 'description', '1000 caractères au maximum.', '1000 characters at most.'],
      [{ name: 'Ok' }, 'defaultCategoryId', 'Ce champ est obligatoire.', 'This field is required.'],
      [{ name: 'Ok', defaultCategoryId: 'inconnue' }, 'defaultCategoryId', 'Catégorie de référence inconnue : choisissez-en une dans la liste.', 'Unknown default category: choose one from the list.'],
    ];
    for (const [body, field, fr, en] of cases) {
      for (const [lang, message] of [['fr', fr], ['en', en]] as const) {
        w.manager.browser.lang = lang;
        const p = await problemOf(await w.manager.browser.request('POST', `${base()}/categories`, body));
        expect([field, fieldsOf(p), errorOn(p, field).message]).toEqual([field, [field], message]);
      }
    }
    expect(await items(w.manager.browser, 'categories')).toHaveLength(10);
    expect(await auditActions(w.t, w.a.id)).toEqual([]);
  });
});

describe.each([
  ['levels', 'manage_levels', 'level'],
  ['projects', 'manage_projects', 'project'],
] as const)('%s', (plural, permission, kind) => {
  it('are created, renamed and deleted by those who manage them; in use they stay (409)', async () => {
    const keeper = await account(w.t, 'gestion@exemple.fr');
    await roleWith(w.t, w.a, 'Gestion', [permission]);
    await join(w.t, w.a, keeper.id, 'Gestion');
    const created = (await (await keeper.browser.request('POST', `${base()}/${plural}`, { name: 'Débutant', description: ' ' })).json()) as Item;
    expect(created).toEqual({ id: created.id, name: 'Débutant', description: null, inUse: false });
    const taken = await keeper.browser.request('POST', `${base()}/${plural}`, { name: 'DÉBUTANT' });
    expect(errorOn(await problemOf(taken), 'name').code).toBe('catalog_name_taken');
    const renamed = await keeper.browser.request('PATCH', `${base()}/${plural}/${created.id}`, { name: 'Initié', description: 'Un peu' });
    expect(await renamed.json()).toEqual({ id: created.id, name: 'Initié', description: 'Un peu', inUse: false });

    await declare(w.volunteer.browser, w, { [kind === 'level' ? 'levelId' : 'projectId']: created.id });
    expect((await items(w.volunteer.browser, plural)).find((i) => i.id === created.id)?.inUse).toBe(true);
    const inUse = await keeper.browser.request('DELETE', `${base()}/${plural}/${created.id}`);
    expect([inUse.status, (await problemOf(inUse)).code]).toEqual([409, `${kind}_in_use`]);
    const unused = (await items(w.volunteer.browser, plural)).find((i) => !i.inUse)!;
    expect((await keeper.browser.request('DELETE', `${base()}/${plural}/${unused.id}`)).status).toBe(204);
    expect((await keeper.browser.request('DELETE', `${base()}/${plural}/${unused.id}`)).status).toBe(404);
    expect(await auditActions(w.t, w.a.id)).toEqual(expect.arrayContaining([`${kind}.create`, `${kind}.update`, `${kind}.delete`]));
  });

  it('are managed only with their permission', async () => {
    const other = await account(w.t, 'autre@exemple.fr');
    const wrong = permission === 'manage_levels' ? 'manage_projects' : 'manage_levels';
    await roleWith(w.t, w.a, 'Autre', [wrong, 'manage_categories', 'manage_declarations']);
    await join(w.t, w.a, other.id, 'Autre');
    const existing = (await items(w.manager.browser, plural))[0]!;
    for (const b of [other.browser, w.volunteer.browser]) {
      expect((await b.request('POST', `${base()}/${plural}`, { name: 'Nouveau' })).status).toBe(403);
      expect((await b.request('PATCH', `${base()}/${plural}/${existing.id}`, { name: 'Nouveau' })).status).toBe(403);
      expect((await b.request('DELETE', `${base()}/${plural}/${existing.id}`)).status).toBe(403);
    }
    expect((await new Browser(w.t).request('POST', `${base()}/${plural}`, { name: 'Nouveau' })).status).toBe(401);
    expect((await items(w.manager.browser, plural)).map((i) => i.name)).not.toContain('Nouveau');
  });
});

describe('the default categories', () => {
  it('are listed for anyone, by position, so managers can link their categories', async () => {
    const res = await new Browser(w.t).request('GET', '/api/v1/default-categories');
    expect(res.status).toBe(200);
    const list = ((await res.json()) as { items: { id: string; name: string; referenceCode: string }[] }).items;
    expect(list.map((d) => [d.id, d.name, d.referenceCode])).toEqual(defaults.map((d) => [d.id, d.name, d.reference_code]));
  });
});

describe('who reads the lists', () => {
  it('members, the association’s anonymous members and admins; not pending members, others or visitors', async () => {
    const pending = await account(w.t, 'attente@exemple.fr');
    await join(w.t, w.a, pending.id, 'Bénévole', 'pending');
    const admin = await account(w.t, 'admin@exemple.fr', { isAdmin: true });
    const anonymous = await anonymousMember(w);
    const stranger = await account(w.t, 'passant@exemple.fr');
    const expected: [Browser, number][] = [
      [w.volunteer.browser, 200], [w.manager.browser, 200], [admin.browser, 200], [anonymous.browser, 200],
      [pending.browser, 403], [stranger.browser, 403], [new Browser(w.t), 403],
    ];
    for (const plural of ['categories', 'levels', 'projects']) {
      const statuses = await Promise.all(expected.map(async ([b]) => (await b.request('GET', `${base()}/${plural}`)).status));
      expect([plural, statuses]).toEqual([plural, expected.map(([, s]) => s)]);
    }
    expect(((await (await anonymous.browser.request('GET', `${base()}/projects`)).json()) as { items: Item[] }).items.map((p) => p.name)).toEqual(['Fête de quartier']);
  });

  it('the managing permission of categories is only for categories', async () => {
    const keeper = await account(w.t, 'categories@exemple.fr');
    await roleWith(w.t, w.a, 'Catégories', ['manage_categories']);
    await join(w.t, w.a, keeper.id, 'Catégories');
    const res = await keeper.browser.request('POST', `${base()}/categories`, { name: 'Nouvelle', defaultCategoryId: defaults[0]!.id });
    expect(res.status).toBe(201);
    expect((await w.volunteer.browser.request('POST', `${base()}/categories`, { name: 'Autre', defaultCategoryId: defaults[0]!.id })).status).toBe(403);
    expect((await keeper.browser.request('POST', `${base()}/levels`, { name: 'Nouveau' })).status).toBe(403);
  });
});
