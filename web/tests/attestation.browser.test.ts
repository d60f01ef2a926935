/**
 * Attestations in the browser (issue 8), in Debian's Chromium against the real server
 * process: a volunteer goes from « Mes bénévolats » to « Mes attestations », gets one for
 * the year, downloads its PDF (which renders, not blank); a visitor with no account
 * verifies it on /verifier by the file and by the code (« Attestation valable », what it
 * attests); the manager issues another for the volunteer and revokes the first with a
 * reason from the association's pages; the visitor then reads « Attestation révoquée » and the reason. axe-core checks every page;
 * screenshots go to test-artifacts/browser/.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPage } from '../../src/testing/pdf-render.ts';
import { apiCall as call, root, startStage, type Stage } from './browser-kit.ts';

const PASSWORD = 'le chat dort sur le canapé';
const MANAGER = 'rose.attestation@exemple.fr';
const VOLUNTEER = 'bob.attestation@exemple.fr';

let stage: Stage;
beforeAll(async () => {
  stage = await startStage('attestation');
}, 120_000);
afterAll(() => stage?.stop());

/** A day `n` days ago, YYYY-MM-DD (declarations cannot be in the future). */
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

describe('attestations', () => {
  it('a volunteer downloads an attestation and a visitor verifies it; revoked, it says so', async () => {
    const { server, check } = stage;
    await stage.activeAccount(MANAGER, 'Rose', PASSWORD);
    await stage.activeAccount(VOLUNTEER, 'Bob', PASSWORD);

    const { context: managerContext, page: m } = await stage.loggedIn(MANAGER, PASSWORD);
    const association = await call(m, 'POST', '/associations', { name: 'Jardin des Lilas' });
    const category = (await call(m, 'GET', `/associations/${association.id}/categories`)).items[0].id as string;

    const { context: volunteerContext, page: p } = await stage.loggedIn(VOLUNTEER, PASSWORD);
    await call(p, 'POST', `/associations/${association.id}/membership`);
    for (const [date, minutes] of [[daysAgo(3), 150], [daysAgo(2), 90]] as const) {
      await call(p, 'POST', `/associations/${association.id}/declarations`, { categoryId: category, title: 'Arrosage', date, durationMinutes: minutes });
    }

    // From « Mes bénévolats » to « Mes attestations »: the association and the period are there already.
    await p.goto(`${server.origin}/mes-benevolats`);
    await p.getByRole('link', { name: 'Obtenir une attestation de mes heures' }).click();
    await p.waitForURL('**/attestations');
    await p.getByText('Aucune attestation pour l’instant', { exact: false }).waitFor();
    expect(await p.locator('#association option').allTextContents()).toEqual([expect.stringContaining('Jardin des Lilas — 4 h validées')]);
    await check(p, 'mes-attestations');
    await p.getByRole('button', { name: 'Obtenir l’attestation' }).click();
    await p.getByText('est prête : téléchargez-la ci-dessous.', { exact: false }).waitFor();
    const code = (await p.getByText(/Code de vérification : BV-/).first().textContent())!.match(/BV-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/)![0];
    await check(p, 'attestation-obtenue');

    // The PDF downloads and renders.
    const [download] = await Promise.all([p.waitForEvent('download'), p.getByRole('link', { name: 'Télécharger le PDF' }).click()]);
    expect(download.suggestedFilename()).toBe(`attestation-${code}.pdf`);
    const file = path.join(root, 'test-artifacts', 'browser', `attestation-${code}.pdf`);
    await download.saveAs(file);
    const rendered = await renderPage(readFileSync(file), { png: path.join(root, 'test-artifacts', 'browser', 'attestation-pdf.png') });
    expect(rendered.inkRatio).toBeGreaterThan(0.01);
    await volunteerContext.close();

    // A visitor, on a phone, without an account: the file first, then the code.
    const visitorContext = await stage.browser.newContext({ locale: 'fr-FR', viewport: { width: 360, height: 800 } });
    const v = await visitorContext.newPage();
    await v.goto(server.origin);
    await v.getByRole('link', { name: 'Vérifier une attestation' }).click();
    await v.waitForURL('**/verifier');
    await v.getByRole('button', { name: 'Vérifier le fichier' }).click();
    await v.locator('#file-error').waitFor();
    await check(v, 'verifier');
    await v.locator('#file').setInputFiles(file);
    await v.getByRole('button', { name: 'Vérifier le fichier' }).click();
    await v.getByRole('heading', { name: 'Attestation valable' }).waitFor();
    await v.getByText('Bob', { exact: true }).waitFor();
    await v.getByRole('cell', { name: '4 h' }).first().waitFor();
    await check(v, 'verifier-valable');

    await v.goto(`${server.origin}/verifier`);
    await v.locator('#code').fill(code.toLowerCase());
    await v.getByRole('button', { name: 'Vérifier', exact: true }).click();
    await v.getByRole('heading', { name: 'Attestation valable' }).waitFor();

    // The manager issues one for Bob from the association's pages, then revokes Bob's own, saying why.
    await m.goto(`${server.origin}/associations/${association.handle}/attestations`);
    await m.getByText('Pour Bob').waitFor();
    expect(await m.locator('#accountId option').allTextContents()).toEqual(['Bob — 4 h']);
    await m.getByRole('button', { name: 'Établir une attestation' }).click();
    await m.getByText(/Attestation BV-[0-9A-Z-]+ établie pour Bob\./).waitFor();
    expect(await m.locator('.item-list > li').count()).toBe(2);
    const item = m.locator('li', { hasText: code });
    await item.getByRole('button', { name: 'Révoquer' }).click();
    await item.getByText(`Révoquer l’attestation ${code} ?`, { exact: false }).waitFor();
    await item.getByRole('button', { name: 'Révoquer' }).click();
    await m.locator('#reason-error').waitFor();
    await check(m, 'revocation');
    await m.locator('#reason').fill('Période erronée');
    await item.getByRole('button', { name: 'Révoquer' }).click();
    await m.getByText(`Attestation ${code} révoquée.`).waitFor();
    await item.getByText('Période erronée', { exact: false }).waitFor();
    await check(m, 'attestations-association');
    await managerContext.close();

    // The printed link now says revoked, and why.
    await v.goto(`${server.origin}/verifier?code=${code}`);
    await v.getByRole('heading', { name: 'Attestation révoquée' }).waitFor();
    await v.getByText('Période erronée', { exact: false }).waitFor();
    await check(v, 'verifier-revoquee');
    await visitorContext.close();
  }, 120_000);
});
