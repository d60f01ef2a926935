/** Managing an association: editing (audited), permissions, bad input, handle, logo. */
import { describe, expect, it } from 'vitest';
import { Browser, createTestApp, errorOn, fieldsOf, loggedIn, problemOf, type TestApp } from '../testing/test-app.ts';
import { JPEG, PNG, SVG, WEBP, adminBrowser, count, createAssociation, memberBrowser, type AssociationView } from './association.fixtures.ts';

async function setUp(): Promise<{ t: TestApp; manager: Browser; a: AssociationView }> {
  const t = await createTestApp();
  const manager = await loggedIn(t, 'manager@exemple.fr');
  const a = await createAssociation(manager, { name: 'Chorale', country: 'FR', yearlyIncome: 1000 });
  return { t, manager, a };
}

const patch = (b: Browser, a: AssociationView, body: unknown) => b.request('PATCH', `/api/v1/associations/${a.id}`, body);

describe('editing an association', () => {
  it('saves the fields given, keeps the others, and records what changed', async () => {
    const { t, manager, a } = await setUp();
    const res = await patch(manager, a, { name: 'La Chorale', description: 'On chante.', yearlyIncome: 2000, isHidden: true, website: 'http://chorale.example.org', timeZone: 'America/Cayenne' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ name: 'La Chorale', description: 'On chante.', yearlyIncome: 2000, isHidden: true, country: 'FR', handle: a.handle, website: 'http://chorale.example.org', timeZone: 'America/Cayenne' });
    const row = await t.db.selectFrom('associations').selectAll().where('id', '=', a.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name_key: 'la chorale', yearly_income_cents: 200_000, is_hidden: 1 });
    const entry = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'association.update').executeTakeFirstOrThrow();
    expect(JSON.parse(entry.changes!)).toEqual({
      name: ['Chorale', 'La Chorale'],
      description: ['', 'On chante.'],
      yearlyIncome: [1000, 2000],
      isHidden: [false, true],
      website: [null, 'http://chorale.example.org'],
      timeZone: ['Europe/Paris', 'America/Cayenne'],
    });
    expect(entry).toMatchObject({ association_id: a.id, actor_label: 'Marie Curie', target_id: a.id });

    // null clears; an unchanged value writes no entry.
    expect(await (await patch(manager, a, { website: null, yearlyIncome: null })).json()).toMatchObject({ website: null, yearlyIncome: null });
    const before = await count(t, 'audit_log', a.id);
    expect((await patch(manager, a, { name: 'La Chorale', isHidden: true })).status).toBe(200);
    expect(await count(t, 'audit_log', a.id)).toBe(before);
  });

  it('keeps names unique case-insensitively but lets an association change the case of its own', async () => {
    const { t, manager, a } = await setUp();
    await createAssociation(manager, { name: 'Fanfare' });
    const res = await patch(manager, a, { name: 'FANFARE' });
    expect(res.status).toBe(422);
    expect(errorOn(await problemOf(res), 'name').code).toBe('name_taken');
    expect((await t.db.selectFrom('associations').select('name').where('id', '=', a.id).executeTakeFirstOrThrow()).name).toBe('Chorale');
    expect(await (await patch(manager, a, { name: 'CHORALE' })).json()).toMatchObject({ name: 'CHORALE' });
  });

  it('names each bad field, in French and English, and saves nothing', async () => {
    const { t, manager, a } = await setUp();
    const cases: [string, unknown, string][] = [
      ['name', '', 'required'], ['name', null, 'required'], ['name', 'x'.repeat(128), 'too_long'], ['description', 'x'.repeat(5001), 'too_long'],
      ['website', 'www.chorale.fr', 'association_website_invalid'], ['activityFieldCode', '4.14', 'association_activity_field_unknown'],
      ['country', 'FRA', 'association_country_invalid'], ['postalCode', 'x'.repeat(11), 'too_long'], ['hasEmployees', 'oui', 'invalid_choice'],
      ['yearlyIncome', -5, 'too_small'], ['timeZone', 'Paris', 'association_time_zone_invalid'], ['isHidden', 'true', 'invalid'],
      ['moderateMembership', 'no', 'invalid'], ['moderateDeclarations', 0, 'invalid'],
    ];
    const before = await t.db.selectFrom('associations').selectAll().where('id', '=', a.id).executeTakeFirstOrThrow();
    for (const [field, value, code] of cases) {
      const p = await problemOf(await patch(manager, a, { [field]: value }));
      expect([field, p.status, fieldsOf(p), errorOn(p, field).code]).toEqual([field, 422, [field], code]);
    }
    expect(await t.db.selectFrom('associations').selectAll().where('id', '=', a.id).executeTakeFirstOrThrow()).toEqual(before);
    expect(await count(t, 'audit_log', a.id)).toBe(1);
    manager.lang = 'en';
    const en = await problemOf(await patch(manager, a, { website: 'chorale', name: 'x'.repeat(128) }));
    expect(en.errors).toEqual([
      { field: 'name', code: 'too_long', message: '127 characters at most.' },
      { field: 'website', code: 'association_website_invalid', message: 'Invalid website address: it starts with https:// or http://.' },
    ]);
  });

  it('is refused to members without « manage association », to visitors, and for unknown ids; allowed to admins', async () => {
    const { t, a } = await setUp();
    const coordinator = await memberBrowser(t, a.id, 'coordinator@exemple.fr', 'active', 'Coordination');
    const member = await memberBrowser(t, a.id, 'member@exemple.fr', 'active');
    const outsider = await loggedIn(t, 'outsider@exemple.fr');
    for (const b of [coordinator, member, outsider]) {
      const res = await patch(b, a, { name: 'Piratée' });
      expect(res.status).toBe(403);
      expect((await problemOf(res)).code).toBe('forbidden');
      for (const [method, path, body] of [
        ['PUT', 'handle', { handle: 'piratee' }], ['POST', 'deletion', { confirmName: 'Chorale' }], ['GET', 'audit', undefined], ['DELETE', 'logo', undefined],
      ] as const) {
        expect([path, (await b.request(method, `/api/v1/associations/${a.id}/${path}`, body)).status]).toEqual([path, 403]);
      }
      expect((await b.request('PUT', `/api/v1/associations/${a.id}/logo`, PNG, { 'Content-Type': 'image/png' })).status).toBe(403);
    }
    expect((await patch(new Browser(t), a, { name: 'Piratée' })).status).toBe(401);
    expect((await patch(outsider, { ...a, id: '01900000-0000-7000-8000-000000000000' }, { name: 'X' })).status).toBe(404);
    expect((await t.db.selectFrom('associations').select('name').executeTakeFirstOrThrow()).name).toBe('Chorale');
    const admin = await adminBrowser(t, 'admin@exemple.fr', { pseudo: 'Admin' });
    expect(await (await patch(admin, a, { name: 'Chorale du site' })).json()).toMatchObject({ name: 'Chorale du site' });
    const entry = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'association.update').executeTakeFirstOrThrow();
    expect(entry.actor_label).toBe('Marie Curie (Admin)');
  });
});

