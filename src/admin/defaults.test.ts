/** Default categories, levels and roles: CRUD, unique names, reference codes, the default-role rules. */
import { describe, expect, it } from 'vitest';
import { Browser, createTestApp, errorOn, fieldsOf, loggedIn, problemOf, type TestApp } from '../testing/test-app.ts';
import { createAssociation } from '../associations/association.fixtures.ts';

async function asAdmin(t: TestApp, email = 'admin@exemple.fr'): Promise<Browser> {
  const b = await loggedIn(t, email);
  await t.db.updateTable('accounts').set({ is_admin: 1 }).where('email', '=', email).execute();
  return b;
}

interface Role { id: string; name: string; isDefault: boolean; permissions: Record<string, boolean> }
const items = async <T>(b: Browser, path: string) => ((await (await b.request('GET', path)).json()) as { items: T[] }).items;
const CATEGORIES = '/api/v1/admin/default-categories';
const LEVELS = '/api/v1/admin/default-levels';
const ROLES = '/api/v1/admin/default-roles';

describe('default categories', () => {
  it('lists the seeded ones and adds, renames and deletes, audited', async () => {
    const t = await createTestApp();
    const admin = await asAdmin(t);
    const seeded = await items<{ name: string; referenceCode: string }>(admin, CATEGORIES);
    expect(seeded).toHaveLength(10);
    expect(seeded[0]).toMatchObject({ referenceCode: 'gouvernance', description: null, position: 1 });

    const res = await admin.request('POST', CATEGORIES, { name: ' Jardinage ', description: 'Potager partagé', referenceCode: 'animation' });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string };
    expect(created).toMatchObject({ name: 'Jardinage', description: 'Potager partagé', referenceCode: 'animation', position: 11 });
    const renamed = await admin.request('PATCH', `${CATEGORIES}/${created.id}`, { name: 'Jardins', description: null, referenceCode: 'logistique' });
    expect(await renamed.json()).toMatchObject({ name: 'Jardins', description: null, referenceCode: 'logistique' });
    expect((await admin.request('DELETE', `${CATEGORIES}/${created.id}`)).status).toBe(204);
    expect((await admin.request('DELETE', `${CATEGORIES}/${created.id}`)).status).toBe(404);
    expect(await items(admin, CATEGORIES)).toHaveLength(10);

    const audit = await items<{ action: string; changes: Record<string, unknown> }>(admin, '/api/v1/admin/audit');
    expect(audit.map((e) => e.action)).toEqual(['default_category.delete', 'default_category.update', 'default_category.create']);
    expect(audit[1]!.changes).toEqual({ name: ['Jardinage', 'Jardins'], description: ['Potager partagé', null], referenceCode: ['animation', 'logistique'] });
  });

  it('refuses a name taken in another case, an unknown reference code and a missing name, saving nothing', async () => {
    const t = await createTestApp();
    const admin = await asAdmin(t);
    const taken = await problemOf(await admin.request('POST', CATEGORIES, { name: 'COMMUNICATION ET PROMOTION', referenceCode: 'autre' }));
    expect(taken.status).toBe(422);
    expect(errorOn(taken, 'name').message).toBe('Ce nom est déjà utilisé : choisissez-en un autre.');
    const unknown = await problemOf(await admin.request('POST', CATEGORIES, { name: 'Cuisine', referenceCode: 'cuisine' }));
    expect(errorOn(unknown, 'referenceCode').code).toBe('default_reference_unknown');
    admin.lang = 'en';
    const missing = await problemOf(await admin.request('POST', CATEGORIES, { description: 'x'.repeat(501) }));
    expect(fieldsOf(missing).sort()).toEqual(['description', 'name', 'referenceCode']);
    expect(errorOn(missing, 'name').message).toBe('This field is required.');
    expect(await items(admin, CATEGORIES)).toHaveLength(10);
    // Renaming to its own name in another case is no conflict.
    const [first] = await items<{ id: string; name: string }>(admin, CATEGORIES);
    expect((await admin.request('PATCH', `${CATEGORIES}/${first!.id}`, { name: first!.name.toUpperCase() })).status).toBe(200);
  });

  it('deleting one leaves the associations’ copies, no longer linked to it', async () => {
    const t = await createTestApp();
    const admin = await asAdmin(t);
    const created = (await (await admin.request('POST', '/api/v1/associations', { name: 'La Chorale' })).json()) as { id: string };
    const copies = () => t.db.selectFrom('categories').selectAll().where('association_id', '=', created.id).where('reference_code', '=', 'gouvernance').execute();
    const [copy] = await copies();
    expect(copy?.default_category_id).not.toBeNull();
    expect((await admin.request('DELETE', `${CATEGORIES}/${copy!.default_category_id}`)).status).toBe(204);
    expect(await copies()).toEqual([{ ...copy, default_category_id: null }]);
  });
});

describe('default levels', () => {
  it('adds, edits, refuses duplicates and deletes', async () => {
    const t = await createTestApp();
    const admin = await asAdmin(t);
    expect((await items<{ name: string }>(admin, LEVELS)).map((l) => l.name)).toEqual(['Participation', 'Encadrement', 'Expertise']);
    const res = await admin.request('POST', LEVELS, { name: 'Débutant', description: 'Premiers pas' });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const dup = await problemOf(await admin.request('PATCH', `${LEVELS}/${id}`, { name: 'expertise' }));
    expect(errorOn(dup, 'name').code).toBe('default_name_taken');
    expect(await (await admin.request('PATCH', `${LEVELS}/${id}`, { description: '  ' })).json()).toMatchObject({ name: 'Débutant', description: null });
    expect((await admin.request('DELETE', `${LEVELS}/${id}`)).status).toBe(204);
    expect(await items(admin, LEVELS)).toHaveLength(3);
  });
});

