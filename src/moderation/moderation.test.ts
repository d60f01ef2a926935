/**
 * Moderation (flow 10): admins list the Flag reports other sites sent and mark them dealt
 * with; they block a remote site (its followers removed at once, the block read by the
 * inbox and the delivery worker through remote_hosts) and lift the block; everything is
 * audited, bad input names the field, and nobody but an admin reaches these routes.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../lib/ids.ts';
import { account, world, type World } from '../declarations/testing.ts';
import { Browser, errorOn, problemOf, type TestApp } from '../testing/test-app.ts';
import type { BlockedDomainView, ReportView } from './moderation.service.ts';
import { hostOf } from './moderation.service.ts';

let w: World;
let admin: Browser;

beforeEach(async () => {
  w = await world();
  admin = (await account(w.t, 'admin@exemple.fr', { isAdmin: true, firstName: 'Alice', lastName: 'Admin' })).browser;
});

async function flag(t: TestApp, objects: unknown, extra: { host?: string; content?: string | null } = {}): Promise<string> {
  const id = newId();
  const host = extra.host ?? 'mastodon.exemple';
  await t.db
    .insertInto('flags')
    .values({
      id, activity_iri: `https://${host}/flags/${id}`, reporter_iri: `https://${host}/actor`, reporter_host: host,
      object_iris: typeof objects === 'string' ? objects : JSON.stringify(objects), content: extra.content === undefined ? 'Spam' : extra.content,
      received_at: t.clock.now().toISOString(), resolved_at: null, resolved_by: null,
    })
    .execute();
  t.clock.advance(1000);
  return id;
}

async function follower(t: TestApp, associationId: string, host: string, name: string): Promise<void> {
  await t.db
    .insertInto('follows')
    .values({ id: newId(), association_id: associationId, follower_iri: `https://${host}/users/${name}`, follower_host: host, follow_activity_iri: null, created_at: t.clock.now().toISOString() })
    .execute();
}

const reports = async (status = 'open') => (await (await admin.request('GET', `/api/v1/admin/reports?status=${status}`)).json()) as { items: ReportView[]; open: number };

describe('reports', () => {
  it('are listed newest first with what they point at on this site, and marked dealt with', async () => {
    await w.t.db
      .insertInto('remote_actors')
      .values({ iri: 'https://mastodon.exemple/actor', type: 'Application', host: 'mastodon.exemple', handle: 'mastodon.exemple@mastodon.exemple', name: 'Mastodon', url: null, inbox: null, shared_inbox: null, document: '{}', fetched_at: w.t.clock.now().toISOString() })
      .execute();
    const first = await flag(w.t, [`${w.t.config.origin}/ap/actors/${w.a.id}`, 'https://ailleurs.exemple/objet']);
    const second = await flag(w.t, 'pas du JSON', { host: 'autre.exemple', content: null });
    const list = await reports();
    expect(list.open).toBe(2);
    expect(list.items.map((r) => r.id)).toEqual([second, first]);
    expect(list.items[1]).toMatchObject({
      reporter: { id: 'https://mastodon.exemple/actor', host: 'mastodon.exemple', name: 'Mastodon', handle: 'mastodon.exemple@mastodon.exemple' },
      objects: [
        { iri: `${w.t.config.origin}/ap/actors/${w.a.id}`, label: 'Club de voile', path: `/associations/${w.a.handle}` },
        { iri: 'https://ailleurs.exemple/objet', label: null, path: null },
      ],
      content: 'Spam', resolvedAt: null, resolvedBy: null,
    });
    // Bad remote data shows no objects rather than breaking the list.
    expect(list.items[0]!.objects).toEqual([]);

    const res = await admin.request('POST', `/api/v1/admin/reports/${first}/resolve`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: first, resolvedAt: w.t.clock.now().toISOString(), resolvedBy: 'Alice Admin' });
    const again = await admin.request('POST', `/api/v1/admin/reports/${first}/resolve`);
    expect([again.status, (await problemOf(again)).code]).toEqual([409, 'report_already_resolved']);
    expect((await admin.request('POST', '/api/v1/admin/reports/inconnu/resolve')).status).toBe(404);
    expect((await reports()).items.map((r) => r.id)).toEqual([second]);
    expect((await reports('resolved')).items.map((r) => r.id)).toEqual([first]);
    expect((await reports('all')).open).toBe(1);
    const audit = await w.t.db.selectFrom('audit_log').select(['action', 'target_id']).where('action', '=', 'report.resolve').execute();
    expect(audit).toEqual([{ action: 'report.resolve', target_id: first }]);
  });
});

describe('blocked domains', () => {
  it('blocking removes the site’s followers and is listed; unblocking lifts it', async () => {
    await follower(w.t, w.a.id, 'spam.exemple', 'a');
    await follower(w.t, w.a.id, 'spam.exemple', 'b');
    await follower(w.t, w.a.id, 'ami.exemple', 'c');
    const res = await admin.request('POST', '/api/v1/admin/blocked-domains', { domain: '@robot@SPAM.exemple', reason: ' Pourriels ' });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ domain: 'spam.exemple', blockedAt: w.t.clock.now().toISOString(), blockedBy: 'Alice Admin', reason: 'Pourriels', followersRemoved: 2 });
    expect((await w.t.db.selectFrom('follows').select('follower_host').execute()).map((f) => f.follower_host)).toEqual(['ami.exemple']);
    const row = await w.t.db.selectFrom('remote_hosts').selectAll().where('host', '=', 'spam.exemple').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ blocked_at: w.t.clock.now().toISOString(), block_reason: 'Pourriels', consecutive_failures: 0 });

    const twice = await admin.request('POST', '/api/v1/admin/blocked-domains', { domain: 'https://spam.exemple/users/x' });
    expect(errorOn(await problemOf(twice), 'domain').message).toBe('Ce site est déjà bloqué.');
    const list = (await (await admin.request('GET', '/api/v1/admin/blocked-domains')).json()) as { items: BlockedDomainView[] };
    expect(list.items.map((d) => d.domain)).toEqual(['spam.exemple']);

    expect((await admin.request('DELETE', '/api/v1/admin/blocked-domains/spam.exemple')).status).toBe(204);
    expect((await admin.request('DELETE', '/api/v1/admin/blocked-domains/spam.exemple')).status).toBe(404);
    expect(((await (await admin.request('GET', '/api/v1/admin/blocked-domains')).json()) as { items: unknown[] }).items).toEqual([]);
    const audit = await w.t.db.selectFrom('audit_log').select(['action', 'target_id']).where('target_type', '=', 'remote_host').orderBy('created_at').execute();
    expect(audit).toEqual([{ action: 'domain.block', target_id: 'spam.exemple' }, { action: 'domain.unblock', target_id: 'spam.exemple' }]);
  });

  it('refuses what is not a site, and this site itself, in French and English', async () => {
    for (const [domain, fr, en] of [
      ['pas un site', 'Adresse de site non valable : écrivez par exemple benevoles.exemple.org.', 'Invalid site address: write for example benevoles.exemple.org.'],
      ['localhost:3000', 'C’est l’adresse de ce site : il ne peut pas se bloquer lui-même.', 'This is this site’s own address: it cannot block itself.'],
    ]) {
      for (const [lang, message] of [['fr', fr], ['en', en]] as const) {
        admin.lang = lang;
        const p = await problemOf(await admin.request('POST', '/api/v1/admin/blocked-domains', { domain }));
        expect([domain, errorOn(p, 'domain').message]).toEqual([domain, message]);
      }
    }
    const empty = await problemOf(await admin.request('POST', '/api/v1/admin/blocked-domains', { domain: ' ' }));
    expect(errorOn(empty, 'domain').code).toBe('required');
    expect(await w.t.db.selectFrom('remote_hosts').selectAll().execute()).toEqual([]);
  });

  it('reads hosts from what admins paste', () => {
    expect(hostOf('Exemple.ORG')).toBe('exemple.org');
    expect(hostOf('https://exemple.org:8443/@marie')).toBe('exemple.org:8443');
    expect(hostOf('marie@exemple.org')).toBe('exemple.org');
    expect(hostOf('@marie@bénévoles.fr')).toBe(new URL('https://bénévoles.fr').host); // punycode, as URLs carry it
    expect(hostOf('127.0.0.11')).toBe('127.0.0.11');
    for (const bad of ['', 'ftp://exemple.org', 'exemple', 'https://a:b@exemple.org', 'a b.org']) expect([bad, hostOf(bad)]).toEqual([bad, null]);
  });
});

describe('access', () => {
  it('only admins: 401 for visitors, 403 for managers and volunteers', async () => {
    const id = await flag(w.t, []);
    const calls: [string, string, unknown?][] = [
      ['GET', '/api/v1/admin/reports'], ['POST', `/api/v1/admin/reports/${id}/resolve`], ['GET', '/api/v1/admin/blocked-domains'],
      ['POST', '/api/v1/admin/blocked-domains', { domain: 'spam.exemple' }], ['DELETE', '/api/v1/admin/blocked-domains/spam.exemple'],
    ];
    for (const [method, path, body] of calls) {
      expect([path, (await new Browser(w.t).request(method, path, body)).status]).toEqual([path, 401]);
      expect([path, (await w.manager.browser.request(method, path, body)).status]).toEqual([path, 403]);
      expect([path, (await w.volunteer.browser.request(method, path, body)).status]).toEqual([path, 403]);
    }
    expect((await reports()).items[0]!.resolvedAt).toBeNull();
    expect(await w.t.db.selectFrom('remote_hosts').selectAll().execute()).toEqual([]);
  });
});