describe('the address (handle)', () => {
  it('changes it, keeps the old one reserved, and records it', async () => {
    const { t, manager, a } = await setUp();
    const res = await manager.request('PUT', `/api/v1/associations/${a.id}/handle`, { handle: ' La_Chorale_21 ' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ handle: 'la_chorale_21' });
    expect((await new Browser(t).request('GET', '/api/v1/associations/la_chorale_21')).status).toBe(200);
    expect((await new Browser(t).request('GET', `/api/v1/associations/${a.handle}`)).status).toBe(404);
    const entry = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'association.handle').executeTakeFirstOrThrow();
    expect(JSON.parse(entry.changes!)).toEqual({ handle: ['chorale', 'la_chorale_21'] });
    // The old address stays reserved for a while: nobody else takes it.
    const other = await createAssociation(manager, { name: 'Fanfare' });
    const taken = await manager.request('PUT', `/api/v1/associations/${other.id}/handle`, { handle: 'chorale' });
    expect(errorOn(await problemOf(taken), 'handle').code).toBe('handle_taken');
  });

  it('refuses bad, reserved and taken handles, naming the field', async () => {
    const { t, manager, a } = await setUp();
    await createAssociation(manager, { name: 'Fanfare' });
    const cases: [unknown, string][] = [['a', 'handle_format'], ['la chorale', 'handle_format'], ['chorâle', 'handle_format'], ['x'.repeat(31), 'handle_format'], ['admin', 'handle_reserved'], ['associations', 'handle_reserved'], ['fanfare', 'handle_taken'], ['marie_curie', 'handle_taken']];
    for (const [handle, code] of cases) {
      const p = await problemOf(await manager.request('PUT', `/api/v1/associations/${a.id}/handle`, { handle }));
      expect([handle, p.status, fieldsOf(p), errorOn(p, 'handle').code]).toEqual([handle, 422, ['handle'], code]);
    }
    expect(fieldsOf(await problemOf(await manager.request('PUT', `/api/v1/associations/${a.id}/handle`, {})))).toEqual(['handle']);
    manager.lang = 'en';
    expect(errorOn(await problemOf(await manager.request('PUT', `/api/v1/associations/${a.id}/handle`, { handle: 'admin' })), 'handle').message).toBe('This address is reserved: choose another one.');
    expect((await t.db.selectFrom('associations').select('handle').where('id', '=', a.id).executeTakeFirstOrThrow()).handle).toBe('chorale');
    expect(await count(t, 'audit_log', a.id)).toBe(1);
  });
});

