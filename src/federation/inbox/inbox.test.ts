import { signObject } from '@fedify/fedify';
import { Follow } from '@fedify/vocab';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { drainFederation, type TestApp } from '../../testing/test-app.ts';
import { federationTestApp, publicAssociation } from '../federation.fixtures.ts';
import { INBOX_BODY_LIMIT } from '../mount.ts';
import { startRemotePeer, type RemotePeer } from './remote-peer.fixtures.ts';

let t: TestApp;
let peer: RemotePeer;
let groupId: string;
let groupIri: string;

beforeEach(async () => {
  t = await federationTestApp();
  peer = await startRemotePeer();
  groupId = (await publicAssociation(t)).association.id;
  groupIri = `${t.config.origin}/ap/actors/${groupId}`;
});
afterEach(async () => {
  await t.services.jobs.stop();
  await peer.close();
  await t.database.close();
});

const follow = (id = 'follow-1') => ({
  '@context': 'https://www.w3.org/ns/activitystreams',
  id: `${peer.actorId}/activities/${id}`,
  type: 'Follow',
  actor: peer.actorId,
  object: groupIri,
});

async function post(body: unknown, path = `/ap/actors/${groupId}/inbox`, options?: Parameters<RemotePeer['signedPost']>[2]) {
  return t.app.request(await peer.signedPost(`${t.config.origin}${path}`, body, options));
}

const followsOf = () => t.db.selectFrom('follows').selectAll().where('association_id', '=', groupId).execute();

describe('inbox: Follow and Undo', () => {
  it('stores the follower and the follow, and delivers an Accept with a stable id', async () => {
    const res = await post(follow());
    expect(res.status).toBe(202);
    const rows = await followsOf();
    expect(rows).toMatchObject([{ follower_iri: peer.actorId, follower_host: new URL(peer.origin).host, follow_activity_iri: follow().id }]);
    const actor = await t.db.selectFrom('remote_actors').selectAll().where('iri', '=', peer.actorId).executeTakeFirstOrThrow();
    expect(actor).toMatchObject({ type: 'Person', inbox: `${peer.actorId}/inbox`, shared_inbox: `${peer.origin}/inbox`, handle: `alice@${new URL(peer.origin).host}` });
    // The Accept waits in Fedify's durable queue until the worker runs it.
    expect(peer.received).toEqual([]);
    await drainFederation(t);
    expect(peer.received).toHaveLength(1);
    const accept = peer.received[0]!;
    expect(accept).toMatchObject({ type: 'Accept', actor: groupIri });
    expect(accept.object).toEqual({ id: follow().id, type: 'Follow', actor: peer.actorId, object: groupIri });
    expect(String(accept.id)).toMatch(new RegExp(`^${t.config.origin}/ap/activities/[0-9a-f-]{36}$`));
  });

  it('acknowledges a replayed Follow and ignores it', async () => {
    expect((await post(follow())).status).toBe(202);
    expect((await post(follow(), '/ap/inbox')).status).toBe(202);
    // Our own record holds even when Fedify's cache of processed ids (KV) has expired.
    await t.db.deleteFrom('kv').execute();
    expect((await post(follow())).status).toBe(202);
    expect(await followsOf()).toHaveLength(1);
    await drainFederation(t);
    expect(peer.received).toHaveLength(1);
    expect(await t.db.selectFrom('inbox_activities').selectAll().execute()).toHaveLength(1);
  });

  it('removes the follow on Undo{Follow}, embedded or by id', async () => {
    await post(follow());
    const undo = { '@context': 'https://www.w3.org/ns/activitystreams', id: `${peer.actorId}/activities/undo-1`, type: 'Undo', actor: peer.actorId, object: follow() };
    expect((await post(undo)).status).toBe(202);
    expect(await followsOf()).toEqual([]);
    await post(follow('follow-2'));
    expect(await followsOf()).toHaveLength(1);
    const byId = { ...undo, id: `${peer.actorId}/activities/undo-2`, object: follow('follow-2').id };
    expect((await post(byId, '/ap/inbox')).status).toBe(202);
    expect(await followsOf()).toEqual([]);
  });

  it('answers a Follow of a person with a Reject, storing nothing', async () => {
    const account = await t.db.selectFrom('accounts').select('id').executeTakeFirstOrThrow();
    const personIri = `${t.config.origin}/ap/actors/${account.id}`;
    expect((await post({ ...follow(), object: personIri }, `/ap/actors/${account.id}/inbox`)).status).toBe(202);
    expect(await t.db.selectFrom('follows').selectAll().execute()).toEqual([]);
    await drainFederation(t);
    expect(peer.received).toMatchObject([{ type: 'Reject', actor: personIri }]);
  });
});

