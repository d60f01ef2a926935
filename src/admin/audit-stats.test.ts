/** /admin/audit (the whole site's trail, keyset pages) and /admin/stats. */
import { describe, expect, it } from 'vitest';
import { MINUTE } from '../lib/clock.ts';
import { Browser, PASSWORD, accountRow, createTestApp, fieldsOf, loggedIn, problemOf, type TestApp } from '../testing/test-app.ts';

async function asAdmin(t: TestApp, email = 'admin@exemple.fr'): Promise<Browser> {
  const b = await loggedIn(t, email);
  await t.db.updateTable('accounts').set({ is_admin: 1 }).where('email', '=', email).execute();
  return b;
}

interface Entry { id: string; associationId: string | null; action: string; targetType: string; createdAt: string; actor: { accountId: string | null; label: string }; changes: unknown }
const audit = async (b: Browser, query = '') => ((await (await b.request('GET', `/api/v1/admin/audit${query}`)).json()) as { items: Entry[] }).items;

describe('admin audit trail', () => {
  it('lists every change newest first, page after page, and by association', async () => {
    const t = await createTestApp();
    const admin = await asAdmin(t);
    const { id: adminId } = await accountRow(t, 'admin@exemple.fr');
    for (const title of ['Un', 'Deux', 'Trois']) {
      await admin.request('POST', '/api/v1/admin/announcements', { title, content: 'Texte' });
    }
    t.clock.advance(MINUTE);
    const { id: associationId } = (await (await admin.request('POST', '/api/v1/associations', { name: 'La Chorale' })).json()) as { id: string };

    const all = await audit(admin);
    expect(all.length).toBeGreaterThanOrEqual(4);
    expect(all[0]).toMatchObject({ associationId, actor: { accountId: adminId, label: 'Marie Curie' } });
    const announcements = all.filter((e) => e.targetType === 'announcement');
    expect(announcements.map((e) => (e.changes as { title: [null, string] }).title[1])).toEqual(['Trois', 'Deux', 'Un']);

    // Keyset pages: the same entries, none twice, even with equal instants.
    const first = await audit(admin, '?limit=2');
    const last = first[1]!;
    const rest = await audit(admin, `?limit=200&before=${encodeURIComponent(`${last.createdAt},${last.id}`)}`);
    expect([...first, ...rest].map((e) => e.id)).toEqual(all.map((e) => e.id));

    const ofAssociation = await audit(admin, `?associationId=${associationId}`);
    expect(ofAssociation.length).toBeGreaterThan(0);
    expect(ofAssociation.every((e) => e.associationId === associationId)).toBe(true);
  });

  it('names bad query parameters and ignores empty ones', async () => {
    const t = await createTestApp();
    const admin = await asAdmin(t);
    const p = await problemOf(await admin.request('GET', '/api/v1/admin/audit?before=hier&limit=500'));
    expect(fieldsOf(p).sort()).toEqual(['before', 'limit']);
    // Empty filters, as a form sends them, mean no filter.
    await admin.request('PATCH', '/api/v1/admin/settings', { name: 'Autre nom' });
    expect((await audit(admin, '?associationId=&before=')).map((e) => e.action)).toEqual(['settings.update']);
  });
});

describe('admin statistics', () => {
  it('counts accounts, associations by state and memberships', async () => {
    const t = await createTestApp();
    const admin = await asAdmin(t);
    expect(await (await admin.request('GET', '/api/v1/admin/stats')).json()).toEqual({
      accounts: 1, activeAccounts: 1, associations: 0, activeAssociations: 0, pendingAssociations: 0, orphanedAssociations: 0, memberships: 0,
    });
    const manager = await loggedIn(t, 'responsable@exemple.fr');
    await manager.request('POST', '/api/v1/associations', { name: 'La Chorale' });
    await admin.request('PATCH', '/api/v1/admin/settings', { associationCreationModerated: true });
    await manager.request('POST', '/api/v1/associations', { name: 'Le Potager' });
    await new Browser(t).request('POST', '/api/v1/accounts', { email: 'zoe@exemple.fr', password: PASSWORD, pseudo: 'zoe', acceptTerms: true, ageConfirmation: true });
    const leaving = await loggedIn(t, 'depart@exemple.fr');
    await leaving.request('POST', '/api/v1/me/deletion', { currentPassword: PASSWORD });

    expect(await (await admin.request('GET', '/api/v1/admin/stats')).json()).toEqual({
      accounts: 3, // admin, manager, zoe (not activated); the deleted one is not counted
      activeAccounts: 2,
      associations: 2,
      activeAssociations: 1,
      pendingAssociations: 1,
      orphanedAssociations: 0,
      memberships: 2,
    });
  });
});
