/**
 * The admin page of deliveries to other sites (issue 6) in Debian's Chromium against the
 * real server process: the empty state, then sites with waiting, failing and given-up
 * deliveries and a site that no longer answers (rows written into the server's database
 * file), and « Réessayer maintenant ». axe-core checks every page; screenshots go to
 * test-artifacts/browser/.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { startStage, type Stage } from './browser-kit.ts';

const PASSWORD = 'le chat dort sur le canapé';
const ADMIN = 'ada.livraisons@exemple.fr';

let stage: Stage;
beforeAll(async () => {
  stage = await startStage('livraisons');
}, 120_000);
afterAll(() => stage?.stop());


describe('deliveries to other sites', () => {
  it('an admin sees what waits, fails or was given up per site, and tries a site again', async () => {
    const { server, check } = stage;
    await stage.createAdmin(ADMIN, 'Ada', PASSWORD);
    const { context, page: a } = await stage.loggedIn(ADMIN, PASSWORD);
    await a.goto(`${server.origin}/admin`);
    await a.getByRole('link', { name: 'Envois aux autres sites' }).click();
    await a.getByText('Rien en attente', { exact: false }).waitFor();
    await check(a, 'vide');

    // Deliveries as the worker leaves them (no job: the server's worker does not touch them).
    const database = openDatabase(path.join(server.dataDir, 'benevalibre.sqlite'));
    const now = new Date().toISOString();
    const later = new Date(Date.now() + 20 * 60_000).toISOString();
    const row = (n: number, host: string, status: 'queued' | 'failing' | 'dead', lastError: string | null) => ({
      id: `0190abcd-0000-7000-8000-00000000000${n}`, activity_id: `https://x/a/${n}`, sender_actor_id: 'instance', inbox: `https://${host}/inbox`, host,
      ordering_key: null, body: '{}', status, attempts: status === 'queued' ? 0 : 3, last_status: lastError ? 503 : null, last_error: lastError,
      next_attempt_at: later, created_at: now, updated_at: now,
    });
    await database.db.insertInto('deliveries').values([
      row(1, 'injoignable.exemple.org', 'dead', '503 Service Unavailable'),
      row(2, 'injoignable.exemple.org', 'failing', '503 Service Unavailable'),
      row(3, 'lent.exemple.org', 'queued', null),
    ]).execute();
    await database.db.insertInto('remote_hosts').values({ host: 'injoignable.exemple.org', consecutive_failures: 5, circuit_open_until: later, last_error: '503 Service Unavailable' }).execute();
    await database.close();

    await a.getByRole('button', { name: 'Actualiser' }).click();
    await a.getByText('injoignable.exemple.org').waitFor();
    await a.getByText('Abandonnés : 1', { exact: false }).waitFor();
    await a.getByText('Ce site ne répond plus', { exact: false }).waitFor();
    await a.getByText('Dernière erreur : 503 Service Unavailable').first().waitFor();
    await check(a, 'sites');

    await a.getByRole('button', { name: 'Réessayer maintenant' }).first().click();
    await a.getByText('2 envois vers injoignable.exemple.org relancés.').waitFor();
    await check(a, 'relance');
    await context.close();
  }, 120_000);
});
