/**
 * Declaring for an association of another site in the browser (issue 7, flows 3–5, the
 * volunteer's side), in Debian's Chromium against the real server process: from the
 * dashboard's panel, the main « Déclarer du bénévolat » form with that association's
 * categories (its cached catalog) posts to /federation/declarations; the list
 * (/declarer-ailleurs) says the state in words, also on /mes-benevolats. The exchanges themselves are federation-tests/declarations.test.ts.
 * axe-core checks every page.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { startStage, type Stage } from './browser-kit.ts';

const PASSWORD = 'le chat dort sur le canapé';
const EMAIL = 'nina.declare@exemple.fr';
const SITE = 'autre.exemple.org';
const GROUP = `https://${SITE}/ap/actors/0190abcd-0000-7000-8000-000000000031`;
const MEMBERSHIP = '0190abcd-0000-7000-8000-000000000131';

let stage: Stage;
beforeAll(async () => {
  stage = await startStage('declarations-distantes');
}, 120_000);
afterAll(() => stage?.stop());

describe('declaring for an association of another site', () => {
  it('uses the usual form with its categories and shows the state in words', async () => {
    const { server, check } = stage;
    await stage.activeAccount(EMAIL, 'Nina', PASSWORD);
    const { context, page } = await stage.loggedIn(EMAIL, PASSWORD);
    const database = openDatabase(path.join(server.dataDir, 'benevalibre.sqlite'));
    const db = database.db;
    const account = await db.selectFrom('accounts').select('id').where('email', '=', EMAIL).executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    await db.insertInto('remote_actors').values({
      iri: GROUP, type: 'Group', host: SITE, handle: `velo@${SITE}`, name: 'Ateliers Vélo', url: `https://${SITE}/associations/velo`,
      inbox: `${GROUP}/inbox`, shared_inbox: null, document: '{}', fetched_at: now,
    }).execute();
    await db.insertInto('remote_memberships').values({
      id: MEMBERSHIP, account_id: account.id, group_iri: GROUP, status: 'active', reason: null, function: null,
      join_activity_iri: `${server.origin}/ap/activities/0190abcd-0000-7000-8000-000000000231`, membership: null, created_at: now, updated_at: now,
    }).execute();
    await db.insertInto('remote_catalogs').values({ group_iri: GROUP, fetched_at: now }).execute();
    await db.insertInto('remote_catalog_items').values([
      { group_iri: GROUP, kind: 'categories', item_iri: `https://${SITE}/ap/categories/1`, name: 'Réparation', summary: null, default_category: null, position: 0, fetched_at: now },
      { group_iri: GROUP, kind: 'categories', item_iri: `https://${SITE}/ap/categories/2`, name: 'Accueil', summary: null, default_category: null, position: 1, fetched_at: now },
    ]).execute();

    await page.reload();
    await page.getByRole('heading', { name: 'Mes associations sur d’autres sites' }).waitFor();
    await page.getByRole('link', { name: 'Déclarer une action' }).click();
    await page.waitForURL('**/declarer?association=remote*');
    await page.getByText(`Pour Ateliers Vélo (${SITE})`).waitFor();
    await page.locator('#categoryId option:nth-child(3)').waitFor({ state: 'attached' });
    expect(await page.locator('#categoryId option').allTextContents()).toEqual(['Choisissez une catégorie…', 'Réparation', 'Accueil']);
    await check(page, 'formulaire-distant');

    await page.getByRole('button', { name: '2 h', exact: true }).click();
    await page.locator('#categoryId').selectOption({ label: 'Accueil' });
    await page.locator('#title').fill('Accueil des adhérents');
    await page.getByRole('button', { name: 'Enregistrer ma déclaration' }).click();
    await page.getByText('Action enregistrée ; elle part vers l’association.').waitFor();
    await page.getByText('Accueil des adhérents').waitFor();
    await page.goto(`${server.origin}/declarer-ailleurs`);
    await page.getByText('Accueil des adhérents').waitFor();
    await page.getByText('En attente d’envoi').waitFor(); // its site (not reachable here) has not received it
    const stored = await db.selectFrom('remote_declarations').selectAll().executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ group_iri: GROUP, category_name: 'Accueil', duration_minutes: 120, title: 'Accueil des adhérents' });
    await check(page, 'liste-distante');

    // Its site answered: validated in part, with the reason.
    await db.updateTable('remote_declarations').set({ status: 'validated', validated_minutes: 60, reason: 'Une heure seulement' }).execute();
    await page.goto(`${server.origin}/mes-benevolats`);
    await page.getByRole('heading', { name: 'Mes actions pour des associations d’autres sites' }).waitFor();
    await page.getByText('Validée (1 h sur 2 h : Une heure seulement)').waitFor();
    await check(page, 'mes-benevolats-distants');
    await database.close();
    await context.close();
  }, 180_000);
});
