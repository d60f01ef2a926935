/**
 * Valuation in the browser (issue 8), in Debian's Chromium against the real server: a
 * manager sets a SMIC-based rate on « Taux de valorisation » (a forgotten date is
 * explained beside the field; a wrong SIREN names its field), validates a declaration
 * and sees its value and the hours per month (chart and table), then downloads the yearly summary as CSV (parsed back: BOM, `;`,
 * decimal comma, the 864/875 entry) and as PDF. An admin sees the SMIC values.
 * axe-core checks every page; screenshots go to test-artifacts/browser/.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStage, type Stage, apiCall as call } from './browser-kit.ts';

const PASSWORD = 'le chat dort sur le canapé';
const MANAGER = 'tresoriere@exemple.fr';
const ADMIN = 'ada.admin@exemple.fr';

let stage: Stage;
beforeAll(async () => {
  stage = await startStage('valuation');
}, 120_000);
afterAll(() => stage?.stop());

describe('valuation', () => {
  it('a manager sets a SMIC-based rate, validates, downloads the yearly summary (CSV and PDF)', async () => {
    const { server, check } = stage;
    await stage.activeAccount(MANAGER, 'Inès', PASSWORD);
    await stage.createAdmin(ADMIN, 'Ada', PASSWORD);
    const { context, page: m } = await stage.loggedIn(MANAGER, PASSWORD);
    const association = await call(m, 'POST', '/associations', { name: 'Jardins partagés', moderateDeclarations: true });
    const handle = association.handle as string;

    // From the association's page to the valuation, then to its rates.
    await m.goto(`${server.origin}/associations/${handle}`);
    await m.getByRole('link', { name: 'Valorisation' }).first().click();
    // The page keeps its year in the address (?annee=…): wait for the page, not an exact URL.
    await m.waitForURL((url) => url.pathname === `/associations/${handle}/valorisation`);
    await m.getByText('Aucun taux n’est en vigueur sur cette période', { exact: false }).waitFor();
    await check(m, 'bilan-vide');
    await m.getByRole('link', { name: 'Définir les taux' }).click();
    await m.waitForURL('**/valorisation/taux');
    await m.getByText('Aucun taux pour l’instant', { exact: false }).waitFor();
    await check(m, 'taux-vide');

    // A forgotten date is explained beside the field; then a SMIC rate from 1 January.
    await m.locator('#method').selectOption('smic');
    await m.getByRole('button', { name: 'Enregistrer le taux' }).click();
    await m.locator('#effectiveFrom-error').waitFor();
    await check(m, 'taux-erreur');
    // A rate per level asks one amount per level of the association.
    await m.locator('#method').selectOption('per_level');
    await m.getByRole('group', { name: 'Un taux horaire par niveau' }).waitFor();
    expect(await m.locator('fieldset.val-items input').count()).toBeGreaterThan(0);
    await check(m, 'taux-par-niveau');
    await m.locator('#method').selectOption('smic');
    const year = new Date().getFullYear();
    await m.locator('#effectiveFrom').fill(`${year}-01-01`);
    await m.getByRole('button', { name: 'Enregistrer le taux' }).click();
    await m.getByText('Le taux est enregistré.').waitFor();
    await m.locator('li.item', { hasText: 'SMIC horaire brut' }).waitFor();

    // A mistyped SIREN is named beside its field, what was typed stays.
    await m.locator('#siren').fill('732 829 321');
    await m.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await m.locator('#siren-error').getByText('un chiffre est sans doute mal recopié', { exact: false }).waitFor();
    expect(await m.locator('#siren').inputValue()).toBe('732 829 321');
    await check(m, 'taux-siren-erreur');
    await m.locator('#siren').fill('732829320');
    await m.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await m.getByText('C’est enregistré.').waitFor();

    // She records 45 minutes and validates them from the list: 0,75 h × 12,02 € = 9,015 → 9,02 €.
    const categories = await call(m, 'GET', `/associations/${association.id}/categories`);
    const today = new Date().toISOString().slice(0, 10);
    await call(m, 'POST', `/associations/${association.id}/declarations`, { categoryId: categories.items[0].id, title: 'Arrosage', date: today, durationMinutes: 45 });
    const smic = (await call(m, 'GET', '/valuation/smic')).items.find((s: { territory: string; effectiveFrom: string }) => s.territory === 'metropole' && s.effectiveFrom <= today);
    const expected = Math.floor((2 * 45 * smic.hourlyCents + 60) / 120);
    const euros = (cents: number) => `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
    await m.goto(`${server.origin}/associations/${handle}/declarations`);
    const item = m.locator('li.decl-item', { hasText: 'Arrosage' });
    await item.getByRole('button', { name: 'Valider', exact: true }).click();
    await item.getByText('Validée', { exact: true }).waitFor();
    await item.getByText(`Valeur : ${euros(expected)}`, { exact: false }).waitFor();
    await check(m, 'declaration-valorisee');

    // The yearly summary, then its downloads.
    await m.goto(`${server.origin}/associations/${handle}/valorisation`);
    await m.getByRole('heading', { name: 'Écriture comptable' }).waitFor();
    await m.getByText('864 Personnel bénévole').waitFor();
    // Hours per month: a chart with a text alternative, beside the table of the months.
    await m.getByRole('heading', { name: 'Par mois' }).waitFor();
    await m.getByRole('img', { name: 'Graphique des heures par mois', exact: false }).waitFor();
    const monthName = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric' }).format(new Date(`${today}T12:00:00`));
    const months = m.getByRole('table', { name: 'Par mois' });
    await months.getByRole('row', { name: monthName }).getByRole('cell', { name: '45 min' }).waitFor();
    expect(await months.getByRole('row').count()).toBe(13); // the header and every month of the year
    await check(m, 'bilan');
    const [csv] = await Promise.all([m.waitForEvent('download'), m.getByRole('link', { name: 'Télécharger pour le comptable (CSV)' }).click()]);
    expect(csv.suggestedFilename()).toBe(`valorisation-${handle}-${year}-01-01-${year}-12-31.csv`);
    const bytes = readFileSync((await csv.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('Rubrique;Libellé;Actions;Durée (minutes);Durée (heures);Valeur (euros)');
    expect(lines).toContain(`Écriture débit;864 Personnel bénévole;;;;${euros(expected)}`);
    expect(lines).toContain(`Écriture crédit;875 Bénévolat;;;;${euros(expected)}`);
    expect(lines).toContain('SIREN;732829320;;;;');
    const [pdf] = await Promise.all([m.waitForEvent('download'), m.getByRole('link', { name: 'Télécharger le bilan (PDF)' }).click()]);
    expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
    expect(readFileSync((await pdf.path())!).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await context.close();

    // The admin sees the SMIC values per territory.
    const { context: adminContext, page: a } = await stage.loggedIn(ADMIN, PASSWORD);
    await a.goto(`${server.origin}/admin`);
    await a.getByRole('link', { name: 'SMIC horaire' }).click();
    await a.waitForURL('**/admin/smic');
    await a.getByRole('cell', { name: '9,33 €' }).waitFor();
    await check(a, 'smic');
    await adminContext.close();
  }, 180_000);
});
