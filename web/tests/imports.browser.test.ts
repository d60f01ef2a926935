/**
 * Importing an association from another Bénévalibre site, in Debian's Chromium against
 * the real server process (its job worker runs the import) with emails through a real
 * SMTP server. A manager (already registered here) finds the import page from the
 * dashboard, uploads the realistic fixture file (1,000 actions), matches the two
 * categories unknown here in the dry run, checks again, imports, follows the progress
 * page to the result (anonymous members' new links, the old site that could not be
 * told), then finds the association's declarations and statistics. A broken file is
 * refused with words beside the field. axe-core checks every page visited.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStage, type Stage } from './browser-kit.ts';
import { ASSOCIATION, benevalibreFile, UNKNOWN_DEFAULTS } from '../../src/imports/archive.fixtures.ts';

const PASSWORD = 'le chat dort sur le canapé';
const marie = 'marie@exemple.fr'; // « Présidence » in the file, already registered here
/** Connection refused at once: the old site cannot be told. */
const UNREACHABLE = 'https://127.0.0.1:1/api/v1/associations/42/migrate';

let stage: Stage;
const dir = mkdtempSync(path.join(tmpdir(), 'bv-import-'));
const fixture = path.join(dir, 'migration-jardin.json');
const broken = path.join(dir, 'pas-un-export.json');

beforeAll(async () => {
  writeFileSync(fixture, JSON.stringify(benevalibreFile({ endpoint: UNREACHABLE })));
  writeFileSync(broken, '{"ceci": "n’est pas un export"');
  stage = await startStage('import');
});
afterAll(async () => {
  await stage?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('importing an association from Bénévalibre in the browser', () => {
  it('a manager uploads the file, matches the categories, imports, follows the progress, then finds declarations and statistics', async () => {
    await stage.activeAccount(marie, 'Marie', PASSWORD);
    const { context, page } = await stage.loggedIn(marie, PASSWORD);

    // From the dashboard (no association yet) to the import page.
    await page.getByRole('link', { name: 'Importer depuis Bénévalibre' }).click();
    await page.getByRole('heading', { level: 1, name: 'Importer une association depuis Bénévalibre' }).waitFor();
    await stage.check(page, 'upload');

    // A file that is not an export: said beside the field, nothing sent.
    await page.locator('#import-file').setInputFiles(broken);
    await page.getByRole('button', { name: 'Vérifier le fichier' }).press('Enter');
    await expect.poll(() => page.locator('#import-file-error').textContent()).toContain('n\'est pas un fichier de migration Bénévalibre');
    await stage.check(page, 'upload-error');

    // The real file: the dry run, by keyboard.
    await page.locator('#import-file').setInputFiles(fixture);
    await page.getByRole('button', { name: 'Vérifier le fichier' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Ce qui sera importé' }).waitFor();
    const summary = await page.locator('.import-counts').innerText();
    expect(summary).toMatch(/1\s000 actions de bénévolat, dont 750 validées/);
    expect(summary).toContain('5 membres : 4 nouveaux comptes, 1 déjà inscrits ici');
    const importButton = page.getByRole('button', { name: 'Importer', exact: true });
    expect(await importButton.isDisabled()).toBe(true);
    await stage.check(page, 'dry-run');

    // Match each category unknown here, check again: « Importer » becomes available.
    await page.getByLabel(`« ${UNKNOWN_DEFAULTS[0]} » correspond à`).selectOption('animation');
    await page.getByLabel(`« ${UNKNOWN_DEFAULTS[1]} » correspond à`).selectOption('gouvernance');
    await page.getByText('Vous avez changé vos choix').waitFor();
    await page.getByRole('button', { name: 'Vérifier à nouveau' }).click();
    await page.getByText('Tout est prêt.').waitFor();
    expect(await importButton.isDisabled()).toBe(false);
    await stage.check(page, 'dry-run-ok');
    // The job of 1,000 actions is quicker than a look: the progress page first sees the
    // import as the API shows it mid-way (phase 3 of 4), until the check below is done.
    let holding = true;
    await page.route(/\/api\/v1\/imports\/[\w-]+$/, async (route) => {
      const response = await route.fetch();
      if (!holding) return route.fulfill({ response });
      const view = { ...(await response.json()), status: 'running', progress: 0.5, steps: { done: 2, total: 4, phase: 'write' }, association: null, associationId: null };
      return route.fulfill({ response, json: view });
    });
    await importButton.focus();
    await page.keyboard.press('Enter');

    // The progress page follows the job to its result.
    await page.waitForURL(/\/imports\/[\w-]+$/);
    const bar = page.getByRole('progressbar', { name: 'Avancement de l\'import' });
    await bar.waitFor();
    expect(await bar.getAttribute('aria-valuenow')).toBe('50');
    expect(await page.getByRole('status').filter({ hasText: 'Étape 3 sur 4 : enregistrement de l\'association' }).count()).toBe(1);
    await stage.check(page, 'progress');
    holding = false;
    await page.getByText(`L'association « ${ASSOCIATION} » est importée.`).waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('import-origin').innerText()).toContain('L\'ancien site n\'a pas pu être prévenu');
    const links = await page.getByTestId('import-anonymous-link').allInnerTexts();
    expect(links).toHaveLength(2);
    for (const link of links) expect(link).toMatch(/\/acces\?cle=/);
    await page.getByRole('button', { name: 'Copier le lien de Enfant Tom' }).click();
    await page.getByText(/Lien de Enfant Tom (copié|sélectionné)/).waitFor();
    await stage.check(page, 'import-done');
    const progressUrl = page.url();

    // New members are asked to choose a password.
    const mail = await stage.inbox.waitFor('paul@exemple.fr', '/reinitialisation?token=');
    expect(mail.mail.subject).toContain('choisissez un mot de passe');

    // The declarations of the imported association.
    await page.getByRole('link', { name: 'Ses déclarations' }).click();
    await page.waitForURL(/\/associations\/[^/]+\/declarations/);
    await page.getByText(/Action \d+/).first().waitFor();
    await stage.check(page, 'declarations');

    // … and its statistics: only the 750 validated actions count.
    await page.goto(progressUrl);
    await page.getByRole('link', { name: 'Ses statistiques' }).click();
    await page.waitForURL(/\/associations\/[^/]+\/statistiques/);
    await page.locator('.stats-totals').waitFor();
    expect(await page.locator('.stats-totals').innerText()).toContain('750');
    await stage.check(page, 'statistics');

    // The import page now lists this import, to find its page again.
    await page.goto(stage.server.origin + '/imports');
    await page.getByRole('heading', { name: 'Vos imports' }).waitFor();
    await expect.poll(() => page.locator('.import-list').innerText()).toContain(ASSOCIATION);
    await context.close();
  }, 120_000);
});