describe('the logo', () => {
  it('accepts PNG, JPEG and WebP by their bytes, serves it, and removes it', async () => {
    const { t, manager, a } = await setUp();
    for (const [bytes, mime] of [[PNG, 'image/png'], [JPEG, 'image/jpeg'], [WEBP, 'image/webp']] as const) {
      // The declared type does not matter: the bytes decide.
      const res = await manager.request('PUT', `/api/v1/associations/${a.id}/logo`, bytes, { 'Content-Type': 'image/png' });
      expect(res.status).toBe(200);
      const body = (await res.json()) as AssociationView;
      expect(body.logoUrl).toMatch(new RegExp(`^/api/v1/associations/${a.id}/logo\\?v=`));
      const image = await new Browser(t).request('GET', body.logoUrl!);
      expect([image.status, image.headers.get('Content-Type')]).toEqual([200, mime]);
      expect(image.headers.get('Cache-Control')).toContain('public');
      expect(new Uint8Array(await image.arrayBuffer())).toEqual(bytes);
    }
    const listed = (await (await new Browser(t).request('GET', '/api/v1/associations')).json()) as { items: AssociationView[] };
    expect(listed.items[0]!.logoUrl).not.toBeNull();
    const removed = await manager.request('DELETE', `/api/v1/associations/${a.id}/logo`);
    expect(((await removed.json()) as AssociationView).logoUrl).toBeNull();
    expect((await new Browser(t).request('GET', `/api/v1/associations/${a.id}/logo`)).status).toBe(404);
    const actions = await t.db.selectFrom('audit_log').select('action').where('association_id', '=', a.id).orderBy('created_at').orderBy('id').execute();
    expect(actions.map((x) => x.action)).toEqual(['association.create', 'association.logo', 'association.logo', 'association.logo', 'association.logo_delete']);
  });

  it('refuses other images and files over 512 KB, naming the logo, in French and English', async () => {
    const { t, manager, a } = await setUp();
    const svg = await problemOf(await manager.request('PUT', `/api/v1/associations/${a.id}/logo`, SVG, { 'Content-Type': 'image/png' }));
    expect(errorOn(svg, 'logo')).toMatchObject({ code: 'logo_type', message: 'Logo : image PNG, JPEG ou WebP uniquement.' });
    const big = new Uint8Array(512 * 1024 + 1);
    big.set(PNG);
    manager.lang = 'en';
    const tooBig = await manager.request('PUT', `/api/v1/associations/${a.id}/logo`, big, { 'Content-Type': 'image/png' });
    expect(tooBig.status).toBe(422);
    expect(errorOn(await problemOf(tooBig), 'logo')).toMatchObject({ code: 'logo_size', message: 'Logo too large (512 KB at most).' });
    const exact = new Uint8Array(512 * 1024);
    exact.set(PNG);
    expect((await manager.request('PUT', `/api/v1/associations/${a.id}/logo`, exact, { 'Content-Type': 'image/png' })).status).toBe(200);
    expect(await count(t, 'association_logos')).toBe(1);
  });

  it('hides the logo of an association awaiting approval from outsiders', async () => {
    const { t, manager, a } = await setUp();
    await manager.request('PUT', `/api/v1/associations/${a.id}/logo`, PNG, { 'Content-Type': 'image/png' });
    await t.db.updateTable('associations').set({ is_active: 0 }).where('id', '=', a.id).execute();
    expect((await new Browser(t).request('GET', `/api/v1/associations/${a.id}/logo`)).status).toBe(404);
    const own = await manager.request('GET', `/api/v1/associations/${a.id}/logo`);
    expect([own.status, own.headers.get('Cache-Control')]).toEqual([200, 'private, no-store']);
  });
});
