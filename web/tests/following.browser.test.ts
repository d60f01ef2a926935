/**
 * « Associations suivies » in the browser (issue 6, flow 6), in Debian's Chromium
 * against the real server process: from the dashboard a person opens /suivies (empty
 * state with what to do next), then — with a followed association of another site and
 * a news item it sent, as the inbox stores them — reads the status in words and the
 * news as plain text (an HTML-looking text stays text), and stops following after
 * confirming. axe-core checks every page; screenshots go to test-artifacts/browser/.
 * (Following itself across real sites is federation-tests/following.test.ts.)
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { startStage, type Stage } from './browser-kit.ts';

const PASSWORD = 'le chat dort sur le canapé';
const EMAIL = 'jean.suit@exemple.fr';

let stage: Stage;
beforeAll(async () => {
  stage = await startStage('suivies');
}, 120_000);
afterAll(() => stage?.stop());

describe('followed associations', () => {
  it('shows the empty state, then a followed association and its news, and stops following', async () => {
    const { server, check } = stage;
    await stage.activeAccount(EMAIL, 'Jean', PASSWORD);
    const { context, page } = await stage.loggedIn(EMAIL, PASSWORD);
    await page.getByRole('link', { name: 'Associations suivies' }).click();
    await page.waitForURL('**/suivies');
    await page.getByText('Vous ne suivez encore aucune association', { exact: false }).waitFor();
    await check(page, 'vide');

    // What the API and the inbox leave once the association's site accepted and sent news.
    const database = openDatabase(path.join(server.dataDir, 'benevalibre.sqlite'));
    const account = await database.db.selectFrom('accounts').select('id').where('email', '=', EMAIL).executeTakeFirstOrThrow();
    const group = 'https://autre.exemple.org/ap/actors/0190abcd-0000-7000-8000-000000000001';
    const now = new Date().toISOString();
    await database.db.insertInto('remote_actors').values({
      iri: group, type: 'Group', host: 'autre.exemple.org', handle: 'chorale@autre.exemple.org', name: 'Chorale du Port',
      url: 'https://autre.exemple.org/associations/chorale', inbox: `${group}/inbox`, shared_inbox: 'https://autre.exemple.org/ap/inbox', document: '{}', fetched_at: now,
    }).execute();
    await database.db.insertInto('following').values({
      id: '0190abcd-0000-7000-8000-000000000002', account_id: account.id, iri: group,
      follow_activity_iri: `${server.origin}/ap/activities/0190abcd-0000-7000-8000-000000000003`, status: 'accepted', created_at: now, accepted_at: now,
    }).execute();
    await database.db.insertInto('remote_news').values({
      iri: 'https://autre.exemple.org/ap/news/1', group_iri: group, title: 'Concert au port', text: 'Samedi à 18 h.\n\n<b>Entrée libre</b>',
      url: 'https://autre.exemple.org/associations/chorale/actualites/1', published: now, updated: null, deleted_at: null, received_at: now,
    }).execute();
    await database.close();

    await page.reload();
    await page.getByRole('heading', { name: 'Chorale du Port' }).waitFor();
    await page.getByText('Vous suivez ses actualités').waitFor();
    await page.getByRole('heading', { name: 'Concert au port' }).waitFor();
    await page.getByText('<b>Entrée libre</b>').waitFor(); // shown as text, never as HTML
    await page.getByText('De Chorale du Port', { exact: false }).waitFor();
    await check(page, 'suivie');

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Ne plus suivre' }).click();
    await page.getByText('Vous ne suivez plus ses actualités.').waitFor();
    await page.getByText('Vous ne suivez encore aucune association', { exact: false }).waitFor();
    expect(await page.getByRole('heading', { name: 'Concert au port' }).count()).toBe(0);
    await check(page, 'plus-suivie');
    await context.close();
  }, 120_000);
});
