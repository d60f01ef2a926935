/**
 * News, discovery and moderation in the browser (issue 6), in Debian's Chromium against
 * the real server process: a manager publishes a public news item and a members-only
 * one from the association's page (a forgotten title is explained beside the field,
 * nothing typed is lost); a visitor sees only the public one and finds « Rejoindre
 * depuis votre site Bénévalibre »; a logged-in person opens /rejoindre with the
 * association's address; an admin blocks a site and sees the empty reports page.
 * axe-core checks every page; screenshots go to test-artifacts/browser/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startStage, type Stage, apiCall as call } from './browser-kit.ts';

const PASSWORD = 'le chat dort sur le canapé';
const MANAGER = 'rose.gestion@exemple.fr';
const ADMIN = 'ada.admin@exemple.fr';

let stage: Stage;
beforeAll(async () => {
  stage = await startStage('news');
}, 120_000);
afterAll(() => stage?.stop());



describe('news, discovery and moderation', () => {
  it('a manager publishes public and members-only news, a visitor sees the public one, an admin blocks a site', async () => {
    const { server, check } = stage;
    await stage.activeAccount(MANAGER, 'Rose', PASSWORD);
    await stage.createAdmin(ADMIN, 'Ada', PASSWORD);

    // Rose runs « Chorale du Lac ».
    const { context: managerContext, page: m } = await stage.loggedIn(MANAGER, PASSWORD);
    const association = await call(m, 'POST', '/associations', { name: 'Chorale du Lac', description: 'On chante ensemble le jeudi.' });
    await m.goto(`${server.origin}/associations/${association.handle}`);
    await m.getByRole('heading', { name: 'Actualités' }).waitFor();
    await m.getByText('Pas encore d\'actualité.', { exact: false }).waitFor();
    await check(m, 'association-gestion');

    // From the association's page to the form; a forgotten title is explained beside it, the text stays.
    await m.getByRole('link', { name: 'Écrire une actualité' }).click();
    await m.waitForURL('**/actualites?ecrire=1');
    await m.locator('#text').fill('Concert de Noël le 20 décembre à l\'église.\n\nVenez nombreux !');
    await m.getByRole('button', { name: 'Publier l\'actualité' }).click();
    await m.locator('#title-error').waitFor();
    expect(await m.locator('#text').inputValue()).toContain('Venez nombreux');
    await check(m, 'actualite-erreur');
    await m.locator('#title').fill('Concert de Noël');
    await m.getByRole('button', { name: 'Publier l\'actualité' }).click();
    await m.getByText('L\'actualité « Concert de Noël » est publiée.').waitFor();

    // A second one, for members only.
    await m.getByRole('button', { name: 'Écrire une actualité' }).click();
    await m.locator('#title').fill('Code de la salle');
    await m.locator('#text').fill('Le code de la porte change lundi : 1234.');
    await m.getByLabel('Les membres de l\'association').check();
    await m.getByRole('button', { name: 'Publier l\'actualité' }).click();
    await m.getByText('L\'actualité « Code de la salle » est publiée.').waitFor();
    await m.getByText('Réservée aux membres').waitFor();
    await check(m, 'actualites-gestion');

    // The item page; deleting asks first, and « Annuler » keeps it.
    await m.getByRole('link', { name: 'Code de la salle' }).click();
    await m.getByRole('heading', { level: 1, name: 'Code de la salle' }).waitFor();
    await m.getByRole('button', { name: 'Supprimer' }).click();
    await m.getByText('Supprimer l\'actualité « Code de la salle » ?', { exact: false }).waitFor();
    await check(m, 'actualite-suppression');
    await m.getByRole('button', { name: 'Annuler' }).click();
    await m.getByRole('button', { name: 'Modifier' }).waitFor();

    // A visitor sees the public news only, and the way to join from their own site.
    const visitorContext = await stage.browser.newContext({ locale: 'fr-FR', viewport: { width: 360, height: 800 } });
    const v = await visitorContext.newPage();
    await v.goto(`${server.origin}/associations/${association.handle}`);
    await v.getByRole('link', { name: 'Concert de Noël' }).waitFor();
    expect(await v.getByText('Code de la salle').count()).toBe(0);
    await v.getByRole('heading', { name: 'Rejoindre depuis votre site Bénévalibre' }).waitFor();
    await v.getByRole('button', { name: 'Continuer sur mon site' }).click();
    await v.locator('#join-address-error').waitFor();
    await check(v, 'association-visiteur');
    await v.goto(`${server.origin}/associations/${association.handle}/actualites`);
    await v.getByRole('link', { name: 'Concert de Noël' }).waitFor();
    expect(await v.getByText('Code de la salle').count()).toBe(0);
    await check(v, 'actualites-visiteur');
    await v.getByRole('link', { name: 'Concert de Noël' }).click();
    await v.getByText('Venez nombreux !').waitFor();
    expect(await v.getByRole('button', { name: 'Modifier' }).count()).toBe(0);
    await check(v, 'actualite-visiteur');
    // Typing an address of this very site sends the visitor to its /rejoindre page (login first).
    await v.goto(`${server.origin}/associations/${association.handle}`);
    await v.locator('#join-address').fill(`@marie@${new URL(server.origin).host}`);
    await v.getByRole('button', { name: 'Continuer sur mon site' }).click();
    await v.waitForURL('**/connexion?retour=**');
    // The return address is encoded once more inside retour=.
    expect(decodeURIComponent(decodeURIComponent(v.url()))).toContain(`/rejoindre?association=${server.origin}/ap/actors/${association.id}`);
    await visitorContext.close();

    // Logged in, /rejoindre shows the association with its public news.
    await m.goto(`${server.origin}/rejoindre?association=${encodeURIComponent(`${server.origin}/ap/actors/${association.id}`)}`);
    await m.getByRole('heading', { name: 'Chorale du Lac' }).waitFor();
    await m.getByText('Cette association est sur ce site-ci.').waitFor();
    await m.getByRole('heading', { name: 'Concert de Noël' }).waitFor();
    await check(m, 'rejoindre');
    await managerContext.close();

    // The admin blocks a site from the administration.
    const { context: adminContext, page: a } = await stage.loggedIn(ADMIN, PASSWORD);
    await a.goto(`${server.origin}/admin`);
    await a.getByRole('link', { name: 'Signalements' }).click();
    await a.getByText('Aucun signalement à traiter.', { exact: false }).waitFor();
    await check(a, 'signalements');
    await a.goto(`${server.origin}/admin`);
    await a.getByRole('link', { name: 'Sites bloqués' }).click();
    await a.getByText('Aucun site bloqué.', { exact: false }).waitFor();
    await a.locator('#domain').fill('https://spam.exemple.org/@robot');
    await a.locator('#reason').fill('Envoie des publicités');
    await a.getByRole('button', { name: 'Bloquer ce site' }).click();
    // Blocking removes follows: it asks first, naming the site as it will be blocked.
    await a.getByText('Bloquer spam.exemple.org ?', { exact: false }).waitFor();
    await check(a, 'blocage-confirmation');
    await a.getByRole('button', { name: 'Oui, bloquer' }).click();
    await a.getByText('Le site spam.exemple.org est bloqué.').waitFor();
    await a.getByText('Envoie des publicités').waitFor();
    await check(a, 'sites-bloques');
    await adminContext.close();
  }, 120_000);
});
