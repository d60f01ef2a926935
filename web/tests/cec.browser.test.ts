/**
 * CEC helper, volunteer record and personal data in the browser (issue 8), in Debian's
 * Chromium against the real server process: Rose, on the board of « Chorale du Lac »,
 * reads her CEC year (hours, hints, deadlines) and copies the summary; as manager she names
 * herself valideur CEC and sees the association's list; she downloads her passeport
 * bénévole (PDF) and all her data (JSON) from her profile; the privacy notice and the
 * deletion page say what is kept and why. axe-core checks every page, 360 px wide.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStage, type Stage, apiCall as call } from './browser-kit.ts';

const PASSWORD = 'le chat dort sur le canapé';
const ROSE = 'rose.cec@exemple.fr';

let stage: Stage;
beforeAll(async () => {
  stage = await startStage('cec');
}, 120_000);
afterAll(() => stage?.stop());

describe('CEC helper, volunteer record and personal data', () => {
  it('a board member reads her CEC year, copies the summary, names the valideur CEC and downloads her record and her data', async () => {
    const { server, check } = stage;
    await stage.activeAccount(ROSE, 'Rose', PASSWORD);
    const { context, page: p } = await stage.loggedIn(ROSE, PASSWORD);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
    await p.setViewportSize({ width: 360, height: 800 }); // the narrowest phone the pages must fit

    // Rose runs « Chorale du Lac », sits on its board, and gave 120 h in March 2025.
    const association = await call(p, 'POST', '/associations', { name: 'Chorale du Lac', description: 'On chante ensemble le jeudi.' });
    const members = await call(p, 'GET', `/associations/${association.id}/members`);
    await call(p, 'PATCH', `/associations/${association.id}/members/${members.items[0].id}`, { function: 'governance' });
    const categories = await call(p, 'GET', `/associations/${association.id}/categories`);
    await call(p, 'POST', `/associations/${association.id}/declarations`, {
      categoryId: categories.items[0].id, title: 'Direction de la chorale', date: '2025-03-01', endDate: '2025-03-10', durationMinutes: 120 * 60,
    });

    // From the dashboard to the CEC page of 2025.
    await p.getByRole('link', { name: 'Mon compte d\'engagement citoyen' }).click();
    await p.getByRole('heading', { level: 1, name: 'Mon compte d\'engagement citoyen (CEC)' }).waitFor();
    await p.locator('#cec-year').selectOption('2025');
    await p.getByText('Total : 120 h', { exact: true }).waitFor();
    await p.getByText('Conseil d\'administration ou bureau').waitFor();
    expect(await p.getByText('Pas encore', { exact: true }).count()).toBe(1); // 120 of the 200 h: the other two hints are met
    expect(await p.locator('#cec-summary-text').inputValue()).toContain('Heures validées en 2025 : 120\u00a0h');
    await check(p, 'cec');
    await p.getByRole('button', { name: 'Copier le résumé' }).click();
    await p.getByText('Résumé copié.', { exact: false }).waitFor();
    expect(await p.evaluate(() => navigator.clipboard.readText())).toContain('Association : Chorale du Lac');

    // As manager she names the valideur CEC (herself), then sees the association's list.
    await p.goto(`${server.origin}/associations/${association.handle}/cec?annee=2025`);
    await p.getByRole('heading', { name: 'Bénévoles de l\'année 2025' }).waitFor();
    await p.getByRole('button', { name: 'Désigner comme valideur CEC' }).click();
    await p.locator('#cec-validator-error').waitFor(); // nobody chosen: said beside the field
    await p.locator('#cec-validator').selectOption({ label: 'Rose' });
    await p.getByRole('button', { name: 'Désigner comme valideur CEC' }).click();
    await p.getByText('Rose est maintenant valideur CEC.').waitFor();
    await p.getByText('Peut y prétendre').waitFor();
    await check(p, 'cec-association');

    // Her passeport bénévole, and its PDF.
    await p.goto(`${server.origin}/passeport`);
    await p.getByRole('heading', { name: 'Toutes vos actions' }).waitFor();
    await p.getByRole('heading', { level: 3, name: 'Direction de la chorale' }).waitFor();
    await p.getByText('1 action validée', { exact: true }).waitFor();
    await check(p, 'passeport');
    const [pdf] = await Promise.all([p.waitForEvent('download'), p.getByRole('link', { name: 'Télécharger le passeport (PDF)' }).click()]);
    expect(pdf.suggestedFilename()).toMatch(/^passeport-benevole-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect((await readFile((await pdf.path())!)).subarray(0, 5).toString()).toBe('%PDF-');

    // « Télécharger mes données » from the profile.
    await p.goto(`${server.origin}/profil`);
    await p.getByRole('heading', { name: 'Vos données' }).waitFor();
    const [data] = await Promise.all([p.waitForEvent('download'), p.getByRole('link', { name: 'Télécharger mes données' }).click()]);
    expect(data.suggestedFilename()).toMatch(/^mes-donnees-benevalibre-\d{4}-\d{2}-\d{2}\.json$/);
    const json = JSON.parse(await readFile((await data.path())!, 'utf8'));
    expect(json.account.email).toBe(ROSE);
    expect(json.declarations[0]).toMatchObject({ title: 'Direction de la chorale', status: 'validated' });
    expect(json.memberships[0]).toMatchObject({ function: 'governance', association: { name: 'Chorale du Lac' } });
    expect(json.memberships[0].cecValidatorSince).not.toBeNull();
    await check(p, 'profil-donnees');

    // The privacy notice and the deletion page say what is kept and why.
    await p.getByRole('link', { name: 'Lire la politique de confidentialité' }).click();
    await p.getByRole('heading', { name: 'Ce qui part vers d\'autres sites Bénévalibre' }).waitFor();
    await check(p, 'confidentialite');
    await p.goto(`${server.origin}/profil/suppression`);
    await p.getByText('Pourquoi garder vos actions validées ?', { exact: false }).waitFor();
    await check(p, 'suppression');

    // A visitor reads the notice too, and is asked to log in for the download.
    const visitor = await stage.browser.newContext({ locale: 'fr-FR', viewport: { width: 360, height: 800 } });
    const v = await visitor.newPage();
    await v.goto(`${server.origin}/confidentialite`);
    await v.getByRole('link', { name: 'Connectez-vous pour télécharger vos données.' }).waitFor();
    await check(v, 'confidentialite-visiteur');
    await visitor.close();
    await context.close();
  }, 180_000);
});
