/**
 * Memberships across sites in the browser (issue 7, flow 2), in Debian's Chromium against
 * the real server process. The volunteer's dashboard shows their associations of other
 * sites beside the local ones, with the state in words (« En attente de validation »,
 * « Refusée : motif », function); a manager sees a member from another site with their
 * handle and site, and refuses their request with a reason that is queued for their
 * site. The rows are what the API and the inbox leave (the exchanges themselves are
 * federation-tests/membership.test.ts). axe-core checks every page.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { startStage, type Stage } from './browser-kit.ts';

const PASSWORD = 'le chat dort sur le canapé';
const EMAIL = 'jean.rejoint@exemple.fr';
const SITE = 'autre.exemple.org';
const actorOf = (n: number) => `https://${SITE}/ap/actors/0190abcd-0000-7000-8000-00000000000${n}`;

let stage: Stage;
beforeAll(async () => {
  stage = await startStage('adhesions-distantes');
}, 120_000);
afterAll(() => stage?.stop());

describe('memberships in associations of other sites', () => {
  it('shows them on the dashboard with their state; a manager refuses a remote request with a reason', async () => {
    const { server, check } = stage;
    await stage.activeAccount(EMAIL, 'Jean', PASSWORD);
    const { context, page } = await stage.loggedIn(EMAIL, PASSWORD);

    const database = openDatabase(path.join(server.dataDir, 'benevalibre.sqlite'));
    const db = database.db;
    const account = await db.selectFrom('accounts').select('id').where('email', '=', EMAIL).executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    const groups = [
      { n: 1, name: 'Chorale du Port', status: 'pending' as const, reason: null, fn: null },
      { n: 2, name: 'Jardin des Docks', status: 'rejected' as const, reason: 'Réservé aux habitants du quartier', fn: null },
      { n: 3, name: 'Ateliers Vélo', status: 'active' as const, reason: null, fn: 'governance' },
    ];
    for (const g of groups) {
      await db.insertInto('remote_actors').values({
        iri: actorOf(g.n), type: 'Group', host: SITE, handle: `g${g.n}@${SITE}`, name: g.name, url: `https://${SITE}/associations/g${g.n}`,
        inbox: `${actorOf(g.n)}/inbox`, shared_inbox: `https://${SITE}/ap/inbox`, document: '{}', fetched_at: now,
      }).execute();
      await db.insertInto('remote_memberships').values({
        id: `0190abcd-0000-7000-8000-00000000010${g.n}`, account_id: account.id, group_iri: actorOf(g.n), status: g.status, reason: g.reason,
        function: g.fn, join_activity_iri: `${server.origin}/ap/activities/0190abcd-0000-7000-8000-00000000020${g.n}`, membership: null,
        created_at: now, updated_at: now,
      }).execute();
    }

    await page.reload();
    await page.getByRole('heading', { name: 'Mes associations sur d’autres sites' }).waitFor();
    await page.getByRole('link', { name: 'Chorale du Port' }).waitFor();
    await page.getByText('En attente de validation').waitFor();
    await page.getByText('Refusée : Réservé aux habitants du quartier').waitFor();
    await page.getByText('Membre de l’instance dirigeante').waitFor();
    expect(await page.getByText(`Sur ${SITE}`).count()).toBe(3);
    expect(await page.getByRole('link', { name: 'Ateliers Vélo' }).getAttribute('href')).toBe(`https://${SITE}/associations/g3`);
    await check(page, 'tableau-de-bord');

    // Jean manages an association here, moderated; a Person of another site asked to join.
    const created = await page.evaluate(async () => {
      const session = (await (await fetch('/api/v1/session')).json()) as { csrfToken: string };
      const res = await fetch('/api/v1/associations', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrfToken },
        body: JSON.stringify({ name: 'Les Amis du Lavoir', description: 'Entraide locale.', moderateMembership: true }),
      });
      return (await res.json()) as { id: string; handle: string };
    });
    const role = await db.selectFrom('roles').select('id').where('association_id', '=', created.id).where('is_default', '=', 1).executeTakeFirstOrThrow();
    const paul = `https://${SITE}/ap/actors/0190abcd-0000-7000-8000-000000000009`;
    await db.insertInto('remote_actors').values({
      iri: paul, type: 'Person', host: SITE, handle: `paul@${SITE}`, name: 'Paul Martin', url: null, inbox: `${paul}/inbox`, shared_inbox: null, document: '{}', fetched_at: now,
    }).execute();
    await db.insertInto('accounts').values({
      id: '0190abcd-0000-7000-8000-000000000300', email: null, password_hash: null, first_name: null, last_name: null, pseudo: 'Paul Martin',
      theme: 'auto', language: 'fr', is_admin: 0, status: 'remote', terms_accepted_at: null, age_confirmed_at: null, former_member_number: null,
      created_at: now, updated_at: now, activated_at: null, deleted_at: null, handle: null, remote_iri: paul,
    }).execute();
    await db.insertInto('memberships').values({
      id: '0190abcd-0000-7000-8000-000000000301', association_id: created.id, account_id: '0190abcd-0000-7000-8000-000000000300', role_id: role.id,
      status: 'pending', function: 'none', created_at: now, approved_at: null, approved_by: null, join_activity_iri: `${paul}/joins/1`,
    }).execute();

    await page.goto(`${server.origin}/associations/${created.handle}/membres`);
    await page.getByText('Paul Martin', { exact: true }).waitFor();
    await page.getByText(`@paul@${SITE} · Inscrit·e sur ${SITE}`).waitFor();
    await page.getByRole('button', { name: 'Refuser la demande' }).click();
    await page.getByLabel('Motif du refus, transmis à la personne', { exact: false }).fill('Complet pour cette saison');
    await check(page, 'refus-motif');
    await page.getByRole('button', { name: 'Oui, refuser' }).click();
    await page.getByText('Paul Martin', { exact: true }).waitFor({ state: 'detached' });
    const event = await db.selectFrom('outbox_events').select(['kind', 'payload']).where('kind', '=', 'membership.rejected').executeTakeFirstOrThrow();
    expect(JSON.parse(event.payload)).toMatchObject({ person: paul, join: `${paul}/joins/1`, reason: 'Complet pour cette saison' });
    await database.close();
    await context.close();
  }, 180_000);
});