describe('default roles', () => {
  it('keeps exactly one default role', async () => {
    const t = await createTestApp();
    const admin = await asAdmin(t);
    const seeded = await items<Role>(admin, ROLES);
    expect(seeded.map((r) => [r.name, r.isDefault])).toEqual([['Responsable', false], ['Coordination', false], ['Bénévole', true]]);
    const benevole = seeded[2]!;

    const unset = await admin.request('PATCH', `${ROLES}/${benevole.id}`, { isDefault: false });
    expect(unset.status).toBe(409);
    expect((await problemOf(unset)).code).toBe('default_role_keep_default');
    const del = await admin.request('DELETE', `${ROLES}/${benevole.id}`);
    expect(del.status).toBe(409);
    expect((await problemOf(del)).code).toBe('default_role_is_default');

    const res = await admin.request('POST', ROLES, { name: 'Sympathisant', isDefault: true, permissions: { listMembers: true } });
    expect(res.status).toBe(201);
    const created = (await res.json()) as Role;
    expect(created).toMatchObject({ isDefault: true, permissions: { listMembers: true, manageMembers: false, manageAssociation: false } });
    expect((await items<Role>(admin, ROLES)).filter((r) => r.isDefault).map((r) => r.name)).toEqual(['Sympathisant']);

    expect((await admin.request('PATCH', `${ROLES}/${benevole.id}`, { isDefault: true })).status).toBe(200);
    expect((await items<Role>(admin, ROLES)).filter((r) => r.isDefault).map((r) => r.name)).toEqual(['Bénévole']);
    expect((await admin.request('DELETE', `${ROLES}/${created.id}`)).status).toBe(204);
  });

  it('keeps at least one role that manages the association (given to creators)', async () => {
    const t = await createTestApp();
    const admin = await asAdmin(t);
    const [responsable] = await items<Role>(admin, ROLES);
    const lose = await admin.request('PATCH', `${ROLES}/${responsable!.id}`, { permissions: { manageAssociation: false } });
    expect(lose.status).toBe(409);
    expect((await problemOf(lose)).code).toBe('default_role_manager_needed');
    expect((await admin.request('DELETE', `${ROLES}/${responsable!.id}`)).status).toBe(409);

    const other = (await (await admin.request('POST', ROLES, { name: 'Présidence', permissions: { manageAssociation: true } })).json()) as Role;
    expect(Object.values(other.permissions).every(Boolean)).toBe(true); // managing implies every right
    expect((await admin.request('DELETE', `${ROLES}/${responsable!.id}`)).status).toBe(204);
    const edited = await admin.request('PATCH', `${ROLES}/${other.id}`, { name: 'Bureau', description: 'Les élus', permissions: { manageProjects: false } });
    expect(await edited.json()).toMatchObject({ name: 'Bureau', description: 'Les élus', permissions: { manageAssociation: true } });
  });

  it('validates names and permissions, naming fields, and audits changes', async () => {
    const t = await createTestApp();
    const admin = await asAdmin(t);
    const bad = await problemOf(await admin.request('POST', ROLES, { name: 'r'.repeat(61), permissions: { manageMembers: 'oui' } }));
    expect(fieldsOf(bad).sort()).toEqual(['name', 'permissions.manageMembers']);
    const dup = await problemOf(await admin.request('POST', ROLES, { name: 'bénévole' }));
    expect(errorOn(dup, 'name').code).toBe('default_name_taken');
    expect(await items(admin, ROLES)).toHaveLength(3);

    const [, coordination] = await items<Role>(admin, ROLES);
    await admin.request('PATCH', `${ROLES}/${coordination!.id}`, { permissions: { manageDeclarations: false, manageProjects: true } });
    const [entry] = await items<{ action: string; targetType: string; changes: Record<string, unknown> }>(admin, '/api/v1/admin/audit');
    expect(entry).toMatchObject({ action: 'default_role.update', targetType: 'default_role', changes: { manageDeclarations: [true, false], manageProjects: [false, true] } });
  });
});

describe('changing a default category’s reference category', () => {
  it('carries the change to the associations’ linked categories, so statistics stay comparable', async () => {
    const t = await createTestApp();
    const admin = await asAdmin(t);
    const association = await createAssociation(admin, { name: 'Jardin partagé' });
    const seeded = await items<{ id: string; name: string; referenceCode: string }>(admin, CATEGORIES);
    const other = seeded.find((c) => c.referenceCode === 'autre')!;
    const res = await admin.request('PATCH', `${CATEGORIES}/${other.id}`, { referenceCode: 'logistique' });
    expect(res.status).toBe(200);
    const copies = await t.db
      .selectFrom('categories')
      .select(['reference_code'])
      .where('association_id', '=', association.id)
      .where('default_category_id', '=', other.id)
      .execute();
    expect(copies).toEqual([{ reference_code: 'logistique' }]);
  });
});
