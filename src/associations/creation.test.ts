/** Creating an association (§A2): defaults copied, creator made manager, unique names, open/moderated creation. */
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../audit/audit.service.ts';
import { accountRow, Browser, createTestApp, errorOn, fieldsOf, loggedIn, problemOf } from '../testing/test-app.ts';
import { adminBrowser, count, createAssociation } from './association.fixtures.ts';

describe('creating an association', () => {
  it('creates it with its fields, a handle from its name, and the creator as its manager', async () => {
    const t = await createTestApp();
    const b = await loggedIn(t);
    const res = await b.request('POST', '/api/v1/associations', {
      name: '  Les Amis du Quartier ',
      description: 'Entraide et fêtes de quartier.',
      website: 'https://amis.example.org',
      activityFieldCode: '3.6',
      country: 'be',
      postalCode: '1000',
      hasEmployees: 'no',
      yearlyIncome: 12500,
      timeZone: 'Europe/Brussels',
      isHidden: true,
      moderateMembership: true,
      moderateDeclarations: true,
    });
    expect(res.status).toBe(201);
    const a = (await res.json()) as Record<string, unknown> & { id: string; viewer: Record<string, unknown> };
    expect(a).toMatchObject({
      handle: 'les_amis_du_quartier',
      name: 'Les Amis du Quartier',
      description: 'Entraide et fêtes de quartier.',
      website: 'https://amis.example.org',
      activityField: { code: '3.6', name: expect.stringContaining('Association de quartier') },
      country: 'BE',
      postalCode: '1000',
      hasEmployees: 'no',
      yearlyIncome: 12500,
      timeZone: 'Europe/Brussels',
      isHidden: true,
      isActive: true,
      moderateMembership: true,
      moderateDeclarations: true,
      memberCount: 1,
      logoUrl: null,
      createdAt: '2026-11-27T10:00:00.000Z',
      approvedAt: null,
    });
    expect(a.viewer).toMatchObject({
      membership: { status: 'active', role: { name: 'Responsable' }, function: 'none' },
      canJoin: false,
      // The creator is the only manager: leaving would orphan the association.
      canLeave: false,
      isAdmin: false,
      isAnonymousMember: false,
    });
    expect(Object.values(a.viewer.permissions as Record<string, boolean>).every(Boolean)).toBe(true);
    const row = await t.db.selectFrom('associations').selectAll().where('id', '=', a.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name_key: 'les amis du quartier', yearly_income_cents: 1_250_000, created_by: (await accountRow(t, 'marie@exemple.fr')).id });
    expect(await t.db.selectFrom('handles').selectAll().where('handle', '=', 'les_amis_du_quartier').executeTakeFirst()).toMatchObject({ owner_type: 'association', owner_id: a.id, released_at: null });
  });

  it('takes the defaults when only the name is given', async () => {
    const t = await createTestApp();
    const a = await createAssociation(await loggedIn(t), { name: 'Chorale' });
    expect(a).toMatchObject({ description: '', website: null, activityField: null, country: 'FR', postalCode: null, hasEmployees: 'unknown', yearlyIncome: null, timeZone: 'Europe/Paris', isHidden: false, moderateMembership: false, moderateDeclarations: false });
  });

  it('copies the 10 default categories (with reference codes), 3 levels and 3 roles; the creator is Responsable', async () => {
    const t = await createTestApp();
    const b = await loggedIn(t);
    const a = await createAssociation(b, { name: 'Chorale' });
    const categories = await t.db.selectFrom('categories').selectAll().where('association_id', '=', a.id).orderBy('position').execute();
    expect(categories.map((c) => c.reference_code)).toEqual([
      'gouvernance', 'administration', 'animation', 'evenements', 'accompagnement', 'communication', 'formation', 'logistique', 'representation', 'autre',
    ]);
    const defaults = await t.db.selectFrom('default_categories').selectAll().orderBy('position').execute();
    expect(categories.map((c) => [c.name, c.default_category_id])).toEqual(defaults.map((d) => [d.name, d.id]));
    const levels = await t.db.selectFrom('levels').select('name').where('association_id', '=', a.id).orderBy('position').execute();
    expect(levels.map((l) => l.name)).toEqual(['Participation', 'Encadrement', 'Expertise']);
    const roles = await t.db.selectFrom('roles').selectAll().where('association_id', '=', a.id).orderBy('position').execute();
    expect(roles.map((r) => [r.name, r.is_default, r.manage_association, r.list_members, r.manage_members, r.manage_declarations, r.manage_roles])).toEqual([
      ['Responsable', 0, 1, 1, 1, 1, 1],
      ['Coordination', 0, 0, 1, 1, 1, 0],
      ['Bénévole', 1, 0, 0, 0, 0, 0],
    ]);
    const memberships = await t.db.selectFrom('memberships').selectAll().where('association_id', '=', a.id).execute();
    expect(memberships).toHaveLength(1);
    expect(memberships[0]).toMatchObject({ role_id: roles[0]!.id, status: 'active', account_id: (await accountRow(t, 'marie@exemple.fr')).id });

    // The read-only lists show the copies to members.
    const cats = (await (await b.request('GET', `/api/v1/associations/${a.id}/categories`)).json()) as { items: { referenceCode: string; name: string }[] };
    expect(cats.items).toHaveLength(10);
    expect(cats.items[0]).toMatchObject({ referenceCode: 'gouvernance', name: categories[0]!.name, description: null });
    const lvls = (await (await b.request('GET', `/api/v1/associations/${a.handle}/levels`)).json()) as { items: { name: string }[] };
    expect(lvls.items.map((l) => l.name)).toEqual(['Participation', 'Encadrement', 'Expertise']);
  });

  it('gives the creator the first role (by position) that manages the association, as the admin arranged the defaults', async () => {
    const t = await createTestApp();
    await t.db.updateTable('default_roles').set({ manage_association: 1 }).where('name', '=', 'Coordination').execute();
    await t.db.updateTable('default_roles').set({ manage_association: 0 }).where('name', '=', 'Responsable').execute();
    const a = await createAssociation(await loggedIn(t), { name: 'Chorale' });
    expect(a.viewer.membership?.role.name).toBe('Coordination');

    // With no managing default role at all, the creator still gets one.
    await t.db.updateTable('default_roles').set({ manage_association: 0 }).execute();
    const b = await createAssociation(await loggedIn(t, 'autre@exemple.fr'), { name: 'Fanfare' });
    expect(b.viewer.membership?.role.name).toBe('Responsable (gestion)');
    expect(b.viewer.permissions.manageAssociation).toBe(true);
    const roles = await t.db.selectFrom('roles').select(['name', 'manage_association', 'position']).where('association_id', '=', b.id).orderBy('position').execute();
    expect(roles.map((r) => [r.name, r.manage_association])).toEqual([['Responsable', 0], ['Coordination', 0], ['Bénévole', 0], ['Responsable (gestion)', 1]]);
  });

  it('refuses a name already used, whatever its case and spaces, naming the field; nothing is saved', async () => {
    const t = await createTestApp();
    const b = await loggedIn(t);
    await createAssociation(b, { name: 'Les Amis du Quartier' });
    const before = await Promise.all([count(t, 'associations'), count(t, 'roles'), count(t, 'handles'), count(t, 'memberships')]);
    for (const name of ['les amis du quartier', '  LES AMIS DU QUARTIER  ']) {
      const res = await b.request('POST', '/api/v1/associations', { name });
      expect(res.status).toBe(422);
      const p = await problemOf(res);
      expect(errorOn(p, 'name')).toMatchObject({ code: 'name_taken', message: 'Une association porte déjà ce nom sur ce site : choisissez-en un autre.' });
    }
    expect(await Promise.all([count(t, 'associations'), count(t, 'roles'), count(t, 'handles'), count(t, 'memberships')])).toEqual(before);
    // A different name gets its own handle, numbered when the words collide.
    const other = await createAssociation(b, { name: 'Les Amis du Quartier (Nord)' });
    expect(other.handle).toBe('les_amis_du_quartier_nord');
  });

  it('numbers the handle when another owner already has it', async () => {
    const t = await createTestApp();
    const b = await loggedIn(t);
    const first = await createAssociation(b, { name: 'Été en fête' });
    const second = await createAssociation(b, { name: 'Ete en fete !' });
    expect([first.handle, second.handle]).toEqual(['ete_en_fete', 'ete_en_fete2']);
    // Fixed paths beside /associations/<handle> are never an association's address.
    expect((await createAssociation(b, { name: 'Nouvelle' })).handle).toBe('nouvelle2');
    expect((await createAssociation(b, { name: 'Sample' })).handle).toBe('sample2');
    const reserved = await b.request('PUT', `/api/v1/associations/${first.id}/handle`, { handle: 'sample' });
    expect(errorOn(await problemOf(reserved), 'handle').code).toBe('handle_reserved');
  });

  it('asks visitors to log in', async () => {
    const t = await createTestApp();
    const res = await new Browser(t).request('POST', '/api/v1/associations', { name: 'Chorale' });
    expect(res.status).toBe(401);
    expect(await count(t, 'associations')).toBe(0);
  });

  it('lets only admins create when creation is closed', async () => {
    const t = await createTestApp();
    await t.services.settings.update(SYSTEM_ACTOR, { associationCreationOpen: false });
    const b = await loggedIn(t);
    const res = await b.request('POST', '/api/v1/associations', { name: 'Chorale' });
    expect(res.status).toBe(403);
    const p = await problemOf(res);
    expect(p.code).toBe('association_creation_closed');
    expect(p.title).toContain('La création d’associations est fermée');
    b.lang = 'en';
    expect((await problemOf(await b.request('POST', '/api/v1/associations', { name: 'Chorale' }))).title).toContain('Creating associations is closed');
    expect(await count(t, 'associations')).toBe(0);
    const admin = await adminBrowser(t);
    expect((await createAssociation(admin, { name: 'Chorale' })).isActive).toBe(true);
  });

  it('starts associations inactive when creation is moderated (except the admin’s own)', async () => {
    const t = await createTestApp();
    await t.services.settings.update(SYSTEM_ACTOR, { associationCreationModerated: true });
    const a = await createAssociation(await loggedIn(t), { name: 'Chorale' });
    expect(a).toMatchObject({ isActive: false, approvedAt: null });
    expect(a.viewer).toMatchObject({ canJoin: false, canLeave: false });
    const own = await createAssociation(await adminBrowser(t), { name: 'Fanfare' });
    expect(own).toMatchObject({ isActive: true, approvedAt: '2026-11-27T10:00:00.000Z' });
  });

  it('writes the creation in the trail', async () => {
    const t = await createTestApp();
    const a = await createAssociation(await loggedIn(t), { name: 'Chorale' });
    const entries = await t.db.selectFrom('audit_log').selectAll().where('association_id', '=', a.id).execute();
    expect(entries).toMatchObject([{ action: 'association.create', target_type: 'association', target_id: a.id, actor_label: 'Marie Curie', changes: JSON.stringify({ name: [null, 'Chorale'] }) }]);
  });
});

