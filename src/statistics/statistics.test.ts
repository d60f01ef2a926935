/** GET /associations/{id}/statistics: figures checked against an independent recomputation, and who may see them. */
import { beforeEach, describe, expect, it } from 'vitest';
import { Browser, createTestApp, type TestApp } from '../testing/test-app.ts';
import { account, anonymousBrowser, association, join, roleWith, type TestAccount, type TestAssociation } from '../memberships/testing.ts';
import { addAnonymous, addCatalog, edit, expectMatches, insertDeclaration, recompute, reject, remove, validate, type Catalog, type StatisticsBody as Statistics } from './declaration-rows.fixtures.ts';

describe('association statistics', () => {
  let t: TestApp;
  let manager: TestAccount;
  let a: TestAssociation;
  let cat: Catalog;

  async function stats(b: Browser, year?: number): Promise<Statistics> {
    const res = await b.request('GET', `/api/v1/associations/${a.id}/statistics${year ? `?year=${year}` : ''}`);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as Statistics;
  }

  beforeEach(async () => {
    t = await createTestApp();
    manager = await account(t, 'gestion@exemple.fr');
    a = await association(t, 'Les Jardins', { creatorId: manager.id });
    cat = await addCatalog(t.db, a.id, { categories: 3, levels: 2, projects: 1 });
  });

  it('counts validated declarations only, for their validated minutes, by category, level, project and month', async () => {
    const marie = await account(t, 'marie@exemple.fr');
    const paul = await account(t, 'paul@exemple.fr');
    const anon = await addAnonymous(t.db, a.id, 'Jeanne');
    const [c1, c2, c3] = cat.categories as [string, string, string];
    const base = { associationId: a.id, status: 'validated' as const };
    await insertDeclaration(t.db, { ...base, author: { type: 'account', id: marie.id }, categoryId: c1, levelId: cat.levels[0], projectId: cat.projects[0], date: '2026-03-02', durationMinutes: 150, distanceHundredths: 10 });
    await insertDeclaration(t.db, { ...base, author: { type: 'account', id: marie.id }, categoryId: c1, date: '2026-03-20', durationMinutes: 60, distanceHundredths: 20 });
    // Partially validated: 90 of 120 minutes count.
    await insertDeclaration(t.db, { ...base, author: { type: 'account', id: paul.id }, categoryId: c2, levelId: cat.levels[1], date: '2026-07-14', durationMinutes: 120, validatedMinutes: 90, reason: 'Pause déjeuner' });
    await insertDeclaration(t.db, { ...base, author: { type: 'anonymous', id: anon }, categoryId: c1, date: '2025-12-31', durationMinutes: 420 });
    // Nobody as author: counted, but no member.
    await insertDeclaration(t.db, { ...base, author: { type: 'none', id: null }, categoryId: c2, date: '2024-01-01', durationMinutes: 0, distanceHundredths: 1250 });
    // Never counted: pending and rejected.
    await insertDeclaration(t.db, { associationId: a.id, status: 'pending', author: { type: 'account', id: paul.id }, categoryId: c3, date: '2026-05-01', durationMinutes: 600 });
    await insertDeclaration(t.db, { associationId: a.id, status: 'rejected', author: { type: 'account', id: paul.id }, categoryId: c3, date: '2026-05-02', durationMinutes: 700 });

    const total = await stats(manager.browser);
    expect(total.year).toBeNull();
    expect(total.years).toEqual([2024, 2025, 2026]);
    // Figures worked out by hand: 150 + 60 + 90 + 420 + 0 minutes; 0.1 + 0.2 + 12.5 km.
    expect(total.totals).toEqual({ declarations: 5, minutes: 720, distanceHundredths: 1280, members: 3 });
    expect(total.byCategory.map((r) => [r.name, r.entries, r.members, r.minutes, r.distanceHundredths])).toEqual([
      ['Catégorie 1', 3, 2, 630, 30],
      ['Catégorie 2', 2, 1, 90, 1250],
      ['Catégorie 3', 0, 0, 0, 0],
    ]);
    expect(total.byCategory[0]!.referenceCode).toBe('gouvernance');
    expect(total.byLevel.map((r) => [r.name, r.entries, r.minutes])).toEqual([['Niveau 1', 1, 150], ['Niveau 2', 1, 90], [null, 3, 480]]);
    expect(total.byProject.map((r) => [r.name, r.entries, r.minutes])).toEqual([['Projet 1', 1, 150], [null, 4, 570]]);
    expect(total.byMonth[0]).toEqual({ month: '2024-01', minutes: 0 });
    expect(total.byMonth.at(-1)).toEqual({ month: '2026-11', minutes: 0 });
    expect(total.byMonth).toHaveLength(35);
    expectMatches(total, await recompute(t.db, a.id, null));

    const y2026 = await stats(manager.browser, 2026);
    expect(y2026.year).toBe(2026);
    expect(y2026.totals).toEqual({ declarations: 3, minutes: 300, distanceHundredths: 30, members: 2 });
    expect(y2026.byMonth.map((m) => m.month)).toEqual(Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`));
    expect(y2026.byMonth.find((m) => m.month === '2026-03')!.minutes).toBe(210);
    expectMatches(y2026, await recompute(t.db, a.id, 2026));
    for (const year of [2024, 2025, 2023]) expectMatches(await stats(manager.browser, year), await recompute(t.db, a.id, year));
  });

  it('follows validations, rejections, edits and deletions', async () => {
    const marie = await account(t, 'marie@exemple.fr');
    const base = { associationId: a.id, author: { type: 'account' as const, id: marie.id }, categoryId: cat.categories[0]! };
    const d1 = await insertDeclaration(t.db, { ...base, status: 'pending', date: '2026-02-01', durationMinutes: 100 });
    const d2 = await insertDeclaration(t.db, { ...base, status: 'validated', date: '2025-02-01', durationMinutes: 200 });
    expect((await stats(manager.browser)).totals.minutes).toBe(200);
    await validate(t.db, d1, 80, 'Moins que déclaré');
    expect((await stats(manager.browser)).totals).toMatchObject({ declarations: 2, minutes: 280, members: 1 });
    await edit(t.db, d2, { categoryId: cat.categories[1]!, durationMinutes: 150, date: '2026-06-01' }, 'manager', false);
    let s = await stats(manager.browser, 2026);
    expect(s.totals).toMatchObject({ declarations: 2, minutes: 230 });
    expectMatches(s, await recompute(t.db, a.id, 2026));
    expect((await stats(manager.browser)).years).toEqual([2026]);
    await edit(t.db, d1, { durationMinutes: 90 }, 'author', true); // pending again
    await reject(t.db, d1, 'Doublon');
    s = await stats(manager.browser);
    expect(s.totals).toMatchObject({ declarations: 1, minutes: 150 });
    await remove(t.db, d2);
    s = await stats(manager.browser);
    expect(s.totals).toEqual({ declarations: 0, minutes: 0, distanceHundredths: 0, members: 0 });
    expect(s.years).toEqual([]);
    expect(s.byMonth).toEqual([]);
  });

  it('is for members who list members, manage declarations or manage the association, and admins', async () => {
    await insertDeclaration(t.db, { associationId: a.id, author: { type: 'none', id: null }, categoryId: cat.categories[0]!, status: 'validated', date: '2026-01-05', durationMinutes: 30 });
    const path = `/api/v1/associations/${a.id}/statistics`;
    const as = async (roleName: string | null, permissions?: string[], status: 'active' | 'pending' = 'active') => {
      const who = await account(t, `${roleName ?? 'x'}-${Math.random()}@exemple.fr`);
      if (permissions) await roleWith(t, a, roleName!, permissions);
      if (roleName) await join(t, a, who.id, roleName, status);
      return (await who.browser.request('GET', path)).status;
    };
    expect(await as('Coordination')).toBe(200);
    expect(await as('Lecture', ['list_members'])).toBe(200);
    expect(await as('Déclarations', ['manage_declarations'])).toBe(200);
    expect(await as('Bénévole')).toBe(403);
    expect(await as('Catégories', ['manage_categories', 'manage_projects', 'manage_roles'])).toBe(403);
    expect(await as('Responsable', undefined, 'pending')).toBe(403);
    expect(await as(null)).toBe(403); // a stranger to the association
    expect((await new Browser(t).request('GET', path)).status).toBe(401);
    const admin = await account(t, 'admin@exemple.fr', { isAdmin: true });
    expect((await admin.browser.request('GET', path)).status).toBe(200);
    const other = await association(t, 'Autre', { creatorId: manager.id });
    const secret = await account(t, 'cachee@exemple.fr');
    const hidden = await association(t, 'En attente', { creatorId: secret.id, isActive: false });
    expect((await manager.browser.request('GET', `/api/v1/associations/${hidden.id}/statistics`)).status).toBe(404);
    expect((await manager.browser.request('GET', `/api/v1/associations/${other.handle}/statistics`)).status).toBe(200);
    expect((await manager.browser.request('GET', `${path}?year=1999`)).status).toBe(422);
  });

  it('refuses anonymous members', async () => {
    const res = await manager.browser.request('POST', `/api/v1/associations/${a.id}/anonymous-members`, { name: 'Jeanne' });
    expect(res.status).toBe(201);
    const { link } = (await res.json()) as { link: string };
    const { browser } = await anonymousBrowser(t, link);
    expect((await browser.request('GET', `/api/v1/associations/${a.id}/statistics`)).status).toBe(403);
  });
});
