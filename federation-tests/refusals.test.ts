/**
 * The hardened inbox, from outside over HTTPS: a forged signature, a tampered proof, a
 * replayed activity, an oversized body and an activity from a blocked domain are
 * refused — each beside the same request done right, which is accepted, so the refusal
 * is the check at work and not a broken sender.
 *
 * Senders are remote actors made by the test (own HTTPS server and keys, Fedify's
 * signRequest and signObject). Refused means: an error status where the protocol gives
 * one (401 bad signature, 413 too large, 403 blocked host), and in every case no effect
 * — no follower added, no Accept sent back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeAccount, adminAccount, createAssociation, pollUntil, startBed, type Account, type Bed } from './harness.ts';
import { getActivityJson } from './client.ts';
import { RemoteActor, type Json } from './remote-actor.ts';
import { queueIdle } from './observe.ts';

let bed: Bed;
let marie: Account;
let alice: RemoteActor;
let mallory: RemoteActor;
beforeAll(async () => {
  bed = await startBed({ instances: 1 });
  [alice, mallory] = await Promise.all([RemoteActor.start(bed, 4, 'alice'), RemoteActor.start(bed, 5, 'mallory')]);
  marie = await activeAccount(bed, bed.a, 'marie@a.test', 'Marie');
}, 180_000);
afterAll(async () => {
  await alice?.down();
  await mallory?.down();
  await bed?.stop();
});

/** A fresh association on A: its actor id. */
async function group(name: string): Promise<string> {
  const association = await createAssociation(marie, name);
  return `${bed.a.origin}/ap/actors/${association.id}`;
}

const followers = async (groupId: string) => (await getActivityJson<{ totalItems: number }>(`${groupId}/followers`)).totalItems;

const acceptsOf = (actor: RemoteActor, followId: unknown) =>
  actor.receivedOfType('Accept').filter((r) => {
    const object = r.activity.object;
    return (typeof object === 'string' ? object : (object as Json | undefined)?.id) === followId;
  });

/** Waits for the Accept of a Follow done right. */
const accepted = (actor: RemoteActor, followId: unknown) =>
  pollUntil(() => acceptsOf(actor, followId)[0], { what: `the Accept of ${String(followId)}`, timeoutMs: 60_000 });

