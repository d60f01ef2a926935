/**
 * Signed activities accepted and processed per second by an association's inbox, at 50
 * concurrent senders (50 remote actors on a local stub site, each sending `Follow`
 * activities in a row, RFC 9421-signed with its RSA key): throughput and latency p50/p95.
 * Each is verified (signature, key fetched once then cached), checked (origin, blocks,
 * idempotency, zod), stored (follow, remote actor) and answered with an `Accept` queued.
 * Also signed `Create{Note}` activities, verified and checked the same way but then
 * ignored (Fedify's and the guard's share of the cost).
 * Baseline: the same POSTs, unsigned, to a bare Hono JSON endpoint of the same server.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { generateCryptoKeyPair, signRequest } from '@fedify/fedify';
import { CryptographicKey, Person } from '@fedify/vocab';
import { percentile } from './lib.ts';

const SENDERS = 50;
const DURATION_MS = 10_000;
const WARMUP_MS = 2_000;

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

interface Run {
  perSecond: number;
  p50: number;
  p95: number;
  failures: number;
}

/** SENDERS loops sending for `ms`; `send(sender, n)` returns the answer's status. */
async function run(ms: number, send: (sender: number, n: number) => Promise<number>): Promise<Run> {
  const latencies: number[] = [];
  let failures = 0;
  const until = performance.now() + ms;
  const start = performance.now();
  await Promise.all(Array.from({ length: SENDERS }, async (_, sender) => {
    for (let n = 0; performance.now() < until; n++) {
      const t0 = performance.now();
      const status = await send(sender, n);
      latencies.push(performance.now() - t0);
      if (status < 200 || status >= 300) failures++;
    }
  }));
  const elapsed = performance.now() - start;
  return { perSecond: (latencies.length / elapsed) * 1000, p50: percentile(latencies, 50), p95: percentile(latencies, 95), failures };
}

export async function inboxBench(dir: string): Promise<void> {
  // The remote site: SENDERS actors sharing one RSA key pair (key generation is not measured).
  const { privateKey, publicKey } = await generateCryptoKeyPair('RSASSA-PKCS1-v1_5');
  const documents = new Map<string, string>();
  const remote = createHttpServer((req, res) => {
    const document = documents.get(req.url ?? '');
    res.writeHead(document ? 200 : 404, { 'Content-Type': 'application/activity+json' }).end(document ?? '');
  });
  await new Promise<void>((r) => remote.listen(0, '127.0.0.1', r));
  const remoteOrigin = `http://127.0.0.1:${(remote.address() as AddressInfo).port}`;
  for (let i = 0; i < SENDERS; i++) {
    const id = `${remoteOrigin}/users/${i}`;
    const person = new Person({
      id: new URL(id), preferredUsername: `benevole${i}`, inbox: new URL(`${id}/inbox`),
      publicKey: new CryptographicKey({ id: new URL(`${id}#main-key`), owner: new URL(id), publicKey }),
    });
    documents.set(`/users/${i}`, JSON.stringify(await person.toJsonLd()));
  }

  const port = await freePort();
  const child = spawn(process.execPath, [fileURLToPath(new URL('./inbox-server.ts', import.meta.url)), dir, String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  try {
    const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
    const { origin, associationId } = JSON.parse(line) as { origin: string; associationId: string };
    const group = `${origin}/ap/actors/${associationId}`;
    const inbox = `${group}/inbox`;
    let round = 0;
    const follow = (sender: number, n: number) => JSON.stringify({
      '@context': 'https://www.w3.org/ns/activitystreams',
      id: `${remoteOrigin}/users/${sender}/follows/${round}-${n}`,
      type: 'Follow', actor: `${remoteOrigin}/users/${sender}`, object: group,
    });
    // Verified and checked like a Follow, then acknowledged and ignored: Fedify's share.
    const note = (sender: number, n: number) => JSON.stringify({
      '@context': 'https://www.w3.org/ns/activitystreams',
      id: `${remoteOrigin}/users/${sender}/notes/${round}-${n}/activity`,
      type: 'Create', actor: `${remoteOrigin}/users/${sender}`, to: group,
      object: { id: `${remoteOrigin}/users/${sender}/notes/${round}-${n}`, type: 'Note', attributedTo: `${remoteOrigin}/users/${sender}`, content: 'Bonjour', to: group },
    });
    const signedWith = (make: (sender: number, n: number) => string) => async (sender: number, n: number) => {
      const body = new TextEncoder().encode(make(sender, n));
      const request = new Request(inbox, { method: 'POST', headers: { 'Content-Type': 'application/activity+json' }, body });
      const res = await fetch(await signRequest(request, privateKey, new URL(`${remoteOrigin}/users/${sender}#main-key`), { spec: 'rfc9421', body: body.buffer }));
      await res.body?.cancel();
      return res.status;
    };
    const signed = signedWith(follow);
    const bare = async (sender: number, n: number) => {
      const res = await fetch(`${origin}/bench/bare`, { method: 'POST', headers: { 'Content-Type': 'application/activity+json' }, body: follow(sender, n) });
      await res.body?.cancel();
      return res.status;
    };
    const first = await signed(0, 0);
    if (first !== 202) throw new Error(`the inbox refused the first Follow: ${first}`);
    round = 1;
    await run(WARMUP_MS, bare);
    await run(WARMUP_MS, signed);
    round = 2;
    const base = await run(DURATION_MS, bare);
    const inboxRun = await run(DURATION_MS, signed);
    const noteRun = await run(DURATION_MS, signedWith(note));
    const show = (label: string, r: Run) =>
      console.log(`${label.padEnd(46)} ${r.perSecond.toFixed(0).padStart(7)} /s   latency p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms${r.failures ? `, ${r.failures} failed` : ''}`);
    console.log(`${SENDERS} concurrent senders, ${DURATION_MS / 1000} s each after ${WARMUP_MS / 1000} s of warm-up, server in its own process`);
    show('baseline: bare Hono JSON endpoint, unsigned', base);
    show('signed Follow to an association inbox', inboxRun);
    show('signed Create{Note} (checked, then ignored)', noteRun);
    console.log(`ratio inbox / bare: ${((inboxRun.perSecond / base.perSecond) * 100).toFixed(1)} % (${(base.perSecond / inboxRun.perSecond).toFixed(1)}× slower: signature, checks, storage)`);
  } finally {
    child.kill('SIGTERM');
    await once(child, 'exit');
    remote.closeAllConnections();
    remote.close();
    const counted = /\{"processed":(\d+)\}/.exec(stderr);
    if (counted) console.log(`activities stored as processed: ${Number(counted[1]).toLocaleString('en')}`);
  }
}
