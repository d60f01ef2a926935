/**
 * Fedify's own deliveries through the app's real builder keep our guarantees: a 410 is
 * permanent (no retry, the gone follower removed), a 503 is retried on our schedule
 * (about a minute first), and a blocked host is never sent anything.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Create, Note, PUBLIC_COLLECTION, Update } from '@fedify/vocab';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../lib/ids.ts';
import { MINUTE, type ManualClock } from '../../lib/clock.ts';
import { federationTestApp, publicAssociation } from '../federation.fixtures.ts';
import { orderedContext } from '../outbox-dispatch.ts';

const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    s.close();
  }
});

/** A remote site answering by path: /gone → 410, /down → 503, anything else 202. */
async function remote(): Promise<{ base: string; host: string; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      hits.push(req.url ?? '');
      res.writeHead(req.url?.startsWith('/gone') ? 410 : req.url?.startsWith('/down') ? 503 : 202).end();
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base: `http://${host}`, host, hits };
}

describe("Fedify's deliveries", () => {
  it('410 is permanent and removes the follower, 503 is retried in about a minute, a blocked host gets nothing', async () => {
    const t = await federationTestApp();
    const { association } = await publicAssociation(t);
    await t.services.jobs.stop();
    const site = await remote();
    const blocked = await remote();
    const now = t.clock.now().toISOString();
    await t.db.insertInto('remote_hosts').values({ host: blocked.host, blocked_at: now, consecutive_failures: 0 }).execute();
    const followers = [`${site.base}/gone/alice`, `${site.base}/ok/bob`, `${site.base}/down/carol`, `${blocked.base}/ok/dave`];
    await t.db.insertInto('follows').values(followers.map((iri) => ({
      id: newId(), association_id: association.id, follower_iri: iri, follower_host: new URL(iri).host, follow_activity_iri: null, created_at: now,
    }))).execute();

    const ctx = t.services.federationContext();
    const actor = ctx.getActorUri(association.id);
    await ctx.sendActivity(
      { identifier: association.id },
      followers.map((iri) => ({ id: new URL(iri), inboxId: new URL(`${iri}/inbox`), endpoints: null })),
      new Create({ id: new URL(`${t.config.origin}/ap/activities/${newId()}`), actor, to: PUBLIC_COLLECTION, object: new Note({ content: 'Bonjour', attribution: actor, to: PUBLIC_COLLECTION }) }),
    );
    await t.services.federationQueue.drain();

    // Fedify knocks twice (RFC 9421, then draft-cavage) on any answer of 400 or more.
    expect(site.hits.sort()).toEqual(['/down/carol/inbox', '/down/carol/inbox', '/gone/alice/inbox', '/gone/alice/inbox', '/ok/bob/inbox']);
    expect(blocked.hits).toEqual([]);
    const left = await t.db.selectFrom('follows').select('follower_iri').execute();
    expect(left.map((f) => f.follower_iri).sort()).toEqual([`${site.base}/down/carol`, `${site.base}/ok/bob`, `${blocked.base}/ok/dave`].sort());
    // Only the 503 waits for another try, on our schedule (1 min, Fedify's jitter up to 2).
    const queued = await t.db.selectFrom('jobs').select(['payload', 'run_at']).where('queue', '=', 'fedify').execute();
    expect(queued).toHaveLength(1);
    const message = JSON.parse(queued[0]!.payload) as { inbox: string; attempt: number };
    expect(message).toMatchObject({ inbox: `${site.base}/down/carol/inbox`, attempt: 1 });
    const delay = new Date(queued[0]!.run_at).getTime() - t.clock.now().getTime();
    expect(delay).toBeGreaterThanOrEqual(60_000);
    expect(delay).toBeLessThanOrEqual(120_000);
  });

  it('keeps Create before Update of one record when the first try fails (the retry keeps its place)', async () => {
    const t = await federationTestApp();
    const { association } = await publicAssociation(t);
    await t.services.jobs.stop();
    // A passing outage: the first two requests (both knocks of the Create) get 503.
    let requests = 0;
    const accepted: string[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const up = ++requests > 2;
        if (up) accepted.push((JSON.parse(body) as { type: string }).type);
        res.writeHead(up ? 202 : 503).end();
      });
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const follower = `http://127.0.0.1:${(server.address() as AddressInfo).port}/users/erin`;

    // What the outbox dispatcher hands a publisher: sendActivity carries the record's key.
    const ctx = orderedContext(t.services.federationContext(), 'news:1');
    const actor = ctx.getActorUri(association.id);
    const note = new Note({ id: new URL(`${t.config.origin}/ap/news/1`), content: 'Bonjour', attribution: actor, to: PUBLIC_COLLECTION });
    const recipient = { id: new URL(follower), inboxId: new URL(`${follower}/inbox`), endpoints: null };
    await ctx.sendActivity({ identifier: association.id }, recipient, new Create({ id: new URL(`${t.config.origin}/ap/activities/${newId()}`), actor, object: note, to: PUBLIC_COLLECTION }));
    await ctx.sendActivity({ identifier: association.id }, recipient, new Update({ id: new URL(`${t.config.origin}/ap/activities/${newId()}`), actor, object: note, to: PUBLIC_COLLECTION }));
    await t.services.federationQueue.drain();
    expect(accepted).toEqual([]); // the Create failed; the Update waits behind its retry

    (t.clock as ManualClock).advance(3 * MINUTE);
    await t.services.federationQueue.drain();
    expect(accepted).toEqual(['Create', 'Update']);
    expect(await t.db.selectFrom('jobs').select('id').where('queue', '=', 'fedify').execute()).toEqual([]);
  });
});
