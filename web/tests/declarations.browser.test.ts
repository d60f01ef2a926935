/**
 * Declarations in the browser, in Debian's Chromium against the real server process
 * with emails through a real SMTP server. A volunteer on a 360 px wide phone declares
 * 2 h 30 in French in an association that moderates declarations; a manager approves
 * it and the volunteer sees it « Validée »; the manager refuses another with a reason,
 * the volunteer reads the reason, corrects it and sends it again; the manager validates
 * the selection, exports the CSV (downloaded by Chromium and parsed back), and looks at
 * the statistics and the categories. axe-core checks every page; screenshots are kept
 * in test-artifacts/browser/.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { root, startStage, type Stage, apiCall as call } from './browser-kit.ts';

const PASSWORD = 'le chat dort sur le canapé';
const ASSOCIATION = 'Les Jardins partagés';
const marie = 'marie.durand@exemple.fr';
const paul = 'paul.martin@exemple.fr';

let stage: Stage;
beforeAll(async () => {
  stage = await startStage('decl');
});
afterAll(() => stage?.stop());


/** A phone 360 px wide, logged in through the login page. */
async function phone(email: string) {
  const context = await stage.browser.newContext({ locale: 'fr-FR', viewport: { width: 360, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(stage.server.origin + '/connexion');
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Me connecter' }).click();
  await page.getByRole('link', { name: 'Déclarer du bénévolat' }).waitFor();
  return { context, page };
}

/** Splits a CSV of `;`-separated cells with "quoted" cells (RFC 4180 quoting). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

describe('declarations, in French on a phone', () => {
  it('a volunteer declares 2 h 30, a manager approves, refuses another with a reason, exports the CSV', async () => {
    const { server, inbox, check, visited } = stage;
    await stage.activeAccount(marie, 'Marie', PASSWORD);
    await stage.activeAccount(paul, 'Paul', PASSWORD);

    // Marie runs an association that checks every declaration; Paul joins it.
    const manager = await phone(marie);
    const m = manager.page;
    const association = await call(m, 'POST', '/associations', { name: ASSOCIATION, moderateDeclarations: true });
    const handle = association.handle as string;
    const volunteer = await phone(paul);
    const p = volunteer.page;
    await call(p, 'POST', `/associations/${association.id}/membership`);
    await p.reload();

    // Paul, from his dashboard: the main action opens the form, today's date already there.
    await p.getByRole('link', { name: 'Mes bénévolats' }).first().waitFor();
    await check(p, 'tableau-de-bord');
    await p.getByRole('link', { name: 'Déclarer du bénévolat' }).click();
    await p.waitForURL('**/declarer');
    await p.locator('#hours').waitFor();
    await p.getByText(`Pour ${ASSOCIATION}`).waitFor();
    expect(await p.locator('#date').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await p.locator('#projectId').count()).toBe(0);
    await check(p, 'formulaire');

    // An impossible value cannot be typed; a forgotten title is explained beside the field.
    await p.locator('#minutes').fill('75');
    expect(await p.locator('#minutes').inputValue()).toBe('59');
    await p.getByRole('button', { name: '½ journée (3 h 30)' }).click();
    expect(await p.locator('#hours').inputValue()).toBe('3');
    expect(await p.locator('#minutes').inputValue()).toBe('30');
    await p.locator('#hours').fill('2');
    await p.locator('#minutes').fill('30');
    await p.getByText('Durée : 2 h 30').waitFor();
    const categories = await p.locator('#categoryId option').allTextContents();
    expect(categories.length).toBeGreaterThan(1);
    await p.locator('#categoryId').selectOption({ index: 1 });
    await p.getByRole('button', { name: 'Plus de détails' }).click();
    await p.locator('#distanceKm').fill('12,5');
    await p.getByRole('button', { name: 'Enregistrer ma déclaration' }).click();
    await p.locator('#title-error').waitFor();
    expect(await p.locator('#distanceKm').inputValue()).toBe('12,5');
    expect(await p.locator('#minutes').inputValue()).toBe('30');
    await check(p, 'formulaire-erreur');

    // A double click records one declaration (idempotency key + the form's guard).
    await p.locator('#title').fill('Arrosage des potagers');
    await p.getByRole('button', { name: 'Enregistrer ma déclaration' }).dblclick();
    await p.getByRole('heading', { name: "C'est enregistré, merci !" }).waitFor();
    await p.getByText('En attente de validation').waitFor();
    await check(p, 'confirmation');
    const mine = await call(p, 'GET', '/me/declarations');
    expect(mine.total).toBe(1);
    expect(mine.items[0]).toMatchObject({ title: 'Arrosage des potagers', durationMinutes: 150, distanceKm: '12.50', status: 'pending' });

    // « Déclarer autre chose »: a fresh form, the category used last already chosen.
    const category = mine.items[0].category.id as string;
    await p.getByRole('button', { name: 'Déclarer autre chose' }).click();
    expect(await p.locator('#categoryId').inputValue()).toBe(category);
    expect(await p.locator('#title').inputValue()).toBe('');
    await p.getByRole('button', { name: '1 h', exact: true }).click();
    await p.locator('#title').fill('Rangement de la cabane');
    await p.getByRole('button', { name: 'Enregistrer ma déclaration' }).click();
    await p.getByRole('heading', { name: "C'est enregistré, merci !" }).waitFor();

    // Marie is told, and finds both waiting in the association's list.
    await inbox.waitFor(marie, 'Arrosage des potagers', 15_000);
    await m.goto(`${server.origin}/associations/${handle}/declarations`);
    await m.getByRole('heading', { name: '2 actions de bénévolat' }).waitFor();
    await check(m, 'liste-gestion');
    const first = m.locator('li.decl-item', { hasText: 'Arrosage des potagers' });
    await first.getByRole('button', { name: 'Valider', exact: true }).click();
    await m.getByText('« Arrosage des potagers » est validée', { exact: false }).waitFor();
    await first.getByText('Validée', { exact: true }).waitFor();

    // She refuses the other one with a reason.
    const second = m.locator('li.decl-item', { hasText: 'Rangement de la cabane' });
    await second.getByRole('button', { name: 'Refuser' }).click();
    await m.locator('#reason').waitFor();
    await m.getByRole('button', { name: 'Refuser' }).click();
    await m.locator('#reason-error').waitFor();
    await m.locator('#reason').fill("La cabane a été rangée samedi, pas aujourd'hui.");
    await check(m, 'refus-motif');
    await m.getByRole('button', { name: 'Refuser' }).click();
    await m.getByText('« Rangement de la cabane » est refusée', { exact: false }).waitFor();
    await check(m, 'liste-apres-moderation');

    // Paul is told by email and sees both: one validated, one refused with its reason.
    await inbox.waitFor(paul, 'Arrosage des potagers', 15_000);
    await inbox.waitFor(paul, "pas aujourd'hui", 15_000);
    await p.goto(`${server.origin}/mes-benevolats`);
    const validated = p.locator('li.decl-item', { hasText: 'Arrosage des potagers' });
    await validated.getByText('Validée', { exact: true }).waitFor();
    await validated.getByText('2 h 30').waitFor();
    const refused = p.locator('li.decl-item', { hasText: 'Rangement de la cabane' });
    await refused.getByText('Refusée', { exact: true }).waitFor();
    await refused.getByText("La cabane a été rangée samedi, pas aujourd'hui.").waitFor();
    await check(p, 'mes-benevolats');

    // He corrects it and sends it again: pending once more.
    await refused.getByRole('link', { name: 'Corriger et renvoyer' }).click();
    await p.waitForURL('**/declarations/*/modifier**');
    await p.locator('#title').waitFor();
    await check(p, 'corriger');
    await p.locator('#title').fill('Rangement de la cabane (samedi)');
    await p.getByRole('button', { name: 'Renvoyer ma déclaration' }).click();
    await p.waitForURL('**/mes-benevolats');
    await p.getByText('la déclaration attend de nouveau la validation', { exact: false }).waitFor();
    await p.locator('li.decl-item', { hasText: 'Rangement de la cabane (samedi)' }).getByText('En attente de validation').waitFor();

    // Marie validates the selection of pending ones at once.
    await m.goto(`${server.origin}/associations/${handle}/declarations?statut=en-attente`);
    await m.getByRole('heading', { name: '1 action de bénévolat' }).waitFor();
    await m.locator('#selectAll').check();
    await m.getByRole('button', { name: 'Valider la sélection' }).click();
    await m.getByText('1 action validée', { exact: false }).waitFor();

    // Statistics: the year and the total, tables and charts.
    await m.goto(`${server.origin}/associations/${handle}/statistiques`);
    await m.locator('#year').waitFor();
    await m.getByText('3 h 30').first().waitFor();
    const year = String(new Date().getFullYear());
    await m.locator('#year').selectOption(year);
    await m.waitForURL(`**/statistiques?annee=${year}`);
    await m.getByText('3 h 30').first().waitFor();
    expect(await m.locator('svg.chart-svg').count()).toBeGreaterThanOrEqual(2);
    await m.locator('figure.chart').first().screenshot({ path: `${root}/test-artifacts/browser/decl-chart-months.png` });
    await m.locator('figure.chart').nth(1).screenshot({ path: `${root}/test-artifacts/browser/decl-chart-categories.png` });
    await check(m, 'statistiques');

    // Categories: the one used is marked and cannot be deleted.
    await m.goto(`${server.origin}/associations/${handle}/categories`);
    const used = m.locator('li.item', { has: m.getByText('Utilisée', { exact: true }) });
    await used.first().waitFor();
    expect(await used.first().getByRole('button', { name: 'Supprimer' }).count()).toBe(0);
    await check(m, 'categories');

    // E-mail preferences in the profile: a summary a day for the declarations to validate.
    await m.goto(`${server.origin}/profil`);
    await m.locator('#notify-declaration_pending-digest').check();
    await m.getByRole('button', { name: 'Enregistrer mes choix' }).click();
    await m.getByText('Vos choix sont enregistrés.').waitFor();
    await check(m, 'profil-emails');
    const preferences = await call(m, 'GET', '/me/notifications');
    expect(preferences.preferences).toEqual(expect.arrayContaining([{ kind: 'declaration_pending', mode: 'digest' }]));

    // The CSV export of the list, downloaded by Chromium, parses back to the right rows.
    await m.goto(`${server.origin}/associations/${handle}/declarations`);
    await m.getByRole('heading', { name: '2 actions de bénévolat' }).waitFor();
    const [download] = await Promise.all([m.waitForEvent('download'), m.getByRole('link', { name: 'Tableur CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.toString('utf8').slice(1)).filter((row) => row.some((cell) => cell !== ''));
    expect(rows).toHaveLength(3);
    const [header, ...lines] = rows;
    const column = (name: RegExp) => header!.findIndex((cell) => name.test(cell));
    const title = column(/titre|title/i);
    expect(title).toBeGreaterThanOrEqual(0);
    expect(lines.map((line) => line[title]).sort()).toEqual(['Arrosage des potagers', 'Rangement de la cabane (samedi)']);
    const arrosage = lines.find((line) => line[title] === 'Arrosage des potagers')!;
    expect(arrosage.join(';')).toContain('2,5');
    expect(arrosage.join(';')).toContain('12,5');

    expect(visited).toEqual(expect.arrayContaining(['/declarer', '/mes-benevolats', `/associations/${handle}/declarations`]));
    await manager.context.close();
    await volunteer.context.close();
  }, 180_000);

  it('an anonymous member declares through their link; a manager declares for no one and validates a part', async () => {
    const { server, check } = stage;
    const claire = 'claire.bernard@exemple.fr';
    await stage.activeAccount(claire, 'Claire', PASSWORD);
    const manager = await phone(claire);
    const m = manager.page;
    const association = await call(m, 'POST', '/associations', { name: 'Atelier vélo solidaire', moderateDeclarations: true });
    const handle = association.handle as string;
    // A project, created on its page; a name already taken is refused beside the field.
    await m.goto(`${server.origin}/associations/${handle}/projets`);
    await m.getByText('Aucun projet', { exact: false }).waitFor();
    await m.getByRole('button', { name: 'Créer un projet' }).click();
    await m.locator('#name').fill('Bourse aux vélos');
    await m.getByRole('button', { name: 'Créer le projet' }).click();
    await m.getByText('« Bourse aux vélos » est créé.').waitFor();
    await m.getByRole('button', { name: 'Créer un projet' }).click();
    await m.locator('#name').fill('bourse aux VÉLOS');
    await m.getByRole('button', { name: 'Créer le projet' }).click();
    await m.locator('#name-error').waitFor();
    await check(m, 'projets');
    await m.getByRole('button', { name: 'Annuler' }).click();
    // A category, tied to one of the site's default categories.
    await m.goto(`${server.origin}/associations/${handle}/categories`);
    await m.getByRole('button', { name: 'Créer une catégorie' }).click();
    await m.locator('#name').fill('Ateliers de réparation');
    expect(await m.locator('#defaultCategoryId option').count()).toBeGreaterThan(1);
    await m.getByRole('button', { name: 'Créer la catégorie' }).click();
    await m.getByText('« Ateliers de réparation » est créé.').waitFor();
    // No levels here: the form must not ask for one.
    for (const level of (await call(m, 'GET', `/associations/${association.id}/levels`)).items) {
      await call(m, 'DELETE', `/associations/${association.id}/levels/${level.id}`);
    }
    const { link } = await call(m, 'POST', `/associations/${association.id}/anonymous-members`, { name: 'Léa' });

    // Léa has no account: her link opens a page with the way to declare.
    const anonymous = await stage.browser.newContext({ locale: 'fr-FR', viewport: { width: 360, height: 800 } });
    const a = await anonymous.newPage();
    await a.goto(server.origin + new URL(link).pathname + new URL(link).search);
    await a.getByRole('heading', { level: 1, name: 'Bonjour Léa' }).waitFor();
    await a.getByRole('link', { name: 'Déclarer du bénévolat' }).click();
    await a.waitForURL('**/declarer');
    await a.getByText('Pour Atelier vélo solidaire').waitFor();
    await a.getByRole('button', { name: '30 min' }).click();
    await a.locator('#categoryId').selectOption({ index: 1 });
    await a.locator('#title').fill('Réparation de crevaisons');
    await a.getByRole('button', { name: 'Plus de détails' }).click();
    // The association has projects and no levels: only the project is asked.
    await a.locator('#projectId').selectOption({ label: 'Bourse aux vélos' });
    expect(await a.locator('#levelId').count()).toBe(0);
    await check(a, 'anonyme-formulaire');
    await a.getByRole('button', { name: 'Enregistrer ma déclaration' }).click();
    await a.getByRole('heading', { name: "C'est enregistré, merci !" }).waitFor();
    await a.getByRole('link', { name: 'Voir mes bénévolats' }).click();
    await a.waitForURL('**/mes-benevolats');
    await a.locator('li.decl-item', { hasText: 'Réparation de crevaisons' }).getByText('En attente de validation').waitFor();
    await check(a, 'anonyme-mes-benevolats');

    // Claire records an action for no one in particular, from her association's page.
    await m.goto(`${server.origin}/associations/${handle}`);
    await m.getByRole('link', { name: 'Statistiques' }).waitFor();
    await check(m, 'association-liens');
    await m.getByRole('link', { name: 'Actions de bénévolat' }).click();
    await m.waitForURL(`**/associations/${handle}/declarations`);
    await m.getByRole('link', { name: "Déclarer pour quelqu'un" }).click();
    await m.waitForURL('**/declarer?**');
    await m.locator('#author option[value="none"]').waitFor({ state: 'attached' });
    await m.locator('#author').selectOption('none');
    await m.getByRole('button', { name: '2 h', exact: true }).click();
    await m.locator('#categoryId').selectOption({ index: 1 });
    await m.locator('#title').fill('Inventaire des pièces détachées');
    await check(m, 'declarer-pour-personne');
    await m.getByRole('button', { name: 'Enregistrer ma déclaration' }).click();
    await m.getByText('Déclarée pour : Personne en particulier').waitFor();
    await m.getByRole('link', { name: 'Retour à la liste' }).click();
    await m.waitForURL(`**/associations/${handle}/declarations`);

    // She validates 20 minutes of Léa's 30, saying why.
    const item = m.locator('li.decl-item', { hasText: 'Réparation de crevaisons' });
    await item.getByText('Léa').waitFor();
    await item.getByRole('button', { name: 'Valider une partie' }).click();
    await m.locator('#validatedMinutes').fill('20');
    await m.locator('#validatedHours').fill('0');
    await item.getByRole('button', { name: 'Valider', exact: true }).click();
    await m.locator('#reason-error').waitFor();
    await m.locator('#reason').fill('Deux crevaisons sur trois réparées.');
    await check(m, 'validation-partielle');
    await item.getByRole('button', { name: 'Valider', exact: true }).click();
    await item.getByText('Validée pour 20 min sur 30 min déclarées.', { exact: false }).waitFor();
    const saved = await call(m, 'GET', `/associations/${association.id}/declarations?status=validated`);
    expect(saved.items[0]).toMatchObject({ title: 'Réparation de crevaisons', validation: { validatedMinutes: 20, reason: 'Deux crevaisons sur trois réparées.' } });

    // The action for no one is deleted after a confirmation.
    const inventory = m.locator('li.decl-item', { hasText: 'Inventaire des pièces détachées' });
    await inventory.getByRole('button', { name: 'Supprimer' }).click();
    await inventory.getByText('Elle disparaîtra de la liste et des statistiques', { exact: false }).waitFor();
    await inventory.getByRole('button', { name: 'Oui, supprimer' }).click();
    await m.getByText('« Inventaire des pièces détachées » est supprimée.').waitFor();
    await m.getByRole('heading', { name: '1 action de bénévolat' }).waitFor();

    // Léa sees it validated, for 20 minutes.
    await a.reload();
    await a.locator('li.decl-item', { hasText: 'Réparation de crevaisons' }).getByText('Validée pour 20 min', { exact: false }).waitFor();
    await anonymous.close();
    await manager.context.close();
  }, 120_000);
});

