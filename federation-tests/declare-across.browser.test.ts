/**
 * In the browser, across two real instances of the bed (HTTPS with the bed's throw-away
 * CA, which Chromium is told to accept): Paul, on A, joins Marie's association of B from
 * A's « Rejoindre » page, declares 2 h 30 for it from A's main « Déclarer du bénévolat »
 * page (offered beside local associations), corrects its title from A's pages; Marie,
 * on B, finds it in her association's list and validates it; Paul sees it « Validée » on
 * A. axe-core checks every page (WCAG 2.1 AA); screenshots in test-artifacts/browser/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PASSWORD, activeAccount, createAssociation, pollUntil, startBed, type Account, type Association, type Bed } from './harness.ts';

const root = new URL('..', import.meta.url).pathname;
const artifacts = path.join(root, 'test-artifacts', 'browser');
const axeSource = readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');
type AxeWindow = Window & { axe?: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } };

let bed: Bed;
let browser: Browser;
let marie: Account;
let paul: Account;
let club: Association;
let shots = 0;
beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  bed = await startBed({ instances: 2 });
  [marie, paul] = await Promise.all([activeAccount(bed, bed.b, 'marie@b.test', 'Marie'), activeAccount(bed, bed.a, 'paul@a.test', 'Paul')]);
  club = await createAssociation(marie, 'Le Club Nautique', { moderateDeclarations: true });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    // The bed's certificates come from a CA made for this run only.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--ignore-certificate-errors'],
  });
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await bed?.stop();
});

/** Screenshot, then axe-core: no serious or critical WCAG 2.1 A/AA violation. */
async function check(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  shots += 1;
  await page.screenshot({ path: path.join(artifacts, `across-${String(shots).padStart(2, '0')}-${name}.png`), fullPage: true });
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => (await (window as AxeWindow).axe!.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })).violations);
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${name}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.map((x) => x.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** A phone 360 px wide, logged in on `origin` through its login page. */
async function phone(origin: string, email: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 360, height: 800 }, ignoreHTTPSErrors: true });
  const page = await context.newPage();
  await page.goto(`${origin}/connexion`);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Me connecter' }).click();
  await page.getByRole('link', { name: 'Déclarer du bénévolat' }).first().waitFor();
  return page;
}

describe('a volunteer on A declares for an association of B, from A’s pages', () => {
  it('joins, declares from « Déclarer du bénévolat », corrects it; B’s manager validates; A shows it validated', async () => {
    const groupIri = `${bed.b.origin}/ap/actors/${club.id}`;
    const p = await phone(bed.a.origin, paul.email);

    // Joining from A's page (as reached from « Rejoindre depuis votre site Bénévalibre »).
    await p.goto(`${bed.a.origin}/rejoindre?association=${encodeURIComponent(groupIri)}`);
    await p.getByRole('button', { name: 'Rejoindre' }).click();
    await pollUntil(async () => {
      const items = (await paul.client.json<{ items: { actor: string; status: string }[] }>('GET', '/api/v1/federation/memberships', undefined, 200)).items;
      return items.some((m) => m.actor === groupIri && m.status === 'active');
    }, { what: 'the membership on A', timeoutMs: 60_000 });
    await check(p, 'rejoindre');

    // The main declaration page offers it (Paul has no local association): same form.
    await p.goto(`${bed.a.origin}/declarer`);
    await p.getByText(`Pour Le Club Nautique (${bed.b.host})`).waitFor();
    await p.locator('#categoryId option').nth(1).waitFor({ state: 'attached' });
    await p.locator('#hours').fill('2');
    await p.locator('#minutes').fill('30');
    await p.locator('#categoryId').selectOption({ index: 1 });
    await p.locator('#title').fill('Carénage');
    await check(p, 'declarer');
    await p.getByRole('button', { name: 'Enregistrer ma déclaration' }).click();
    await p.getByRole('heading', { name: "C'est enregistré, merci !" }).waitFor();
    await p.getByText('elle part vers l’association').waitFor();
    await check(p, 'declare');

    // Corrected from A's list: « Modifier » opens the same form; it goes again to B.
    await pollUntil(async () => (await marie.client.json<{ items: { title: string }[] }>('GET', `/api/v1/associations/${club.id}/declarations`, undefined, 200)).items.some((d) => d.title === 'Carénage'), { what: 'the declaration on B', timeoutMs: 60_000 });
    await p.goto(`${bed.a.origin}/mes-benevolats`);
    const item = p.locator('.remote-declarations li', { hasText: 'Carénage' });
    await item.getByRole('link', { name: 'Modifier' }).click();
    await p.locator('#title').waitFor();
    expect(await p.locator('#title').inputValue()).toBe('Carénage');
    await check(p, 'modifier');
    await p.locator('#title').fill('Carénage de la coque');
    await p.getByRole('button', { name: 'Enregistrer et renvoyer' }).click();
    await p.getByText('Modification enregistrée').waitFor();

    // Marie, on B, finds it in her association's list and validates it.
    const m = await phone(bed.b.origin, marie.email);
    const listed = async () => {
      await m.goto(`${bed.b.origin}/associations/${club.handle}/declarations`);
      await m.locator('li.decl-item').first().waitFor();
      return (await m.locator('li.decl-item', { hasText: 'Carénage de la coque' }).count()) > 0;
    };
    await pollUntil(listed, { what: 'the corrected declaration in B’s list', timeoutMs: 60_000, intervalMs: 1000 });
    await check(m, 'liste-b');
    const onB = m.locator('li.decl-item', { hasText: 'Carénage de la coque' });
    await onB.getByText(bed.a.host, { exact: false }).first().waitFor();
    await onB.getByRole('button', { name: 'Valider', exact: true }).click();
    await onB.getByText('Validée', { exact: true }).waitFor();

    // Back on A: validated.
    await pollUntil(async () => {
      await p.goto(`${bed.a.origin}/mes-benevolats`);
      await p.locator('.remote-declarations li').first().waitFor();
      return (await p.locator('.remote-declarations li', { hasText: 'Carénage de la coque' }).getByText('Validée', { exact: true }).count()) > 0;
    }, { what: 'validated on A', timeoutMs: 60_000, intervalMs: 1000 });
    await check(p, 'valide-sur-a');
  }, 300_000);
});
