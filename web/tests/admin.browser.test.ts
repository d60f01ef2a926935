/**
 * Site administration and anonymous members in the browser, in Debian's Chromium
 * against the real server process with emails through a real SMTP server. The first
 * administrator is created with the command line, as in production, against the
 * server's own database. 1) The admin turns on the approval of new associations; a
 * person creates one; the admin approves it and publishes announcements that then show
 * at the top of the pages (one for everyone, one for managers only). 2) A manager
 * creates an anonymous member; the link, opened in a fresh browser, shows that one
 * association only. axe-core checks every page visited; screenshots are kept in
 * test-artifacts/browser/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startStage, type Stage } from './browser-kit.ts';

const PASSWORD = 'une longue phrase de passe';
const ADMIN = 'admin@exemple.fr';

interface AssociationBody {
  id: string;
  handle: string;
  name: string;
  isActive: boolean;
}

let stage: Stage;
const check = (page: Page, name: string) => stage.check(page, name);
const loggedIn = (email: string) => stage.loggedIn(email, PASSWORD);
const activeAccount = (email: string, firstName: string) => stage.activeAccount(email, firstName, PASSWORD);


/** Calls the API from inside the page, with its session cookie and CSRF token, as the front end does. */
async function apiIn<T>(page: Page, method: string, url: string, body?: unknown): Promise<{ status: number; data: T }> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const session = await (await fetch('/api/v1/session')).json();
      const res = await fetch(`/api/v1${url}`, {
        method,
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrfToken ?? '' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, data: res.status === 204 ? null : await res.json() };
    },
    { method, url, body },
  ) as Promise<{ status: number; data: T }>;
}

beforeAll(async () => {
  stage = await startStage('admin');
  await stage.createAdmin(ADMIN, 'Ada', PASSWORD);
});
afterAll(() => stage?.stop());

