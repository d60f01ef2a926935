/**
 * Old copies of other sites' associations are fetched again after a volunteer opens the
 * CEC page (their sites send no Update{Group} when RNA or SIREN change); fresh ones and
 * blocked sites are left alone, and a site that does not answer leaves the copy as it was.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../lib/ids.ts';
import { DAY } from '../lib/clock.ts';
import { startRemotePeer, type RemotePeer } from '../federation/inbox/remote-peer.fixtures.ts';
import { federationTestApp } from '../federation/federation.fixtures.ts';
import { account } from '../memberships/testing.ts';
import type { TestApp } from '../testing/test-app.ts';
import { refreshGroup, staleGroups } from './remote-refresh.ts';

let peer: RemotePeer | undefined;
afterEach(async () => {
  await peer?.close();
  peer = undefined;
});

async function cachedGroup(t: TestApp, iri: string, fetchedAt: string): Promise<void> {
  await t.db.insertInto('remote_actors').values({
    iri, type: 'Group', host: new URL(iri).host, handle: null, name: 'Ancien nom', url: null, inbox: null, shared_inbox: null, document: '{}', fetched_at: fetchedAt,
  }).execute();
}
const nameOf = async (t: TestApp, iri: string) => (await t.db.selectFrom('remote_actors').select('name').where('iri', '=', iri).executeTakeFirstOrThrow()).name;

describe('refreshing the copies of other sites’ associations', () => {
  it('fetches again a copy older than a day when the volunteer opens the CEC page, never a fresh one', async () => {
    const t = await federationTestApp();
    peer = await startRemotePeer('lavoir', 'Group');
    const old = new Date(t.clock.now().getTime() - 2 * DAY).toISOString();
    await cachedGroup(t, peer.actorId, old);
    await cachedGroup(t, 'https://frais.exemple/ap/actors/1', t.clock.now().toISOString());
    expect(await staleGroups(t.services.federationContext(), [peer.actorId, 'https://frais.exemple/ap/actors/1'])).toEqual([peer.actorId]);

    const volunteer = await account(t, 'paul@exemple.fr');
    const now = t.clock.now().toISOString();
    await t.db.insertInto('remote_declarations').values({
      id: newId(), account_id: volunteer.id, group_iri: peer.actorId, title: 'Lessive', description: '', date: '2026-03-01', end_date: null, duration_minutes: 60, distance_hundredths: 0,
      category_iri: `${peer.origin}/c/1`, category_name: 'Entretien', project_iri: null, project_name: null, level_iri: null, level_name: null, default_category: null,
      status: 'validated', validated_minutes: 60, reason: null, document: '{}', activity_iri: null, validation: null, sent_at: now, resent_at: null, association_deleted_at: null, created_at: now, updated_at: now,
    }).execute();
    const res = await volunteer.browser.request('GET', '/api/v1/me/cec?year=2026');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { associations: { name: string }[] }).associations[0]!.name).toBe('Ancien nom'); // answered at once, from the copy
    for (let i = 0; i < 50 && (await nameOf(t, peer.actorId)) !== 'Alice Remote'; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await nameOf(t, peer.actorId)).toBe('Alice Remote');
  });

  it('leaves the copy when the site is blocked or does not answer', async () => {
    const t = await federationTestApp();
    peer = await startRemotePeer('lavoir', 'Group');
    const old = new Date(t.clock.now().getTime() - 2 * DAY).toISOString();
    await cachedGroup(t, peer.actorId, old);
    await t.db.insertInto('remote_hosts').values({
      host: new URL(peer.actorId).host, blocked_at: old, blocked_by: null, block_reason: 'test', consecutive_failures: 0, circuit_open_until: null, last_success_at: null, last_failure_at: null, last_error: null,
    }).execute();
    expect(await refreshGroup(t.services.federationContext(), peer.actorId)).toBe(false);
    await t.db.deleteFrom('remote_hosts').execute();
    peer.gone = true;
    expect(await refreshGroup(t.services.federationContext(), peer.actorId)).toBe(false);
    expect(await nameOf(t, peer.actorId)).toBe('Ancien nom');
    peer.gone = false;
    expect(await refreshGroup(t.services.federationContext(), peer.actorId)).toBe(true);
    expect(await nameOf(t, peer.actorId)).toBe('Alice Remote');
  });
});
