/**
 * Exports (spec §A7): CSV and ODS read back with a spreadsheet library (SheetJS) and
 * compared cell by cell with rows written out by hand; JSON; filters; formula injection;
 * who may export what.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { Browser, createTestApp, type TestApp } from '../testing/test-app.ts';
import { account, anonymousBrowser, association, join, roleWith, type TestAccount, type TestAssociation } from '../memberships/testing.ts';
import { addAccount, addAnonymous, addCatalog, insertDeclaration, type Catalog } from '../statistics/declaration-rows.fixtures.ts';

const HEADER = [
  'Prénom', 'Nom', 'Pseudo', 'Association', 'Titre', 'Description', 'Date', 'Date de fin', 'Durée', 'Durée (heures décimales)',
  'En attente', 'Statut', 'Durée validée', 'Distance (km)', 'Catégorie', 'Projet', 'Niveau',
];

/** Reads a CSV export: checks the BOM, then lets SheetJS parse it (`;`, quotes, line breaks), every cell as text. */
function parseCsv(bytes: Uint8Array): string[][] {
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder().decode(bytes.slice(3));
  const wb = XLSX.read(text, { type: 'string', raw: true, FS: ';' } as XLSX.ParsingOptions);
  return XLSX.utils.sheet_to_json<string[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1, raw: true, defval: '' }).map((r) => r.map(String));
}

/** Reads an ODS export with SheetJS: each cell's shown text, plus the typed values of the sheet. */
function parseOds(bytes: Uint8Array): { text: string[][]; sheet: XLSX.WorkSheet; name: string } {
  const wb = XLSX.read(bytes, { type: 'buffer' });
  const sheet = wb.Sheets[wb.SheetNames[0]!]!;
  return { text: XLSX.utils.sheet_to_json<string[]>(sheet, { header: 1, raw: false, defval: '' }), sheet, name: wb.SheetNames[0]! };
}

