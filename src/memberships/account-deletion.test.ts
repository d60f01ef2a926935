/**
 * Deleting an account (product spec §A1, contract « last manager deleting their account »):
 * refused while its owner is the last manager of an association with other active
 * members; otherwise its memberships go, and an association left without anyone is
 * orphaned (kept, for the instance admin to appoint a manager or delete it).
 */
import { describe, expect, it } from 'vitest';
import { PASSWORD, createTestApp, problemOf, type TestApp } from '../testing/test-app.ts';
import { account, association, join, snapshot } from './testing.ts';

const deleteAccount = (b: { request: (m: string, p: string, body?: unknown) => Promise<Response> }) =>
  b.request('POST', '/api/v1/me/deletion', { currentPassword: PASSWORD });

const membershipsOf = (t: TestApp, accountId: string) =>
  t.db.selectFrom('memberships').select('association_id').where('account_id', '=', accountId).execute();

describe('account deletion and associations', () => {
  it('is refused (409 last_manager, naming the associations) for the last manager of associations with other active members', async () => {
    const t = await createTestApp();
    const manager = await account(t, 'responsable@exemple.fr');
    const a = await association(t, 'Club de voile', { creatorId: manager.id });
    const b = await association(t, 'Chorale', { creatorId: manager.id });
    for (const [target, email] of [[a, 'marie@exemple.fr'], [b, 'paul@exemple.fr']] as const) {
      await join(t, target, (await account(t, email)).id);
    }
    const before = [await snapshot(t, a.id), await snapshot(t, b.id)];
    const res = await deleteAccount(manager.browser);
    expect(res.status).toBe(409);
    const problem = await problemOf(res);
    expect(problem.code).toBe('last_manager');
    expect(problem.detail).toContain('Chorale, Club de voile');
    expect([await snapshot(t, a.id), await snapshot(t, b.id)]).toEqual(before);
    const row = await t.db.selectFrom('accounts').select(['status', 'email']).where('id', '=', manager.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'active', email: 'responsable@exemple.fr' });
    expect((await manager.browser.request('GET', '/api/v1/me')).status).toBe(200);
  });

  it('goes ahead for a sole member: the association stays, orphaned, without members', async () => {
    const t = await createTestApp();
    const manager = await account(t, 'responsable@exemple.fr', { firstName: 'Zoé' });
    const a = await association(t, 'Club de voile', { creatorId: manager.id, moderateMembership: true });
    // A pending request does not make a member who could take over.
    await join(t, a, (await account(t, 'attente@exemple.fr')).id, 'Bénévole', 'pending');
    expect((await deleteAccount(manager.browser)).status).toBe(204);
    expect(await membershipsOf(t, manager.id)).toEqual([]);
    expect(await t.db.selectFrom('associations').select('id').where('id', '=', a.id).execute()).toEqual([{ id: a.id }]);
    const managers = await t.db
      .selectFrom('memberships')
      .innerJoin('roles', 'roles.id', 'memberships.role_id')
      .select('memberships.id')
      .where('memberships.association_id', '=', a.id)
      .where('roles.manage_association', '=', 1)
      .execute();
    expect(managers).toEqual([]);
    const entry = await t.db.selectFrom('audit_log').selectAll().where('association_id', '=', a.id).executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ action: 'membership.account_deleted', actor_label: 'Zoé', changes: JSON.stringify({ account: ['Zoé', null] }) });
  });

  it('goes ahead when another manager remains, and for plain members; their memberships are removed', async () => {
    const t = await createTestApp();
    const manager = await account(t, 'responsable@exemple.fr');
    const a = await association(t, 'Club de voile', { creatorId: manager.id });
    const second = await account(t, 'second@exemple.fr');
    await join(t, a, second.id, 'Responsable');
    const volunteer = await account(t, 'benevole@exemple.fr');
    await join(t, a, volunteer.id);
    expect((await deleteAccount(volunteer.browser)).status).toBe(204);
    expect((await deleteAccount(manager.browser)).status).toBe(204);
    expect(await membershipsOf(t, volunteer.id)).toEqual([]);
    expect(await membershipsOf(t, manager.id)).toEqual([]);
    expect(await membershipsOf(t, second.id)).toEqual([{ association_id: a.id }]);
    // The remaining manager is now the last one.
    const res = await second.browser.request('DELETE', `/api/v1/associations/${a.id}/membership`);
    expect(res.status).toBe(409);
  });
});
