/**
 * Associations in the browser, in Debian's Chromium against the real server process
 * with emails through a real SMTP server: a person creates an association that checks
 * its new members; a second person, in another browser, finds it by searching its name
 * and asks to join; the first sees the request waiting on the dashboard, accepts it,
 * changes the new member's role and function; the second leaves. Then the
 * anonymous member link, opened while logged in, asks to log out first. axe-core checks
 * every page visited; screenshots are kept in test-artifacts/browser/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStage, type Stage } from './browser-kit.ts';

const PASSWORD = 'le chat dort sur le canapé';
const ASSOCIATION = 'Chorale des Tilleuls';

let stage: Stage;
beforeAll(async () => {
  stage = await startStage('assoc');
});
afterAll(() => stage?.stop());

describe('associations, in French', () => {
  it('creates an association; another person finds it, asks to join, is accepted, gets a new role and leaves', async () => {
    const anne = 'anne.leroy@exemple.fr';
    const bruno = 'bruno.petit@exemple.fr';
    const { server, inbox, check, visited } = stage;
    await stage.activeAccount(anne, 'Anne', PASSWORD);
    await stage.activeAccount(bruno, 'Bruno', PASSWORD);

    // Anne: an empty dashboard says what to do next; the main action stays first.
    const first = await stage.loggedIn(anne, PASSWORD);
    const a = first.page;
    await a.getByText("Vous ne faites partie d'aucune association", { exact: false }).waitFor();
    const declare = await a.getByRole('link', { name: 'Déclarer du bénévolat' }).boundingBox();
    expect(declare && declare.y + declare.height).toBeLessThan(844);
    await check(a, 'tableau-de-bord-vide');

    // The list is empty too, and offers to create one.
    await a.getByRole('link', { name: 'Associations', exact: true }).first().click();
    await a.waitForURL('**/associations');
    await a.getByText("Aucune association n'est encore inscrite", { exact: false }).waitFor();
    await check(a, 'liste-vide');
    await a.getByRole('link', { name: 'Créer une association' }).first().click();
    await a.waitForURL('**/associations/nouvelle');
    await a.locator('#name').waitFor();
    await a.locator('#activityFieldCode optgroup').first().waitFor({ state: 'attached' });
    await check(a, 'creation');

    // A mistake is explained beside the field, and nothing typed is lost.
    await a.locator('#description').fill('Nous chantons le jeudi soir, tous niveaux.');
    await a.locator('#website').fill('pas une adresse');
    await a.getByRole('button', { name: "Créer l'association" }).click();
    await a.locator('#name-error').waitFor();
    await expect(a.locator('#website-error').textContent()).resolves.toContain('incomplète');
    expect(await a.locator('#description').inputValue()).toBe('Nous chantons le jeudi soir, tous niveaux.');
    await check(a, 'creation-erreurs');

    await a.locator('#name').fill(ASSOCIATION);
    await a.locator('#website').fill('chorale-tilleuls.fr');
    await a.locator('#activityFieldCode').selectOption('1.1');
    await a.locator('#postalCode').fill('21000');
    await a.locator('#hasEmployees').selectOption('no');
    await a.locator('#yearlyIncome').fill('2 500');
    await a.locator('#moderateMembership').check();
    await a.getByRole('button', { name: "Créer l'association" }).click();
    await a.waitForURL((url) => /^\/associations\/(?!nouvelle$)[^/]+$/.test(url.pathname));
    await a.getByText("L'association est créée", { exact: false }).waitFor();
    await a.getByRole('heading', { level: 1, name: ASSOCIATION }).waitFor();
    await a.getByText('Vous êtes membre').waitFor();
    await a.getByRole('link', { name: 'Paramètres' }).waitFor();
    await check(a, 'association-creee');
    const handle = new URL(a.url()).pathname.split('/').pop()!;
    const created = await a.evaluate(async (ref) => (await fetch(`/api/v1/associations/${ref}`)).json(), handle);
    expect(created).toMatchObject({
      name: ASSOCIATION,
      website: 'https://chorale-tilleuls.fr',
      activityField: { code: '1.1' },
      country: 'FR',
      postalCode: '21000',
      hasEmployees: 'no',
      yearlyIncome: 2500,
      timeZone: 'Europe/Paris',
      moderateMembership: true,
      isHidden: false,
    });

    // Bruno, in another browser: finds it by searching part of its name, asks to join.
    const second = await stage.loggedIn(bruno, PASSWORD);
    const b = second.page;
    await b.getByRole('link', { name: 'Associations', exact: true }).first().click();
    await b.waitForURL('**/associations');
    await b.locator('#q').fill('tilleuls');
    await b.keyboard.press('Enter');
    await b.waitForURL('**/associations?q=tilleuls');
    await b.getByText('1 association trouvée').waitFor();
    await check(b, 'recherche');
    await b.getByRole('link', { name: ASSOCIATION }).click();
    await b.getByRole('button', { name: 'Rejoindre' }).waitFor();
    await check(b, 'association-visiteur');
    await b.getByRole('button', { name: 'Rejoindre' }).click();
    await b.getByText('Demande envoyée, en attente de validation').waitFor();
    await check(b, 'demande-envoyee');
    await b.goto(server.origin + '/');
    await b.getByText('Demande envoyée, en attente de validation').waitFor();
    await check(b, 'tableau-de-bord-demande');

    // Anne is told by email, and sees the request waiting on her dashboard.
    const mail = await inbox.waitFor(anne, ASSOCIATION);
    expect(mail.mail.subject).toContain('adhésion');
    await a.goto(server.origin + '/');
    const pending = a.getByRole('link', { name: "1 demande d'adhésion à valider" });
    await pending.waitFor();
    expect(await pending.getAttribute('href')).toBe(`/associations/${handle}/membres?statut=en-attente`);
    await check(a, 'tableau-de-bord-responsable');

    // Bruno changes his mind: the confirmation says what happens, and he can keep his request.
    await b.goto(`${server.origin}/associations/${handle}`);
    await b.getByRole('button', { name: 'Annuler ma demande' }).click();
    await b.getByRole('button', { name: 'Oui, annuler la demande' }).waitFor();
    await check(b, 'confirmation-annulation');
    await b.getByRole('button', { name: 'Non, garder ma demande' }).click();
    await b.getByText('Demande envoyée, en attente de validation').waitFor();

    // Anne accepts Bruno from the pending list, then makes him a coordinator with a CEC function.
    await a.goto(`${server.origin}/associations/${handle}/membres?statut=en-attente`);
    await a.getByRole('button', { name: 'Accepter' }).click();
    await a.getByText("Bruno fait maintenant partie de l'association", { exact: false }).waitFor();
    await check(a, 'membre-accepte');
    const accepted = await inbox.waitFor(bruno, ASSOCIATION);
    expect(accepted.mail.subject).toContain('acceptée');
    await a.goto(`${server.origin}/associations/${handle}/membres`);
    await a.getByRole('button', { name: 'Changer le rôle ou la fonction' }).last().click();
    await a.locator('#roleId').selectOption({ label: 'Coordination' });
    await a.locator('#function').selectOption('supervision');
    await check(a, 'membre-changer-role');
    await a.getByRole('button', { name: 'Enregistrer' }).click();
    await a.getByText('Les changements pour Bruno', { exact: false }).waitFor();
    const members = await a.evaluate(async (ref) => (await fetch(`/api/v1/associations/${ref}/members`)).json(), handle);
    expect(members.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ status: 'active', role: expect.objectContaining({ name: 'Coordination' }), function: 'supervision' })]),
    );

    // Bruno sees his new role, then leaves; the confirmation says his declarations are kept.
    await b.goto(`${server.origin}/associations/${handle}`);
    await b.getByText('Coordination', { exact: false }).first().waitFor();
    await b.getByRole('button', { name: "Quitter l'association" }).click();
    await b.getByText('Vos actions de bénévolat déjà déclarées seront conservées', { exact: false }).waitFor();
    await check(b, 'quitter-confirmation');
    await b.getByRole('button', { name: 'Oui, je pars' }).click();
    await b.getByText('Vous avez quitté', { exact: false }).waitFor();
    await check(b, 'quitte');
    const left = await b.evaluate(async (ref) => (await fetch(`/api/v1/associations/${ref}`)).json(), handle);
    expect(left.viewer).toMatchObject({ membership: null, canJoin: true });

    // An anonymous member's link, opened in Anne's logged-in browser, asks to log out first.
    const link = await a.evaluate(async (ref) => {
      const session = await (await fetch('/api/v1/session')).json();
      const association = await (await fetch(`/api/v1/associations/${ref}`)).json();
      const res = await fetch(`/api/v1/associations/${association.id}/anonymous-members`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrfToken },
        body: JSON.stringify({ name: 'Léa' }),
      });
      return ((await res.json()) as { link: string }).link;
    }, handle);
    expect(link).toContain('/acces?cle=');
    await a.goto(server.origin + new URL(link).pathname + new URL(link).search);
    await a.getByRole('button', { name: 'Me déconnecter et continuer' }).waitFor();
    await check(a, 'acces-deconnexion-demandee');
    await a.getByRole('button', { name: 'Me déconnecter et continuer' }).click();
    await a.getByRole('heading', { level: 1, name: 'Bonjour Léa' }).waitFor();
    await a.getByText('Votre accès se termine quand vous fermez le navigateur.').waitFor();
    // The key leaves the address bar once used.
    expect(new URL(a.url()).search).toBe('');
    await check(a, 'acces-membre-anonyme');

    expect(visited).toEqual(expect.arrayContaining(['/', '/associations', '/associations/nouvelle', `/associations/${handle}`, '/acces']));
    await first.context.close();
    await second.context.close();
    // Two people, a dozen pages each checked by axe: longer than the default 20 s.
  }, 120_000);
});