describe('bad input on creation', () => {
  const cases: [string, unknown, string][] = [
    ['name', '', 'required'],
    ['name', '   ', 'required'],
    ['name', 'x'.repeat(128), 'too_long'],
    ['name', 12, 'invalid'],
    ['description', 'x'.repeat(5001), 'too_long'],
    ['website', 'amis.example.org', 'association_website_invalid'],
    ['website', 'javascript:alert(1)', 'association_website_invalid'],
    ['website', 'ftp://amis.example.org', 'association_website_invalid'],
    ['website', `https://example.org/${'x'.repeat(190)}`, 'too_long'],
    ['activityFieldCode', '9.9', 'association_activity_field_unknown'],
    ['country', 'France', 'association_country_invalid'],
    ['country', 'XX', 'association_country_invalid'],
    ['country', 'EU', 'association_country_invalid'],
    ['postalCode', '12345678901', 'too_long'],
    ['hasEmployees', 'maybe', 'invalid_choice'],
    ['yearlyIncome', -1, 'too_small'],
    ['yearlyIncome', 10_000_000_001, 'too_big'],
    ['yearlyIncome', 12.5, 'invalid'],
    ['yearlyIncome', '1000', 'invalid'],
    ['timeZone', 'Europe/Lutece', 'association_time_zone_invalid'],
    ['timeZone', '+01:00', 'association_time_zone_invalid'],
    ['isHidden', 'yes', 'invalid'],
    ['moderateMembership', 1, 'invalid'],
    ['moderateDeclarations', null, 'required'],
  ];

  it.each(cases)('refuses %s = %j with %s, saving nothing', async (field, value, code) => {
    const t = await createTestApp();
    const b = await loggedIn(t);
    const res = await b.request('POST', '/api/v1/associations', { name: 'Chorale', [field]: value });
    expect(res.status).toBe(422);
    const p = await problemOf(res);
    expect(fieldsOf(p)).toEqual([field]);
    expect(errorOn(p, field).code).toBe(code);
    expect(await Promise.all([count(t, 'associations'), count(t, 'handles'), count(t, 'roles'), count(t, 'audit_log')])).toEqual([0, 1, 0, 0]);
  });

  it('names every bad field at once, in French or English', async () => {
    const t = await createTestApp();
    const b = await loggedIn(t);
    const body = { name: '', website: 'nope', country: 'ZZ', timeZone: 'Mars/Olympus' };
    const fr = await problemOf(await b.request('POST', '/api/v1/associations', body));
    expect(fieldsOf(fr)).toEqual(['name', 'website', 'country', 'timeZone']);
    expect(errorOn(fr, 'website').message).toBe('Adresse de site non valable : elle commence par https:// ou http://.');
    expect(errorOn(fr, 'country').message).toBe('Pays inconnu : choisissez-en un dans la liste.');
    b.lang = 'en';
    const en = await problemOf(await b.request('POST', '/api/v1/associations', body));
    expect(errorOn(en, 'name').message).toBe('This field is required.');
    expect(errorOn(en, 'timeZone').message).toBe('Unknown time zone: choose one from the list.');
    const unknownField = await problemOf(await b.request('POST', '/api/v1/associations', { name: 'Chorale', activityFieldCode: '0.1' }));
    expect(errorOn(unknownField, 'activityFieldCode').message).toBe('Unknown activity field: choose one from the list.');
    expect(await count(t, 'associations')).toBe(0);
  });

  it('accepts empty optional text as « none », lower-case countries and zones known by alias', async () => {
    const t = await createTestApp();
    const a = await createAssociation(await loggedIn(t), { name: 'Chorale', website: '', postalCode: ' ', activityFieldCode: null, country: 'fr', timeZone: 'Asia/Kolkata' });
    expect(a).toMatchObject({ website: null, postalCode: null, activityField: null, country: 'FR', timeZone: 'Asia/Kolkata' });
  });
});