describe('exports', () => {
  let t: TestApp;
  let manager: TestAccount;
  let marie: TestAccount;
  let a: TestAssociation;
  let cat: Catalog;
  /** The association's export in list order, as a person reads it in French. */
  let expected: string[][];

  beforeAll(async () => {
    t = await createTestApp();
    manager = await account(t, 'gestion@exemple.fr', { firstName: 'Gaëlle', lastName: 'Gestion' });
    a = await association(t, 'Les Jardins partagés', { creatorId: manager.id });
    cat = await addCatalog(t.db, a.id, { categories: 2, levels: 1, projects: 1 });
    marie = await account(t, 'marie@exemple.fr', { firstName: 'Marie', lastName: 'Curie', pseudo: 'mc' });
    await join(t, a, marie.id);
    const anon = await addAnonymous(t.db, a.id, 'Jeanne Anonyme');
    const former = await addAccount(t.db, { firstName: null });
    await t.db.updateTable('accounts').set({ status: 'deleted', former_member_number: 7 }).where('id', '=', former).execute();
    const [c1, c2] = cat.categories as [string, string];
    const A = a.id;
    const asMarie = { type: 'account' as const, id: marie.id };
    await insertDeclaration(t.db, { associationId: A, author: asMarie, status: 'validated', categoryId: c1, levelId: cat.levels[0], projectId: cat.projects[0], title: 'Atelier vélo', description: 'Réparations; "pneus"\net chaînes', date: '2026-03-02', durationMinutes: 150, distanceHundredths: 1250, createdAt: '2026-03-02T10:00:00.000Z' });
    await insertDeclaration(t.db, { associationId: A, author: asMarie, status: 'validated', categoryId: c2, title: '=HYPERLINK("http://example.com","clic")', date: '2026-03-02', durationMinutes: 120, validatedMinutes: 90, reason: 'Pause', createdAt: '2026-03-02T11:00:00.000Z' });
    await insertDeclaration(t.db, { associationId: A, author: { type: 'anonymous', id: anon }, status: 'pending', categoryId: c1, title: '+33 6 12 34 56 78', description: '-- tiret', date: '2026-05-01', endDate: '2026-05-03', durationMinutes: 0, distanceHundredths: 10 });
    await insertDeclaration(t.db, { associationId: A, author: { type: 'none', id: null }, status: 'rejected', categoryId: c1, title: '@SUM(A1)', description: '\tcaché', date: '2025-12-31', durationMinutes: 61 });
    await insertDeclaration(t.db, { associationId: A, author: { type: 'account', id: former }, status: 'validated', categoryId: c2, title: 'Vieux', description: ' deux  espaces', date: '2024-01-01', durationMinutes: 1, distanceHundredths: 5 });
    await insertDeclaration(t.db, { associationId: A, author: asMarie, status: 'pending', categoryId: c2, title: 'Réunion', date: '2026-01-10', durationMinutes: 45 });
    // Another association's declaration of Marie's: in her own export only.
    const b = await association(t, 'Autre asso', { creatorId: manager.id });
    await join(t, b, marie.id);
    const cb = await addCatalog(t.db, b.id, { categories: 1, levels: 0, projects: 0 });
    await insertDeclaration(t.db, { associationId: b.id, author: asMarie, status: 'validated', categoryId: cb.categories[0]!, title: 'Ailleurs', date: '2026-02-01', durationMinutes: 30 });

    const J = 'Les Jardins partagés';
    expected = [
      ['', '', 'Jeanne Anonyme', J, "'+33 6 12 34 56 78", "'-- tiret", '2026-05-01', '2026-05-03', '0 h', '0,00', 'Oui', 'En attente de validation', '', '0,10', 'Catégorie 1', '', ''],
      ['Marie', 'Curie', 'mc', J, 'Réunion', '', '2026-01-10', '', '0 h 45', '0,75', 'Oui', 'En attente de validation', '', '0,00', 'Catégorie 2', '', ''],
      ['Marie', 'Curie', 'mc', J, `'=HYPERLINK("http://example.com","clic")`, '', '2026-03-02', '', '2 h', '2,00', 'Non', 'Validée', '1 h 30', '0,00', 'Catégorie 2', '', ''],
      ['Marie', 'Curie', 'mc', J, 'Atelier vélo', 'Réparations; "pneus"\net chaînes', '2026-03-02', '', '2 h 30', '2,50', 'Non', 'Validée', '2 h 30', '12,50', 'Catégorie 1', 'Projet 1', 'Niveau 1'],
      ['', '', '', J, "'@SUM(A1)", "'\tcaché", '2025-12-31', '', '1 h 01', '1,02', 'Non', 'Refusée', '', '0,00', 'Catégorie 1', '', ''],
      ['', '', 'Ancien membre n° 7', J, 'Vieux', ' deux  espaces', '2024-01-01', '', '0 h 01', '0,02', 'Non', 'Validée', '0 h 01', '0,05', 'Catégorie 2', '', ''],
    ];
  });

  const get = (b: Browser, path: string) => b.request('GET', path);
  const bytes = async (res: Response) => new Uint8Array(await res.arrayBuffer());

  it('CSV: UTF-8 with BOM, `;`, list order, every column of §A7, cell by cell', async () => {
    const res = await get(manager.browser, `/api/v1/associations/${a.id}/declarations/export?format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('Content-Disposition')).toBe(`attachment; filename="benevolat-${a.handle}-2026-11-27.csv"`);
    const rows = parseCsv(await bytes(res));
    expect(rows[0]).toEqual(HEADER);
    expect(rows.slice(1)).toEqual(expected);
  });

  it('ODS: a valid OpenDocument zip (mimetype stored first) read back cell by cell, with typed numbers and dates', async () => {
    const res = await get(manager.browser, `/api/v1/associations/${a.handle}/declarations/export?format=ods`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('application/vnd.oasis.opendocument.spreadsheet');
    expect(res.headers.get('Content-Disposition')).toMatch(/filename="benevolat-.+-2026-11-27\.ods"/);
    const file = await bytes(res);
    // ODF 1.2 part 3 §3.3: the first entry is `mimetype`, stored (method 0), no extra field.
    const view = new DataView(file.buffer, file.byteOffset);
    expect(view.getUint32(0, true)).toBe(0x04034b50);
    expect(view.getUint16(8, true)).toBe(0);
    expect(view.getUint16(28, true)).toBe(0);
    expect(new TextDecoder().decode(file.slice(30, 38 + 46))).toBe('mimetypeapplication/vnd.oasis.opendocument.spreadsheet');
    const { text, sheet, name } = parseOds(file);
    expect(name).toBe('Bénévolat');
    expect(text[0]).toEqual(HEADER);
    expect(text.slice(1)).toEqual(expected);
    // Numbers are numbers (sums in the spreadsheet lose no minute), dates are dates.
    expect(sheet['J5']).toMatchObject({ t: 'n', v: 2.5 });
    expect(sheet['J7']!.v).toBeCloseTo(1 / 60, 12);
    expect(sheet['N5']).toMatchObject({ t: 'n', v: 12.5 });
    expect(sheet['G5']!.t).toBe('n'); // SheetJS reads ODS dates as serial numbers
  });

  it('JSON: an array of the same rows, typed', async () => {
    const res = await get(manager.browser, `/api/v1/associations/${a.id}/declarations/export?format=json`);
    expect(res.headers.get('Content-Disposition')).toMatch(/\.json"$/);
    const items = (await res.json()) as Record<string, unknown>[];
    expect(items.map((i) => i.title)).toEqual(expected.map((r) => r[4]!.replace(/^'/, '')));
    expect(items[3]).toMatchObject({
      firstName: 'Marie', lastName: 'Curie', pseudo: 'mc', association: 'Les Jardins partagés', title: 'Atelier vélo', date: '2026-03-02', endDate: null,
      duration: '2 h 30', durationMinutes: 150, durationHours: '2.50', pending: false, status: 'validated', statusLabel: 'Validée',
      validatedDuration: '2 h 30', validatedMinutes: 150, distanceKm: '12.50', category: 'Catégorie 1', project: 'Projet 1', level: 'Niveau 1',
    });
    expect(items[2]).toMatchObject({ validatedMinutes: 90, validatedDuration: '1 h 30' });
    expect(items[0]).toMatchObject({ pending: true, validatedMinutes: null, endDate: '2026-05-03', distanceKm: '0.10' });
  });

  it('in English: headers, words and decimal points', async () => {
    const b = new Browser(t, 'en');
    b.cookie = manager.browser.cookie;
    const rows = parseCsv(await bytes(await get(b, `/api/v1/associations/${a.id}/declarations/export`)));
    expect(rows[0]![0]).toBe('First name');
    expect(rows[4]!.slice(8, 14)).toEqual(['2 h 30', '2.50', 'No', 'Approved', '2 h 30', '12.50']);
  });

  it('applies the list’s filters', async () => {
    const csvOf = async (query: string) => parseCsv(await bytes(await get(manager.browser, `/api/v1/associations/${a.id}/declarations/export?${query}`))).slice(1);
    expect(await csvOf('status=validated')).toEqual([expected[2], expected[3], expected[5]]);
    expect(await csvOf('status=pending')).toEqual([expected[0], expected[1]]);
    expect(await csvOf('from=2026-01-01&to=2026-03-02')).toEqual([expected[1], expected[2], expected[3]]);
    expect(await csvOf(`categoryId=${cat.categories[0]}`)).toEqual([expected[0], expected[3], expected[4]]);
    expect(await csvOf(`authorAccountId=${marie.id}&status=validated`)).toEqual([expected[2], expected[3]]);
    expect(await csvOf(`levelId=${cat.levels[0]}`)).toEqual([expected[3]]);
    expect(await csvOf(`projectId=${cat.projects[0]}`)).toEqual([expected[3]]);
    expect((await get(manager.browser, `/api/v1/associations/${a.id}/declarations/export?format=xlsx`)).status).toBe(422);
  });

  it('« Mes bénévolats »: only the person’s own declarations, in every association, with its filters', async () => {
    const mine = async (query = '') => {
      const res = await get(marie.browser, `/api/v1/me/declarations/export?${query}`);
      expect(res.status).toBe(200);
      return res;
    };
    const all = await mine();
    expect(all.headers.get('Content-Disposition')).toBe('attachment; filename="benevolat-mes-benevolats-2026-11-27.csv"');
    expect(parseCsv(await bytes(all)).slice(1).map((r) => r[4])).toEqual(['Réunion', `'=HYPERLINK("http://example.com","clic")`, 'Atelier vélo', 'Ailleurs']);
    const here = await mine(`associationId=${a.handle}&status=validated&format=json`);
    expect(here.headers.get('Content-Disposition')).toBe(`attachment; filename="benevolat-${a.handle}-2026-11-27.json"`);
    expect(((await here.json()) as { title: string }[]).map((i) => i.title)).toEqual(['=HYPERLINK("http://example.com","clic")', 'Atelier vélo']);
    expect((await get(new Browser(t), '/api/v1/me/declarations/export')).status).toBe(401);
  });

  it('an anonymous member exports their own declarations only', async () => {
    const res = await manager.browser.request('POST', `/api/v1/associations/${a.id}/anonymous-members`, { name: 'Paul' });
    const { link, anonymousMember } = (await res.json()) as { link: string; anonymousMember: { id: string } };
    await insertDeclaration(t.db, { associationId: a.id, author: { type: 'anonymous', id: anonymousMember.id }, status: 'validated', categoryId: cat.categories[0]!, title: 'Par Paul', date: '2026-04-04', durationMinutes: 20 });
    const { browser } = await anonymousBrowser(t, link);
    const items = (await (await get(browser, '/api/v1/me/declarations/export?format=json')).json()) as { title: string; pseudo: string }[];
    expect(items).toEqual([expect.objectContaining({ title: 'Par Paul', pseudo: 'Paul' })]);
    expect((await get(browser, `/api/v1/associations/${a.id}/declarations/export`)).status).toBe(403);
  });

  it('the association’s export is for those who manage declarations, and admins', async () => {
    const path = `/api/v1/associations/${a.id}/declarations/export`;
    expect((await get(marie.browser, path)).status).toBe(403); // a volunteer
    const reader = await account(t, 'liste@exemple.fr');
    await roleWith(t, a, 'Liste', ['list_members']);
    await join(t, a, reader.id, 'Liste');
    expect((await get(reader.browser, path)).status).toBe(403);
    const coordination = await account(t, 'coord@exemple.fr');
    await join(t, a, coordination.id, 'Coordination');
    expect((await get(coordination.browser, path)).status).toBe(200);
    const admin = await account(t, 'admin@exemple.fr', { isAdmin: true });
    expect((await get(admin.browser, path)).status).toBe(200);
    expect((await get(new Browser(t), path)).status).toBe(401);
    expect((await get(manager.browser, '/api/v1/associations/inconnue/declarations/export')).status).toBe(404);
  });
});
