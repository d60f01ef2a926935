/**
 * Associations in the browser, in Debian's Chromium against the real server process
 * with emails through a real SMTP server: a person creates an association that checks
 * its new members; a second person, in another browser, finds it by searching its name
 * and asks to join; the first sees the request waiting on the dashboard. Then the
 * anonymous member link, opened while logged in, asks to log out first. axe-core checks
 * every page visited; screenshots are kept in test-artifacts/browser/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startServer, type ServerProcess } from '../../src/testing/server-process.ts';
import { SmtpInbox } from '../../src/testing/smtp-inbox.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const artifacts = path.join(root, 'test-artifacts', 'browser');
const axeSource = readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');
const PASSWORD = 'le chat dort sur le canapé';
const ASSOCIATION = 'Chorale des Tilleuls';

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

let inbox: SmtpInbox;
let server: ServerProcess;
let browser: Browser;
const visited: string[] = [];

/** Runs axe-core on the page (WCAG 2.1 A/AA) and returns the serious or critical violations. */
async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, so the page's CSP (no inline scripts) does not apply.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations;
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

async function check(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: path.join(artifacts, `assoc-${String(visited.length + 1).padStart(2, '0')}-${name}.png`), fullPage: true });
  visited.push(new URL(page.url()).pathname);
  const violations = await seriousViolations(page);
  expect(violations.map((v) => `${name}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Registers through the API and activates with the link received by email (the UI path is covered by account-journey). */
async function activeAccount(email: string, firstName: string): Promise<void> {
  const registered = await fetch(`${server.origin}/api/v1/accounts`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD, firstName, language: 'fr', acceptTerms: true, ageConfirmation: true }),
  });
  expect(registered.ok).toBe(true);
  const received = await inbox.waitFor(email, '/activation?token=');
  const token = (received.mail.text ?? '').match(/\/activation\?token=([A-Za-z0-9_-]+)/)?.[1];
  expect(token).toBeDefined();
  const activated = await fetch(`${server.origin}/api/v1/accounts/activation`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  expect(activated.ok).toBe(true);
}

/** A phone-sized browser of its own (cookies not shared), logged in through the login page. */
async function loggedIn(email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(server.origin + '/connexion');
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Me connecter' }).click();
  await page.getByRole('link', { name: 'Déclarer du bénévolat' }).waitFor();
  return { context, page };
}

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  inbox = await new SmtpInbox().start();
  server = await startServer({ BV_SMTP_URL: inbox.url, BV_MAIL_FROM: 'Bénévalibre <no-reply@localhost>' });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await inbox?.stop();
});

describe('associations, in French', () => {
  it('creates an association, another person finds it and asks to join, the manager sees the request', async () => {
    const anne = 'anne.leroy@exemple.fr';
    const bruno = 'bruno.petit@exemple.fr';
    await activeAccount(anne, 'Anne');
    await activeAccount(bruno, 'Bruno');

    // Anne: an empty dashboard says what to do next; the main action stays first.
    const first = await loggedIn(anne);
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
    const second = await loggedIn(bruno);
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
