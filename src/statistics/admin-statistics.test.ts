/** GET /admin/statistics: the instance's figures (spec §A6), for admins only. */
import { describe, expect, it } from 'vitest';
import { Browser, createTestApp } from '../testing/test-app.ts';
import { account } from '../memberships/testing.ts';
import { addAccount, addAnonymous, addAssociation, addCatalog, insertDeclaration } from './declaration-rows.fixtures.ts';

interface InstanceStatistics {
  activeAssociations: number;
  activeAccounts: number;
  firstDeclarationDate: string | null;
  totals: { declarations: number; minutes: number; distanceHundredths: number; members: number; associations: number };
  byActivityGroup: { code: string; name: string; associations: number }[];
  byActivityField: { code: string; groupCode: string; name: string; associations: number }[];
  associationsWithoutField: number;
  byDefaultCategory: { id: string | null; name: string | null; referenceCode: string | null; entries: number; associations: number; members: number; minutes: number; distanceHundredths: number }[];
}

describe('instance statistics', () => {
  it('counts associations, accounts, the first declaration, fields and groups, and a table per default category', async () => {
    const t = await createTestApp();
    const admin = await account(t, 'admin@exemple.fr', { isAdmin: true });
    const volunteer = await account(t, 'marie@exemple.fr');
    expect((await volunteer.browser.request('GET', '/api/v1/admin/statistics')).status).toBe(403);
    expect((await new Browser(t).request('GET', '/api/v1/admin/statistics')).status).toBe(401);

    const empty = (await (await admin.browser.request('GET', '/api/v1/admin/statistics')).json()) as InstanceStatistics;
    expect(empty.firstDeclarationDate).toBeNull();
    expect(empty.totals).toEqual({ declarations: 0, minutes: 0, distanceHundredths: 0, members: 0, associations: 0 });

    const sport = await addAssociation(t.db, 'Club', { fieldCode: '2.1' });
    const sport2 = await addAssociation(t.db, 'Club 2', { fieldCode: '2.2' });
    const migrants = await addAssociation(t.db, 'Accueil', { fieldCode: '4.11' });
    await addAssociation(t.db, 'Sans domaine', { fieldCode: null });
    await addAssociation(t.db, 'Pas encore approuvée', { fieldCode: '4.11', active: false });
    const cs = await addCatalog(t.db, sport, { categories: 2 });
    const cm = await addCatalog(t.db, migrants, { categories: 2 });
    const c2 = await addCatalog(t.db, sport2, { categories: 1 });
    // A category whose default category was removed: its own row (id null).
    await t.db.updateTable('categories').set({ default_category_id: null }).where('id', '=', c2.categories[0]!).execute();
    const paul = await addAccount(t.db, { firstName: 'Paul' });
    const anon = await addAnonymous(t.db, migrants, 'Jeanne');
    const v = { status: 'validated' as const };
    // Marie declares in two associations, in categories linked to the same default one: one member.
    await insertDeclaration(t.db, { ...v, associationId: sport, author: { type: 'account', id: volunteer.id }, categoryId: cs.categories[0]!, date: '2023-04-02', durationMinutes: 60, distanceHundredths: 5 });
    await insertDeclaration(t.db, { ...v, associationId: migrants, author: { type: 'account', id: volunteer.id }, categoryId: cm.categories[0]!, date: '2024-04-02', durationMinutes: 90, validatedMinutes: 45, reason: 'Pause' });
    await insertDeclaration(t.db, { ...v, associationId: migrants, author: { type: 'anonymous', id: anon }, categoryId: cm.categories[0]!, date: '2025-01-02', durationMinutes: 30 });
    await insertDeclaration(t.db, { ...v, associationId: sport, author: { type: 'account', id: paul }, categoryId: cs.categories[1]!, date: '2025-05-02', durationMinutes: 120 });
    await insertDeclaration(t.db, { ...v, associationId: sport2, author: { type: 'none', id: null }, categoryId: c2.categories[0]!, date: '2025-06-02', durationMinutes: 15 });
    await insertDeclaration(t.db, { status: 'pending', associationId: sport, author: { type: 'account', id: paul }, categoryId: cs.categories[1]!, date: '2020-05-02', durationMinutes: 120 });

    const res = await admin.browser.request('GET', '/api/v1/admin/statistics');
    expect(res.status).toBe(200);
    const s = (await res.json()) as InstanceStatistics;
    expect(s.activeAssociations).toBe(4);
    expect(s.activeAccounts).toBe(3);
    expect(s.firstDeclarationDate).toBe('2023-04-02'); // the pending one of 2020 does not count
    expect(s.totals).toEqual({ declarations: 5, minutes: 60 + 45 + 30 + 120 + 15, distanceHundredths: 5, members: 3, associations: 3 });
    expect(s.byActivityField.find((f) => f.code === '4.11')).toMatchObject({ groupCode: '4', associations: 1, name: 'Aide aux migrants' });
    expect(s.byActivityField.find((f) => f.code === '2.1')!.associations).toBe(1);
    expect(s.byActivityField).toHaveLength(55);
    expect(s.byActivityGroup.map((g) => [g.code, g.associations])).toEqual([['1', 0], ['2', 2], ['3', 0], ['4', 1], ['5', 0], ['6', 0], ['7', 0], ['8', 0]]);
    expect(s.associationsWithoutField).toBe(1);
    const [first, second] = s.byDefaultCategory;
    expect(first).toMatchObject({ referenceCode: 'gouvernance', entries: 3, associations: 2, members: 2, minutes: 135, distanceHundredths: 5 });
    expect(second).toMatchObject({ referenceCode: 'administration', entries: 1, associations: 1, members: 1, minutes: 120 });
    expect(s.byDefaultCategory.at(-1)).toEqual({ id: null, name: null, referenceCode: null, entries: 1, associations: 1, members: 0, minutes: 15, distanceHundredths: 0 });
    expect(s.byDefaultCategory.reduce((n, r) => n + r.minutes, 0)).toBe(s.totals.minutes);

    // Issue 3's /admin/stats still answers as before.
    expect((await admin.browser.request('GET', '/api/v1/admin/stats')).status).toBe(200);
  });
});