describe('site administration, in French', () => {
  it('moderates new associations, approves one, publishes announcements shown on the pages', async () => {
    const { context: adminContext, page: admin } = await loggedIn(ADMIN);

    // The administration home: figures and the way to each task.
    await admin.getByRole('link', { name: 'Administration', exact: true }).first().click();
    await admin.waitForURL('**/admin');
    await admin.getByText('comptes activés').waitFor();
    await check(admin, 'accueil');

    // Settings: new associations now wait for approval.
    await admin.getByRole('link', { name: 'Paramètres du site' }).click();
    await admin.waitForURL('**/admin/parametres');
    await admin.locator('#associationCreationModerated').waitFor();
    await check(admin, 'parametres');
    await admin.locator('#associationCreationModerated').check();
    await admin.locator('#legalNotice').fill('Site hébergé par l’Association des Hébergeurs.\n\nContact : contact@exemple.fr');
    await admin.getByRole('button', { name: 'Enregistrer' }).click();
    await admin.getByText('Les paramètres du site sont enregistrés.').waitFor();
    const instance = (await (await fetch(`${stage.server.origin}/api/v1/instance`)).json()) as { associationCreationModerated: boolean };
    expect(instance.associationCreationModerated).toBe(true);

    // The legal notice shows the text written, as paragraphs.
    await admin.getByRole('link', { name: 'Mentions légales', exact: true }).click();
    await admin.getByText('Contact : contact@exemple.fr').waitFor();
    expect(await admin.locator('main p').first().textContent()).toContain('Association des Hébergeurs');
    await check(admin, 'mentions-legales');

    // A person creates an association: it waits for approval.
    const camille = 'camille.roux@exemple.fr';
    await activeAccount(camille, 'Camille');
    const { context: camilleContext, page: manager } = await loggedIn(camille);
    const created = await apiIn<AssociationBody>(manager, 'POST', '/associations', { name: 'Jardins Partagés de Talant', description: 'Des potagers ouverts à tous.' });
    expect(created.status).toBe(201);
    expect(created.data.isActive).toBe(false);

    // The admin approves it from the queue.
    await admin.goto(stage.server.origin + '/admin/associations');
    await admin.getByText('Jardins Partagés de Talant').waitFor();
    await admin.getByText('En attente de validation').first().waitFor();
    await check(admin, 'associations-a-valider');
    await admin.getByRole('button', { name: "Valider l'association" }).click();
    await admin.getByText('est validée').waitFor();
    await admin.getByText("Aucune association n'attend de validation", { exact: false }).waitFor();
    const approved = await apiIn<AssociationBody>(manager, 'GET', `/associations/${created.data.id}`);
    expect(approved.data.isActive).toBe(true);
    await admin.getByRole('link', { name: 'Toutes' }).click();
    await admin.getByRole('link', { name: 'Jardins Partagés de Talant' }).waitFor();
    await check(admin, 'associations-toutes');

    // Two announcements: one for everyone, one for association managers.
    await admin.goto(stage.server.origin + '/admin/annonces');
    await admin.locator('#title').waitFor();
    await check(admin, 'annonces-vide');
    await admin.locator('#title').fill('Maintenance samedi');
    await admin.locator('#content').fill('Le site sera indisponible samedi de 8 h à 10 h.\nMerci de votre patience.');
    await admin.getByRole('button', { name: "Publier l'annonce" }).click();
    await admin.getByText('L\'annonce « Maintenance samedi » est enregistrée.').waitFor();
    await admin.getByTestId('announcement').filter({ hasText: 'Maintenance samedi' }).waitFor();
    await admin.locator('#title').fill('Bilans annuels');
    await admin.locator('#content').fill('Pensez à exporter vos heures avant le 31 janvier.');
    await admin.locator('#audience').selectOption('managers');
    await admin.getByRole('button', { name: "Publier l'annonce" }).click();
    await admin.getByText('L\'annonce « Bilans annuels » est enregistrée.').waitFor();
    await check(admin, 'annonces');

    // The manager sees both at the top of the pages…
    await manager.reload();
    await manager.getByTestId('announcement').filter({ hasText: 'Maintenance samedi' }).waitFor();
    await manager.getByTestId('announcement').filter({ hasText: 'Bilans annuels' }).waitFor();
    await check(manager, 'annonces-gestionnaire');

    // …a visitor sees the one for everyone only, and can hide it for the visit.
    const visitorContext = await stage.browser.newContext({ locale: 'fr-FR', viewport: { width: 390, height: 844 } });
    const visitor = await visitorContext.newPage();
    await visitor.goto(stage.server.origin + '/');
    await visitor.getByTestId('announcement').filter({ hasText: 'Maintenance samedi' }).waitFor();
    expect(await visitor.getByTestId('announcement').count()).toBe(1);
    await check(visitor, 'annonce-visiteur');
    await visitor.getByRole('button', { name: /Masquer/ }).click();
    expect(await visitor.getByTestId('announcement').count()).toBe(0);
    await visitor.reload();
    await visitor.getByRole('heading', { level: 1 }).waitFor();
    await visitor.waitForLoadState('networkidle');
    expect(await visitor.getByTestId('announcement').count()).toBe(0);

    // A person who is not an administrator is told plainly.
    await manager.goto(stage.server.origin + '/admin/comptes');
    await manager.getByText('Cette page est réservée à l\'administration du site.').waitFor();

    // The admin's history shows what was done.
    await admin.goto(stage.server.origin + '/admin/historique');
    await admin.getByText('Ada a validé l\'association', { exact: false }).waitFor();
    await check(admin, 'historique');

    await visitorContext.close();
    await camilleContext.close();
    await adminContext.close();
  }, 120_000);

  it('gives an anonymous member a link that opens their association only, in a fresh browser', async () => {
    const dominique = 'dominique.blanc@exemple.fr';
    await activeAccount(dominique, 'Dominique');
    const { context: managerContext, page: manager } = await loggedIn(dominique);
    const { context: adminContext, page: admin } = await loggedIn(ADMIN);

    // Dominique's association (approved if the site asks for it) and another one.
    const own = await apiIn<AssociationBody>(manager, 'POST', '/associations', { name: 'Atelier Vélo Solidaire' });
    expect(own.status).toBe(201);
    if (!own.data.isActive) expect((await apiIn(admin, 'POST', `/admin/associations/${own.data.id}/approval`)).status).toBe(200);
    const other = await apiIn<AssociationBody>(admin, 'POST', '/associations', { name: 'Club d’Échecs du Lac' });
    expect(other.status).toBe(201);

    // The manager creates the link; it is shown once, with what to do with it.
    await manager.goto(`${stage.server.origin}/associations/${own.data.handle}/membres-anonymes`);
    await manager.getByText('Aucun membre anonyme pour l\'instant', { exact: false }).waitFor();
    await check(manager, 'membres-anonymes-vide');
    await manager.getByRole('button', { name: 'Créer le lien' }).click();
    await manager.locator('#name-error').waitFor();
    await manager.locator('#name').fill('Léo');
    const nextYear = `${new Date().getFullYear() + 1}-12-31`;
    await manager.locator('#expiresOn').fill(nextYear);
    await manager.getByRole('button', { name: 'Créer le lien' }).click();
    const linkBox = manager.getByTestId('anonymous-link');
    await linkBox.waitFor();
    const link = ((await linkBox.textContent()) ?? '').trim();
    expect(link).toMatch(/\/acces\?cle=[A-Za-z0-9_-]{40,}$/);
    await manager.getByText('Donnez ce lien à la personne : il lui permet de déclarer ses heures sans compte.').waitFor();
    await manager.getByText('pas encore venu').waitFor();
    await check(manager, 'membres-anonymes-lien');

    // Opened in a fresh browser: the person sees their association, and only it.
    const anonymousContext = await stage.browser.newContext({ locale: 'fr-FR', viewport: { width: 390, height: 844 } });
    const person = await anonymousContext.newPage();
    await person.goto(link.replace(/^https?:\/\/[^/]+/, stage.server.origin));
    await person.getByRole('heading', { level: 1, name: /Léo/ }).waitFor();
    await person.getByText('Atelier Vélo Solidaire').first().waitFor();
    expect(await person.getByText('Club d’Échecs du Lac').count()).toBe(0);
    await check(person, 'acces-anonyme');
    const session = await person.evaluate(async () => {
      const res = await fetch('/api/v1/anonymous-session');
      return { status: res.status, body: await res.json() };
    });
    expect(session.status).toBe(200);
    expect(session.body.association.id).toBe(own.data.id);
    const cookie = (await anonymousContext.cookies()).find((c) => c.name.endsWith('bv_anon'));
    expect(cookie?.expires).toBe(-1); // ends with the browser
    const me = await person.evaluate(async () => (await fetch('/api/v1/me')).status);
    expect(me).toBe(401);
    const otherMembers = await person.evaluate(async (id) => (await fetch(`/api/v1/associations/${id}/members`)).status, other.data.id);
    expect([401, 403, 404]).toContain(otherMembers);

    // The manager sees the visit; a new link stops the old one.
    await manager.reload();
    await manager.getByText('dernière visite le', { exact: false }).waitFor();
    await manager.getByRole('button', { name: 'Nouveau lien' }).click();
    await manager.getByText('L\'ancien lien ne fonctionnera plus', { exact: false }).waitFor();
    await manager.getByRole('button', { name: 'Oui, créer un nouveau lien' }).click();
    await manager.getByTestId('anonymous-link').filter({ hasNotText: link }).waitFor();
    const oldKey = new URL(link).searchParams.get('cle');
    const reused = await fetch(`${stage.server.origin}/api/v1/anonymous-session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ key: oldKey }),
    });
    expect(reused.status).toBe(403);

    // Members, roles and history pages of the association, as its manager sees them.
    await manager.goto(`${stage.server.origin}/associations/${own.data.handle}/membres`);
    await manager.locator('li.item').filter({ hasText: 'Dominique' }).getByText('Membre actif').waitFor();
    await check(manager, 'membres');
    await manager.goto(`${stage.server.origin}/associations/${own.data.handle}/roles`);
    await manager.getByRole('button', { name: 'Créer un rôle' }).waitFor();
    await check(manager, 'roles');
    await manager.goto(`${stage.server.origin}/associations/${own.data.handle}/historique`);
    await manager.getByText('a créé un membre anonyme', { exact: false }).waitFor();
    await check(manager, 'historique-association');

    await anonymousContext.close();
    await adminContext.close();
    await managerContext.close();
  }, 120_000);
});
