/**
 * Safeguards (spec §A3): at least one active manager remains; a role in use or the
 * default role cannot be deleted; exactly one default role. Each refusal is a 409 (or
 * 403/422 where said) that changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { createTestApp, problemOf, type TestApp } from '../testing/test-app.ts';
import { account, association, join, roleWith, snapshot, type TestAccount, type TestAssociation } from './testing.ts';

async function world(): Promise<{ t: TestApp; manager: TestAccount; a: TestAssociation; membershipId: string }> {
  const t = await createTestApp();
  const manager = await account(t, 'responsable@exemple.fr');
  const a = await association(t, 'Club de voile', { creatorId: manager.id });
  const row = await t.db.selectFrom('memberships').select('id').where('account_id', '=', manager.id).executeTakeFirstOrThrow();
  return { t, manager, a, membershipId: row.id };
}

/** Runs a refused request: expects the status and code, and that nothing changed. */
async function refused(t: TestApp, a: TestAssociation, run: () => Promise<Response>, status: number, code: string) {
  const before = await snapshot(t, a.id);
  const res = await run();
  expect(res.status).toBe(status);
  expect((await problemOf(res)).code).toBe(code);
  expect(await snapshot(t, a.id)).toEqual(before);
}

describe('the last manager', () => {
  it('cannot leave, even with other members; can once another manager exists', async () => {
    const { t, manager, a } = await world();
    const volunteer = await account(t, 'benevole@exemple.fr');
    await join(t, a, volunteer.id);
    await refused(t, a, () => manager.browser.request('DELETE', `/api/v1/associations/${a.id}/membership`), 409, 'last_manager');
    const res = await manager.browser.request('DELETE', `/api/v1/associations/${a.id}/membership`);
    expect((await problemOf(res)).title).toContain('Club de voile');

    const second = await account(t, 'second@exemple.fr');
    await join(t, a, second.id, 'Responsable');
    expect((await manager.browser.request('DELETE', `/api/v1/associations/${a.id}/membership`)).status).toBe(204);
    expect(await t.db.selectFrom('memberships').select('id').where('account_id', '=', manager.id).execute()).toEqual([]);
  });

  it('a pending member with a managing role does not count as a manager', async () => {
    const { t, manager, a } = await world();
    const pending = await account(t, 'attente@exemple.fr');
    await join(t, a, pending.id, 'Responsable', 'pending');
    await refused(t, a, () => manager.browser.request('DELETE', `/api/v1/associations/${a.id}/membership`), 409, 'last_manager');
  });

  it('cannot be removed, by themselves or by the admin', async () => {
    const { t, manager, a, membershipId } = await world();
    const admin = await account(t, 'admin@exemple.fr', { isAdmin: true });
    for (const b of [manager.browser, admin.browser]) {
      await refused(t, a, () => b.request('DELETE', `/api/v1/associations/${a.id}/members/${membershipId}`), 409, 'last_manager');
    }
  });

  it('cannot be given a role that does not manage; can be given another managing role', async () => {
    const { t, manager, a, membershipId } = await world();
    await refused(
      t, a,
      () => manager.browser.request('PATCH', `/api/v1/associations/${a.id}/members/${membershipId}`, { roleId: a.roles.Coordination }),
      409, 'last_manager',
    );
    const other = await roleWith(t, a, 'Présidence', ['manage_association']);
    const res = await manager.browser.request('PATCH', `/api/v1/associations/${a.id}/members/${membershipId}`, { roleId: other });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { role: { name: string } }).role.name).toBe('Présidence');
  });

  it('their role cannot lose « gérer l’association »; it can once a manager has another role', async () => {
    const { t, manager, a } = await world();
    const patch = () =>
      manager.browser.request('PATCH', `/api/v1/associations/${a.id}/roles/${a.roles.Responsable}`, { permissions: { manageAssociation: false } });
    await refused(t, a, patch, 409, 'last_manager');

    const other = await account(t, 'presidente@exemple.fr');
    const presidency = await roleWith(t, a, 'Présidence', ['manage_association']);
    await join(t, a, other.id, 'Présidence');
    const res = await patch();
    expect(res.status).toBe(200);
    expect(((await res.json()) as { permissions: { manageAssociation: boolean } }).permissions.manageAssociation).toBe(false);
    expect(presidency).toBeTruthy();
  });

  it('a role without active managers may lose the permission', async () => {
    const { t, manager, a } = await world();
    const unused = await roleWith(t, a, 'Ancien bureau', ['manage_association']);
    const res = await manager.browser.request('PATCH', `/api/v1/associations/${a.id}/roles/${unused}`, { permissions: { manageAssociation: false } });
    expect(res.status).toBe(200);
  });
});

