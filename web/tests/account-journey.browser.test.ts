/**
 * A person's first visit, in Debian's Chromium against the real server process on a
 * database file, with emails through a real SMTP server: register in French, open the
 * activation link received, log in (keyboard only), edit the profile, create an API
 * token (and use it), log out. axe-core checks every page visited; screenshots are kept
 * in test-artifacts/browser/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStage, type Stage } from './browser-kit.ts';

let stage: Stage;
beforeAll(async () => {
  stage = await startStage('compte');
});
afterAll(() => stage?.stop());

describe('a volunteer’s first visit, in French', () => {
  it('registers, activates, logs in with the keyboard, edits the profile, creates a token, logs out', async () => {
    const context = await stage.browser.newContext({ locale: 'fr-FR', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const { server, inbox, check, visited } = stage;
    const email = 'camille.martin@exemple.fr';
    const password = 'le chat dort sur le canapé';

    // Home page, then registration.
    await page.goto(server.origin + '/');
    await expect(page.getByRole('heading', { level: 1 })).toBeTruthy();
    await check(page, 'accueil');
    await page.getByRole('link', { name: 'Inscription' }).first().click();
    await page.waitForURL('**/inscription');
    await check(page, 'inscription');

    await page.locator('#email').fill(email);
    await page.locator('#password').fill(password);
    await page.locator('#firstName').fill('Camille');
    await page.locator('#lastName').fill('Martin');
    await page.locator('#acceptTerms').check();
    await page.locator('#ageConfirmation').check();
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.getByText('Un e-mail vous a été envoyé').waitFor();
    await check(page, 'inscription-envoyee');

    // The activation email, received by the SMTP server, opened in the browser.
    const received = await inbox.waitFor(email, '/activation?token=');
    expect(received.mail.subject).toBe('Activez votre compte Bénévalibre');
    const link = (received.mail.text ?? '').match(/https?:\/\/\S+\/activation\?token=\S+/)?.[0];
    expect(link).toBeDefined();
    await page.goto(link!);
    await page.getByText('Votre compte est activé').waitFor();
    await check(page, 'activation');

    // Login, keyboard only: Tab into the form, type, Enter.
    await page.goto(server.origin + '/connexion');
    await page.locator('#email').waitFor();
    await check(page, 'connexion');
    await page.locator('#email').focus();
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('password');
    await page.keyboard.type(password);
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: 'Déclarer du bénévolat' }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Bonjour Camille');
    await check(page, 'tableau-de-bord');

    // Profile: add a pseudo.
    await page.getByRole('link', { name: 'Profil' }).first().click();
    await page.waitForURL('**/profil');
    await page.locator('#pseudo').waitFor();
    await check(page, 'profil');
    await page.locator('#pseudo').fill('Cam');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.getByText('Vos modifications sont enregistrées.').waitFor();
    const me = await page.evaluate(async () => (await fetch('/api/v1/me')).json());
    expect(me).toMatchObject({ pseudo: 'Cam', displayName: 'Camille Martin (Cam)' });

    // An API token, shown once, that works from another program.
    await page.locator('#tokenName').fill('Tableur de l’association');
    await page.locator('#tokenScope').selectOption('read');
    await page.getByRole('button', { name: 'Créer le jeton' }).click();
    const secretBox = page.getByTestId('token-secret');
    await secretBox.waitFor();
    const secret = ((await secretBox.inputValue().catch(() => null)) ?? (await secretBox.textContent()) ?? '').trim();
    expect(secret).toMatch(/^bvt_/);
    await check(page, 'profil-jeton');
    const viaToken = await fetch(`${server.origin}/api/v1/me`, { headers: { Authorization: `Bearer ${secret}` } });
    expect(viaToken.status).toBe(200);
    expect(((await viaToken.json()) as { email: string }).email).toBe(email);

    // Log out: the session ends on the server too.
    await page.getByRole('button', { name: 'Se déconnecter' }).first().click();
    await page.getByRole('link', { name: 'Connexion' }).first().waitFor();
    await check(page, 'deconnexion');
    const after = await page.evaluate(async () => (await fetch('/api/v1/session')).status);
    expect(after).toBe(401);

    expect(visited).toEqual(expect.arrayContaining(['/', '/inscription', '/activation', '/connexion', '/profil']));
    await context.close();
    // A whole journey with a dozen axe checks: under a loaded CI machine it needs more than the default.
  }, 120_000);
});