describe('the inbox refuses', () => {
  it('a forged signature (our key id, another private key) and an unsigned POST: 401, no follower', async () => {
    const groupId = await group('Forge');
    const forged = await alice.followActivity(groupId);
    expect((await alice.post(`${groupId}/inbox`, forged, { sign: 'forged' })).status).toBe(401);
    expect((await alice.post(`${groupId}/inbox`, forged, { sign: 'forged', spec: 'draft-cavage-http-signatures-12' })).status).toBe(401);
    expect((await alice.post(`${groupId}/inbox`, await alice.followActivity(groupId), { sign: 'none' })).status).toBe(401);
    expect(await followers(groupId)).toBe(0);
    // Signed with the right key, the same kind of request is accepted.
    const right = await alice.followActivity(groupId);
    expect((await alice.post(`${groupId}/inbox`, right)).status).toBe(202);
    await accepted(alice, right.id);
    expect(await followers(groupId)).toBe(1);
    expect(acceptsOf(alice, forged.id)).toEqual([]);
  }, 120_000);

  it('an activity whose proof was tampered with after signing, even with a valid HTTP signature', async () => {
    const groupId = await group('Preuve');
    const intact = await alice.followActivity(groupId, { proof: true });
    expect(intact.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-jcs-2022', verificationMethod: `${alice.id}#multikey-2` });
    expect((await alice.post(`${groupId}/inbox`, intact)).status).toBe(202);
    await accepted(alice, intact.id);

    const otherId = await group('Preuve falsifiée');
    // Signed for the first association, then redirected to another one: the proof no longer matches.
    const signed = await alice.followActivity(groupId, { proof: true });
    const tampered: Json = { ...signed, object: otherId };
    const res = await alice.post(`${otherId}/inbox`, tampered);
    expect(res.status === 202 || (res.status >= 400 && res.status < 500)).toBe(true);
    await queueIdle(bed.a);
    expect(await followers(otherId)).toBe(0);
    expect(acceptsOf(alice, tampered.id)).toEqual([]);
  }, 120_000);

  it('a replayed activity: the very same signed request again changes nothing', async () => {
    const groupId = await group('Rejeu');
    const follow = await alice.followActivity(groupId);
    const original = await alice.signedRequest(`${groupId}/inbox`, follow);
    const copy = original.clone();
    expect((await fetch(original)).status).toBe(202);
    await accepted(alice, follow.id);
    expect((await alice.post(`${groupId}/inbox`, await alice.undoActivity(follow))).status).toBe(202);
    await pollUntil(async () => (await followers(groupId)) === 0, { what: 'the Undo to remove the follower', timeoutMs: 30_000 });

    const res = await fetch(copy);
    expect(res.status).toBeLessThan(500);
    await queueIdle(bed.a);
    expect(await followers(groupId)).toBe(0);
    expect(acceptsOf(alice, follow.id)).toHaveLength(1);
  }, 120_000);

  it('a body over 1 MiB, declared or streamed without a length: 413, nothing stored', async () => {
    const groupId = await group('Trop gros');
    const follow: Json = { ...(await alice.followActivity(groupId)), summary: 'x'.repeat(1024 * 1024) };
    expect((await alice.post(`${groupId}/inbox`, follow)).status).toBe(413);

    // The same bytes, signed, sent chunked: no Content-Length to trust, the limit applies while reading.
    const signed = await alice.signedRequest(`${groupId}/inbox`, follow);
    const bytes = new Uint8Array(await signed.arrayBuffer());
    const headers = new Headers(signed.headers);
    headers.delete('Content-Length');
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < bytes.length; at += 64 * 1024) controller.enqueue(bytes.slice(at, at + 64 * 1024));
        controller.close();
      },
    });
    const chunked = await fetch(`${groupId}/inbox`, { method: 'POST', headers, body: stream, duplex: 'half' } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(await followers(groupId)).toBe(0);
    expect(acceptsOf(alice, follow.id)).toEqual([]);

    // Just under the limit, the same Follow is processed.
    const small: Json = { ...(await alice.followActivity(groupId)), summary: 'x'.repeat(1000 * 1000) };
    expect((await alice.post(`${groupId}/inbox`, small)).status).toBe(202);
    await accepted(alice, small.id);
  }, 120_000);

  it('an activity from a domain the admins blocked: 403, its followers removed', async () => {
    const groupId = await group('Domaine bloqué');
    const first = await mallory.followActivity(groupId);
    expect((await mallory.post(`${groupId}/inbox`, first)).status).toBe(202);
    await accepted(mallory, first.id);
    expect(await followers(groupId)).toBe(1);

    const admin = await adminAccount(bed.a, 'admin@a.test');
    await admin.client.json('POST', '/api/v1/admin/blocked-domains', { domain: new URL(mallory.origin).host, reason: 'Spam' }, [200, 201]);
    expect(await followers(groupId)).toBe(0);

    const again = await mallory.followActivity(groupId);
    expect((await mallory.post(`${groupId}/inbox`, again)).status).toBe(403);
    expect((await mallory.post(`${bed.a.origin}/ap/inbox`, await mallory.followActivity(groupId))).status).toBe(403);
    await queueIdle(bed.a);
    expect(await followers(groupId)).toBe(0);
    expect(acceptsOf(mallory, again.id)).toEqual([]);
    // Another domain is still heard.
    const fine = await alice.followActivity(groupId);
    expect((await alice.post(`${groupId}/inbox`, fine)).status).toBe(202);
    await accepted(alice, fine.id);
  }, 120_000);
});