describe('inbox: object integrity proofs', () => {
  async function provedFollow(id: string): Promise<Record<string, unknown>> {
    const unsigned = new Follow({ id: new URL(follow(id).id), actor: new URL(peer.actorId), object: new URL(groupIri), summary: 'bonjour' });
    const signed = await signObject(unsigned, peer.ed25519.privateKey, new URL(`${peer.actorId}#ed25519-key`));
    return (await signed.toJsonLd({ format: 'compact' })) as Record<string, unknown>;
  }

  it('processes an activity whose proof verifies', async () => {
    const body = await provedFollow('proved-1');
    expect(body.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-jcs-2022' });
    expect((await post(body)).status).toBe(202);
    expect(await followsOf()).toHaveLength(1);
  });

  it('drops an activity whose proof was tampered with, even with a valid HTTP signature', async () => {
    const body = { ...(await provedFollow('proved-2')), summary: 'modifié après signature' };
    const res = await post(body);
    expect(res.status).toBeLessThan(500);
    expect(await followsOf()).toEqual([]);
    expect(await t.db.selectFrom('inbox_activities').selectAll().execute()).toEqual([]);
  });
});

describe('inbox: the remote actor changes', () => {
  const as = 'https://www.w3.org/ns/activitystreams';

  it('refreshes the stored follower on Update{Person}', async () => {
    await post(follow());
    const update = { '@context': as, id: `${peer.actorId}#updates/1`, type: 'Update', actor: peer.actorId, object: { id: peer.actorId, type: 'Person', name: 'Alice Renommée', preferredUsername: 'alice', inbox: `${peer.actorId}/inbox` } };
    expect((await post(update, '/ap/inbox')).status).toBe(202);
    const row = await t.db.selectFrom('remote_actors').selectAll().where('iri', '=', peer.actorId).executeTakeFirstOrThrow();
    expect(row.name).toBe('Alice Renommée');
  });

  it('drops an Update whose embedded actor does not parse, never a 500', async () => {
    await post(follow());
    for (const object of [
      { id: peer.actorId, type: 'Person', inbox: { broken: true }, publicKey: 'x' },
      { id: peer.actorId, type: 'Person', published: 'yesterday' },
    ]) {
      const res = await post({ '@context': as, id: `${peer.actorId}#updates/${Math.random()}`, type: 'Update', actor: peer.actorId, object }, '/ap/inbox');
      expect(res.status, JSON.stringify(object)).toBeLessThan(500);
    }
    const row = await t.db.selectFrom('remote_actors').selectAll().where('iri', '=', peer.actorId).executeTakeFirstOrThrow();
    expect(row.name).toBe('Alice Remote');
  });

  it('forgets a follower on its signed Delete{Person}', async () => {
    await post(follow());
    const del = { '@context': as, id: `${peer.actorId}#delete`, type: 'Delete', actor: peer.actorId, object: peer.actorId };
    expect((await post(del, '/ap/inbox')).status).toBe(202);
    expect(await followsOf()).toEqual([]);
    expect(await t.db.selectFrom('remote_actors').selectAll().execute()).toEqual([]);
  });

  it('takes the Delete of an actor whose key is gone (410), and nothing else unverified', async () => {
    // Stored directly: no key of the peer is cached yet, so Fedify must fetch it.
    await t.db.insertInto('follows').values({ id: '01a00000-0000-7000-8000-000000000001', association_id: groupId, follower_iri: peer.actorId, follower_host: new URL(peer.origin).host, follow_activity_iri: follow().id, created_at: '2026-11-27T10:00:00.000Z' }).execute();
    peer.gone = true;
    expect((await post(follow('after-gone'))).status).toBe(401); // a Follow is not taken on that ground
    const del = { '@context': as, id: `${peer.actorId}#delete`, type: 'Delete', actor: peer.actorId, object: peer.actorId };
    expect((await post(del, '/ap/inbox')).status).toBe(202);
    expect(await followsOf()).toEqual([]);
  });
});

describe('inbox: Flag', () => {
  it('stores a report about our objects for the admins', async () => {
    const flag = { '@context': 'https://www.w3.org/ns/activitystreams', id: `${peer.actorId}/flags/1`, type: 'Flag', actor: peer.actorId, object: [groupIri], content: 'Spam' };
    expect((await post(flag, '/ap/inbox')).status).toBe(202);
    const rows = await t.db.selectFrom('flags').selectAll().execute();
    expect(rows).toMatchObject([{ activity_iri: flag.id, reporter_iri: peer.actorId, reporter_host: new URL(peer.origin).host, content: 'Spam' }]);
    expect(JSON.parse(rows[0]!.object_iris)).toEqual([groupIri]);
  });

  it('drops a report naming none of our objects', async () => {
    const flag = { '@context': 'https://www.w3.org/ns/activitystreams', id: `${peer.actorId}/flags/2`, type: 'Flag', actor: peer.actorId, object: 'https://elsewhere.example/x' };
    expect((await post(flag, '/ap/inbox')).status).toBe(202);
    expect(await t.db.selectFrom('flags').selectAll().execute()).toEqual([]);
  });
});

describe('inbox: refusals', () => {
  it('refuses an unsigned activity (401) and stores nothing', async () => {
    const res = await t.app.request(`${t.config.origin}/ap/actors/${groupId}/inbox`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/activity+json' },
      body: JSON.stringify(follow()),
    });
    expect(res.status).toBe(401);
    expect(await followsOf()).toEqual([]);
  });

  it('refuses an activity signed with another key than the actor’s (401)', async () => {
    const other = await startRemotePeer('mallory');
    try {
      expect((await post(follow(), undefined, { key: other.rsa.privateKey })).status).toBe(401);
      expect(await followsOf()).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('accepts an RFC 9421 signature too', async () => {
    expect((await post(follow(), undefined, { spec: 'rfc9421' })).status).toBe(202);
    expect(await followsOf()).toHaveLength(1);
  });

  it('verifies an RFC 9421 signature made for our public URL when a proxy hands us http://internal', async () => {
    const signed = await peer.signedPost(`${t.config.origin}/ap/actors/${groupId}/inbox`, follow(), { spec: 'rfc9421' });
    const behindProxy = new Request(`http://127.0.0.1:8080/ap/actors/${groupId}/inbox`, { method: 'POST', headers: signed.headers, body: await signed.text() });
    expect((await t.app.request(behindProxy)).status).toBe(202);
    expect(await followsOf()).toHaveLength(1);
  });

  it('refuses a host blocked by the admins (403) before any work', async () => {
    await t.db.insertInto('remote_hosts').values({ host: new URL(peer.origin).host, blocked_at: '2026-11-27T10:00:00.000Z', blocked_by: null, block_reason: 'spam', consecutive_failures: 0, circuit_open_until: null, last_success_at: null, last_failure_at: null, last_error: null }).execute();
    const res = await post(follow());
    expect(res.status).toBe(403);
    expect(await followsOf()).toEqual([]);
    expect(await t.db.selectFrom('remote_actors').selectAll().execute()).toEqual([]);
  });

  it('refuses a body over 1 MiB with 413, before parsing', async () => {
    const big = { ...follow(), padding: 'x'.repeat(INBOX_BODY_LIMIT) };
    expect((await post(big)).status).toBe(413);
    // Without Content-Length, the stream is cut at the limit as well.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('x'.repeat(INBOX_BODY_LIMIT + 10)));
        controller.close();
      },
    });
    const res = await t.app.request(`${t.config.origin}/ap/inbox`, { method: 'POST', headers: { 'Content-Type': 'application/activity+json' }, body: stream, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(413);
    expect(await followsOf()).toEqual([]);
  });

  it('answers garbage with a 4xx, never a 500', async () => {
    for (const body of ['{not json', '[]', '{"type":"Follow"}', JSON.stringify({ ...follow(), actor: 42 })]) {
      const res = await post(body);
      expect(res.status, body).toBeGreaterThanOrEqual(200);
      expect(res.status, body).toBeLessThan(500);
      expect(res.status, body).not.toBe(200);
    }
    expect(await followsOf()).toEqual([]);
  });
});