describe('roles', () => {
  it('a role in use cannot be deleted (pending members count); an unused one can', async () => {
    const { t, manager, a } = await world();
    const helpers = await roleWith(t, a, 'Aide', []);
    const pending = await account(t, 'attente@exemple.fr');
    await join(t, a, pending.id, 'Aide', 'pending');
    await refused(t, a, () => manager.browser.request('DELETE', `/api/v1/associations/${a.id}/roles/${helpers}`), 409, 'role_in_use');
    await t.db.deleteFrom('memberships').where('account_id', '=', pending.id).execute();
    expect((await manager.browser.request('DELETE', `/api/v1/associations/${a.id}/roles/${helpers}`)).status).toBe(204);
    expect(await t.db.selectFrom('roles').select('id').where('id', '=', helpers).execute()).toEqual([]);
  });

  it('the default role cannot be deleted, even unused', async () => {
    const { t, manager, a } = await world();
    await refused(t, a, () => manager.browser.request('DELETE', `/api/v1/associations/${a.id}/roles/${a.roles.Bénévole}`), 409, 'role_is_default');
  });

  it('making a role default unsets the other; exactly one default remains', async () => {
    const { t, manager, a } = await world();
    const created = await manager.browser.request('POST', `/api/v1/associations/${a.id}/roles`, { name: 'Jeune', isDefault: true, permissions: {} });
    expect(created.status).toBe(201);
    const young = (await created.json()) as { id: string; isDefault: boolean };
    expect(young.isDefault).toBe(true);
    const defaults = () => t.db.selectFrom('roles').select('id').where('association_id', '=', a.id).where('is_default', '=', 1).execute();
    expect(await defaults()).toEqual([{ id: young.id }]);

    const back = await manager.browser.request('PATCH', `/api/v1/associations/${a.id}/roles/${a.roles.Bénévole}`, { isDefault: true });
    expect(back.status).toBe(200);
    expect(await defaults()).toEqual([{ id: a.roles.Bénévole }]);

    // Unsetting the default without choosing another is refused, naming the field.
    const before = await snapshot(t, a.id);
    const res = await manager.browser.request('PATCH', `/api/v1/associations/${a.id}/roles/${a.roles.Bénévole}`, { isDefault: false });
    expect(res.status).toBe(422);
    expect((await problemOf(res)).errors).toEqual([expect.objectContaining({ field: 'isDefault', code: 'role_default_required' })]);
    expect(await snapshot(t, a.id)).toEqual(before);
  });

  it('names must differ within the association, case and spaces aside', async () => {
    const { t, manager, a } = await world();
    const before = await snapshot(t, a.id);
    const res = await manager.browser.request('POST', `/api/v1/associations/${a.id}/roles`, { name: '  coordination ', permissions: {} });
    expect(res.status).toBe(422);
    expect((await problemOf(res)).errors).toEqual([expect.objectContaining({ field: 'name', code: 'role_name_taken' })]);
    expect(await snapshot(t, a.id)).toEqual(before);
  });

  it('only managers give, take away or delete « gérer l’association » (no self-promotion)', async () => {
    const { t, a } = await world();
    const roleKeeper = await account(t, 'roles@exemple.fr');
    await roleWith(t, a, 'Gestion des rôles', ['manage_roles', 'manage_members']);
    await join(t, a, roleKeeper.id, 'Gestion des rôles');
    const mine = a.roles['Gestion des rôles']!;
    const b = roleKeeper.browser;
    await refused(t, a, () => b.request('PATCH', `/api/v1/associations/${a.id}/roles/${mine}`, { permissions: { manageAssociation: true } }), 403, 'role_manager_only');
    await refused(t, a, () => b.request('POST', `/api/v1/associations/${a.id}/roles`, { name: 'Chef', permissions: { manageAssociation: true } }), 403, 'role_manager_only');
    const unused = await roleWith(t, a, 'Ancien bureau', ['manage_association']);
    await refused(t, a, () => b.request('DELETE', `/api/v1/associations/${a.id}/roles/${unused}`), 403, 'role_manager_only');
    const own = await t.db.selectFrom('memberships').select('id').where('account_id', '=', roleKeeper.id).executeTakeFirstOrThrow();
    await refused(t, a, () => b.request('PATCH', `/api/v1/associations/${a.id}/members/${own.id}`, { roleId: a.roles.Responsable }), 403, 'role_manager_only');
    const managerRow = await t.db.selectFrom('memberships').select('id').where('role_id', '=', a.roles.Responsable!).executeTakeFirstOrThrow();
    await refused(t, a, () => b.request('DELETE', `/api/v1/associations/${a.id}/members/${managerRow.id}`), 403, 'role_manager_only');
  });

  it('a managing role is stored with every permission (it implies them all)', async () => {
    const { manager, a } = await world();
    const res = await manager.browser.request('POST', `/api/v1/associations/${a.id}/roles`, { name: 'Bureau', permissions: { manageAssociation: true } });
    expect(res.status).toBe(201);
    const role = (await res.json()) as { permissions: Record<string, boolean> };
    expect(Object.values(role.permissions).every(Boolean)).toBe(true);
  });
});
